import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StockClient } from '../src/stock-client.mjs';
import { startServer } from './helpers/servers.mjs';

const STOCK = {
  'SCREW-4X40': 120,
  'BOLT#M8': 12,
  'NUT?M8': 75,
  'PIPE/20MM': 4,
  'WASHER#A2': 230,
  'TAPE 50M': 9,
  'GLUE&FIX': 31,
  'HOSE#3/4': 18,
};

describe('StockClient', () => {
  let server;
  let client;

  before(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const m = url.pathname.match(/^\/stock\/(.+)$/);
      if (!m) { res.writeHead(404).end(); return; }
      const sku = decodeURIComponent(m[1]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sku, qty: STOCK[sku] ?? 0 }));
    });
    client = new StockClient(server.url);
  });

  after(() => server.closeNow());

  for (const [sku, qty] of Object.entries(STOCK)) {
    test(`quantity of ${sku}`, async () => {
      assert.equal(await client.quantity(sku), qty, `stock of ${sku} via ${client.baseUrl}`);
    });
  }

  test('unknown sku has no stock', async () => {
    assert.equal(await client.quantity('NOPE-1'), 0);
  });
});
