// The OpenAPI document a real jji-server serves (GET /openapi.json), linted by @redocly/cli with
// its recommended rules: the test fails on any error and lists the warnings. The linter is
// pinned in package-lock.json (./setup.sh --tests installs it); the server comes from
// JJI_SERVER_PATH (ctest sets it), else ./build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const serverPath = process.env.JJI_SERVER_PATH || resolve(here, '..', '..', 'build', 'bridge', 'jji-server');
const redocly = join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

function fail(message) {
  console.error(`openapi.Lint: ${message}`);
  process.exitCode = 1;
}

/** Starts jji-server on a free port; resolves with {child, base} once it listens. */
function startServer(dir) {
  return new Promise((resolvePromise, reject) => {
    const env = {
      PATH: process.env.PATH, HOME: dir, LANG: process.env.LANG || 'C.UTF-8',
      ASAN_OPTIONS: process.env.ASAN_OPTIONS || '', UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || '',
      LSAN_OPTIONS: process.env.LSAN_OPTIONS || '',
      JJI_DATA_DIR: join(dir, 'data'), PORT: '0', JJI_BIND: '127.0.0.1',
    };
    const child = spawn(serverPath, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`jji-server did not start: ${seen}`)), 30000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, base: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`jji-server exited with ${code}: ${seen}`)));
  });
}

async function main() {
  if (!existsSync(redocly))
    return fail(`${redocly} is missing: run ./setup.sh --tests (npm ci in tests/openapi)`);
  const dir = mkdtempSync(join(tmpdir(), 'jji-openapi-'));
  let server;
  try {
    server = await startServer(dir);
    const response = await fetch(`${server.base}/openapi.json`);
    if (response.status !== 200)
      return fail(`GET /openapi.json answered ${response.status}`);
    const document = await response.json();
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    // In the temporary folder no redocly.yaml applies: the built-in recommended rules do.
    const lint = spawnSync(process.execPath, [redocly, 'lint', file, '--extends=recommended', '--format=json',
      '--max-problems=1000'], {
      cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    let report;
    try {
      report = JSON.parse(lint.stdout);
    } catch {
      return fail(`no report from redocly (exit ${lint.status}): ${lint.stdout}\n${lint.stderr}`);
    }
    for (const problem of report.problems) {
      const where = (problem.location || []).map((l) => l.pointer).join(', ');
      console.log(`${problem.severity} ${problem.ruleId}: ${problem.message} ${where}`);
    }
    const { errors, warnings } = report.totals;
    console.log(`openapi.Lint: ${Object.keys(document.paths).length} paths, ${errors} errors, ${warnings} warnings ` +
      `(@redocly/cli ${report.version}, recommended rules)`);
    if (errors > 0)
      fail(`${errors} errors`);
  } finally {
    server?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => fail(e.stack || String(e)));
