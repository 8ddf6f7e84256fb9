'use strict';
const { RatesClient } = require('../src/rates-client');
const { startServer } = require('../src/test-helpers');

const RATES = { 'EUR:CHF': 0.94, 'EUR:GBP': 0.85, 'EUR:HUF': 392.1 };

describe('RatesClient against a live rates service', () => {
  let server;
  let client;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/healthz') { res.writeHead(200).end('ok'); return; }
      const key = `${url.searchParams.get('from')}:${url.searchParams.get('to')}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rate: RATES[key] }));
    });
    client = await new RatesClient(server.url).connect();
  });

  afterAll(() => server && server.stop());

  test('EUR to CHF', async () => {
    expect(await client.rate('EUR', 'CHF')).toBe(0.94);
  });

  test('converts cents', async () => {
    expect(await client.convert(10000, 'EUR', 'GBP')).toBe(8500);
  });

  test('converts to a weak currency', async () => {
    expect(await client.convert(100, 'EUR', 'HUF')).toBe(39210);
  });
});
