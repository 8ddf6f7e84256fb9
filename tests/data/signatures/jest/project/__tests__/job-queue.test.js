'use strict';
const { JobQueue } = require('../src/job-queue');
const { waitFor } = require('../src/test-helpers');

const settled = (job) => () => job.state === 'done' || job.state === 'dead';

function flaky(failures) {
  const calls = { n: 0 };
  const handler = async (payload) => {
    calls.n += 1;
    if (calls.n <= failures) throw new Error(`upstream 502 for invoice ${payload.invoice}`);
    return { sent: payload.invoice };
  };
  return { calls, handler };
}

describe('JobQueue', () => {
  test('runs a job once', async () => {
    const { calls, handler } = flaky(0);
    const job = new JobQueue(handler).push({ invoice: 'INV-1001' });
    await waitFor(settled(job));
    expect(calls.n).toBe(1);
  });

  test('retries until the third attempt succeeds', async () => {
    const { handler } = flaky(2);
    const job = new JobQueue(handler, { maxAttempts: 3 }).push({ invoice: 'INV-1002' });
    await waitFor(settled(job));
    expect(job.state).toBe('done');
  });

  test('calls the handler maxAttempts times', async () => {
    const { calls, handler } = flaky(99);
    const job = new JobQueue(handler, { maxAttempts: 3 }).push({ invoice: 'INV-1003' });
    await waitFor(settled(job));
    expect(calls.n).toBe(3);
  });

  test('records the attempt count of a recovered job', async () => {
    const { handler } = flaky(1);
    const job = new JobQueue(handler, { maxAttempts: 5 }).push({ invoice: 'INV-1004' });
    await waitFor(settled(job));
    expect(job.attempts).toBe(2);
  });

  test('drain resolves once all jobs succeeded', async () => {
    const q = new JobQueue(flaky(0).handler);
    q.push({ invoice: 'INV-2001' });
    q.push({ invoice: 'INV-2002' });
    await q.drain();
    expect(q.pending).toBe(0);
  });

  test('drain resolves after a job is dead-lettered', async () => {
    const q = new JobQueue(flaky(99).handler, { maxAttempts: 2 });
    q.push({ invoice: 'INV-3001' });
    await q.drain();
    expect(q.dead).toHaveLength(1);
  });

  test('drain with a mix of good and bad jobs', async () => {
    let n = 0;
    const q = new JobQueue(async () => { n += 1; if (n % 2) throw new Error('card declined'); });
    for (let i = 0; i < 4; i += 1) q.push({ invoice: `INV-40${i}` });
    await q.drain();
    expect(q.pending).toBe(0);
  });
});
