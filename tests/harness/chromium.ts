import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { requiredBinary } from './required-binary.ts';

const DASHBOARD = fileURLToPath(new URL('../../dashboard/', import.meta.url));

/**
 * Debian's Chromium (`apt-get install chromium`), never a browser downloaded by Playwright:
 * skipped where it is missing, a failure in CI (`requiredBinary`).
 */
export function chromiumBinary(): { path: string } | { skip: string } {
  return requiredBinary('chromium', 'chromium');
}

/**
 * Launches it headless through playwright-core. Chromium's sandbox cannot run as root (CI runs
 * as root), so it is off, as Playwright does by default; /dev/shm is small in containers.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * Makes sure `dashboard/dist` (what the service serves at `/`) is built from the current
 * sources: `npm ci` builds it (`prepare`), and this rebuilds it only when a source is newer, so
 * a test run after an edit tests the edit, and a fresh clone's run does not rebuild under the
 * feet of other tests reading it.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  const built = join(DASHBOARD, 'dist', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSourceMs()) return;
  await build({
    configFile: join(DASHBOARD, 'vite.config.ts'),
    root: DASHBOARD,
    logLevel: 'warn',
  });
}

function newestSourceMs(): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(newest, entry.isDirectory() ? walk(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(
    walk(join(DASHBOARD, 'src')),
    walk(join(DASHBOARD, 'public')),
    statSync(join(DASHBOARD, 'index.html')).mtimeMs,
    statSync(join(DASHBOARD, 'vite.config.ts')).mtimeMs,
  );
}
