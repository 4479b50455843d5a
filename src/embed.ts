// Entry of dist/consent-embed.js: fills the click-to-load placeholders of blocked iframes.
// consent.js loads it only on pages with an iframe that is blocked.
import { handOver } from './browser/chunks';
import { fillPlaceholder } from './browser/embed-placeholder';

handOver('embed', fillPlaceholder);
