// The settings dialog (WAI-ARIA APG modal dialog): a switch per category and, under it on
// demand, a switch per service with its facts (provider, purpose, data sent, country and
// transfer basis, cookies and storage keys with their lifetimes); the consent cookie itself in
// the session category; the legal basis; the learner's consent id and decision date; and three
// equal buttons. A category with only some of its services on reads "teilweise".

import { useRef, useState } from 'preact/hooks';
import { localize, type Category, type ConsentConfig, type Language, type Service } from '../core/config';
import { serviceFacts } from '../core/disclosure';
import type { Consent } from '../contracts';
import { useModal } from './modal';
import { Actions } from './Actions';
import type { Translate } from './translate';
import { disclosureContext } from './facts';
import { ConsentCookie, ServiceDetails, type State } from './ServiceDetails';

export interface PreferencesProps {
  t: Translate;
  lang: Language;
  config: ConsentConfig;
  consent: Consent | null;
  /** The browser sends Global Privacy Control: say that it is honoured. */
  gpc: boolean;
  /** Whether a category may be switched on (not for a known minor, say). */
  offerable(category: string): boolean;
  onSave(categories: Record<string, boolean>, services: Record<string, boolean>): void;
  onAcceptAll(): void;
  onRejectAll(): void;
  onClose(): void;
}


