// The web UI in a real browser (Debian's chromium, headless) against the real daemon
// with seeded data: dashboard, report, review actions round-tripping to the API, the
// live status page, escaping, phone width, admin pages.
//   JJI_SERVER_PATH=build/bridge/jji-server node --test tests/browser/ui.test.mjs
//   (the README's screenshots are written by triage.test.mjs)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_KEY, Harness } from './harness.mjs';

const XSS_TEST = 'tests.xss.Test<img src=x onerror="window.__xss=1">';
const XSS_COMMENT = '<script>window.__xss=2</script> and <b>bold</b>';

const h = new Harness();
let mainJob;
let xssJob;
let pipelineJob;

before(async () => {
  await h.start();
  pipelineJob = await h.analyzeBuild('payments/api-tests', 128);
  mainJob = await h.analyze([
    { test_name: 'tests.core.TestSave.test_save', error_message: 'Segfault in core module', stack_trace: 'at save' },
    { test_name: 'tests.core.TestSave.test_load', error_message: 'Segfault in core module', stack_trace: 'at save' },
    { test_name: 'tests.api.TestLogin.test_admin', error_message: 'AssertionError: expected 200 got 500', stack_trace: 'at login' },
    { test_name: 'tests.db.TestConn.test_connect', error_message: 'Connection refused to db:5432', stack_trace: 'at connect' },
  ]);
  xssJob = await h.analyze([{ test_name: XSS_TEST, error_message: '<svg onload="window.__xss=3">AssertionError</svg>' }]);
  // bob exists (he has written something), so alice can mention him.
  const hello = await h.api('POST', `/results/${mainJob}/comments`, { test_name: 'tests.db.TestConn.test_connect', comment: 'looking' }, 'bob');
  assert.equal(hello.status, 201);
  const xss = await h.api('POST', `/results/${xssJob}/comments`, { test_name: XSS_TEST, comment: XSS_COMMENT }, 'mallory');
  assert.equal(xss.status, 201);
});

after(async () => {
  await h.stop();
});

