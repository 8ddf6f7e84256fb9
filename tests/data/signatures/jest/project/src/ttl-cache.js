'use strict';
// A small in-process cache whose entries expire after ttlMs milliseconds.
class TtlCache {
  constructor({ defaultTtlMs = 60_000, now = Date.now } = {}) {
    this.defaultTtlMs = defaultTtlMs;
    this.now = now;
    this.entries = new Map();
  }

  set(key, value, ttlMs = this.defaultTtlMs) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs * 1000 });
    return this;
  }

  get(key) {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  size() {
    for (const k of [...this.entries.keys()]) this.get(k);
    return this.entries.size;
  }
}

module.exports = { TtlCache };
