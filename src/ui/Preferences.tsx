// The settings dialog (WAI-ARIA APG modal dialog): one switch per category, its services on
// demand, the learner's consent id and decision date, and three equal buttons.

import { useRef, useState } from 'preact/hooks';
import type { Category, ConsentConfig, Language, Service } from '../core/config';
import type { Consent } from '../contracts';
import { useModal } from './modal';
import { Actions } from './Actions';
import { localize, type Translate } from './i18n';

interface Props {
  t: Translate;
  lang: Language;
  config: ConsentConfig;
  consent: Consent | null;
  /** The browser sends Global Privacy Control: say that it is honoured. */
  gpc: boolean;
  /** Whether a category may be switched on (not for a known minor, say). */
  offerable(category: string): boolean;
  onSave(categories: Record<string, boolean>): void;
  onAcceptAll(): void;
  onRejectAll(): void;
  onClose(): void;
}

export function Preferences({ t, lang, config, consent, gpc, offerable, onSave, onAcceptAll, onRejectAll, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useModal(box, { active: true, initialFocus: heading, onEscape: onClose });

  // A draft: switching does not save (WCAG 3.2.2); only the buttons do.
  const [draft, setDraft] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(config.categories.filter((c) => !c.required).map((c) => [c.id, consent?.categories[c.id] === true])),
  );
  const [open, setOpen] = useState<Record<string, boolean>>({});

  const label = (category: Category) => localize(category.label, lang) || t(`categories.${category.id}.label`) || category.id;
  const description = (category: Category) => localize(category.description, lang) || t(`categories.${category.id}.description`);

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
          {gpc && <p class="anx-notice">{t('preferences.gpcNotice')}</p>}
          <ul class="anx-categories">
            {config.categories.map((category) => {
              const services = config.services.filter((s) => s.category === category.id);
              const locked = !category.required && !offerable(category.id);
              const on = category.required || (!locked && draft[category.id]);
              const labelId = `anx-cat-${category.id}`;
              const listId = `anx-services-${category.id}`;
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
                      aria-checked={on ? 'true' : 'false'}
                      aria-labelledby={labelId}
                      disabled={category.required || locked}
                      aria-describedby={locked ? `anx-locked-${category.id}` : undefined}
                      onClick={() => setDraft({ ...draft, [category.id]: !draft[category.id] })}
                    >
                      <span class="anx-switch-track" aria-hidden="true">
                        <span class="anx-switch-thumb" />
                      </span>
                      <span class="anx-switch-state" aria-hidden="true">
                        {category.required ? t('preferences.alwaysActive') : on ? t('preferences.on') : t('preferences.off')}
                      </span>
                    </button>
                  </div>
                  <p class="anx-text anx-muted">{description(category)}</p>
                  {locked && (
                    <p class="anx-text anx-locked" id={`anx-locked-${category.id}`}>
                      {t('preferences.minorNotice')}
                    </p>
                  )}
                  {services.length > 0 && (
                    <>
                      <button
                        type="button"
                        class="anx-disclosure"
                        aria-expanded={open[category.id] ? 'true' : 'false'}
                        aria-controls={listId}
                        onClick={() => setOpen({ ...open, [category.id]: !open[category.id] })}
                      >
                        {open[category.id] ? t('preferences.hideServices') : t('preferences.showServices')} ({services.length})
                      </button>
                      <ul id={listId} class="anx-services" hidden={!open[category.id]}>
                        {services.map((service) => (
                          <ServiceDetails key={service.id} service={service} t={t} lang={lang} />
                        ))}
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
              <dd>{formatDate(consent.decidedAt, lang)}</dd>
              <dd class="anx-muted anx-record-help">{t('preferences.consentIdHelp')}</dd>
            </dl>
          )}
        </div>
        <Actions
          extraClass="anx-dialog-actions"
          actions={[
            [t('preferences.rejectAll'), onRejectAll],
            [t('preferences.acceptAll'), onAcceptAll],
            [t('preferences.save'), () => onSave(draft)],
          ]}
        />
      </div>
    </div>
  );
}

function ServiceDetails({ service, t, lang }: { service: Service; t: Translate; lang: Language }) {
  const cookies = service.cookies.filter((rule) => rule.lifetime !== undefined || typeof rule.name === 'string');
  // The config's words first; for a preset, its texts from the locale (presets.<name>.*).
  const text = (key: 'label' | 'provider' | 'description') =>
    localize(service[key], lang) || (service.preset ? t(`presets.${service.preset}.${key}`) : '');
  const provider = text('provider');
  const description = text('description');
  return (
    <li class="anx-service">
      <h4 class="anx-service-title">{text('label') || service.id}</h4>
      <dl>
        {provider && (
          <>
            <dt>{t('preferences.provider')}</dt>
            <dd>{service.privacyPolicyUrl ? <a href={service.privacyPolicyUrl}>{provider}</a> : provider}</dd>
          </>
        )}
        {description && (
          <>
            <dt>{t('preferences.purpose')}</dt>
            <dd>{description}</dd>
          </>
        )}
        {cookies.length > 0 && (
          <>
            <dt>{t('preferences.cookies')}</dt>
            <dd>
              <ul class="anx-cookies">
                {cookies.map((rule) => (
                  <li key={rule.displayName}>
                    <code>{rule.displayName}</code>
                    {rule.lifetime && ` – ${t('preferences.lifetime')}: ${localize(rule.lifetime, lang)}`}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function formatDate(iso: string, lang: Language): string {
  try {
    return new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
  } catch {
    return iso;
  }
}
