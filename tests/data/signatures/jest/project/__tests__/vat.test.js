'use strict';
const { grossCents, invoiceTotals } = require('../src/vat');

describe('grossCents', () => {
  test.each([
    ['DE', 1000, 1190],
    ['DE', 999, 1189],
    ['AT', 1999, 2399],
    ['IT', 4550, 5551],
    ['NL', 1234, 1493],
    ['HU', 333, 423],
    ['CH', 2500, 2703],
    ['LU', 10000, 11700],
  ])('%s: %i net cents -> %i gross', (country, net, gross) => {
    expect(grossCents(net, country)).toBe(gross);
  });

  test('unknown country', () => {
    expect(() => grossCents(100, 'XX')).toThrow(RangeError);
  });
});

describe('invoiceTotals', () => {
  test('vat is gross minus net', () => {
    const t = invoiceTotals([{ qty: 3, unitCents: 333 }], 'DE');
    expect(t).toEqual({ net: 999, vat: 190, gross: 1189 });
  });
});
