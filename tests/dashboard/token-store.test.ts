import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adoptToken, keepToken, TOKEN_KEY, type TokenPlace } from '../../dashboard/src/auth/token-store.ts';

function place(href: string, stored?: string) {
  const items = new Map<string, string>(stored === undefined ? [] : [[TOKEN_KEY, stored]]);
  const replaced: string[] = [];
  const p: TokenPlace = {
    location: { href },
    history: { state: null, replaceState: (_s, _t, url) => replaced.push(String(url)) },
    storage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
  };
  return { p, items, replaced };
}

test('a token in the address is kept and removed from the address bar, keeping the rest', () => {
  const { p, items, replaced } = place('http://host:8080/?token=cw_abc&x=1#/night/band-1');
  assert.equal(adoptToken(p), 'cw_abc');
  assert.equal(items.get(TOKEN_KEY), 'cw_abc');
  assert.deepEqual(replaced, ['/?x=1#/night/band-1']);
});

test('without one in the address, the kept token is used and the address is left alone', () => {
  const { p, replaced } = place('http://host/#/live', 'cw_old');
  assert.equal(adoptToken(p), 'cw_old');
  assert.deepEqual(replaced, []);
});

test('a new token replaces the kept one; a blank one is removed from the address but not kept', () => {
  assert.equal(adoptToken(place('http://host/?token=cw_new', 'cw_old').p), 'cw_new');
  const blank = place('http://host/?token=', 'cw_old');
  assert.equal(adoptToken(blank.p), 'cw_old');
  assert.deepEqual(blank.replaced, ['/']);
});

test('keepToken stores a typed token and forgets on null', () => {
  const { p, items } = place('http://host/', 'cw_old');
  keepToken(p, '  cw_typed ');
  assert.equal(items.get(TOKEN_KEY), 'cw_typed');
  keepToken(p, null);
  assert.equal(items.has(TOKEN_KEY), false);
});
