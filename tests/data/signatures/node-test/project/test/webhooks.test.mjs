import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Dispatcher, sign } from '../src/webhooks.mjs';
import { readBody, startServer } from './helpers/servers.mjs';

const SECRET = 'whsec_test_5b0c';

// A receiver that verifies signatures like a customer's endpoint would.
async function receiver({ busyFirst = 0 } = {}) {
  let busy = busyFirst;
  const got = [];
  const server = await startServer(async (req, res) => {
    const body = await readBody(req);
    if (busy > 0) { busy -= 1; res.writeHead(503).end('busy'); return; }
    const [, t, v1] = /t=(\d+),v1=([0-9a-f]+)/.exec(req.headers['x-signature'] ?? '') ?? [];
    if (!t || sign(SECRET, t, body) !== v1) { res.writeHead(401).end('signature mismatch'); return; }
    got.push(JSON.parse(body));
    res.writeHead(204).end();
  });
  server.got = got;
  return server;
}

describe('Dispatcher', () => {
  let server;
  before(async () => { server = await receiver(); });
  after(() => server.closeNow());

  test('delivers a signed order.paid', async () => {
    const d = new Dispatcher(`${server.url}/hooks/orders`, SECRET);
    await d.send('order.paid', { order: 'A-1001', amountCents: 1999 });
    assert.equal(server.got.length, 1);
  });

  test('delivers a nested payload', async () => {
    const d = new Dispatcher(`${server.url}/hooks/orders`, SECRET);
    const res = await d.send('order.shipped', { order: 'A-1002', parcels: [{ id: 1, kg: 2.5 }] });
    assert.ok(res.delivered);
  });

  test('emits delivered', async () => {
    const d = new Dispatcher(`${server.url}/hooks/refunds`, SECRET);
    const seen = [];
    d.on('delivered', (job) => seen.push(job.id));
    await d.send('refund.created', { refund: 'R-77' });
    assert.equal(seen.length, 1);
  });

  test('rejects a wrong secret', async () => {
    const d = new Dispatcher(`${server.url}/hooks/orders`, 'whsec_wrong');
    await assert.rejects(d.send('order.paid', { order: 'A-1003' }), /401 signature mismatch/);
  });
});

describe('Dispatcher retry queue', () => {
  test('queues a delivery the receiver is too busy for', async (t) => {
    const server = await receiver({ busyFirst: 1 });
    t.after(() => server.closeNow());
    const d = new Dispatcher(`${server.url}/hooks/orders`, SECRET, { retryDelayMs: 5 });
    const res = await d.send('order.paid', { order: 'B-2001' });
    assert.ok(res.queued);
    await sleep(50);
  });

  test('drains the queue after a 503', async (t) => {
    const server = await receiver({ busyFirst: 1 });
    t.after(() => server.closeNow());
    const d = new Dispatcher(`${server.url}/hooks/stock`, SECRET, { retryDelayMs: 5 });
    await d.send('stock.low', { sku: 'BOLT#M8' });
    await sleep(50);
    assert.equal(d.queue.length, 0);
  });
});