export function Preferences({ t, lang, config, consent, gpc, offerable, onSave, onAcceptAll, onRejectAll, onClose }: PreferencesProps) {
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useModal(box, { active: true, initialFocus: heading, onEscape: onClose });

  const optional = config.categories.filter((c) => !c.required);
  const servicesOf = (category: Category) => config.services.filter((s) => s.category === category.id);
  // A draft: switching does not save (WCAG 3.2.2); only the buttons do. Services start as the
  // stored choice has them, so one allowed through an embed's "Immer erlauben" shows as on.
  const [draft, setDraft] = useState(() => ({
    categories: Object.fromEntries(optional.map((c) => [c.id, consent?.categories[c.id] === true])),
    services: Object.fromEntries(
      config.services.filter((s) => optional.some((c) => c.id === s.category)).map((s) => [s.id, consent?.services[s.id] === true]),
    ),
  }));
  const [open, setOpen] = useState<Record<string, boolean>>({});

  const ctx = disclosureContext(t, lang, document);
  const label = (category: Category) => localize(category.label, lang) || t(`categories.${category.id}.label`) || category.id;
  const description = (category: Category) => localize(category.description, lang) || t(`categories.${category.id}.description`);

  /** A category with services is on when all of them are, "teilweise" when some are. */
  const stateOf = (category: Category): State => {
    if (category.required) return 'always';
    const services = servicesOf(category);
    if (services.length === 0) return draft.categories[category.id] ? 'on' : 'off';
    const on = services.filter((s) => draft.services[s.id]).length;
    return on === services.length ? 'on' : on > 0 ? 'partial' : 'off';
  };
  const toggleCategory = (category: Category) => {
    const next = stateOf(category) !== 'on';
    const services = { ...draft.services };
    for (const s of servicesOf(category)) services[s.id] = next;
    setDraft({ categories: { ...draft.categories, [category.id]: next }, services });
  };
  const toggleService = (service: Service) => {
    const services = { ...draft.services, [service.id]: !draft.services[service.id] };
    const category = config.categories.find((c) => c.id === service.category)!;
    // The category as a whole is accepted only while every one of its services is.
    const all = servicesOf(category).every((s) => services[s.id]);
    setDraft({ categories: { ...draft.categories, [category.id]: all }, services });
  };
  const save = () => {
    const categories = { ...draft.categories };
    for (const category of optional) if (servicesOf(category).length) categories[category.id] = stateOf(category) === 'on';
    onSave(categories, draft.services);
  };
  const stateText = (state: State) => t(state === 'always' ? 'preferences.alwaysActive' : `preferences.${state}`);

  return (
    <div class="anx-backdrop">
      <div ref={box} class="anx-dialog" role="dialog" aria-modal="true" aria-labelledby="anx-prefs-title" aria-describedby="anx-prefs-intro">
        <div class="anx-dialog-head">
          <h2 id="anx-prefs-title" class="anx-title" tabIndex={-1} ref={heading}>
            {t('preferences.title')}
          </h2>
          <button type="button" class="anx-close" aria-label={t('preferences.close')} title={t('preferences.close')} onClick={onClose}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6Z" />
            </svg>
          </button>
        </div>
        <div class="anx-dialog-body">
          <p id="anx-prefs-intro" class="anx-text">{t('preferences.intro')}</p>
          <p class="anx-text anx-muted">{t('preferences.legalBasis')}</p>
          {gpc && <p class="anx-notice">{t('preferences.gpcNotice')}</p>}
          <ul class="anx-categories">
            {config.categories.map((category) => {
              const services = servicesOf(category);
              const locked = !category.required && !offerable(category.id);
              const state: State = locked ? 'off' : stateOf(category);
              const labelId = `anx-cat-${category.id}`;
              const stateId = `anx-state-${category.id}`;
              const listId = `anx-services-${category.id}`;
              const onCount = services.filter((s) => draft.services[s.id]).length;
              // The consent cookie is the site's own session cookie: listed, with its real lifetime.
              const entries = category.required ? services.length + 1 : services.length;
              return (
                <li class="anx-category" key={category.id}>
                  <div class="anx-category-head">
                    <h3 id={labelId} class="anx-category-title">
                      {label(category)}
                    </h3>
                    <button
                      type="button"
                      role="switch"
                      class="anx-switch"
                      aria-checked={state === 'on' || state === 'always' ? 'true' : 'false'}
                      aria-labelledby={labelId}
                      // The state in words is announced too: "immer aktiv", "teilweise: 1 von 2 Diensten an".
                      aria-describedby={[stateId, locked ? `anx-locked-${category.id}` : ''].join(' ').trim()}
                      disabled={category.required || locked}
                      onClick={() => toggleCategory(category)}
                    >
                      <span class="anx-switch-track" aria-hidden="true">
                        <span class={`anx-switch-thumb${state === 'partial' ? ' anx-switch-thumb--partial' : ''}`} />
                      </span>
                      <span class="anx-switch-state" id={stateId}>
                        {stateText(state)}
                        {state === 'partial' && (
                          <span class="anx-visually-hidden">: {t('preferences.partialDetail', { on: onCount, total: services.length })}</span>
                        )}
                      </span>
                    </button>
                  </div>
                  <p class="anx-text anx-muted">{description(category)}</p>
                  {locked && (
                    <p class="anx-text anx-locked" id={`anx-locked-${category.id}`}>
                      {t('preferences.minorNotice')}
                    </p>
                  )}
                  {entries > 0 && (
                    <>
                      <button
                        type="button"
                        class="anx-disclosure"
                        aria-expanded={open[category.id] ? 'true' : 'false'}
                        aria-controls={listId}
                        onClick={() => setOpen({ ...open, [category.id]: !open[category.id] })}
                      >
                        {open[category.id] ? t('preferences.hideServices') : t('preferences.showServices')} ({entries})
                      </button>
                      <ul id={listId} class="anx-services" hidden={!open[category.id]}>
                        {services.map((service) => (
                          <ServiceDetails
                            key={service.id}
                            facts={serviceFacts(service, ctx)}
                            t={t}
                            state={category.required ? 'always' : !locked && draft.services[service.id] ? 'on' : 'off'}
                            disabled={locked}
                            onToggle={category.required ? undefined : () => toggleService(service)}
                          />
                        ))}
                        {category.required && <ConsentCookie t={t} ctx={ctx} config={config} />}
                      </ul>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          {consent && (
            <dl class="anx-record">
              <dt>{t('preferences.consentId')}</dt>
              <dd>
                <code>{consent.id}</code>
              </dd>
              <dt>{t('preferences.decidedAt')}</dt>
              <dd>{formatDate(consent.decidedAt, t)}</dd>
              <dd class="anx-muted anx-record-help">{t('preferences.consentIdHelp')}</dd>
            </dl>
          )}
        </div>
        <Actions
          extraClass="anx-dialog-actions"
          actions={[
            [t('preferences.rejectAll'), onRejectAll],
            [t('preferences.acceptAll'), onAcceptAll],
            [t('preferences.save'), save],
          ]}
        />
      </div>
    </div>
  );
}

/**
 * "2. Dezember 2026 um 01:09", as Intl's long date and short time say it, in local time, from
 * the locale: the first use of Intl's date formatting costs about 360 ms at 4× CPU (its ICU
 * data), on the way to a withdrawal. test/unit/ui/preferences-date.test.ts holds it equal to Intl.
 */
export function formatDate(iso: string, t: Translate): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return t('preferences.dateTime', {
    day: date.getDate(),
    month: t('preferences.months').split('|')[date.getMonth()],
    year: date.getFullYear(),
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  });
}
