'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Append-only ledger file guarded by a lock file.
class Ledger {
  constructor(dir) {
    this.dir = dir;
    this.file = path.join(dir, 'ledger.jsonl');
    this.lock = path.join(dir, 'ledger.lock');
    fs.writeFileSync(this.lock, String(process.pid), { flag: 'wx' });
  }

  post(entry) {
    const line = JSON.stringify({ ...entry, at: Date.now() });
    fs.appendFileSync(this.file, `${line}\n`);
  }

  entries() {
    if (!fs.existsSync(this.file)) return [];
    return fs.readFileSync(this.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  }

  balance(account) {
    return this.entries().filter((e) => e.account === account).reduce((s, e) => s + e.cents, 0);
  }

  close() {
    fs.unlinkSync(`${this.lock}.lock`);
  }
}

module.exports = { Ledger };
