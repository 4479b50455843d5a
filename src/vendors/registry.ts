// The vendor presets a config can name (`preset: 'matomo'`). Adding one: a file in this folder
// (options, cookies, runtime, option help), a line in each list below, its texts in locales/.
import { googleAnalytics, googleAnalyticsHelp } from './google-analytics';
import { matomo, matomoHelp } from './matomo';
import type { Preset } from './preset';

export const PRESETS = { 'google-analytics': googleAnalytics, matomo } satisfies Record<string, Preset>;
export type PresetName = keyof typeof PRESETS;

/** What each preset option must look like, in words: for the diagnostics only. */
export const PRESET_HELP: Record<PresetName, Record<string, string>> = { 'google-analytics': googleAnalyticsHelp, matomo: matomoHelp };
