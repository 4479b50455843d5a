// Types for the demo server, so the TypeScript browser tests can start it.
export const STAND_IN_HOST: string;
export function isInside(dir: string, file: string): boolean;
export function startServer(options?: { port?: number; host?: string; extraRoots?: Record<string, string>; db?: string; adminToken?: string }): Promise<{
  port: number;
  url: string;
  log: { path: string; query: string; host: string; referer: string | null }[];
  receipts: Record<string, unknown>[];
  adminToken: string;
  db: string;
  close(): Promise<void>;
}>;
