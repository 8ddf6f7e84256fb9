import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrderBook } from '../src/orders.mjs';

const line = (sku, qty, priceCents) => ({ sku, qty, priceCents });

describe('OrderBook', () => {
  test('computes the total', () => {
    const book = new OrderBook();
    assert.equal(book.place('ann', [line('A', 2, 250), line('B', 1, 99)]).total, 599);
  });

  test('lists orders of one customer', () => {
    const book = new OrderBook();
    book.place('ann', [line('A', 1, 100)]);
    book.place('bob', [line('B', 1, 100)]);
    assert.equal(book.byCustomer('ann').length, 1);
  });

  test('latest order id', () => {
    const book = new OrderBook();
    book.place('ann', [line('A', 1, 100)]);
    const second = book.place('ann', [line('A', 3, 100)]);
    assert.equal(book.latestId('ann'), second.id);
  });

  test('reorder copies the last order', () => {
    const book = new OrderBook();
    book.place('cem', [line('C', 5, 40)]);
    const copy = book.reorder('cem');
    assert.equal(copy.total, 200);
  });

  test('latest order of a repeat customer', () => {
    const book = new OrderBook();
    for (let i = 1; i <= 4; i += 1) book.place('dia', [line('D', i, 10)]);
    assert.equal(book.latest('dia').total, 40);
  });
});
