'use strict';
const { randomUUID } = require('node:crypto');
const { TtlCache } = require('../src/ttl-cache');
const { sleep } = require('../src/test-helpers');

const session = () => ({ id: randomUUID(), user: 'u-17', issuedAt: Date.now() });

describe('TtlCache', () => {
  test('returns a fresh entry', () => {
    const c = new TtlCache();
    const s = session();
    c.set(s.id, s);
    expect(c.get(s.id)).toBe(s);
  });

  test('expires an entry after its ttl', async () => {
    const c = new TtlCache();
    const s = session();
    c.set(s.id, s, 20);
    await sleep(40);
    expect(c.get(s.id)).toBeUndefined();
  });

  test('size drops expired entries', async () => {
    const c = new TtlCache({ defaultTtlMs: 10 });
    c.set('a', 1).set('b', 2).set('c', 3);
    await sleep(30);
    expect(c.size()).toBe(0);
  });

  test('expiry with an injected clock', () => {
    let now = 1_700_000_000_000;
    const c = new TtlCache({ now: () => now });
    const s = session();
    c.set(s.id, s, 500);
    now += 501;
    expect(c.get(s.id)).toBeUndefined();
  });
});
