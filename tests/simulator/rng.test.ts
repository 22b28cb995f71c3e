import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../simulator/random/rng.ts';

const draw = (rng: ReturnType<typeof createRng>, n: number) => Array.from({ length: n }, () => rng.u32());

test('the same seed and path give the same numbers; another seed or path other numbers', () => {
  assert.deepEqual(draw(createRng(7, 'band', 0), 50), draw(createRng(7, 'band', 0), 50));
  assert.notDeepEqual(draw(createRng(7, 'band', 0), 50), draw(createRng(8, 'band', 0), 50));
  assert.notDeepEqual(draw(createRng(7, 'band', 0), 50), draw(createRng(7, 'band', 1), 50));
  // Path parts are separated: ('band', 12) is not ('band1', 2).
  assert.notDeepEqual(draw(createRng(7, 'band', 12), 5), draw(createRng(7, 'band1', 2), 5));
});

test('uniform, normal, exponential and Poisson draws have the moments they promise', () => {
  const rng = createRng(1, 'moments');
  const n = 50_000;
  const mean = (f: () => number) => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = f();
      s += x;
      s2 += x * x;
    }
    return { mean: s / n, sd: Math.sqrt(s2 / n - (s / n) ** 2) };
  };
  const u = mean(() => rng.next());
  assert.ok(Math.abs(u.mean - 0.5) < 0.01 && Math.abs(u.sd - Math.sqrt(1 / 12)) < 0.01, JSON.stringify(u));
  const g = mean(() => rng.normal());
  assert.ok(Math.abs(g.mean) < 0.02 && Math.abs(g.sd - 1) < 0.02, JSON.stringify(g));
  const e = mean(() => rng.exponential(3));
  assert.ok(Math.abs(e.mean - 3) < 0.1, JSON.stringify(e));
  const p = mean(() => rng.poisson(2.5));
  assert.ok(Math.abs(p.mean - 2.5) < 0.05 && Math.abs(p.sd - Math.sqrt(2.5)) < 0.05, JSON.stringify(p));
  for (let i = 0; i < 1000; i++) {
    const k = rng.int(3, 5);
    assert.ok(Number.isInteger(k) && k >= 3 && k <= 5);
    const l = rng.logUniform(2, 20);
    assert.ok(l >= 2 && l < 20);
  }
});

test('a fork is independent of the draws its parent makes afterwards', () => {
  const a = createRng(5, 'x');
  const b = createRng(5, 'x');
  const fa = a.fork();
  const fb = b.fork();
  b.u32();
  assert.deepEqual(draw(fa, 20), draw(fb, 20));
});
