'use strict';
const { randomUUID } = require('node:crypto');

// In-process job queue with retries and a dead-letter list.
class JobQueue {
  constructor(handler, { maxAttempts = 3, workerId = `worker-${process.pid}-${randomUUID().slice(0, 4)}` } = {}) {
    this.handler = handler;
    this.maxAttempts = maxAttempts;
    this.workerId = workerId;
    this.jobs = new Map();
    this.dead = [];
    this.pending = 0;
    this.waiters = [];
  }

  push(payload) {
    const job = { id: randomUUID(), payload, attempts: 0, state: 'queued', enqueuedAt: Date.now() };
    this.jobs.set(job.id, job);
    this.pending += 1;
    setImmediate(() => this.#run(job));
    return job;
  }

  async #run(job) {
    job.attempts += 1;
    job.state = 'running';
    job.worker = this.workerId;
    try {
      job.result = await this.handler(job.payload, job);
      job.state = 'done';
      this.#settled();
    } catch (err) {
      job.lastError = `${err.message} (attempt ${job.attempts} on ${this.workerId})`;
      this.#retry(job);
    }
  }

  #retry(job) {
    job.attempts += 1;
    if (job.attempts >= this.maxAttempts) {
      job.state = 'dead';
      this.dead.push(job);
      return;
    }
    job.state = 'queued';
    setImmediate(() => this.#run(job));
  }

  #settled() {
    this.pending -= 1;
    if (this.pending === 0) this.waiters.splice(0).forEach((w) => w());
  }

  drain() {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

module.exports = { JobQueue };
