// Entry of dist/consent-check.js: the full config validator, with a message for every problem.
// consent.js loads it only when its lean normalizer found something to report.
import { handOver } from './browser/chunks';
import { validateConfig } from './core/config';

handOver('check', validateConfig);
