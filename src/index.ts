// The ES module entry, for bundler users and tests:
//   import { createConsent, installPageApi } from 'asmeronexa-consent';
export { createConsent, VERSION } from './consent';
export type { ConsentApi, ConsentOptions, Consent, ChangeEvent, Source, AskReason, Logger } from './consent';
export { installPageApi, READY_EVENT, CHANGE_EVENT, DATALAYER_EVENT } from './browser/page-api';
export type { PageApi } from './browser/page-api';
export { validateConfig } from './core/config';
export type {
  ConsentConfigInput, ServiceInput, CategoryInput, CookieRuleInput, ConsentConfig, Problem, Language, Localized,
} from './core/config';
export { encodeChoice, decodeChoice, judgeChoice } from './core/choice';
export type { Choice, Verdict } from './core/choice';
