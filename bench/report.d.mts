export interface Stat { median: number; min: number; max: number; n: number }
export type Summary = Record<string, { label: string } & Partial<Record<string, Stat>>>;
export interface Meta { runs: number; throttle: number; chromium: string; date: string; loadavg?: number[]; loadavgAtStart?: number[] }
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
