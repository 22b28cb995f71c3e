import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoute, routeHash } from '../../dashboard/src/router.ts';

test('hashes name the view, the band and the night; anything else is the live view', () => {
  assert.deepEqual(parseRoute(''), { view: 'live' });
  assert.deepEqual(parseRoute('#/nowhere'), { view: 'live' });
  assert.deepEqual(parseRoute('#/night'), { view: 'night' });
  assert.deepEqual(parseRoute('#/night/band-1'), { view: 'night', device: 'band-1' });
  assert.deepEqual(parseRoute('#/night/band-1/2026-11-25'), {
    view: 'night',
    device: 'band-1',
    date: '2026-11-25',
  });
  assert.deepEqual(parseRoute('#/night/band-1/yesterday'), { view: 'night', device: 'band-1' });
  assert.deepEqual(parseRoute('#/trends/band%202'), { view: 'trends', device: 'band 2' });
});

test('a route survives its hash', () => {
  for (const route of [
    { view: 'live' },
    { view: 'night', device: 'band-1', date: '2026-11-25' },
    { view: 'trends', device: 'left calf' },
  ] as const) {
    assert.deepEqual(parseRoute(routeHash(route)), route);
  }
});
