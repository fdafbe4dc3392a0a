import path from 'node:path';

/** Whether the offline demo is prepared (all-in-one mode without a model). */
export const DEMO_ENABLED = Symbol('DEMO_ENABLED');

/**
 * Where the demo seeder writes the demo project before importing it. Only the platform writes
 * here, so while the demo is enabled it is an import root even though it lies inside DATA_DIR.
 */
export function demoSourceRoot(dataDir: string): string {
  return path.resolve(dataDir, 'demo');
}
