'use strict';
const { delayFor } = require('../src/backoff');

describe('backoff', () => {
  test.each([
    [1, 500], [2, 1000], [3, 2000], [4, 4000], [5, 8000], [6, 16000], [8, 30000],
  ])('delayFor(%i) is %i ms', (attempt, ms) => {
    expect(delayFor(attempt)).toBe(ms);
  });

  test('rejects attempt 0', () => {
    expect(() => delayFor(0)).toThrow(RangeError);
  });
});
