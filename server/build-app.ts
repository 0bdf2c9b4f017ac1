import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Inputs of the Vite build: a change to any of them makes `dist/` stale. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

async function newestMtime(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when `<root>/dist/index.html` is newer than every build input. */
export async function isDistFresh(root: string, distDir = join(root, 'dist')): Promise<boolean> {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = (await stat(index)).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if ((await newestMtime(join(root, input))) > built) return false;
  }
  return true;
}

/**
 * Builds the app with Vite's JS API and the repo's `vite.config.ts`, unless `dist/` is fresh.
 * Returns whether a build ran. Vite is imported lazily so that tests never load it.
 */
export async function ensureAppBuilt(root: string, options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (options.force !== true && (await isDistFresh(root))) return false;
  options.log?.('building the app with Vite ...');
  const { build } = await import('vite');
  await build({ root, configFile: resolve(root, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
