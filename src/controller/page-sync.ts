// Keeps the page in line with the choice in force and the signals: presets, blocked markup,
// the services' hooks, cookie deletion, the change event, and the reload a withdrawal of code
// that already ran needs.

import type { ConsentConfig, Service } from '../core/config';
import type { Emitter } from '../core/emitter';
import type { Say } from '../core/messages';
import { diffPermissions, permissionsFor, type Change, type Permissions, type Signals } from '../core/policy';
import { isoTime } from '../core/time';
import type { Activator } from '../browser/activator';
import { deleteCookies } from '../browser/cleaner';
import type { Notice } from '../browser/notice';
import { deleteStorage } from '../browser/storage-cleaner';
import type { TabState } from '../browser/tab-state';
import type { ChangeEvent, Consent, Source } from '../contracts';
import type { Decisions } from './decisions';
import type { startPresets } from './presets';

export interface PageSyncOptions {
  config: ConsentConfig;
  win: Window;
  say: Say;
  signals: Signals;
  decisions: Decisions;
  emitter: Emitter<{ ready: Consent | null; change: ChangeEvent }>;
  /** What already ran on this page (`service:<id>`, `category:<id>`). */
  ran: Set<string>;
  tabState: TabState;
  notify(notice: Notice): void;
  /** Reloads the page (start.ts first lets the decision's receipt reach the outbox). */
  reload(): void;
}

export function createPageSync({ config, win, say, signals, decisions, emitter, ran, tabState, notify, reload }: PageSyncOptions) {
  let permissions: Permissions = permissionsFor(config, decisions.choice, signals);
  let presets: ReturnType<typeof startPresets>;
  let activator: Activator;

  function callService(service: Service, hook: 'onAccept' | 'onReject') {
    const fn = service[hook];
    if (!fn) return;
    if (hook === 'onAccept') ran.add(`service:${service.id}`);
    try {
      fn.call(undefined);
    } catch (error) {
      say('error', 'hook-threw', service.id, hook, String(error));
    }
  }

  /** Deletes the cookies and storage keys of every service that is not allowed now. */
  function cleanDenied() {
    const denied = config.services.filter((s) => !permissions.services[s.id]);
    deleteCookies(win.document, denied.flatMap((s) => s.cookies), [config.cookie.name]);
    deleteStorage(win, denied.flatMap((s) => s.storage));
  }

  function toConsent(): Consent | null {
    const { choice } = decisions;
    if (!choice) return null;
    return {
      id: choice.id,
      revision: choice.revision,
      decidedAt: isoTime(choice.decidedAt),
      categories: { ...permissions.categories },
      services: { ...permissions.services },
    };
  }

  return {
    permissions: () => permissions,
    toConsent,
    /** Connects the parts that act on the page (they need `permissions` first). */
    attach(parts: { presets: typeof presets; activator: Activator }) {
      ({ presets, activator } = parts);
    },
    /** Takes the choice in force as it is now, without acting on it (the start does that). */
    recompute() {
      permissions = permissionsFor(config, decisions.choice, signals);
    },
    /** The start: vendor defaults before anything else, then what the stored choice allows. */
    start() {
      presets.start(permissions, decisions.choice !== null);
      activator.refresh();
      for (const service of config.services) if (permissions.services[service.id]) callService(service, 'onAccept');
      if (decisions.choice) cleanDenied();
    },
    /**
     * Brings the page in line with the current choice and signals, and announces the change.
     * `afterApply` runs once presets and gated scripts have started, before anyone is told.
     */
    update(source: Source, decided: boolean, afterApply?: () => void): Change {
      const before = permissions;
      permissions = permissionsFor(config, decisions.choice, signals);
      const { granted, revoked } = diffPermissions(before, permissions);
      presets.update(permissions, before);
      activator.refresh();
      afterApply?.();
      for (const service of config.services) {
        if (granted.services[service.id]) callService(service, 'onAccept');
        else if (!permissions.services[service.id] && (revoked.services[service.id] || decided)) callService(service, 'onReject');
      }
      if (decisions.choice || source === 'reset') cleanDenied();
      const reloadRequired =
        Object.keys(revoked.categories).some((id) => ran.has(`category:${id}`)) ||
        Object.keys(revoked.services).some((id) => ran.has(`service:${id}`));
      emitter.emit('change', {
        consent: toConsent(),
        granted: { categories: Object.keys(granted.categories), services: Object.keys(granted.services) },
        revoked: { categories: Object.keys(revoked.categories), services: Object.keys(revoked.services) },
        reloadRequired,
        source,
      });
      if (reloadRequired && config.reloadOnWithdraw) {
        // Another tab is never reloaded behind the learner's back (unsaved input survives): it
        // says that a reload completes the change. This tab reloads, and then says it saved.
        if (source === 'tab') notify('otherTab');
        else {
          tabState.set('saved', true);
          reload();
        }
      }
      return { granted, revoked };
    },
  };
}

export type PageSync = ReturnType<typeof createPageSync>;
