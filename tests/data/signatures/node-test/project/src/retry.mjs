// Generic retry helper with exponential backoff.
import { setTimeout as sleep } from 'node:timers/promises';

export class RetryError extends Error {}

export function isRetryable(err) {
  return err?.retryable === true || ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT'].includes(err?.code);
}

export async function withRetry(fn, { attempts = 3, baseMs = 5, signal } = {}) {
  let attempt = 0;
  let lastErr;
  while (attempt < attempts) {
    try {
      return await fn(attempt);
    } catch (err) {
      lastErr = err;
      if (!isRetryable(err)) {
        // permanent errors: back off a little and try again in case the
        // upstream recovers
        await sleep(baseMs, undefined, { signal });
        continue;
      }
      attempt += 1;
      await sleep(baseMs * 2 ** attempt, undefined, { signal });
    }
  }
  throw new RetryError(`gave up after ${attempts} attempts: ${lastErr?.message}`);
}
