// The vendor presets of this config, started and kept up to date: Consent Mode defaults first,
// then each preset service, from the registry (src/vendors/registry.ts). A preset whose script
// does not stop itself counts as "ran" once it loads it (a withdrawal then needs a reload). One
// preset failing never stops the others.

import type { ConsentConfig } from '../core/config';
import type { Say } from '../core/messages';
import type { Permissions } from '../core/policy';
import { consentMode } from '../vendors/google-analytics';
import { scriptLoader, type PresetRuntime } from '../vendors/preset';
import { PRESETS, type PresetName } from '../vendors/registry';

export function startPresets(config: ConsentConfig, win: Window, nonce: string | undefined, ran: (serviceId: string) => void, say: Say) {
  const load = scriptLoader(win.document, nonce);
  const runtimes: PresetRuntime[] = [];
  if (config.googleConsentMode) runtimes.push(consentMode(win, config.googleConsentMode));
  for (const service of config.services) {
    const preset = service.preset && PRESETS[service.preset as PresetName];
    const loadScript = (src: string) => (preset && !preset.stopsItself && ran(service.id), load(src));
    if (preset) runtimes.push(preset.runtime(service, { win, loadScript }));
  }
  const each = (step: (runtime: PresetRuntime) => void) => {
    for (const runtime of runtimes) {
      try {
        step(runtime);
      } catch (error) {
        say('error', 'preset-failed', String(error));
      }
    }
  };
  return {
    start: (permissions: Permissions, decided: boolean) => each((r) => r.start(permissions, decided)),
    update: (permissions: Permissions, before: Permissions) => each((r) => r.update(permissions, before)),
  };
}
