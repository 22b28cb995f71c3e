import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../storage/sqlite/index.ts';
import type { StoreRecord } from '../../storage/store.ts';
import { secondRecord, UNOBSERVED } from '../helpers/store-records.ts';
import { storeContract } from './store-contract.ts';

let root: string;
let stores = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'crampwatch-sqlite-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A directory of its own for each store, not created yet: the store makes it. */
function freshDir(): string {
  stores++;
  return join(root, `store-${stores}`, 'nested');
}

storeContract('sqlite', async () => {
  const dir = freshDir();
  return {
    store: createSqliteStore({ dir }),
    reopen: async () => createSqliteStore({ dir }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

const T0 = Date.UTC(2025, 10, 26, 22, 0, 0);

function restingSecond(device: string, t: number): StoreRecord {
  return secondRecord(device, t, UNOBSERVED);
}

describe('SQLite store: the file', () => {
  it('creates <dir>/crampwatch.sqlite in WAL mode with synchronous NORMAL', async () => {
    const dir = freshDir();
    const store = createSqliteStore({ dir });
    assert.equal(store.kind, 'sqlite');
    await store.write([restingSecond('band-1', T0)]);
    const db = new Database(join(dir, 'crampwatch.sqlite'), { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM seconds').get(), { n: 1 });
    } finally {
      db.close();
      await store.close();
    }
  });

  it('keeps the coverage rollup at one row per quarter hour, whatever is replayed', async () => {
    const dir = freshDir();
    const store = createSqliteStore({ dir });
    const hour = Array.from({ length: 3600 }, (_, i) => restingSecond('band-1', T0 + i * 1000));
    await store.write(hour);
    await store.write(hour.slice(1000, 2000));
    await store.close();
    const db = new Database(join(dir, 'crampwatch.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT q, seconds FROM coverage ORDER BY q').all();
      assert.deepEqual(
        rows,
        [0, 1, 2, 3].map((i) => ({ q: T0 / 900_000 + i, seconds: 900 })),
      );
    } finally {
      db.close();
    }
  });

  it('names the path when the file cannot be opened', async () => {
    const dir = freshDir();
    await createSqliteStore({ dir }).close();
    await writeFile(
      join(dir, 'crampwatch.sqlite'),
      'this is not a database, only some text that is long enough',
    );
    assert.throws(
      () => createSqliteStore({ dir }),
      (err: Error) =>
        err.message.includes(join(dir, 'crampwatch.sqlite')) && /not a database/.test(err.message),
    );
  });

  it('names the directory when it cannot be created', async () => {
    const file = join(root, `plain-file-${stores++}`);
    await writeFile(file, '');
    assert.throws(
      () => createSqliteStore({ dir: join(file, 'store') }),
      (err: Error) => err.message.includes(file),
    );
  });

  it('refuses a file of another schema version, naming it', async () => {
    const dir = freshDir();
    await createSqliteStore({ dir }).close();
    const db = new Database(join(dir, 'crampwatch.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => createSqliteStore({ dir }), /schema version is 99/);
  });
});

describe('SQLite store: failures', () => {
  it('writes nothing of a batch that fails, and says which record broke it', async () => {
    const store = createSqliteStore({ dir: freshDir() });
    try {
      const good = restingSecond('band-2', T0 + 1000) as { second: object };
      const bad = { type: 'second', second: { ...good.second, quality: 'fuzzy' } } as unknown as StoreRecord;
      await assert.rejects(
        store.write([restingSecond('band-2', T0), bad]),
        /record 1 \(second\): unknown quality "fuzzy"/,
      );
      assert.deepEqual(await store.coverage('band-2', T0, T0 + 3_600_000), []);
      await store.write([restingSecond('band-2', T0)]);
      assert.deepEqual(await store.coverage('band-2', T0, T0 + 3_600_000), [{ t: T0, seconds: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('rejects calls after close, naming the store', async () => {
    const dir = freshDir();
    const store = createSqliteStore({ dir });
    await store.close();
    await store.close();
    await assert.rejects(
      store.devices(),
      (err: Error) => err.message.includes(dir) && /closed/.test(err.message),
    );
  });

  it('refuses a timeline of no points', async () => {
    const store = createSqliteStore({ dir: freshDir() });
    try {
      await store.write([restingSecond('band-3', T0)]);
      await assert.rejects(store.timeline('band-3', T0, T0 + 60_000, 0), /positive whole number/);
    } finally {
      await store.close();
    }
  });
});
