'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Ledger } = require('../src/ledger');

describe('Ledger', () => {
  let dir;
  let ledger;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    ledger = new Ledger(dir);
  });

  afterEach(() => {
    ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('starts empty', () => {
    expect(ledger.entries()).toEqual([]);
  });

  test('posts an entry', () => {
    ledger.post({ account: 'cash', cents: 1250 });
    expect(ledger.entries()).toHaveLength(1);
  });

  test('balance sums one account', () => {
    ledger.post({ account: 'cash', cents: 1250 });
    ledger.post({ account: 'cash', cents: -250 });
    ledger.post({ account: 'bank', cents: 999 });
    expect(ledger.balance('cash')).toBe(1000);
  });
});
