export const FLOOR_GATE: string;
export const STAND_IN_SCRIPT: (name: string) => string;
export const LONG_PAGE_LESSONS: number;
export const VARIANTS: { id: string; label: string; head: string; body: string; find: string; own?: string; inline?: string; ours?: boolean; ready?: string }[];
export function pageHtml(variant: { head: string; body: string }, lessons?: number): string;
