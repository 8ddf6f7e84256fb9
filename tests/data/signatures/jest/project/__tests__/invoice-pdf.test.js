'use strict';
const { format } = require('../src/currency');
const { invoiceTotals } = require('../src/vat');

test('invoice footer line', () => {
  const t = invoiceTotals([{ qty: 2, unitCents: 1000 }], 'DE');
  expect(`Gesamt: ${format(t.gross, 'EUR')}`).toBe('Gesamt: 23,80\u00a0€');
});
