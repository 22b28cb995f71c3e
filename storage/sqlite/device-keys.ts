import type Database from 'better-sqlite3';
import type { DeviceId } from '../../protocol/index.ts';

/**
 * The small integer each device's rows are stored under. Keys are created in a transaction of
 * their own before a batch is written, so a batch that fails and rolls back never leaves the
 * cache holding a key the file does not have.
 */
export interface DeviceKeys {
  /** The device's key, or undefined when nothing was ever stored for it. */
  find(id: DeviceId): number | undefined;
  /** Creates the keys that are missing (committed at once). */
  ensure(ids: Iterable<DeviceId>): void;
  /** The key of a device {@link ensure} has seen. */
  get(id: DeviceId): number;
}

export function createDeviceKeys(db: Database.Database): DeviceKeys {
  const cache = new Map<DeviceId, number>();
  const select = db.prepare<[string], { key: number }>('SELECT key FROM device_keys WHERE id = ?');
  const insert = db.prepare<[string]>('INSERT INTO device_keys (id) VALUES (?) ON CONFLICT (id) DO NOTHING');
  const find = (id: DeviceId): number | undefined => {
    let key = cache.get(id);
    if (key === undefined) {
      key = select.get(id)?.key;
      if (key !== undefined) cache.set(id, key);
    }
    return key;
  };
  const createMissing = db.transaction((ids: DeviceId[]) => {
    for (const id of ids) insert.run(id);
  });
  return {
    find,
    ensure(ids) {
      const missing = [...new Set(ids)].filter((id) => find(id) === undefined);
      if (missing.length === 0) return;
      createMissing(missing);
      for (const id of missing) find(id);
    },
    get(id) {
      const key = cache.get(id);
      if (key === undefined) throw new Error(`no key for device ${id}`);
      return key;
    },
  };
}
