import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceId } from '../../protocol/index.ts';
import { ApiError } from '../errors.ts';
import { resolveAdminToken, SECRET_FILE_MODE } from './admin-token.ts';
import type { Principal } from './principal.ts';
import { findHash, hashToken, newToken } from './token-secret.ts';

/** A token as `POST /api/v1/tokens` hands it out: the secret is shown this once. */
export interface IssuedToken {
  readonly token: string;
  readonly name: string;
  /** The devices it may see; null for an admin token. */
  readonly devices: DeviceId[] | null;
}

/** The bearer tokens the API accepts. */
export interface TokenStore {
  /** The admin token (configured, or read from or created in `<dataDir>/admin-token`). */
  readonly adminToken: string;
  /** Who `token` speaks for, or undefined for an unknown token. */
  verify(token: string): Principal | undefined;
  /** Creates a token and keeps its hash; a `conflict` ApiError when the name is taken. */
  create(name: string, devices: readonly DeviceId[] | null): Promise<IssuedToken>;
}

export interface TokenStoreOptions {
  readonly dataDir: string;
  /** CRAMPWATCH_ADMIN_TOKEN, when set. */
  readonly adminToken?: string | undefined;
}

/** One line of `tokens.json`: never the token itself, only its SHA-256. */
interface StoredToken {
  readonly name: string;
  readonly sha256: string;
  readonly devices: DeviceId[] | null;
  readonly createdAt: number;
}

interface TokenFile {
  readonly version: 1;
  readonly tokens: StoredToken[];
}

const ADMIN_NAME = 'admin';

/**
 * Opens the token store of a data directory: `tokens.json` (mode 0600) with the hashes of the
 * tokens made through the API, and the admin token. A token file that cannot be read as such stops
 * the start, naming the file, rather than lock everyone out silently.
 */
export async function openTokenStore(options: TokenStoreOptions): Promise<TokenStore> {
  const { dataDir } = options;
  const adminToken = await resolveAdminToken(dataDir, options.adminToken);
  const path = join(dataDir, 'tokens.json');
  const stored = await readTokenFile(path);
  const principals: Principal[] = [{ name: ADMIN_NAME, devices: null }];
  const hashes: Buffer[] = [hashToken(adminToken)];
  const add = (t: StoredToken) => {
    principals.push({ name: t.name, devices: t.devices === null ? null : new Set(t.devices) });
    hashes.push(Buffer.from(t.sha256, 'hex'));
  };
  for (const t of stored) add(t);
  let writing: Promise<void> = Promise.resolve();

  return {
    adminToken,
    verify(token) {
      const i = findHash(hashes, hashToken(token));
      return i === -1 ? undefined : principals[i];
    },
    async create(name, devices) {
      if (name === ADMIN_NAME || stored.some((t) => t.name === name)) {
        throw new ApiError('conflict', `body.name: a token named "${name}" exists already`);
      }
      const token = newToken();
      const entry: StoredToken = {
        name,
        sha256: hashToken(token).toString('hex'),
        devices: devices === null ? null : [...new Set(devices)],
        createdAt: Date.now(),
      };
      stored.push(entry);
      add(entry);
      // Writes go one after the other, each with the whole list as it is then.
      const snapshot: TokenFile = { version: 1, tokens: [...stored] };
      writing = writing.then(() => writeTokenFile(dataDir, path, snapshot));
      await writing;
      return { token, name, devices: entry.devices };
    },
  };
}

async function readTokenFile(path: string): Promise<StoredToken[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let file: Partial<TokenFile> | null;
  try {
    file = JSON.parse(text) as Partial<TokenFile> | null;
  } catch {
    file = null;
  }
  const tokens = file?.tokens;
  const valid =
    file?.version === 1 &&
    Array.isArray(tokens) &&
    tokens.every(
      (t) =>
        typeof t?.name === 'string' &&
        typeof t.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(t.sha256) &&
        (t.devices === null || (Array.isArray(t.devices) && t.devices.every((d) => typeof d === 'string'))),
    );
  if (!valid) throw new Error(`${path} is not a CrampWatch token file (version 1)`);
  return tokens as StoredToken[];
}

/** Replaces the file whole (write aside, then rename) so that a crash never leaves half a file. */
async function writeTokenFile(dataDir: string, path: string, file: TokenFile): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const aside = `${path}.tmp`;
  await writeFile(aside, `${JSON.stringify(file, null, 2)}\n`, { mode: SECRET_FILE_MODE });
  // writeFile keeps the mode of a file that was there already.
  await chmod(aside, SECRET_FILE_MODE);
  await rename(aside, path);
}