test('the dashboard lists the analyses with their counts and filters them', async () => {
  const page = await h.page({ user: 'alice' });
  const response = await page.goto(`${h.base}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  const row = page.locator(`#dashboard-table tr[data-job-id="${mainJob}"]`);
  await row.waitFor();
  assert.equal(await page.locator('#dashboard-table tbody tr').count(), 3);
  assert.equal(await row.locator('.failure-count').textContent(), '4');
  assert.match(await row.textContent(), /PRODUCT BUG 2/);
  assert.match(await row.textContent(), /CODE ISSUE 1/);
  assert.match(await row.textContent(), /INFRASTRUCTURE 1/);
  assert.match(await page.locator(`#dashboard-table tr[data-job-id="${pipelineJob}"] a`).textContent(), /payments\/api-tests #128/);
  await page.getByLabel('Search analyses').fill('nothing matches this');
  await page.getByText('No analyses match.').waitFor();
  await page.getByLabel('Search analyses').fill('');
  await row.locator('a').click();
  await page.waitForURL(`${h.base}/results/${mainJob}.html`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the report groups failures by error signature and counts them', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${mainJob}.html`);
  await page.locator('article.group').first().waitFor();
  assert.equal(await page.locator('article.group').count(), 3); // two tests share the segfault
  assert.equal(await page.locator('#review-progress').textContent(), '0/4 reviewed');
  await page.locator('#expand-all').click();
  const segfault = page.locator('article.group', { has: page.locator('li.test[data-test-name="tests.core.TestSave.test_save"]') });
  assert.equal(await segfault.locator('li.test').count(), 2);
  assert.match(await segfault.locator('.badge').first().textContent(), /PRODUCT BUG/);
  assert.match(await segfault.textContent(), /Product bug report/);
  // Why the two tests are one group: the normalized text their signature is the hash of.
  await segfault.locator('summary', { hasText: 'Why these tests are grouped' }).click();
  assert.match(await segfault.locator('pre.signature-text').textContent(), /^kind: .*\nmessage: /);
  const codeIssue = page.locator('article.group', { hasText: 'tests.api.TestLogin.test_admin' });
  assert.match(await codeIssue.textContent(), /Suggested fix/);
  // The pipeline: its child job's groups among the top-level ones, labelled with the child.
  await page.goto(`${h.base}/results/${pipelineJob}.html`);
  const child = page.locator('article.group[data-scope="payments/db-migrations#57"]');
  await child.waitFor();
  assert.equal(await child.count(), 1);
  assert.match(await child.locator('.scope-chip').textContent(), /payments\/db-migrations #57/);
  // A browser asking for /results/{id} gets the report too; an API client gets JSON.
  await page.goto(`${h.base}/results/${mainJob}`);
  await page.locator('article.group').first().waitFor();
  const json = await h.api('GET', `/results/${mainJob}`);
  assert.equal(json.status, 200);
  assert.equal(json.data.job_id, mainJob);
  const bare = await fetch(`${h.base}/results/${mainJob}`);
  assert.match(bare.headers.get('content-type'), /application\/json/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reviewed, comment with a mention, override and a GitHub issue round-trip to the API', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${mainJob}.html`);
  await page.locator('#expand-all').click();
  const test = page.locator('li.test[data-test-name="tests.db.TestConn.test_connect"]');
  await test.waitFor();

  // Reviewed, from the keyboard.
  const toggle = test.locator('input.reviewed-toggle');
  await toggle.focus();
  await page.keyboard.press('Space');
  await page.getByText('Marked tests.db.TestConn.test_connect reviewed').waitFor();
  let discussion = (await h.api('GET', `/results/${mainJob}/comments`)).data;
  assert.equal(discussion.reviews['tests.db.TestConn.test_connect'].reviewed, true);
  assert.equal(discussion.reviews['tests.db.TestConn.test_connect'].username, 'alice');

  // A comment, with @mention autocomplete.
  await test.locator('button.comments-toggle').click();
  const box = test.locator('textarea');
  await box.pressSequentially('Seen before, @bo');
  await test.locator('.mention-option', { hasText: 'bob' }).waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), 'Seen before, @bob ');
  await box.pressSequentially('please check');
  await test.getByRole('button', { name: 'Comment', exact: true }).click();
  await page.getByText('Comment added').waitFor();
  // The report renders again after the comment: act on the new page, not on the old one.
  await page.locator('li.comment .comment-text', { hasText: 'Seen before, @bob please check' }).waitFor();
  discussion = (await h.api('GET', `/results/${mainJob}/comments`)).data;
  const added = discussion.comments.find((c) => c.username === 'alice');
  assert.equal(added.comment, 'Seen before, @bob please check');
  const mentions = await h.api('GET', '/api/users/mentions', undefined, 'bob');
  assert.equal(mentions.data.unread_count, 1);

  // Override the classification of the group.
  const group = page.locator('article.group', { has: page.locator('li.test[data-test-name="tests.db.TestConn.test_connect"]') });
  await group.locator('select.override-select').selectOption('PRODUCT BUG');
  await group.locator('button.override-apply').click();
  await page.getByText('Classification set to PRODUCT BUG').waitFor();
  await group.locator('.group-head .badge', { hasText: 'PRODUCT BUG' }).waitFor(); // rendered again
  const stored = (await h.api('GET', `/results/${mainJob}`)).data.result.failures.find((f) => f.test_name === 'tests.db.TestConn.test_connect');
  assert.equal(stored.analysis.classification, 'PRODUCT BUG');

  // File a GitHub issue from the dialog: preview, then create against the fake GitHub.
  const codeGroup = page.locator('article.group', { hasText: 'tests.api.TestLogin.test_admin' });
  await codeGroup.locator('button.file-github').click();
  const dialog = page.locator('dialog.issue-dialog');
  await dialog.getByText('Review the draft, then create it.').waitFor();
  assert.match(await dialog.getByLabel('Title').inputValue(), /^AI: /);
  await dialog.getByLabel('Title').fill('Login expects the wrong status');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.getByText('Created').waitFor();
  const link = dialog.locator('a', { hasText: '#100' });
  assert.equal(await link.getAttribute('href'), 'https://github.com/acme/tests/issues/100');
  const posted = h.trackerRequests().filter((r) => r.tracker === 'github' && r.method === 'POST');
  assert.equal(posted.length, 1);
  assert.equal(posted[0].body.title, 'Login expects the wrong status');
  assert.match(posted[0].body.body, /Reported by `alice`/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('li.test[data-test-name="tests.api.TestLogin.test_admin"] button.comments-toggle', { hasText: 'Comments (1)' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the status page follows a running analysis to its report', async () => {
  const queued = await h.api('POST', '/analyze', { job_name: 'slow-job', build_number: 7, poll_interval_minutes: 1 });
  assert.equal(queued.status, 202);
  const jobId = queued.data.job_id;
  // The dashboard follows the running row without a reload.
  const dashboard = await h.page({ user: 'alice' });
  await dashboard.goto(`${h.base}/`);
  const row = dashboard.locator(`#dashboard-table tr[data-job-id="${jobId}"]`);
  await row.waitFor();
  assert.notEqual(await row.getAttribute('data-status'), 'completed');
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${jobId}.html`); // in progress: sent to the status page
  await page.waitForURL(`${h.base}/status/${jobId}`);
  await page.locator('#phase-log li[data-phase="waiting_for_jenkins"]').waitFor();
  // The line shows the current phase, which may already be past the wait on a loaded machine.
  assert.match(await page.locator('.status-line').textContent(),
               /slow-job #7: (Waiting for the Jenkins build|The AI is analysing|Analysing failed child jobs|Saving the result)/);
  assert.match(await page.locator('#elapsed').textContent(), /Elapsed: \d+ s/);
  await page.waitForURL(`${h.base}/results/${jobId}.html`, { timeout: 30000 });
  await page.locator('article.group').first().waitFor();
  assert.match(await page.locator('h1').textContent(), /slow-job #7/);
  await dashboard.locator(`#dashboard-table tr[data-job-id="${jobId}"][data-status="completed"]`).waitFor({ timeout: 15000 });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(dashboard.errors, []);
  await page.context().close();
  await dashboard.context().close();
});

test('stored strings are shown as text: an XSS payload stays inert', async () => {
  const mention = await h.api('POST', `/results/${xssJob}/comments`, { test_name: XSS_TEST, comment: `@alice ${XSS_COMMENT}` }, 'mallory');
  assert.equal(mention.status, 201);
  const page = await h.page({ user: 'alice' });
  // Every page is checked right after it rendered: a payload that ran sets window.__xss or
  // leaves an element behind.
  const inert = async (what) => {
    assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${what}`);
    assert.equal(await page.locator('main img[src="x"], main script, main svg[onload], main [onerror], main b').count(), 0, `markup from data on ${what}`);
  };
  await page.goto(`${h.base}/`);
  await page.locator(`#dashboard-table tr[data-job-id="${xssJob}"]`).waitFor();
  await inert('the dashboard');
  await page.goto(`${h.base}/results/${xssJob}.html`);
  await page.locator('#expand-all').click();
  const test = page.locator('li.test').first();
  await test.waitFor();
  assert.equal(await test.locator('.test-name').textContent(), XSS_TEST);
  await test.locator('button.comments-toggle').click();
  assert.equal(await test.locator('.comment-text').first().textContent(), XSS_COMMENT);
  assert.match(await page.locator('article.group pre').first().textContent(), /<svg onload/);
  await inert('the report');
  await page.goto(`${h.base}/history/test/${encodeURIComponent(XSS_TEST)}`);
  await page.locator('#test-failures').waitFor();
  assert.equal(await page.locator('h1').textContent(), XSS_TEST);
  await inert('the test history');
  await page.goto(`${h.base}/history?search=xss`);
  await page.locator('#history-table').waitFor();
  await inert('the history search');
  await page.goto(`${h.base}/mentions`);
  await page.locator('li.mention').first().waitFor();
  assert.match(await page.locator('li.mention .comment-text').first().textContent(), /<script>window.__xss=2<\/script>/);
  await inert('the mentions inbox');
  await page.context().close();
});

test('history pages: search, a test, a job with its trend chart', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/history`);
  await page.getByLabel('Search failures').fill('TestSave');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/search=TestSave/);
  assert.equal(await page.locator('#history-table tbody tr').count(), 2);
  await page.locator('#history-table a', { hasText: 'tests.core.TestSave.test_save' }).click();
  await page.locator('#test-failures').waitFor();
  assert.equal(await page.locator('#test-failures').textContent(), '1');
  await page.goto(`${h.base}/history/job/slow-job`);
  await page.locator('#trend').waitFor();
  assert.equal(await page.locator('svg.chart rect.bar').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a browser without a username is sent to /register, chooses one and goes on to the dashboard', async () => {
  const page = await h.page();
  await page.goto(`${h.base}/history`);
  assert.equal(new URL(page.url()).pathname, '/register');
  await page.locator('form', { has: page.getByRole('button', { name: 'Save name' }) }).locator('input[name=username]').fill('newcomer');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.waitForURL(`${h.base}/`);
  const cookies = await page.context().cookies();
  assert.equal(cookies.find((c) => c.name === 'jji_username')?.value, 'newcomer');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('/docs: Swagger UI from the embedded npm build lists the operations under the strict CSP', async () => {
  const page = await h.page();
  const response = await page.goto(`${h.base}/docs`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self'; style-src 'self'/);
  await page.locator('.opblock').first().waitFor();
  assert.ok(await page.locator('.opblock').count() > 50);
  assert.match(await page.locator('.info .title').first().textContent(), /Job Insight/);
  // Nothing came from elsewhere: every request the page made stayed on this server.
  const origins = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).origin));
  assert.deepEqual([...new Set(origins)], [new URL(h.base).origin]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('phone width: pages fit the screen without sideways scrolling', async () => {
  const page = await h.page({ user: 'alice', width: 375, height: 740 });
  for (const path of ['/', `/results/${mainJob}.html`, '/history']) {
    await page.goto(h.base + path);
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await page.context().close();
});

test('admin: sign in, users and token usage; mentions inbox with its badge', async () => {
  const page = await h.page();
  await page.goto(`${h.base}/login`);
  await page.getByLabel('API key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${h.base}/`);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.locator('#users-table').waitFor();
  assert.ok(await page.locator('#users-table tr[data-username="alice"]').count() === 1);
  await page.getByLabel('New admin username').fill('carol');
  await page.getByRole('button', { name: 'Create admin' }).click();
  const key = page.getByLabel('API key of carol');
  await key.waitFor();
  const first = await key.inputValue();
  assert.match(first, /^jji_/);
  // Rotating shows the new key once.
  await page.locator('#users-table tr[data-username="carol"]').getByRole('button', { name: 'Rotate key' }).click();
  await page.getByText('Key rotated').or(page.getByLabel('API key of carol')).first().waitFor();
  await page.waitForFunction((old) => {
    const input = document.querySelector('input[aria-label="API key of carol"]');
    return input && input.value && input.value !== old;
  }, first);
  await page.getByRole('link', { name: 'Token usage' }).click();
  await page.locator('#usage-table').waitFor();
  assert.ok(await page.locator('svg.chart rect.bar').count() >= 1);
  await page.context().close();

  const bob = await h.page({ user: 'bob' });
  await bob.goto(`${h.base}/mentions`);
  await bob.locator('li.mention.unread').waitFor();
  // The badge is fetched on its own, after or before the list: wait for it, then check it.
  await bob.waitForFunction(() => document.querySelector('#unread-badge')?.textContent !== '', null, { timeout: 10000 });
  assert.equal(await bob.locator('#unread-badge').textContent(), '1');
  await bob.getByRole('button', { name: 'Mark read' }).click();
  await bob.locator('li.mention.read').waitFor();
  assert.equal((await h.api('GET', '/api/users/mentions/unread-count', undefined, 'bob')).data.count, 0);
  assert.deepEqual(bob.errors, []);
  await bob.context().close();
});

test('known failures: a rule made from a report in two clicks classifies the next build; reused analyses show their origin', async () => {
  const failure = { test_name: 'tests.net.TestSync.test_pull', error_message: 'QuotaExceeded: mirror 7 refused pull 4512' };
  const first = await h.analyze([failure]);
  const page = await h.page();
  await page.goto(`${h.base}/login`);
  await page.getByLabel('API key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${h.base}/`);
  await page.goto(`${h.base}/results/${first}.html`);
  await page.locator('#expand-all').click();
  const group = page.locator('article.group', { hasText: 'tests.net.TestSync.test_pull' });
  await group.getByRole('button', { name: 'Always classify as…' }).click();                 // click 1
  assert.equal(await group.getByLabel('Pattern (PCRE)').inputValue(), 'QuotaExceeded: mirror \\d+ refused pull \\d+');
  await group.getByRole('button', { name: 'Create rule' }).click();                         // click 2
  await page.getByText(/Rule known-test_pull created/).waitFor();

  const second = await h.analyze([{ ...failure, error_message: 'QuotaExceeded: mirror 9 refused pull 17' }]);
  await page.goto(`${h.base}/results/${second}.html`);
  await page.locator('#expand-all').click();
  const origin = page.locator('article.group .origin-rule');
  await origin.waitFor();
  assert.match(await origin.textContent(), /Classified by the rule known-test_pull of the knowledge base \(no AI call\)/);
  assert.match(await page.locator('article.group .badge').first().textContent(), /INFRASTRUCTURE/);

  // The rules page: hit counts, and a rule switched off from its row.
  await page.getByRole('link', { name: 'Rules' }).click();
  const row = page.locator('#rules-table tr[data-rule-name="known-test_pull"]');
  await row.waitFor();
  assert.equal(await row.locator('td.hits').textContent(), '1');
  assert.ok(await page.locator('#rules-table tr[data-rule-name="disk-full"]').count() === 1); // a shipped default
  await row.locator('input.rule-enabled').uncheck();
  await page.getByText('known-test_pull disabled').waitFor();
  const rules = (await h.api('GET', '/api/rules', undefined, undefined, ADMIN_KEY)).data.rules;
  assert.equal(rules.find((r) => r.name === 'known-test_pull').enabled, false);

  // A reviewed analysis is reused by the next build, and the report links to it.
  const reviewedJob = await h.analyze([{ test_name: 'tests.ui.TestCart.test_badge', error_message: 'Expected badge 3, saw 2' }]);
  const review = await h.api('PUT', `/results/${reviewedJob}/reviewed`, { test_name: 'tests.ui.TestCart.test_badge', reviewed: true }, 'alice');
  assert.equal(review.status, 200);
  const reusing = await h.analyze([{ test_name: 'tests.ui.TestCart.test_badge', error_message: 'Expected badge 3, saw 2' }]);
  await page.goto(`${h.base}/results/${reusing}.html`);
  await page.locator('#expand-all').click();
  const reused = page.locator('article.group .origin-reused');
  await reused.waitFor();
  assert.match(await reused.textContent(), /confirmed by alice/);
  assert.equal(await reused.locator('a').getAttribute('href'), `/results/${reviewedJob}.html`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
