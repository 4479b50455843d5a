// Mounts the App into the widget's shadow root and hands the core a controller. Two chunks do
// this: consent-ui.js with the settings dialog and i18next at run time (mount.tsx), and the first
// layer's consent-banner.<lang>.js with the texts i18next resolved at build time (first-layer.ts).

import { render } from 'preact';
import type { ConsentApi, MountOptions, UiController } from '../contracts';
import { addStyles } from '../browser/host';
import { App, type Control } from './App';
import { BANNER_CSS } from './styles';
import type { Translate } from './translate';

export function mountApp(
  api: ConsentApi,
  { root, lang, nonce, onOpenChange, openSettings, prepareSettings }: MountOptions,
  t: Translate,
  Root: typeof App = App,
  css = BANNER_CSS,
): UiController {
  addStyles(root, css, nonce);
  const container = root.ownerDocument.createElement('div');
  root.append(container);
  const control: Control = {};
  render(<Root api={api} root={root} t={t} lang={lang} control={control} onOpenChange={onOpenChange} onSettingsWanted={openSettings} onSettingsIntent={prepareSettings} />, container);
  return {
    show: (view, opener) => control.show?.(view, opener),
    destroy() {
      render(null, container);
      container.remove();
    },
  };
}
