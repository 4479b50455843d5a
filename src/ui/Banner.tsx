// The first layer. By default a non-modal region, first in the tab order (no focus trap, no
// aria-modal); with config `blocking: true` a true modal dialog, except on the privacy policy
// and imprint pages, which stay readable. Three equal buttons; nothing here closes it without a
// decision. Its text names every recipient "Alle akzeptieren" enables, from the config.

import { Component, createRef } from 'preact';
import { localize, type ConsentConfig, type Language } from '../core/config';
import { consentCookie, recipients } from '../core/disclosure';
import { trapFocus } from './focus-trap';
import { Actions } from './Actions';
import type { Translate } from './translate';
import { disclosureContext, isLegalPage } from './facts';

interface Props {
  t: Translate;
  lang: Language;
  config: ConsentConfig;
  /** Whether a category may be switched on (not for a known minor, say). */
  offerable(category: string): boolean;
  revisionChanged: boolean;
  /** A known minor: some categories are not offered. */
  minor: boolean;
  /** The settings dialog is open on top: the banner is inert meanwhile. */
  behindDialog: boolean;
  onAcceptAll(): void;
  onRejectAll(): void;
  onSettings(): void;
  /** "Einstellungen" may be pressed soon: the first layer starts fetching the dialog. */
  onSettingsIntent?(): void;
}

// A class, not hooks: the first layer's chunk then needs no preact/hooks (1 KB on every first visit).
export class Banner extends Component<Props> {
  box = createRef<HTMLElement>();
  heading = createRef<HTMLHeadingElement>();
  /** Ends the focus trap (blocking mode) or the space reservation (non-modal), whichever is on. */
  private trapped?: () => void;
  private reserved?: () => void;

  private get modal() {
    return this.props.config.blocking && !isLegalPage(this.props.config, document);
  }

  componentDidMount() {
    this.sync();
  }
  componentDidUpdate() {
    this.sync();
  }
  componentWillUnmount() {
    this.trapped?.();
    this.reserved?.();
  }

  private sync() {
    const box = this.box.current;
    if (!box) return;
    const trap = this.modal && !this.props.behindDialog;
    if (trap && !this.trapped) this.trapped = trapFocus(box, this.heading.current);
    if (!trap && this.trapped) this.trapped = void this.trapped();
    if (!this.modal && !this.reserved) this.reserved = reserveSpace(box);
  }

  render() {
    const { t, lang, config, offerable, revisionChanged, minor, behindDialog, onAcceptAll, onRejectAll, onSettings, onSettingsIntent } = this.props;
    const modal = this.modal;
    const links = [
      [config.privacyPolicyUrl, t('banner.privacyPolicy')],
      [config.imprintUrl, t('banner.imprint')],
    ].filter(([href]) => href);

    // Who receives data after "Alle akzeptieren", per category, and who may take it out of the EU.
    const ctx = disclosureContext(t, lang, document);
    const groups = recipients(config, ctx, offerable);
    const transfers = groups.flatMap((g) => g.services).filter((s) => s.transfer);

    return (
      <section
        ref={this.box}
        class={`anx-banner${modal ? ' anx-banner--modal' : ''}`}
        role={modal ? 'dialog' : 'region'}
        aria-modal={modal ? 'true' : undefined}
        aria-labelledby="anx-banner-title"
        aria-describedby="anx-banner-text"
        inert={behindDialog}
      >
        <h2 id="anx-banner-title" class="anx-title" tabIndex={-1} ref={this.heading}>
          {t('banner.title')}
        </h2>
        {revisionChanged && <p class="anx-notice">{t('banner.revisionNotice')}</p>}
        <p id="anx-banner-text" class="anx-text">{t('banner.text')}</p>
        {groups.length > 0 && (
          <>
            <p class="anx-text anx-lead" id="anx-banner-recipients">{t('banner.recipients')}</p>
            <ul class="anx-recipients" aria-labelledby="anx-banner-recipients">
              {groups.map(({ category, services }) => (
                <li key={category.id}>
                  <strong>{localize(category.label, lang) || t(`categories.${category.id}.label`) || category.id}</strong>
                  {services.length > 0
                    ? ` (${t('banner.services', { count: services.length })}): ${services.map((s) => s.label).join(', ')}`
                    : ` (${t('banner.noServices')})`}
                </li>
              ))}
            </ul>
          </>
        )}
        {transfers.map(({ id, label, transfer }) => (
          <p class="anx-text" key={id}>
            {t(transfer!.basis ? 'banner.transfer' : 'banner.transferNoBasis', {
              service: label,
              where: transfer!.recipient ? `${transfer!.countries} (${transfer!.recipient})` : transfer!.countries,
              basis: transfer!.basis,
            })}
          </p>
        ))}
        <p class="anx-text">{t('banner.withdraw', { lifetime: consentCookie(config, ctx.words).lifetime })}</p>
        {minor && <p class="anx-notice">{t('banner.minorNotice')}</p>}
        {links.length > 0 && (
          <p class="anx-links">
            {links.map(([href, label]) => (
              <a href={href} key={href}>
                {label}
              </a>
            ))}
          </p>
        )}
        <Actions
          actions={[
            [t('banner.acceptAll'), onAcceptAll],
            [t('banner.rejectAll'), onRejectAll],
            [t('banner.settings'), onSettings, onSettingsIntent],
          ]}
        />
      </section>
    );
  }
}

/**
 * WCAG 2.4.11: while the non-modal banner covers the bottom of the page, the page scrolls a
 * focused element clear of it (scroll-padding), and a spacer at the end of the page lets even
 * the last elements scroll above it, instead of being tabbed to behind it. Returns the undo.
 */
function reserveSpace(el: HTMLElement): () => void {
  const doc = el.ownerDocument;
  const root = doc.documentElement;
  const before = root.style.scrollPaddingBottom;
  const spacer = doc.createElement('div');
  spacer.setAttribute('aria-hidden', 'true');
  doc.body.append(spacer);
  const reserve = () => {
    const height = `${el.offsetHeight + 16}px`;
    root.style.scrollPaddingBottom = height;
    spacer.style.height = height;
  };
  // The observer's first call comes after the layout the first paint needs anyway, before that
  // paint; reading the height here at mount would force an extra layout of the whole page
  // (about 80 ms at 4× on the bench's page).
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(reserve) : null;
  if (observer) observer.observe(el);
  else reserve();
  return () => {
    observer?.disconnect();
    spacer.remove();
    root.style.scrollPaddingBottom = before;
  };
}
