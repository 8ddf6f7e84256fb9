import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/config.mjs';

test('service config from a complete environment', () => {
  const cfg = loadConfig({
    ORDERS_DB_URL: 'postgres://orders@db/orders',
    ORDERS_WEBHOOK_SECRET: 'whsec_live_2',
  });
  assert.equal(cfg.dbUrl, 'postgres://orders@db/orders');
});
