'use strict';

const BASE_MS = 500;
const MAX_MS = 30000;

/** Delay before retry number `attempt` (1 = first retry): 500, 1000, 2000, ... capped. */
function delayFor(attempt, { base = BASE_MS, max = MAX_MS } = {}) {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  }
  return Math.min(max, base * 2 ** attempt);
}

module.exports = { delayFor, BASE_MS, MAX_MS };
