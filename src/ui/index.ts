// Entry of the lazily loaded UI chunk (dist/consent-ui.js): hands its mount function to the
// core, which registered a callback under UI_KEY before adding this script to the page.
import { UI_KEY, type MountUi } from '../browser/ui-loader';
import { mountUi } from './mount';

const registry = window as unknown as Record<symbol, ((mount: MountUi) => void) | undefined>;
const hand = registry[UI_KEY];
if (typeof hand === 'function') hand(mountUi);
else console.error('[asmeronexa-consent] consent-ui.js was loaded without consent.js; it does nothing on its own');
