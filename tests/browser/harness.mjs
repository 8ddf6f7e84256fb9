// Test harness of the browser tests: the real jji-server (path from JJI_SERVER_PATH) with
// the fake AI CLI, a fake Jenkins and the fake trackers from tests/fakes, seeded through
// its REST API; Debian's chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const fakesDir = resolve(here, '..', 'fakes');
export const serverPath = process.env.JJI_SERVER_PATH || resolve(here, '..', '..', 'build', 'bridge', 'jji-server');
export const chromiumPath = process.env.JJI_CHROMIUM || '/usr/bin/chromium';
export const ADMIN_KEY = 'admin-key-for-browser-tests-0123456789';

/** Starts a process and resolves with {child, port} once a line matches `pattern`. */
function startProcess(command, args, env, pattern, logFile) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${seen}`)), 30000);
    const onData = (chunk) => {
      seen += chunk.toString();
      if (logFile && existsSync(dirname(logFile))) writeFileSync(logFile, chunk, { flag: 'a' });
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, port: Number(m[1]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${seen}`)));
  });
}

function jenkinsFixture() {
  const testCase = (className, name, details) => ({ className, name, status: 'FAILED', errorDetails: details,
    errorStackTrace: `at ${className}.helper(${className}.java:42)`, duration: 0.5 });
  const build = (number, result, extra = {}) => ({ number, result, building: false, url: '', duration: 1000, actions: [], ...extra });
  return {
    user: 'u', token: 't',
    builds: {
      // A realistic pipeline for the README's screenshots: failures of three kinds and a failed child job.
      'payments/api-tests/128': {
        build: build(128, 'UNSTABLE', { subBuilds: [{ jobName: 'payments/db-migrations', buildNumber: 57, result: 'FAILURE' }] }),
        testReport: { suites: [{ cases: [
          testCase('tests.api.TestRefunds', 'test_partial_refund', 'AssertionError: expected status 200 got 500'),
          testCase('tests.api.TestRefunds', 'test_full_refund', 'AssertionError: expected status 200 got 500'),
          testCase('tests.api.TestLedger', 'test_balance_after_refund', 'Ledger balance drift: 10.00 != 9.99 after refund'),
          testCase('tests.api.TestWebhooks', 'test_delivery', 'Connection refused to webhooks.internal:8443'),
        ] }] },
        console: 'log\n',
      },
      'payments/db-migrations/57': {
        build: build(57, 'UNSTABLE'),
        testReport: { suites: [{ cases: [testCase('tests.migrations.TestV42', 'test_upgrade', 'Timeout waiting for lock on table payments')] }] },
        console: 'log\n',
      },
      'slow-job/7': {
        build: { number: 7, result: 'UNSTABLE', building: false, url: 'http://jenkins/job/slow-job/7/', duration: 1000, actions: [] },
        testReport: { suites: [{ cases: [testCase('tests.slow.TestWait', 'test_waits', 'AssertionError: expected 1 got 2')] }] },
        console: 'log\n',
        building_polls: 3,
      },
    },
  };
}

function trackersFixture() {
  return {
    github: { tokens: { ghp_server_token: 'jji-bot' }, issues: { 'acme/tests': [{ number: 42, title: 'Core failure in login flow', state: 'open' },
      { number: 7, title: 'Fix login', state: 'closed', pull: true, merged: true }] } },
    jira: { pats: [{ token: 'jira_server_pat', name: 'JJI Bot' }], projects: [{ key: 'PROJ', name: 'Product' }],
      issues: [{ key: 'PROJ-1', summary: 'Core failure when saving', status: 'In Progress', priority: 'High' }] },
    reportportal: { token: 'rp_token_secret', project: 'qa',
      launches: [{ id: 500, name: 'payments/api-tests', number: 3, attributes: [{ key: 'build', value: '128' }] }],
      items: { 500: [{ id: 1, name: 'test_partial_refund', codeRef: 'tests.api.TestRefunds.test_partial_refund', type: 'STEP', status: 'FAILED' }] } },
  };
}

export class Harness {
  /** env: settings over (or, with '', removing) the defaults below; browserArgs: chromium's. */
  constructor({ env = {}, browserArgs = [] } = {}) {
    this.envOverrides = env;
    this.browserArgs = browserArgs;
  }

