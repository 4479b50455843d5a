// The UI root: which layer is open, where focus goes afterwards, and the status message.
// It owns no consent state: it reads it from the API and decides through it. A class, not hooks:
// the first layer's chunk then needs no preact/hooks.

import { Component, type ComponentChild } from 'preact';
import type { ConsentApi } from '../contracts';
import type { Language } from '../core/config';
import type { View } from '../contracts';
import { Banner } from './Banner';
import { FOCUSABLE } from './focus-trap';
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
  /** The first layer has no settings dialog: it asks for it here. */
  onSettingsWanted?(opener: Element | null): void;
  onSettingsIntent?(): void;
}

interface State {
  banner: boolean;
  preferences: boolean;
  opener: Element | null;
  status: string;
}

/** The first layer's UI: the banner. WithSettings (settings.tsx) adds the dialog for the full UI. */
export class App extends Component<Props, State> {
  state: State = { banner: false, preferences: false, opener: null, status: '' };
  /** What is open, readable from callbacks outside a render (the core, event listeners). */
  protected open = { banner: false, preferences: false };
  /**
   * Where focus moves once the render that closed a layer is done: the dialog gone, the page no
   * longer inert, the reopen button back. `undefined`: nothing pending; `null`: no particular target.
   */
  protected pendingFocus: Element | null | undefined = undefined;

  constructor(props: Props) {
    super(props);
    props.control.show = (view, from) => {
      if (view === 'banner') this.update(true, this.open.preferences);
      else if (view === 'hide') this.update(false, this.open.preferences);
      else this.openSettings(from);
    };
    // A decision made elsewhere (the page API) also closes the banner.
    props.api.on('change', (change) => {
      if (change.consent && change.source !== 'banner' && change.source !== 'settings') this.update(false, this.open.preferences);
    });
  }

  protected openSettings(from: Element | null) {
    this.props.onSettingsWanted?.(from);
  }

  /** The settings dialog, where there is one. */
  protected dialog(): ComponentChild {
    return null;
  }

  protected update(banner: boolean, preferences: boolean) {
    this.open = { banner, preferences };
    this.setState({ banner, preferences });
    this.props.onOpenChange(banner || preferences);
  }

  /**
   * After a decision both layers close and the change is announced. Focus goes back to what
   * opened the dialog if that is still on the page, else to the reopen button, never to <body>.
   */
  protected decided(decide: () => void, focusTarget: Element | null) {
    decide();
    this.update(false, false);
    this.setState({ status: this.props.t('preferences.saved') });
    this.pendingFocus = focusTarget;
  }

  componentDidUpdate() {
    const target = this.pendingFocus;
    if (target === undefined) return;
    this.pendingFocus = undefined;
    // After the next paint: the dialog's modal clean-up (the page no longer inert) is a hook
    // effect's, which preact runs then (a frame, then a task); focus moved earlier lands on <body>.
    requestAnimationFrame(() => setTimeout(() => this.moveFocus(target)));
  }

  private moveFocus(target: Element | null) {
    const root = this.props.root;
    // Back to the opener if it is still usable; else the open banner's settings button (the
    // first layer's own banner was the opener and has been replaced by this one); else the reopen
    // button; else the page's first focusable element, where Tab would have gone next. Never
    // <body>. (A closed banner's buttons are already disconnected.)
    const candidate =
      (target?.isConnected ? target : null) ??
      root.querySelector('.anx-banner .anx-button:last-child') ??
      root.querySelector('.anx-reopen:not([hidden])') ??
      root.ownerDocument.body.querySelector(`:not(#${root.host.id}) :is(${FOCUSABLE})`);
    (candidate as HTMLElement | null)?.focus?.();
  }

  render({ api, root, t, lang, control, onSettingsIntent }: Props, { banner, preferences, status }: State) {
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
            onAcceptAll={() => this.decided(() => api.acceptAll('banner'), null)}
            onRejectAll={() => this.decided(() => api.rejectAll('banner'), null)}
            onSettings={() => control.show!('preferences', root.activeElement)}
            onSettingsIntent={onSettingsIntent}
          />
        )}
        {preferences && this.dialog()}
        <div class="anx-visually-hidden" role="status" aria-live="polite">
          {status}
        </div>
      </div>
    );
  }
}
