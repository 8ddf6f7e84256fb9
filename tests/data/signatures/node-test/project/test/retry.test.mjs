import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RetryError, withRetry } from '../src/retry.mjs';

test('returns the first successful result', async () => {
  assert.equal(await withRetry(async () => 42), 42);
});

test('retries transient errors', async () => {
  let calls = 0;
  const result = await withRetry(async () => {
    calls += 1;
    if (calls < 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    return 'ok';
  });
  assert.equal(result, 'ok');
});

test('gives up on a permanent error', { timeout: 1000 }, async (t) => {
  const err = await withRetry(async () => {
    throw Object.assign(new Error('HTTP 400 bad sku'), { status: 400 });
  }, { signal: t.signal }).catch((e) => e);
  assert.ok(err instanceof RetryError);
});

test('surfaces a validation error from the callback', { timeout: 1000 }, async (t) => {
  await assert.rejects(
    withRetry(async () => { throw new TypeError('sku must be a string'); }, { attempts: 2, signal: t.signal }),
    /sku must be a string/,
  );
});
