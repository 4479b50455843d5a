// Under a category in the settings: a service with its switch and its facts (provider, purpose,
// data sent, country and transfer basis, cookies and storage keys with their lifetimes), and
// the consent cookie itself in the session category.

import { Fragment, type ComponentChild } from 'preact';
import type { ConsentConfig } from '../core/config';
import { TAB_STATE_KEY, tabHint } from '../browser/tab-state';
import { OUTBOX_KEY } from '../browser/receipts';
import { consentCookie, type DisclosureContext, type ServiceFacts, type Stored } from '../core/disclosure';
import type { Translate } from './translate';

/** A switch's state: on, off, partly on (a category), or always on (session). */
export type State = 'on' | 'off' | 'partial' | 'always';

interface ServiceProps {
  facts: ServiceFacts;
  t: Translate;
  state: 'on' | 'off' | 'always';
  disabled?: boolean;
  /** Absent for a session service: it has no switch, it is always active. */
  onToggle?: () => void;
}

export function ServiceDetails({ facts, t, state, disabled, onToggle }: ServiceProps) {
  const titleId = `anx-svc-${facts.id}`;
  const { transfer } = facts;
  const rows: [string, ComponentChild][] = [];
  if (facts.provider) {
    rows.push([t('preferences.provider'), facts.privacyPolicyUrl ? <a href={facts.privacyPolicyUrl}>{facts.provider}</a> : facts.provider]);
  }
  if (facts.purpose) rows.push([t('preferences.purpose'), facts.purpose]);
  if (facts.dataSent) rows.push([t('preferences.dataSent'), facts.dataSent]);
  if (facts.country) rows.push([t('preferences.country'), facts.country]);
  if (transfer) {
    const where = transfer.recipient ? `${transfer.countries} (${transfer.recipient})` : transfer.countries;
    rows.push([t('preferences.transfer'), transfer.basis ? t('preferences.transferValue', { where, basis: transfer.basis }) : where]);
  }
  if (facts.hosts.length) rows.push([t('preferences.hosts'), facts.hosts.join(', ')]);
  return (
    <li class="anx-service">
      <div class="anx-service-head">
        <h4 class="anx-service-title" id={titleId}>
          {facts.label}
        </h4>
        {onToggle ? (
          <button
            type="button"
            role="switch"
            class="anx-switch"
            aria-checked={state === 'on' ? 'true' : 'false'}
            aria-labelledby={titleId}
            disabled={disabled}
            onClick={onToggle}
          >
            <span class="anx-switch-track" aria-hidden="true">
              <span class="anx-switch-thumb" />
            </span>
            <span class="anx-switch-state" aria-hidden="true">
              {t(`preferences.${state}`)}
            </span>
          </button>
        ) : (
          <span class="anx-switch-state">{t('preferences.alwaysActive')}</span>
        )}
      </div>
      <dl>
        {rows.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
        <StoredList term={t('preferences.cookies')} items={facts.cookies} t={t} />
        <StoredList term={t('preferences.storage')} items={facts.storage} t={t} />
      </dl>
    </li>
  );
}

function StoredList({ term, items, t }: { term: string; items: Stored[]; t: Translate }) {
  if (items.length === 0) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <ul class="anx-cookies">
          {items.map((item) => (
            <li key={item.name}>
              <code>{item.name}</code>
              {item.lifetime && ` – ${t('preferences.lifetime')}: ${item.lifetime}`}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

/**
 * The consent cookie and the rest of what the widget itself stores: the tab's flags and their
 * hint cookie (browser/tab-state.ts), and the receipt outbox when receipts are on.
 */
export function ConsentCookie({ t, ctx, config }: { t: Translate; ctx: DisclosureContext; config: ConsentConfig }) {
  const purpose = [t('preferences.consentCookiePurpose'), t('preferences.consentCookieTab'), config.receipts && t('preferences.consentCookieReceipts')].filter(Boolean).join(' ');
  const storage: Stored[] = [{ name: TAB_STATE_KEY, lifetime: t('preferences.untilTabClosed') }];
  if (config.receipts) storage.push({ name: OUTBOX_KEY, lifetime: t('preferences.untilDelivered') });
  return (
    <ServiceDetails
      t={t}
      state="always"
      facts={{
        id: 'consent-cookie',
        label: t('preferences.consentCookie'),
        provider: t('preferences.consentCookieProvider'),
        privacyPolicyUrl: config.privacyPolicyUrl,
        purpose,
        dataSent: '',
        country: '',
        cookies: [consentCookie(config, ctx.words), { name: tabHint(config.cookie.name), lifetime: t('preferences.untilBrowserClosed') }],
        storage,
        hosts: [],
      }}
    />
  );
}

