// The ES module's controller entry: validates the config (logging each problem with its text),
// then starts the controller with the placeholder filler, the notice box, the receipts and the
// message texts built in.
// consent.js (boot.ts) starts the same controller with the lean path instead.

import { describe } from './core/messages';
import { fillPlaceholder } from './browser/embed-placeholder';
import { noticeBox } from './browser/notice-box';
import { openReceiptOutbox } from './browser/receipts';
import { startConsent, type ConsentOptions } from './controller/start';
import { consoleLogger, logProblems } from './controller/logging';
import { validateConfig } from './diagnostics/validate';
import type { ConsentApi } from './contracts';

export function createConsent(rawConfig: unknown, options: ConsentOptions = {}): ConsentApi {
  const { config, problems } = validateConfig(rawConfig);
  logProblems(problems, options.logger ?? consoleLogger);
  return startConsent(config, problems, { placeholders: () => fillPlaceholder, noticeBox: () => noticeBox, receipts: () => openReceiptOutbox, describe, ...options });
}
