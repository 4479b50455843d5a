// The UI root: which layer is open, where focus goes afterwards, and the status message.
// It owns no consent state: it reads it from the API and decides through it.

import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsentApi } from '../contracts';
import type { Language } from '../core/config';
import type { View } from '../contracts';
import { Banner } from './Banner';
import type { PreferencesProps } from './Preferences';
import type { Translate } from './translate';

export interface Control {
  show?(view: View, opener: Element | null): void;
}

interface Props {
  api: ConsentApi;
  root: ShadowRoot;
  t: Translate;
  lang: Language;
  control: Control;
  onOpenChange(open: boolean): void;
  /** The settings dialog; the first layer's chunk has none and asks `onSettingsWanted` instead. */
  settings?: ComponentType<PreferencesProps>;
  onSettingsWanted?(opener: Element | null): void;
  onSettingsIntent?(): void;
}

export function App({ api, root, t, lang, control, onOpenChange, settings: Preferences, onSettingsWanted, onSettingsIntent }: Props) {
  const [banner, setBanner] = useState(false);
  const [preferences, setPreferences] = useState(false);
  const [opener, setOpener] = useState<Element | null>(null);
  const [status, setStatus] = useState('');

  // What is open, readable from callbacks outside a render (the core, event listeners).
  const open = useRef({ banner: false, preferences: false });
  const update = (nextBanner: boolean, nextPreferences: boolean) => {
    open.current = { banner: nextBanner, preferences: nextPreferences };
    setBanner(nextBanner);
    setPreferences(nextPreferences);
    onOpenChange(nextBanner || nextPreferences);
  };

  // A decision made elsewhere (the page API) also closes the banner.
  useEffect(
    () =>
      api.on('change', (change) => {
        if (change.consent && change.source !== 'banner' && change.source !== 'settings') update(false, open.current.preferences);
      }),
    [],
  );

  control.show = (view, from) => {
    if (view === 'banner') update(true, open.current.preferences);
    else if (view === 'hide') update(false, open.current.preferences);
    else if (!Preferences) onSettingsWanted?.(from);
    else {
      setOpener(from);
      setStatus('');
      update(open.current.banner, true);
    }
  };

  /**
   * After a decision both layers close and the change is announced. Focus goes back to what
   * opened the dialog if that is still on the page, else to the reopen button, never to <body>.
   */
  const decided = (decide: () => void, focusTarget: Element | null) => {
    decide();
    update(false, false);
    setStatus(t('preferences.saved'));
    restoreFocus(focusTarget);
  };

  // Focus moves once the render that closed a layer is done: the dialog gone, the page no longer
  // inert, the reopen button back. `undefined`: nothing pending; `null`: no particular target.
  const pendingFocus = useRef<Element | null | undefined>(undefined);
  const restoreFocus = (target: Element | null) => (pendingFocus.current = target);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === undefined) return;
    pendingFocus.current = undefined;
    // Back to the opener if it is still usable; else the open banner's settings button (the
    // first layer's own banner was the opener and has been replaced by this one); else the reopen
    // button; else the page's first focusable element, where Tab would have gone next. Never
    // <body>. (A closed banner's buttons are already disconnected.)
    const candidate =
      (target?.isConnected ? target : null) ??
      root.querySelector('.anx-banner .anx-button:last-child') ??
      root.querySelector('.anx-reopen:not([hidden])') ??
      root.ownerDocument.body.querySelector(`:not(#${root.host.id}) :is(a[href], button:not([disabled]), input:not([disabled]), [tabindex="0"])`);
    (candidate as HTMLElement | null)?.focus?.();
  });

  const closePreferences = () => {
    update(open.current.banner, false);
    // Closing without a decision: back to the opener, even inside the banner.
    pendingFocus.current = opener ?? null;
  };

  return (
    <div class="anx-root">
      {banner && (
        <Banner
          t={t}
          lang={lang}
          config={api.config}
          offerable={api.isOfferable}
          revisionChanged={api.askReason() === 'revision-changed'}
          minor={api.signals().minor}
          behindDialog={preferences}
          onAcceptAll={() => decided(() => api.acceptAll('banner'), null)}
          onRejectAll={() => decided(() => api.rejectAll('banner'), null)}
          onSettings={() => control.show!('preferences', root.activeElement)}
          onSettingsIntent={Preferences ? undefined : onSettingsIntent}
        />
      )}
      {preferences && Preferences && (
        <Preferences
          t={t}
          lang={lang}
          config={api.config}
          consent={api.getConsent()}
          gpc={api.signals().gpc}
          offerable={api.isOfferable}
          onClose={closePreferences}
          onSave={(categories, services) => decided(() => api.setConsent(categories, { services }, 'settings'), opener)}
          onAcceptAll={() => decided(() => api.acceptAll('settings'), opener)}
          onRejectAll={() => decided(() => api.rejectAll('settings'), opener)}
        />
      )}
      <div class="anx-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
