'use strict';
// `billing` command line: billing <command> [--dry-run] [--since=YYYY-MM-DD]
const KNOWN_FLAGS = new Set(['--dry-run', '--since', '--verbose']);

function parseArgs(argv) {
  const opts = { command: argv[0], dryRun: false, since: null, verbose: false };
  for (const arg of argv.slice(1)) {
    const [flag, value] = arg.split('=');
    if (!KNOWN_FLAGS.has(arg)) {
      process.stderr.write(`billing: unknown option ${flag} (pid ${process.pid})\n`);
      process.exit(64); // EX_USAGE
    }
    if (flag === '--dry-run') opts.dryRun = true;
    if (flag === '--since') opts.since = value;
    if (flag === '--verbose') opts.verbose = true;
  }
  return opts;
}

module.exports = { parseArgs };
