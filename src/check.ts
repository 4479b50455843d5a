// Entry of dist/consent-check.js: the texts of the config rules' findings (with "did you mean")
// and of the widget's other console messages. consent.js loads it only when there is
// something to say: the config rules found a problem, or it logs a message by code.
import { handOver } from './browser/chunks';
import { describe } from './core/messages';
import { explainFindings } from './diagnostics/validate';
import type { Diagnostics } from './contracts';

handOver('check', { explainFindings, describe } satisfies Diagnostics);
