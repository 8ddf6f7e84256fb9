// Signed webhook delivery with a small retry queue.
import { createHmac, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

export function sign(secret, timestamp, body) {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export class Dispatcher extends EventEmitter {
  constructor(url, secret, { retryDelayMs = 10 } = {}) {
    super();
    this.url = url;
    this.secret = secret;
    this.retryDelayMs = retryDelayMs;
    this.queue = [];
    this.delivered = [];
  }

  async send(event, payload) {
    const job = { id: randomUUID(), event, payload, tries: 0 };
    return this.deliver(job);
  }

  async deliver(job) {
    job.tries += 1;
    const timestamp = Date.now();
    const signature = sign(this.secret, timestamp, JSON.stringify(job.payload));
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-delivery-id': job.id,
        'x-signature': `t=${timestamp},v1=${signature}`,
      },
      body: JSON.stringify(job.payload, null, 2),
    });
    if (res.status === 503) {
      this.queue.push(job);
      setTimeout(this.retryLater, this.retryDelayMs);
      return { queued: job.id };
    }
    if (!res.ok) {
      const why = await res.text();
      throw new Error(`webhook ${job.id} to ${this.url} rejected: ${res.status} ${why} (t=${timestamp})`);
    }
    this.delivered.push(job.id);
    this.emit('delivered', job);
    return { delivered: job.id };
  }

  retryLater() {
    const job = this.queue.shift();
    if (job) this.deliver(job).catch((err) => this.emit('error', err));
  }
}
