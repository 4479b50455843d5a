// The learner's choice in force: read from the cookie and judged, made from a decision, stored.
// Only a valid stored choice is in force; an outdated one keeps its id (one learner, one consent
// id across re-asks) and says why the banner asks again.

import { decodeChoice, encodeChoice, expiresAt, judgeChoice, type Choice } from '../core/choice';
import type { ConsentConfig } from '../core/config';
import { applyDecision, type Decision, type Signals } from '../core/policy';
import type { ChoiceStore } from '../browser/cookie-store';
import type { AskReason } from '../contracts';

export interface Decisions {
  readonly choice: Choice | null;
  readonly askReason: AskReason | null;
  /** The consent id: from the stored choice (valid or not), else made on the first decision. */
  readonly id: string | undefined;
  /** Whether a stored choice was found at start that no longer counts. */
  readonly lapsed: boolean;
  /** Makes a decision the choice in force (in memory; `persist` stores it). */
  record(decision: Decision): void;
  persist(): void;
  /** Forgets the choice, here and in the cookie. */
  forget(): void;
  /** Reads the cookie again (another tab decided); true when the choice in force changed. */
  reread(): boolean;
}

export function createDecisions(config: ConsentConfig, store: ChoiceStore, signals: Signals, now: () => number, newId: () => string): Decisions {
  const read = () => {
    const found = decodeChoice(store.read());
    return { found, verdict: found ? judgeChoice(found, config.revision, config.cookie.expiresDays, now()) : null };
  };
  const { found, verdict } = read();
  let choice = verdict === 'valid' ? found : null;
  let askReason: AskReason | null = verdict === 'valid' ? null : verdict ?? 'no-choice';
  let id = found?.id;

  return {
    get choice() {
      return choice;
    },
    get askReason() {
      return askReason;
    },
    get id() {
      return id;
    },
    lapsed: !!found && verdict !== 'valid',
    record(decision) {
      const accepted = applyDecision(config, choice, decision, signals);
      id ??= newId();
      // Whole seconds: the cookie stores seconds, and getConsent() must read the same before and after a reload.
      choice = { id, revision: config.revision, decidedAt: Math.floor(now() / 1000) * 1000, ...accepted };
      askReason = null;
    },
    persist() {
      if (choice) store.write(encodeChoice(choice), new Date(expiresAt(choice, config.cookie.expiresDays)));
    },
    forget() {
      store.remove();
      choice = null;
      askReason = 'no-choice';
    },
    reread() {
      const { found: next, verdict: judged } = read();
      const valid = judged === 'valid' ? next : null;
      if ((valid && encodeChoice(valid)) === (choice && encodeChoice(choice))) return false;
      choice = valid;
      id = valid?.id ?? id;
      askReason = valid ? null : 'no-choice';
      return true;
    },
  };
}
