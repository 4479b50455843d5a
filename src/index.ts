// The ES module entry, for bundler users and tests:
//   import { createConsent, installPageApi } from 'asmeronexa-consent';
export { createConsent } from './consent';
export { VERSION } from './core/version';
export type { ConsentOptions } from './controller/start';
export type { ConsentApi, Consent, ChangeEvent, Source, AskReason, Logger } from './contracts';
export { installPageApi, READY_EVENT, CHANGE_EVENT, DATALAYER_EVENT } from './browser/page-api';
export type { PageApi } from './browser/page-api';
export { validateConfig } from './diagnostics/validate';
export type {
  ConsentConfigInput, ServiceInput, CategoryInput, CookieRuleInput, ConsentConfig, Problem, Language, Localized,
} from './core/config';
export type { PresetName } from './vendors/registry';
export { encodeChoice, decodeChoice, judgeChoice } from './core/choice';
export type { Choice, Verdict } from './core/choice';
