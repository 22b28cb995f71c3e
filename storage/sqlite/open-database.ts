import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

/** The store's file inside its directory. */
export const DATABASE_FILE = 'crampwatch.sqlite';

/**
 * Opens (creating if needed) `<dir>/crampwatch.sqlite` with the store's schema. WAL lets the API
 * read while the ingest writes; `synchronous=NORMAL` is durable across a process crash (a power
 * cut may lose the last commits, which the MQTT session redelivers: the ingest acknowledges only
 * what was written). Every failure names the path.
 */
export function openDatabase(dir: string): { db: Database.Database; path: string } {
  const path = join(dir, DATABASE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the SQLite store's directory ${dir}: ${messageOf(err)}`, { cause: err });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return { db, path };
  } catch (err) {
    db?.close();
    throw new Error(`cannot open the SQLite store ${path}: ${messageOf(err)}`, { cause: err });
  }
}

/** Creates the tables in a new file; refuses a file written by another schema version. */
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true });
  if (version === SCHEMA_VERSION) return;
  if (version !== 0) {
    throw new Error(
      `its schema version is ${String(version)}; this CrampWatch reads version ${SCHEMA_VERSION}`,
    );
  }
  db.transaction(() => {
    db.exec(SCHEMA_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
