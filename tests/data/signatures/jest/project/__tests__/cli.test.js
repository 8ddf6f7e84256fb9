'use strict';
const { parseArgs } = require('../src/cli');

test('plain command', () => {
  expect(parseArgs(['close-month'])).toMatchObject({ command: 'close-month', dryRun: false });
});

test('dry run flag', () => {
  expect(parseArgs(['close-month', '--dry-run']).dryRun).toBe(true);
});

test('since takes a date', () => {
  expect(parseArgs(['export', '--since=2024-01-01']).since).toBe('2024-01-01');
});

test('verbose and since together', () => {
  expect(parseArgs(['export', '--verbose', '--since=2024-02-01'])).toMatchObject({ verbose: true });
});
