'use strict';
const fs = require('fs');
const path = require('path');

class DeadLetterStore {
  constructor(dir) {
    this.dir = path.join(dir, 'dead', 'pending');
    fs.mkdirSync(this.dir);
  }

  put(event, reason) {
    const file = path.join(this.dir, `${event.id}.json`);
    fs.writeFileSync(file, JSON.stringify({ event, reason, at: Date.now() }));
    return file;
  }

  list() {
    return fs.readdirSync(this.dir).filter((f) => f.endsWith('.json')).sort();
  }

  take(id) {
    const file = path.join(this.dir, `${id}.json`);
    const rec = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.unlinkSync(file);
    return rec;
  }
}

module.exports = { DeadLetterStore };
