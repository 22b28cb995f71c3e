import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openApiFixture } from './api-fixture.ts';

describe('OpenAPI document and UI', () => {
  it('describes every route from its schemas, with bearer auth and shared components', async () => {
    const f = await openApiFixture();
    try {
      const res = await f.app.inject({ url: '/docs/json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
      for (const name of [
        'Error',
        'Event',
        'DeviceView',
        'LiveView',
        'NightSummary',
        'TimelineBucket',
        'Health',
      ]) {
        assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
      }
      const patch = doc.paths['/api/v1/devices/{id}'].patch;
      assert.deepEqual(patch.security, [{ bearer: [] }]);
      assert.deepEqual(Object.keys(patch.requestBody.content['application/json'].schema.properties), [
        'name',
        'side',
        'tz',
      ]);
      const points = doc.paths['/api/v1/devices/{id}/nights/{date}'].get.parameters.find(
        (p: { name: string }) => p.name === 'points',
      );
      assert.deepEqual([points.schema.minimum, points.schema.maximum], [10, 5000]);
    } finally {
      await f.close();
    }
  });

  it('serves the UI and its files from the package (no network needed)', async () => {
    const f = await openApiFixture();
    try {
      const page = await f.app.inject({ url: '/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger-ui/);
      const bundle = await f.app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
      assert.equal(bundle.statusCode, 200);
      assert.ok(bundle.body.length > 100_000);
      assert.ok(!/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z]/.test(page.body.replace(/<!--.*?-->/gs, '')));
    } finally {
      await f.close();
    }
  });
});

describe('dashboard files at /', () => {
  it('serves the built dashboard when dashboard/dist exists', async () => {
    const root = await mkdtemp(join(tmpdir(), 'crampwatch-dist-'));
    const dist = join(root, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>CrampWatch dashboard</title>');
    await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const f = await openApiFixture({ dashboardDir: dist });
    try {
      const index = await f.app.inject({ url: '/?token=whatever' });
      assert.equal(index.statusCode, 200);
      assert.match(index.body, /CrampWatch dashboard/);
      const asset = await f.app.inject({ url: '/assets/app.js' });
      assert.equal(asset.statusCode, 200);
      assert.match(asset.headers['content-type'] as string, /javascript/);
      const missing = await f.app.inject({ url: '/assets/nope.js' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
    } finally {
      await f.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('explains how to build the dashboard when it is not built, and still serves the API', async () => {
    const f = await openApiFixture();
    try {
      const res = await f.app.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /npm run build:dashboard/);
    } finally {
      await f.close();
    }
  });
});