  async start() {
    this.dir = mkdtempSync(join(tmpdir(), 'jji-browser-'));
    this.children = [];
    writeFileSync(join(this.dir, 'jenkins.json'), JSON.stringify(jenkinsFixture()));
    writeFileSync(join(this.dir, 'trackers.json'), JSON.stringify(trackersFixture()));
    this.trackerLog = join(this.dir, 'trackers.log');
    const jenkins = await startProcess(join(fakesDir, 'fake-jenkins'), [join(this.dir, 'jenkins.json')], process.env, /listening on port (\d+)/);
    const trackers = await startProcess(join(fakesDir, 'fake-trackers'), [join(this.dir, 'trackers.json')],
      { ...process.env, FAKE_TRACKERS_LOG: this.trackerLog }, /listening on port (\d+)/);
    this.children.push(jenkins.child, trackers.child);
    const trackersUrl = `http://127.0.0.1:${trackers.port}`;
    const env = {
      PATH: process.env.PATH, HOME: this.dir, LANG: process.env.LANG || 'C.UTF-8',
      ASAN_OPTIONS: process.env.ASAN_OPTIONS || '', UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || '', LSAN_OPTIONS: process.env.LSAN_OPTIONS || '',
      JJI_DATA_DIR: join(this.dir, 'data'), PORT: '0', JJI_BIND: '127.0.0.1', SECURE_COOKIES: 'false',
      AI_PROVIDER: 'claude', AI_MODEL: 'sonnet', JJI_AI_COMMAND_CLAUDE: join(fakesDir, 'fake-ai-cli'),
      JENKINS_URL: `http://127.0.0.1:${jenkins.port}`, JENKINS_USER: 'u', JENKINS_PASSWORD: 't', JJI_WAIT_MINUTE_SECONDS: '1',
      ADMIN_KEY, GITHUB_API_URL: trackersUrl, GITHUB_TOKEN: 'ghp_server_token', TESTS_REPO_URL: 'https://github.com/acme/tests',
      JIRA_URL: trackersUrl, JIRA_PAT: 'jira_server_pat', JIRA_PROJECT_KEY: 'PROJ',
      REPORTPORTAL_URL: trackersUrl, REPORTPORTAL_API_TOKEN: 'rp_token_secret', REPORTPORTAL_PROJECT: 'qa',
      PUBLIC_BASE_URL: 'https://jji.example.com', // Report Portal items link back to the report
    };
    for (const [key, value] of Object.entries(this.envOverrides)) {
      if (value === '') delete env[key];
      else env[key] = value;
    }
    const server = await startProcess(serverPath, [], env, /listening on http:\/\/[^:]+:(\d+)/, join(this.dir, 'server.log'));
    this.children.push(server.child);
    this.base = `http://127.0.0.1:${server.port}`;
    this.port = server.port;
    this.browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', ...this.browserArgs] });
    return this;
  }

  async stop() {
    await this.browser?.close();
    for (const child of this.children || []) child.kill('SIGTERM');
    if (this.dir && !process.env.JJI_KEEP_BROWSER_TEST_DIR) rmSync(this.dir, { recursive: true, force: true });
  }

  /** A REST call as an API client (JSON), optionally as a named user or with an admin key. */
  async api(method, path, body, user, key) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (user) headers.Cookie = `jji_username=${user}`;
    if (key) headers.Authorization = `Bearer ${key}`;
    const response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : null };
  }

  /** A Jenkins-backed analysis run to its end; returns its job id. */
  async analyzeBuild(jobName, buildNumber) {
    const { status, data } = await this.api('POST', '/analyze?sync=true', { job_name: jobName, build_number: buildNumber });
    if (status !== 200) throw new Error(`analysis failed: ${status} ${JSON.stringify(data)}`);
    return data.job_id;
  }

  /** A direct analysis through the fake AI; returns its job id. */
  async analyze(failures, extra = {}) {
    const { status, data } = await this.api('POST', '/analyze-failures', { failures, ...extra });
    if (status !== 200) throw new Error(`analysis failed: ${status} ${JSON.stringify(data)}`);
    return data.job_id;
  }

  /** A browser page; `user` sets the username cookie; `colorScheme` 'dark' emulates a dark system theme. */
  async page({ user, width = 1280, height = 900, colorScheme = 'light', base = this.base } = {}) {
    const context = await this.browser.newContext({ viewport: { width, height }, colorScheme });
    if (user) await context.addCookies([{ name: 'jji_username', value: user, url: base }]);
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
    return page;
  }

  /** With JJI_SCREENSHOTS set: the page's viewport as <dir>/<name>.png (the README's images). */
  async screenshot(page, name) {
    if (!process.env.JJI_SCREENSHOTS) return;
    mkdirSync(process.env.JJI_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(process.env.JJI_SCREENSHOTS, `${name}.png`), fullPage: false });
  }

  /** Signs the page in as the admin of ADMIN_KEY. */
  async signIn(page, base = this.base) {
    await page.goto(`${base}/login`);
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
  }

  trackerRequests() {
    if (!existsSync(this.trackerLog)) return [];
    return readFileSync(this.trackerLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }
}
