import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_TOKEN_LENGTH, newToken } from './token-secret.ts';

/** Only the service's user may read a file holding a secret. */
export const SECRET_FILE_MODE = 0o600;

/**
 * The admin token: the configured one (CRAMPWATCH_ADMIN_TOKEN, validated by the configuration),
 * else the one in `<dataDir>/admin-token`, created on first start. The file is mode 0600 and its
 * mode is put back to that if someone widened it: it holds the key to every device's data.
 */
export async function resolveAdminToken(dataDir: string, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return configured;
  const path = join(dataDir, 'admin-token');
  let existing: string | undefined;
  try {
    existing = (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (existing !== undefined) {
    if (existing.length < MIN_TOKEN_LENGTH || /\s/.test(existing)) {
      throw new Error(
        `${path} must hold one token of at least ${MIN_TOKEN_LENGTH} characters without spaces`,
      );
    }
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, SECRET_FILE_MODE);
    return existing;
  }
  await mkdir(dataDir, { recursive: true });
  const token = newToken();
  // 'wx': never overwrite a token another process wrote in the meantime.
  await writeFile(path, `${token}\n`, { mode: SECRET_FILE_MODE, flag: 'wx' });
  return token;
}
