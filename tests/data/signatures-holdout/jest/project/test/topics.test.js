'use strict';
const { matches, TopicRouter } = require('../src/topics');

describe('topic patterns', () => {
  test('single-segment wildcard matches one level', () => {
    expect(matches('order.*', 'order.created')).toBe(true);
  });

  test('wildcard does not cross segments', () => {
    expect(matches('order.*', 'order.item.added')).toBe(false);
  });

  test('leading wildcard stays in its segment', () => {
    expect(matches('*.failed', 'payment.card.failed')).toBe(false);
  });

  test('exact pattern', () => {
    expect(matches('invoice.paid', 'invoice.paid')).toBe(true);
    expect(matches('invoice.paid', 'invoice.paid.late')).toBe(false);
  });

  test('router picks only one-level order subscribers', () => {
    const router = new TopicRouter([
      { name: 'orders', topics: ['order.*'] },
      { name: 'items', topics: ['order.item.*'] },
      { name: 'billing', topics: ['invoice.*'] },
    ]);
    expect(router.subscribersFor('order.item.added').map((s) => s.name)).toEqual(['items']);
  });
});
