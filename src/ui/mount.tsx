// The full UI (consent-ui.js): the App with the settings dialog, texts from i18next at run time
// (German built in, the active language's locale file, the config's `texts` over both).

import type { ConsentApi, MountOptions, UiController } from '../contracts';
import { createTranslate } from './i18n';
import { mountApp } from './mount-app';
import { BANNER_CSS, DIALOG_CSS } from './styles';
import { WithSettings } from './WithSettings';

export function mountUi(api: ConsentApi, options: MountOptions): UiController {
  return mountApp(api, options, createTranslate(options.lang, options.messages, api.config.texts), WithSettings, BANNER_CSS + DIALOG_CSS);
}
