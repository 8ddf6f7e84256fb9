'use strict';
const { deliver } = require('./deliver');
const { delayFor } = require('./backoff');
const { TopicRouter } = require('./topics');

const sleepReal = (ms) => new Promise((r) => setTimeout(r, ms));

class Relay {
  constructor({ subscriptions, secret, timeoutMs = 2000, maxAttempts = 3, deadLetters = null, sleep = sleepReal }) {
    this.router = new TopicRouter(subscriptions);
    this.secret = secret;
    this.timeoutMs = timeoutMs;
    this.maxAttempts = maxAttempts;
    this.deadLetters = deadLetters;
    this.sleep = sleep;
    this.stats = { delivered: 0, failed: 0, attempts: 0 };
  }

  async publish(event) {
    const subs = this.router.subscribersFor(event.topic);
    const results = [];
    for (const sub of subs) {
      results.push(await this.deliverWithRetry(sub, event));
    }
    return results;
  }

  async deliverWithRetry(sub, event) {
    let lastErr;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      this.stats.attempts++;
      try {
        const res = await deliver(sub, event, { secret: this.secret, timeoutMs: this.timeoutMs });
        if (res.status < 500) {
          this.stats.delivered++;
          return { sub: sub.name, ...res };
        }
        lastErr = new Error(`${sub.url} answered ${res.status}`);
      } catch (err) {
        lastErr = err;
      }
      if (attempt < this.maxAttempts) await this.sleep(delayFor(attempt));
    }
    this.stats.failed++;
    if (this.deadLetters) this.deadLetters.put(event, String(lastErr && lastErr.message));
    return { sub: sub.name, error: lastErr.message };
  }
}

module.exports = { Relay };
