export interface SizeBudget { name: string; files: string[]; limit: number; target?: number; each?: boolean }
export interface SizeRow { name: string; files: string[]; bytes: number; limit: number; target?: number; ok: boolean; meetsTarget: boolean; missing: string[] }
export function counts(file: string): boolean;
export function matches(pattern: string, file: string): boolean;
export function checkSizes(budgets: SizeBudget[], files: string[], gzipSize: (file: string) => number): { rows: SizeRow[]; uncovered: string[] };
export function report(result: { rows: SizeRow[]; uncovered: string[] }): string;
