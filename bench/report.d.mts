export interface Stat { median: number; min: number; max: number; n: number }
export type Summary = Record<string, { label: string } & Partial<Record<string, Stat>>>;
export const METRICS: { key: string; label: string; unit: string }[];
export function median(values: number[]): number;
export function summarize(variants: { id: string; label: string }[], samples: Record<string, Record<string, number>[]>): Summary;
export function markdownTable(summary: Summary, meta: { runs: number; throttle: number; chromium: string; date: string }): string;
export function verdicts(summary: Summary): { ok: boolean; text: string }[];
export function barChartSvg(summary: Summary, meta: { runs: number; throttle: number }): string;
