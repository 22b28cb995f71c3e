import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../api/index.ts';

describe('error catalogue', () => {
  it('documents every code in docs/api.md with its status', async () => {
    const doc = await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const errors = doc.slice(doc.indexOf('## Errors'), doc.indexOf('## Routes'));
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      assert.ok(errors.includes(`\`${code}\``), `docs/api.md, "Errors", lists ${code}`);
      assert.ok(errors.includes(String(status)), `docs/api.md, "Errors", gives status ${status}`);
    }
  });

  it('gives each code a client or server error status', () => {
    for (const status of Object.values(ERROR_CODES)) assert.ok(status >= 400 && status < 600);
  });
});
