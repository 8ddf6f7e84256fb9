import { expect } from 'chai';
import { dedupe, dedupeKey } from '../src/dedupe.js';

const t0 = Date.now();
const n = (user, type, payload, dt = 0) => ({ user, type, payload, at: t0 + dt });

describe('dedupe', () => {
  it('drops an exact repeat within the window', () => {
    const a = n('ann', 'price-drop', { sku: 'SKU-1' });
    expect(dedupe([a, { ...a, at: a.at + 1000 }])).to.have.length(1);
  });

  it('keeps price drops of different products', () => {
    const out = dedupe([
      n('ann', 'price-drop', { sku: 'SKU-1' }),
      n('ann', 'price-drop', { sku: 'SKU-2' }, 10),
      n('ann', 'price-drop', { sku: 'SKU-3' }, 20),
    ]);
    expect(out).to.have.length(3);
  });

  it('keeps shipping updates of two orders', () => {
    const out = dedupe([n('bob', 'shipped', { order: 'A-1' }), n('bob', 'shipped', { order: 'A-2' }, 5)]);
    expect(out.map((x) => x.payload.order)).to.deep.equal(['A-1', 'A-2']);
  });

  it('key differs for different payloads', () => {
    expect(dedupeKey(n('cem', 'back-in-stock', { sku: 'SKU-7' })))
      .to.not.equal(dedupeKey(n('cem', 'back-in-stock', { sku: 'SKU-8' })));
  });

  it('repeats after the window', () => {
    const a = n('dia', 'reminder', 'cart');
    expect(dedupe([a, { ...a, at: a.at + 61_000 }])).to.have.length(2);
  });
});
