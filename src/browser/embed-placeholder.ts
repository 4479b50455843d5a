// The click-to-load placeholder ("Zwei-Klick-Lösung") shown in place of a blocked iframe: it
// names the service, says what is sent where (the service's `dataSent` and `country` from the
// config, else the IP address and browser details), links the provider's privacy notice, and
// offers "<Service> einmal laden" and "<Service> immer erlauben". Plain DOM in its own shadow root, so a learner who
// refused sees it without the UI chunk. No request reaches the embed's host before a click.
// consent.js puts an empty, embed-sized slot in place at once (embed-slot.ts) and loads this
// file (dist/consent-embed.js) to fill it, only on pages with a blocked iframe.

import { localize, type Language } from '../core/config';
import { countryName } from '../core/country';
import type { EmbedTexts, FillPlaceholder, PlaceholderInfo } from '../contracts';
import { embed as de, countries as deCountries } from '../../locales/de.json';
import { embed as en, countries as enCountries } from '../../locales/en.json';
import { addStyles } from './host';

const EMBED_TEXTS: Record<Language, EmbedTexts> = { de, en };
// Country names from the locales: the first use of Intl.DisplayNames costs about 225 ms at 4× CPU.
const COUNTRIES: Record<Language, Record<string, string>> = { de: deCountries, en: enCountries };

const CSS = `:host{display:flex;box-sizing:border-box;min-height:10rem}
.box{box-sizing:border-box;flex:1;display:flex;flex-direction:column;justify-content:center;gap:.6rem;padding:1.25rem;border:2px dashed #8a94a6;border-radius:.75rem;background:#f4f6fa;color:#1d2433;font-family:inherit;font-size:1rem;line-height:1.5}
.title{margin:0;font-weight:700;font-size:1.05rem}
p{margin:0}
a{color:#1f5fbf}
.actions{display:flex;flex-wrap:wrap;gap:.6rem}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border:2px solid #1f5fbf;border-radius:.5rem;background:#1f5fbf;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1f5fbf;outline-offset:3px}
@media (prefers-color-scheme:dark){.box{background:#1b2230;color:#e6edf3;border-color:#6b7689}a{color:#8ab8ff}button{background:#8ab8ff;border-color:#8ab8ff;color:#0b1220}}
@media (forced-colors:active){.box{border-color:CanvasText}button{border-color:ButtonText;background:ButtonFace;color:ButtonText}}`;

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** Fills a slot's shadow root (see embed-slot.ts) with the placeholder for `frame`. */
export const fillPlaceholder: FillPlaceholder = (root: ShadowRoot, frame: HTMLIFrameElement, info: PlaceholderInfo): void => {
  const doc = frame.ownerDocument;
  const texts = { ...EMBED_TEXTS[info.lang], ...info.overrides };
  addStyles(root, CSS, info.nonce);
  const src = frame.getAttribute('data-src') ?? '';
  let hostName = src;
  try {
    hostName = new URL(src, doc.baseURI).hostname;
  } catch {
    // keep the raw value
  }
  const country = info.details?.country ?? '';
  const values = {
    service: info.service,
    host: hostName,
    provider: info.provider ?? hostName,
    country: country && ` (${countryName(country, info.lang, (code) => COUNTRIES[info.lang][code])})`,
    data: localize(info.details?.dataSent, info.lang) || texts.defaultData,
  };
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const box = el('div', undefined, 'box');
  box.setAttribute('role', 'group');
  const title = el('p', fill(texts.title, values), 'title');
  title.id = 'title';
  box.setAttribute('aria-labelledby', 'title');
  box.append(title, el('p', fill(texts.text, values)), el('p', texts.always));
  if (info.privacyPolicyUrl) {
    const link = el('a', fill(texts.privacy, values));
    link.href = info.privacyPolicyUrl;
    link.target = '_blank';
    link.rel = 'noopener';
    const line = el('p');
    line.append(link);
    box.append(line);
  }
  const actions = el('div', undefined, 'actions');
  const once = el('button', fill(texts.loadOnce, values));
  const always = el('button', fill(texts.alwaysAllow, values));
  once.type = always.type = 'button';
  once.addEventListener('click', info.onLoadOnce);
  always.addEventListener('click', info.onAlwaysAllow);
  actions.append(once, always);
  box.append(actions);
  root.append(box);
};
