// The console: messages by code, said now (the ES module has the texts) or once the diagnostics
// chunk has brought them (consent.js), and config problems in the contract's form.

import type { Problem } from '../core/config';
import { bareMessage, type Describe, type Say } from '../core/messages';
import type { Logger } from '../contracts';

const PREFIX = '[asmeronexa-consent]';

export const consoleLogger: Logger = {
  error: (m) => console.error(`${PREFIX} ${m}`),
  warn: (m) => console.warn(`${PREFIX} ${m}`),
  info: (m) => console.info(`${PREFIX} ${m}`),
};

/** Logs a message by code, in its text from `explain` (now, or once the texts have come: in order). */
export function speaker(log: Logger, explain: Describe = bareMessage): Say {
  return (level, code, ...details) => {
    const text = explain(code, details);
    if (typeof text === 'string') log[level](text);
    else text.then((t) => log[level](t));
  };
}

/** One line per problem, naming the config path (contract §4). */
export function logProblems(problems: Problem[], log: Logger): void {
  for (const { level, path, message } of problems) {
    (level === 'error' ? log.error : log.warn)(`${path === 'config' ? 'config' : `config.${path}`}: ${message}`);
  }
}
