// The first layer. By default a non-modal region, first in the tab order (no focus trap, no
// aria-modal); with config `blocking: true` a true modal dialog. Three equal buttons; nothing
// here closes it without a decision.

import { useEffect, useRef } from 'preact/hooks';
import type { ConsentConfig } from '../core/config';
import { useModal } from './modal';
import { Actions } from './Actions';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  config: ConsentConfig;
  revisionChanged: boolean;
  /** A known minor: some categories are not offered. */
  minor: boolean;
  /** The settings dialog is open on top: the banner is inert meanwhile. */
  behindDialog: boolean;
  onAcceptAll(): void;
  onRejectAll(): void;
  onSettings(): void;
}

export function Banner({ t, config, revisionChanged, minor, behindDialog, onAcceptAll, onRejectAll, onSettings }: Props) {
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const modal = config.blocking;
  useModal(box, { active: modal && !behindDialog, initialFocus: heading });

  // WCAG 2.4.11: while the non-modal banner covers the bottom of the page, the page scrolls a
  // focused element clear of it (scroll-padding), and a spacer at the end of the page lets even
  // the last elements scroll above it, instead of being tabbed to behind it.
  useEffect(() => {
    const el = box.current;
    const doc = el?.ownerDocument;
    if (!el || !doc || modal) return;
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
    reserve();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(reserve) : null;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      spacer.remove();
      root.style.scrollPaddingBottom = before;
    };
  }, [modal]);

  const links = [
    [config.privacyPolicyUrl, t('banner.privacyPolicy')],
    [config.imprintUrl, t('banner.imprint')],
  ].filter(([href]) => href);

  return (
    <section
      ref={box}
      class={`anx-banner${modal ? ' anx-banner--modal' : ''}`}
      role={modal ? 'dialog' : 'region'}
      aria-modal={modal ? 'true' : undefined}
      aria-labelledby="anx-banner-title"
      aria-describedby="anx-banner-text"
      inert={behindDialog}
    >
      <h2 id="anx-banner-title" class="anx-title" tabIndex={-1} ref={heading}>
        {t('banner.title')}
      </h2>
      {revisionChanged && <p class="anx-notice">{t('banner.revisionNotice')}</p>}
      <p id="anx-banner-text" class="anx-text">{t('banner.text')}</p>
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
          [t('banner.settings'), onSettings],
        ]}
      />
    </section>
  );
}
