// Entry of dist/consent-check.js: the full config validator, with a message for every problem,
// and the texts of the widget's other console messages. consent.js loads it only when there is
// something to say: its lean normalizer found a problem, or it logs a message by code.
import { handOver } from './browser/chunks';
import { validateConfig } from './core/config';
import { describe } from './core/messages';

export interface Diagnostics {
  validateConfig: typeof validateConfig;
  describe: typeof describe;
}

handOver('check', { validateConfig, describe } satisfies Diagnostics);
