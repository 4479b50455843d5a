// Which language the UI speaks: config `language`, else <html lang>, else the browser's
// languages; German is the fallback (contract §7).
import type { Language } from '../core/config';

export function resolveLanguage(setting: Language | 'auto', doc: Document, nav: Pick<Navigator, 'languages' | 'language'>): Language {
  if (setting !== 'auto') return setting;
  const candidates = [doc.documentElement.lang, ...(nav.languages ?? []), nav.language];
  for (const tag of candidates) {
    const primary = (tag ?? '').toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'de';
}
