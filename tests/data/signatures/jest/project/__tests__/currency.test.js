'use strict';
const { format } = require('../src/currency');

test('formats euros the German way', () => {
  expect(format(123456, 'EUR')).toBe('1.234,56\u00a0€');
});

test('formats forints', () => {
  expect(format(99900, 'HUF')).toBe('999,00\u00a0HUF');
});
