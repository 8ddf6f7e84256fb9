import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { render } from '../src/template.js';

describe('render', () => {
  const order = { id: randomUUID(), total: '49,90 €', items: 3 };
  const user = { name: 'Ann', email: 'ann@example.test' };

  const cases = [
    ['greeting', 'Hi {{ user.name }}!', 'Hi Ann!'],
    ['order confirmation', 'Hi {{user.name}}, order {{order.id}} is confirmed.', `Hi Ann, order ${order.id} is confirmed.`],
    ['shipping notice', 'Order {{ order.id }} ({{ order.items }} items) has shipped.', `Order ${order.id} (3 items) has shipped.`],
    ['receipt', '{{user.name}}: {{order.total}} charged to {{user.email}}', 'Ann: 49,90 € charged to ann@example.test'],
    ['missing value', 'Code: {{ voucher.code }}', 'Code: '],
    ['review request', 'How were your {{order.items}} items, {{user.name}}?', 'How were your 3 items, Ann?'],
  ];

  for (const [name, template, expected] of cases) {
    it(`renders the ${name} template`, () => {
      assert.equal(render(template, { order, user }), expected);
    });
  }
});
