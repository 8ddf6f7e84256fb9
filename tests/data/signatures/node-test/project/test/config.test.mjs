import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/config.mjs';

const ENV = {
  ORDERS_DB_URL: 'postgres://orders@127.0.0.1/orders',
  ORDERS_WEBHOOK_SECRET: 'whsec_live_1',
  ORDERS_PORT: '9090',
};

test('reads the port', () => {
  assert.equal(loadConfig(ENV).port, 9090);
});

test('defaults the port to 8080', () => {
  const { ORDERS_PORT, ...env } = ENV;
  assert.equal(loadConfig(env).port, 8080);
});
