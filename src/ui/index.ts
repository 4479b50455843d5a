// Entry of the lazily loaded UI chunk (dist/consent-ui.js): hands its mount function to the
// consent.js that loaded it.
import { handOver } from '../browser/chunks';
import { mountUi } from './mount';

handOver('ui', mountUi);
