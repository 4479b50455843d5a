export interface Stat { median: number; min: number; max: number; n: number }
export type Summary = Record<string, { label: string } & Partial<Record<string, Stat>>>;
export interface Meta { runs: number; throttle: number; chromium: string; date: string; loadavg?: number[]; loadavgAtStart?: number[]; loadPerRun?: number[] }
export const METRICS: { key: string; label: string; unit: string }[];
export const RATIO_METRICS: string[];
export const REFERENCES: string[];
export const OURS: string[];
export const FIRST_VISIT_BYTES: number;
export function median(values: number[]): number;
export function summarize(variants: { id: string; label: string }[], samples: Record<string, Record<string, number>[]>): Summary;
export function markdownTable(summary: Summary, meta: Meta): string;
export function ratiosTable(summary: Summary): string;
export function verdicts(summary: Summary): { id: string; goal: string; ok: boolean; text: string }[];
export function barChartSvg(summary: Summary, meta: { runs: number; throttle: number }): string;
export const LIGHTHOUSE_METRICS: { key: string; audit?: string; label: string; unit: string }[];
export type LighthouseSummary = Record<string, { label: string; runs: number } & Partial<Record<string, number>>>;
export function lighthouseSample(lhr: { audits: Record<string, { numericValue?: number }>; categories: { performance?: { score: number | null } } }): Record<string, number>;
export function lighthouseSummary(variants: { id: string; label: string }[], samples: Record<string, Record<string, number>[]>): LighthouseSummary;
export function lighthouseTable(summary: LighthouseSummary, meta: { lighthouse: string; runs: number; chromium: string; date: string; loadavg?: number[]; loadavgAtStart?: number[] }): string;
export function lighthouseVerdicts(summary: LighthouseSummary): { id: string; goal: string; ok: boolean; text: string }[];
