import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findHash, hashToken } from '../../api/auth/token-secret.ts';
import { ApiError } from '../../api/errors.ts';
import { openTokenStore } from '../../api/index.ts';
import { type ApiFixture, bearer, openApiFixture } from './api-fixture.ts';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('token store', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crampwatch-tokens-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates the admin token on first start (0600) and keeps it across restarts', async () => {
    const data = join(dir, 'first-start');
    const store = await openTokenStore({ dataDir: data });
    assert.match(store.adminToken, /^cw_[A-Za-z0-9_-]{43}$/);
    assert.equal((await readFile(join(data, 'admin-token'), 'utf8')).trim(), store.adminToken);
    assert.equal(await modeOf(join(data, 'admin-token')), 0o600);
    assert.equal(store.verify(store.adminToken)?.devices, null);
    const again = await openTokenStore({ dataDir: data });
    assert.equal(again.adminToken, store.adminToken);
  });

  it('uses a configured admin token and writes no admin-token file', async () => {
    const data = join(dir, 'configured');
    const store = await openTokenStore({ dataDir: data, adminToken: 'configured-admin-token' });
    assert.equal(store.adminToken, 'configured-admin-token');
    assert.equal(store.verify('configured-admin-token')?.name, 'admin');
    await assert.rejects(stat(join(data, 'admin-token')), /ENOENT/);
  });

  it('keeps only SHA-256 hashes of made tokens, in a 0600 file, and knows them after a restart', async () => {
    const data = join(dir, 'made');
    const store = await openTokenStore({ dataDir: data });
    const scoped = await store.create('phone', ['band-1', 'band-1', 'band-2']);
    const admin = await store.create('laptop', null);
    assert.deepEqual(scoped.devices, ['band-1', 'band-2']);
    assert.equal(admin.devices, null);
    const file = await readFile(join(data, 'tokens.json'), 'utf8');
    assert.ok(!file.includes(scoped.token) && !file.includes(admin.token), 'no token in the clear');
    assert.ok(file.includes(hashToken(scoped.token).toString('hex')));
    assert.equal(await modeOf(join(data, 'tokens.json')), 0o600);

    const reopened = await openTokenStore({ dataDir: data });
    assert.deepEqual([...(reopened.verify(scoped.token)?.devices ?? [])], ['band-1', 'band-2']);
    assert.equal(reopened.verify(admin.token)?.devices, null);
    assert.equal(reopened.verify(`${scoped.token}x`), undefined);
    assert.equal(reopened.verify(''), undefined);
  });

  it('refuses a name in use (and "admin") with a conflict', async () => {
    const store = await openTokenStore({ dataDir: join(dir, 'names') });
    await store.create('phone', ['band-1']);
    for (const name of ['phone', 'admin']) {
      await assert.rejects(
        store.create(name, null),
        (err: unknown) => err instanceof ApiError && err.code === 'conflict',
      );
    }
  });

  it('puts a widened admin-token file back to 0600, and refuses a file too short to be a token', async () => {
    const data = join(dir, 'files');
    const store = await openTokenStore({ dataDir: data });
    await chmod(join(data, 'admin-token'), 0o644);
    assert.equal((await openTokenStore({ dataDir: data })).adminToken, store.adminToken);
    assert.equal(await modeOf(join(data, 'admin-token')), 0o600);
    await writeFile(join(data, 'admin-token'), 'short\n');
    await assert.rejects(openTokenStore({ dataDir: data }), /admin-token must hold one token of at least 16/);
  });

  it('refuses to start on a token file it cannot read, naming it', async () => {
    const data = join(dir, 'corrupt');
    await openTokenStore({ dataDir: data });
    await writeFile(join(data, 'tokens.json'), '{"version":1,"tokens":[{"name":1}]}');
    await assert.rejects(openTokenStore({ dataDir: data }), /tokens\.json is not a CrampWatch token file/);
    await writeFile(join(data, 'tokens.json'), 'not json');
    await assert.rejects(openTokenStore({ dataDir: data }), /tokens\.json is not a CrampWatch token file/);
  });

  it('finds a hash by comparing with every stored one', () => {
    const hashes = ['a', 'b', 'c'].map(hashToken);
    assert.equal(findHash(hashes, hashToken('b')), 1);
    assert.equal(findHash(hashes, hashToken('d')), -1);
    assert.equal(findHash([], hashToken('a')), -1);
  });
});

describe('POST /api/v1/tokens', () => {
  let f: ApiFixture;
  before(async () => {
    f = await openApiFixture();
  });
  after(() => f.close());

  it('makes a scoped token that sees only its devices, shown once', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(f.adminToken),
      payload: { name: 'band-b viewer', devices: ['band-b'] },
    });
    assert.equal(res.statusCode, 201);
    const issued = res.json();
    assert.deepEqual(
      { ...issued, token: undefined },
      { token: undefined, name: 'band-b viewer', devices: ['band-b'] },
    );
    const list = await f.app.inject({ url: '/api/v1/devices', headers: bearer(issued.token) });
    assert.deepEqual(
      list.json().devices.map((d: { id: string }) => d.id),
      ['band-b'],
    );
  });

  it('makes an admin token when devices is absent, and refuses a name in use with 409', async () => {
    const make = () =>
      f.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: bearer(f.adminToken),
        payload: { name: 'ops' },
      });
    const first = await make();
    assert.equal(first.json().devices, null);
    const metrics = await f.app.inject({ url: '/metrics', headers: bearer(first.json().token) });
    assert.equal(metrics.statusCode, 200);
    const second = await make();
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'conflict');
    assert.match(second.json().error.message, /body\.name/);
  });
});
