// Mounts the UI into the widget's shadow root and hands the core a controller.

import { render } from 'preact';
import type { ConsentApi } from '../contracts';
import { addStyles } from '../browser/host';
import type { MountOptions, UiController } from '../contracts';
import { App, type Control } from './App';
import { createTranslate } from './i18n';
import { CSS } from './styles';

export function mountUi(api: ConsentApi, { root, lang, messages, nonce, onOpenChange }: MountOptions): UiController {
  addStyles(root, CSS, nonce);
  const container = root.ownerDocument.createElement('div');
  root.append(container);
  const t = createTranslate(lang, messages, api.config.texts);
  const control: Control = {};
  render(<App api={api} root={root} t={t} lang={lang} control={control} onOpenChange={onOpenChange} />, container);
  return { show: (view, opener) => control.show?.(view, opener) };
}
