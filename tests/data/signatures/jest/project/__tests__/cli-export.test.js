'use strict';
const { parseArgs } = require('../src/cli');

describe('billing export', () => {
  test('export since the start of the quarter', () => {
    const opts = parseArgs(['export', '--since=2024-04-01', '--dry-run']);
    expect(opts).toEqual({ command: 'export', dryRun: true, since: '2024-04-01', verbose: false });
  });
});
