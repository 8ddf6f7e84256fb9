'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Relay } = require('../src/relay');
const crypto = require('crypto');
const { DeadLetterStore } = require('../src/deadletter');
const { startSubscriber, makeEvent } = require('./helpers');

const SECRET = 'whsec_' + 'k3y'.repeat(6);
const noSleep = () => Promise.resolve();
let sub;

beforeEach(async () => { sub = await startSubscriber(); });
afterEach(async () => { await sub.close(); });

describe('relay signing', () => {
  test.each([
    ['order.created', { total: 129.5, currency: 'EUR', lines: 3 }],
    ['order.cancelled', { reason: 'customer', refund: true }],
    ['invoice.paid', { invoice: 'INV-2291', amount: 129.5, method: 'card' }],
    ['customer.updated', { email: 'a@example.test', id: 'c-77' }],
  ])('signature of %s verifies against the raw body', async (topic, data) => {
    const relay = new Relay({ subscriptions: [{ name: 'one', url: sub.url('/hook'), topics: [topic] }], secret: SECRET });
    await relay.publish(makeEvent(topic, data));
    expect(sub.hits).toHaveLength(1);
    const { body, headers } = sub.hits[0];
    const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
    expect(headers['x-hook-signature']).toBe(expected);
  });
});

describe('relay fan-out', () => {
  test('order.* subscribers get order events only', async () => {
    const relay = new Relay({
      subscriptions: [
        { name: 'orders', url: sub.url('/orders'), topics: ['order.*'] },
        { name: 'lines', url: sub.url('/lines'), topics: ['order.line.*'] },
      ],
      secret: SECRET,
    });
    await relay.publish(makeEvent('order.created', { total: 10 }));
    await relay.publish(makeEvent('order.line.added', { sku: 'X-1' }));
    expect(relay.stats.delivered).toBe(2);
  });
});

describe('relay timeouts', () => {
  test('gives up on a hanging subscriber', async () => {
    const relay = new Relay({ subscriptions: [{ name: 'slow', url: sub.url('/hang'), topics: ['order.created'] }], secret: SECRET, timeoutMs: 200, maxAttempts: 1, sleep: noSleep });
    const [res] = await relay.publish(makeEvent('order.created', { total: 1 }));
    expect(res.error).toMatch(/did not answer/);
  }, 1500);

  test('a hanging subscriber does not block the next one', async () => {
    const relay = new Relay({
      subscriptions: [
        { name: 'slow', url: sub.url('/hang'), topics: ['order.created'] },
        { name: 'fast', url: sub.url('/ok'), topics: ['order.created'] },
      ],
      secret: SECRET, timeoutMs: 200, maxAttempts: 1, sleep: noSleep,
    });
    await relay.publish(makeEvent('order.created', { total: 2 }));
    expect(sub.hits.map((h) => h.path)).toEqual(['/hang', '/ok']);
  }, 1500);

  test('retries a hanging subscriber maxAttempts times', async () => {
    const relay = new Relay({ subscriptions: [{ name: 'slow', url: sub.url('/hang'), topics: ['order.created'] }], secret: SECRET, timeoutMs: 150, maxAttempts: 2, sleep: noSleep });
    await relay.publish(makeEvent('order.created', { total: 3 }));
    expect(relay.stats.attempts).toBe(2);
  }, 1500);
});

describe('dead letters', () => {
  let dir;
  let store;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookrelay-'));
    store = new DeadLetterStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('failed delivery is parked as a dead letter', async () => {
    const relay = new Relay({ subscriptions: [{ name: 'down', url: sub.url('/fail'), topics: ['invoice.paid'] }], secret: SECRET, deadLetters: store, sleep: noSleep });
    const ev = makeEvent('invoice.paid', { amount: 5 });
    await relay.publish(ev);
    expect(store.list()).toEqual([`${ev.id}.json`]);
  });

  test('take removes the dead letter', () => {
    const ev = makeEvent('invoice.paid', { amount: 6 });
    store.put(ev, 'boom');
    expect(store.take(ev.id).reason).toBe('boom');
    expect(store.list()).toEqual([]);
  });

  test('dead letter records the last error', async () => {
    const relay = new Relay({ subscriptions: [{ name: 'down', url: sub.url('/fail'), topics: ['invoice.paid'] }], secret: SECRET, deadLetters: store, sleep: noSleep });
    const ev = makeEvent('invoice.paid', { amount: 7 });
    await relay.publish(ev);
    expect(store.take(ev.id).reason).toMatch(/answered 503/);
  });
});
