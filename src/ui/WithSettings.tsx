// The full UI's root (consent-ui.js): the App with the settings dialog. Kept out of App.tsx so
// the first layer's chunk carries none of the dialog's code.

import { App } from './App';
import { Preferences } from './Preferences';

export class WithSettings extends App {
  protected openSettings(from: Element | null) {
    this.setState({ opener: from, status: '' });
    this.update(this.open.banner, true);
  }

  private closePreferences = () => {
    this.update(this.open.banner, false);
    // Closing without a decision: back to the opener, even inside the banner.
    this.pendingFocus = this.state.opener ?? null;
  };

  protected dialog() {
    const { api, t, lang } = this.props;
    const { opener } = this.state;
    return (
      <Preferences
        t={t}
        lang={lang}
        config={api.config}
        consent={api.getConsent()}
        gpc={api.signals().gpc}
        offerable={api.isOfferable}
        onClose={this.closePreferences}
        onSave={(categories, services) => this.decided(() => api.setConsent(categories, { services }, 'settings'), opener)}
        onAcceptAll={() => this.decided(() => api.acceptAll('settings'), opener)}
        onRejectAll={() => this.decided(() => api.rejectAll('settings'), opener)}
      />
    );
  }
}
