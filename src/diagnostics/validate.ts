// validateConfig: the config rules' walk (the same one consent.js runs) with every finding
// turned into a sentence. The ES module calls it at start; consent.js's diagnostics chunk
// explains the findings it already has.
import type { ConsentConfig, Problem } from '../core/config';
import { normalizeConfig, type Finding } from '../core/config-rules';
import { PRESET_HELP, PRESETS } from '../vendors/registry';
import { explainFinding } from './config-messages';

export function validateConfig(raw: unknown): { config: ConsentConfig; problems: Problem[] } {
  const { config, findings } = normalizeConfig(raw, PRESETS);
  return { config, problems: explainFindings(findings) };
}

export const explainFindings = (findings: Finding[]): Problem[] => findings.map((f) => explainFinding(f, PRESET_HELP));
