// Entry of the first layer's chunk (dist/consent-banner.<lang>.js): the banner alone, with the
// texts i18next resolved for <lang> at build time (rollup.config.ts writes the table in). The
// settings dialog is the full UI's (consent-ui.js); the loader swaps it in when it is asked for.

import texts from 'virtual:first-layer-texts';
import { handOver } from '../browser/chunks';
import type { MountUi } from '../contracts';
import { mountApp } from './mount-app';
import { tableTranslate } from './translate';

const mountFirstLayer: MountUi = (api, options) => mountApp(api, options, tableTranslate(options.lang, texts));

handOver('banner', mountFirstLayer);
