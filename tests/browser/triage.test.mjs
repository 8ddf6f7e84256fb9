// The report laid out for triage, and the actions and honesty around it, in a real
// browser against the real daemon: collapsed cards, filters and state in the URL,
// keyboard shortcuts, review-all and progress, coherent overrides, New analysis,
// Re-analyze, delete, mention links, comment links and intent, the status page of a
// failed analysis, HTML 404, sign-in over plain http, themes, and layout measured at
// desktop and phone width on every page.
//   JJI_SERVER_PATH=build/bridge/jji-server node --test tests/browser/triage.test.mjs
//   JJI_SCREENSHOTS=docs/screenshots ... also writes the README's screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_KEY, Harness } from './harness.mjs';

const h = new Harness();
let bigJob; // 25 failures in 20 groups
let pipelineJob;

// 20 distinct errors (words, not numbers: numbers are masked in signatures); five of them
// fail two tests each.
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet',
  'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango'];
function bigReport() {
  const failures = [];
  WORDS.forEach((word, i) => {
    const kind = i % 3 === 0 ? 'Connection refused to' : i % 3 === 1 ? 'Segfault in' : 'AssertionError: expected';
    const error = `${kind} ${word} service`;
    failures.push({ test_name: `tests.${word}.TestOne.test_first`, error_message: error, stack_trace: `at ${word}` });
    if (i < 5) failures.push({ test_name: `tests.${word}.TestTwo.test_second`, error_message: error, stack_trace: `at ${word}` });
  });
  return failures;
}

before(async () => {
  await h.start();
  bigJob = await h.analyze(bigReport(), { name: 'nightly-e2e.xml' });
  pipelineJob = await h.analyzeBuild('payments/api-tests', 128);
});

after(async () => {
  await h.stop();
});

const pageHeight = (page) => page.evaluate(() => document.documentElement.scrollHeight);

test('a 25-failure report in 20 groups: collapsed cards fit two screens; each shows classification, first error line and count', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${bigJob}.html`);
  const cards = page.locator('article.group');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 20);
  assert.equal(await page.locator('article.group .group-body:visible').count(), 0); // collapsed by default
  const collapsed = await pageHeight(page);
  assert.ok(collapsed <= 2 * 900, `collapsed report is ${collapsed}px tall`);
  const alpha = page.locator('article.group', { has: page.locator('li.test[data-test-name="tests.alpha.TestOne.test_first"]') });
  assert.match(await alpha.locator('.badge').first().textContent(), /INFRASTRUCTURE|CODE ISSUE|PRODUCT BUG/);
  assert.equal(await alpha.locator('.group-error').textContent(), 'Connection refused to alpha service');
  assert.match(await alpha.locator('.group-meta').textContent(), /2 tests/);
  assert.equal(await page.locator('#review-progress').textContent(), '0/25 reviewed');
  assert.equal(await page.locator('h1').textContent(), 'nightly-e2e.xml'); // a direct analysis named by its request
  await h.screenshot(page, 'report');
  await page.locator('#expand-all').click();
  assert.equal(await page.locator('article.group .group-body:visible').count(), 20);
  const expanded = await pageHeight(page);
  assert.ok(expanded > collapsed * 2, `expanded ${expanded}px vs collapsed ${collapsed}px`);
  await page.locator('#collapse-all').click();
  assert.equal(await page.locator('article.group .group-body:visible').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('filters and open cards live in the URL: a reload or a shared link shows the same view', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${bigJob}.html`);
  const bravo = page.locator('article.group', { has: page.locator('li.test[data-test-name="tests.bravo.TestOne.test_first"]') });
  await bravo.locator('.group-toggle').click();
  const classification = (await bravo.locator('.badge').first().textContent()).trim();
  await page.locator(`.triage-bar .chip[data-classification="${classification}"]`).click();
  const shown = await page.locator('article.group:not([hidden])').count();
  assert.ok(shown > 0 && shown < 20, `${shown} cards shown for ${classification}`);
  assert.match(page.url(), /open=g[a-z0-9]+/);
  assert.match(page.url(), new RegExp(`class=${encodeURIComponent(classification).replace(/%20/g, '(%20|\\+)')}`));
  await page.reload();
  await page.locator('article.group:not([hidden])').first().waitFor();
  assert.equal(await page.locator('article.group:not([hidden])').count(), shown);
  assert.equal(await bravo.locator('.group-toggle').getAttribute('aria-expanded'), 'true');
  // Unreviewed only: a reviewed group disappears from the list.
  await page.locator(`.triage-bar .chip[data-classification="${classification}"]`).click(); // off again
  const review = await h.api('PUT', `/results/${bigJob}/reviewed`, { test_name: 'tests.golf.TestOne.test_first', reviewed: true }, 'alice');
  assert.equal(review.status, 200);
  await page.reload();
  await page.locator('article.group').first().waitFor();
  await page.locator('#filter-unreviewed').check();
  assert.equal(await page.locator('article.group:not([hidden])').count(), 19);
  assert.match(page.url(), /unreviewed=1/);
  await h.api('PUT', `/results/${bigJob}/reviewed`, { test_name: 'tests.golf.TestOne.test_first', reviewed: false }, 'alice');
  // A child job filter on a pipeline.
  await page.goto(`${h.base}/results/${pipelineJob}.html`);
  await page.locator('#filter-child').selectOption('payments/db-migrations#57');
  assert.equal(await page.locator('article.group:not([hidden])').count(), 1);
  await page.locator('#filter-child').selectOption('-');
  assert.equal(await page.locator('article.group:not([hidden])[data-scope=""]').count(), await page.locator('article.group:not([hidden])').count());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard: j/k move, Enter opens, r reviews the group, c comments, o overrides, ? lists the keys', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${bigJob}.html`);
  await page.locator('article.group').first().waitFor();
  await page.keyboard.press('j');
  const first = page.locator('article.group').first();
  assert.equal(await page.evaluate(() => document.activeElement.closest('article.group')?.id), await first.getAttribute('id'));
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await page.evaluate(() => document.activeElement.closest('article.group')?.id), await first.getAttribute('id'));
  await page.keyboard.press('Enter');
  assert.equal(await first.locator('.group-toggle').getAttribute('aria-expanded'), 'true');
  // r: every test of the group reviewed, in the API and in the progress.
  await page.keyboard.press('r');
  await page.getByText(/Marked 2 test\(s\) reviewed/).waitFor();
  const reviews = (await h.api('GET', `/results/${bigJob}/comments`)).data.reviews;
  assert.equal(reviews['tests.alpha.TestOne.test_first']?.reviewed, true);
  assert.equal(reviews['tests.alpha.TestTwo.test_second']?.reviewed, true);
  assert.equal(await page.locator('#review-progress').textContent(), '2/25 reviewed');
  await page.keyboard.press('r'); // again: not reviewed
  await page.getByText(/Marked 2 test\(s\) not reviewed/).waitFor();
  assert.equal(await page.locator('#review-progress').textContent(), '0/25 reviewed');
  await first.locator('.group-toggle').focus();
  await page.keyboard.press('o');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'override-select');
  await first.locator('.group-toggle').focus();
  await page.keyboard.press('c');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
  await page.keyboard.press('Escape');
  await first.locator('.group-toggle').focus();
  await page.keyboard.press('?');
  await page.locator('dialog.help-dialog').getByText('Next / previous failure group').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog.help-dialog').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('review all of every group says when everything is reviewed', async () => {
  const job = await h.analyze([{ test_name: 't.one.a', error_message: 'Segfault in one' }, { test_name: 't.one.b', error_message: 'Segfault in one' },
    { test_name: 't.two.a', error_message: 'Connection refused to two' }]);
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${job}.html`);
  await page.locator('#expand-all').click();
  for (const button of await page.locator('button.review-all').all()) await button.click();
  await page.locator('.all-reviewed-banner', { hasText: 'All 3 failures reviewed.' }).waitFor();
  assert.equal(await page.locator('#review-progress').textContent(), '3/3 reviewed');
  assert.equal(await page.locator('article.group.all-reviewed').count(), 2);
  await page.context().close();
});

test('an override reads as one: who changed it from what, the blocks follow the new classification, the AI\u2019s text one click away', async () => {
  const job = await h.analyze([{ test_name: 'tests.api.TestLogin.test_admin', error_message: 'AssertionError: expected 200 got 500' }]);
  const before = (await h.api('GET', `/results/${job}`)).data.result.failures[0].analysis;
  assert.equal(before.classification, 'CODE ISSUE');
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${job}.html`);
  await page.locator('#expand-all').click();
  const group = page.locator('article.group').first();
  assert.equal(await group.locator('.code-fix').count(), 1);
  await group.locator('select.override-select').selectOption('PRODUCT BUG');
  await group.locator('button.override-apply').click();
  await page.getByText('Classification set to PRODUCT BUG').waitFor();
  const note = page.locator('article.group .override-note');
  await note.waitFor();
  assert.equal((await note.textContent()).replace(/\s+/g, ' ').trim(), 'Overridden to PRODUCT BUG by alice (AI said CODE ISSUE)');
  assert.equal(await page.locator('article.group .analysis > .code-fix').count(), 0); // no suggested fix on a product bug
  const aside = page.locator('article.group details.ai-said');
  assert.match(await aside.locator(':scope > summary').textContent(), /What the AI suggested for CODE ISSUE/);
  await aside.locator(':scope > summary').click();
  assert.equal(await aside.locator('.code-fix').count(), 1);
  assert.equal(await page.locator('article.group').first().getAttribute('class'), 'group cls-product-bug');
  const stored = (await h.api('GET', `/results/${job}`)).data.result.failures[0].analysis;
  assert.equal(stored.ai_classification, 'CODE ISSUE');
  assert.equal(stored.overridden_by, 'alice');
  // Back to what the AI said: no note any more.
  await page.locator('article.group select.override-select').selectOption('CODE ISSUE');
  await page.locator('article.group button.override-apply').click();
  await page.getByText('Classification set to CODE ISSUE').waitFor();
  await page.locator('article.group .analysis > .code-fix').waitFor();
  assert.equal(await page.locator('article.group .override-note').count(), 0);
  await page.context().close();
});

test('New analysis: a Jenkins build with a model from the picker, and a pasted JUnit report with its name', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/new`);
  const jenkins = page.locator('#jenkins-form');
  await jenkins.getByLabel('AI provider').selectOption('claude');
  await page.waitForFunction(() => document.querySelectorAll('#jenkins-form datalist option').length > 0);
  const model = await page.locator('#jenkins-form datalist option').first().getAttribute('value');
  await jenkins.getByLabel('Jenkins job').fill('payments/api-tests');
  await jenkins.getByLabel('Build number').fill('128');
  await jenkins.getByLabel('AI model').fill(model);
  await jenkins.getByLabel('Extra instructions').fill('Look at the ledger first');
  await jenkins.locator('summary', { hasText: 'More options' }).click();
  await jenkins.getByLabel('Poll every (minutes)').fill('1');
  await jenkins.getByLabel('Wait at most (minutes, 0: no limit)').fill('5');
  await jenkins.getByLabel('Peer review rounds (1-10)').fill('2');
  await jenkins.getByLabel('Jira matches per failure').fill('3');
  await jenkins.getByRole('button', { name: 'Analyse' }).click();
  await page.waitForURL(/\/(status\/|results\/)/);
  const jobId = decodeURIComponent(page.url().split('/').pop().replace('.html', ''));
  await page.waitForURL(`${h.base}/results/${jobId}.html`, { timeout: 30000 });
  const params = (await h.api('GET', `/results/${jobId}`)).data.result.request_params;
  assert.equal(params.ai_model, model);
  assert.equal(params.raw_prompt, 'Look at the ledger first');
  assert.equal(params.poll_interval_minutes, 1);
  assert.equal(params.max_wait_minutes, 5);
  assert.equal(params.peer_analysis_max_rounds, 2);
  assert.equal(params.jira_max_results, 3);

  await page.goto(`${h.base}/new`);
  await page.getByRole('tab', { name: 'JUnit XML' }).click();
  const junit = page.locator('#junit-form');
  await junit.getByLabel('Name', { exact: true }).fill('smoke run from a laptop');
  await junit.getByLabel('JUnit XML').fill('<testsuite name="smoke"><testcase classname="t.smoke" name="test_up"><failure message="Connection refused to api"/></testcase></testsuite>');
  await junit.getByRole('button', { name: 'Analyse' }).click();
  await page.waitForURL(/\/results\/.*\.html/, { timeout: 30000 });
  await page.locator('article.group').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), 'smoke run from a laptop');
  // Without a name, the report's suite names it, on the dashboard too.
  const { data } = await h.api('POST', '/analyze-failures', { raw_xml: '<testsuite name="checkout-suite"><testcase classname="t" name="x"><failure message="Segfault in cart"/></testcase></testsuite>' });
  await page.goto(`${h.base}/`);
  assert.equal(await page.locator(`#dashboard-table tr[data-job-id="${data.job_id}"] a`).first().textContent(), 'checkout-suite');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Re-analyze: the dialog is prefilled from the stored request and sends only what changed', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${pipelineJob}.html`);
  await page.getByRole('button', { name: 'Re-analyze…' }).click();
  const dialog = page.locator('dialog.reanalyze-dialog');
  assert.equal(await dialog.getByLabel('AI provider').inputValue(), 'claude');
  assert.equal(await dialog.getByLabel('AI model').inputValue(), 'sonnet');
  await dialog.getByLabel('AI model').fill('opus');
  await dialog.getByRole('button', { name: 'Re-analyze' }).click();
  await page.waitForURL(/\/status\//);
  const jobId = page.url().split('/').pop();
  const params = (await h.api('GET', `/results/${jobId}`)).data.result.request_params;
  assert.equal(params.ai_model, 'opus');
  assert.equal(params.job_name, 'payments/api-tests');
  await page.context().close();
});

test('admins delete one analysis from its report and several from the dashboard, after confirming', async () => {
  const one = await h.analyze([{ test_name: 't.del.one', error_message: 'Segfault in deleted one' }]);
  const two = await h.analyze([{ test_name: 't.del.two', error_message: 'Segfault in deleted two' }]);
  const three = await h.analyze([{ test_name: 't.del.three', error_message: 'Segfault in deleted three' }]);
  const page = await h.page();
  await h.signIn(page);
  page.on('dialog', (d) => d.accept());
  await page.goto(`${h.base}/results/${one}.html`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(`${h.base}/?deleted=1`);
  assert.equal((await h.api('GET', `/results/${one}`)).status, 404);
  await page.locator(`#dashboard-table tr[data-job-id="${two}"]`).waitFor();
  await page.locator(`#dashboard-table tr[data-job-id="${two}"] input.select-row`).check();
  await page.locator(`#dashboard-table tr[data-job-id="${three}"] input.select-row`).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  await page.getByText('Deleted 2 of 2').waitFor();
  assert.equal((await h.api('GET', `/results/${two}`)).status, 404);
  assert.equal((await h.api('GET', `/results/${three}`)).status, 404);
  await page.context().close();
  // Not an admin: no delete buttons.
  const alice = await h.page({ user: 'alice' });
  await alice.goto(`${h.base}/results/${bigJob}.html`);
  await alice.locator('article.group').first().waitFor();
  assert.equal(await alice.getByRole('button', { name: 'Delete', exact: true }).count(), 0);
  await alice.goto(`${h.base}/`);
  await alice.locator('#dashboard-table').waitFor();
  assert.equal(await alice.locator('input.select-row').count(), 0);
  await alice.context().close();
});

test('a mention opens the report at its comment (a child job\u2019s too) and marks it read', async () => {
  const posted = await h.api('POST', `/results/${pipelineJob}/comments`, { test_name: 'tests.migrations.TestV42.test_upgrade',
    child_job_name: 'payments/db-migrations', child_build_number: 57, comment: '@dave the lock again, tracked in PROJ-1' }, 'erin');
  assert.equal(posted.status, 201);
  const page = await h.page({ user: 'dave' });
  await page.goto(`${h.base}/mentions`);
  const link = page.locator('li.mention a.mention-link').first();
  assert.equal(await link.getAttribute('href'), `/results/${pipelineJob}.html#comment-${posted.data.id}`);
  await link.click();
  const comment = page.locator(`#comment-${posted.data.id}`);
  await comment.waitFor();
  assert.ok(await comment.isVisible());
  assert.match(await comment.getAttribute('class'), /linked/);
  await page.waitForFunction(async () => (await (await fetch('/api/users/mentions/unread-count')).json()).count === 0);
  // The Jira key in it is a reference with its live status (the fake Jira: In Progress).
  await comment.locator('.comment-refs .ref-status', { hasText: 'PROJ-1: In Progress' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('comments: links stay links, and a comment that says it is handled offers to mark the failure reviewed', async () => {
  const job = await h.analyze([{ test_name: 't.intent.a', error_message: 'Segfault in intent' }]);
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${job}.html`);
  await page.locator('#expand-all').click();
  const row = page.locator('li.test[data-test-name="t.intent.a"]');
  await row.locator('button.comments-toggle').click();
  await row.locator('textarea').fill('fixed by https://github.com/acme/tests/pull/7');
  await row.getByRole('button', { name: 'Comment', exact: true }).click();
  const suggestion = page.locator('li.test[data-test-name="t.intent.a"] .intent-suggestion');
  await suggestion.getByRole('button', { name: 'Mark as reviewed' }).click({ timeout: 20000 });
  await page.getByText('Marked t.intent.a reviewed').waitFor();
  assert.equal((await h.api('GET', `/results/${job}/comments`)).data.reviews['t.intent.a'].reviewed, true);
  const link = page.locator('li.comment .comment-text a.ref');
  assert.equal(await link.getAttribute('href'), 'https://github.com/acme/tests/pull/7');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await page.context().close();
});

test('honest status page: a failed analysis says so, its clock stops; a waiting one links the build and shows its polling', async () => {
  const failed = await h.api('POST', '/analyze', { job_name: 'no-such-job', build_number: 1 });
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/status/${failed.data.job_id}`);
  await page.locator('h1', { hasText: 'Analysis failed' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('.status-line').textContent(), /failed.*The analysis failed/);
  assert.doesNotMatch(await page.locator('.status-line').textContent(), /Queued/);
  const took = await page.locator('#elapsed').textContent();
  assert.match(took, /^Took: /);
  await page.waitForTimeout(2100);
  assert.equal(await page.locator('#elapsed').textContent(), took); // stopped
  const waiting = await h.api('POST', '/analyze', { job_name: 'slow-job', build_number: 7, poll_interval_minutes: 1 });
  await page.goto(`${h.base}/status/${waiting.data.job_id}`);
  await page.locator('#jenkins-poll').waitFor();
  assert.match(await page.locator('.jenkins-wait a').getAttribute('href'), /\/job\/slow-job\/7\/$/);
  assert.match(await page.locator('#poll-count').textContent(), /^\d+$/);
  assert.match(await page.locator('#next-poll').textContent(), /^(in \d+ s|now)$/);
  await page.waitForURL(/\.html$/, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown path is an HTML page in a browser and JSON for an API client', async () => {
  const page = await h.page({ user: 'alice' });
  const response = await page.goto(`${h.base}/no/such/page`);
  assert.equal(response.status(), 404);
  await page.locator('h1', { hasText: 'Not found' }).waitFor();
  assert.match(await page.locator('main').textContent(), /There is no page at \/no\/such\/page/);
  const api = await h.api('GET', '/no/such/page');
  assert.equal(api.status, 404);
  assert.deepEqual(api.data, { detail: 'Not Found' });
  await page.context().close();
});

test('GitHub and Report Portal buttons only where they can work', async () => {
  const page = await h.page({ user: 'alice' });
  await page.goto(`${h.base}/results/${pipelineJob}.html`);
  await page.locator('#expand-all').click();
  const group = page.locator('article.group').first();
  assert.equal(await group.locator('button.file-github').isEnabled(), true); // TESTS_REPO_URL and a token
  await page.locator('button.push-rp').click(); // Report Portal configured: the fake's launch of build 128
  await page.getByText(/Pushed 1 classification\(s\) to Report Portal/).waitFor();
  const pushed = h.trackerRequests().filter((r) => r.tracker === 'reportportal' && r.method === 'PUT');
  assert.ok(pushed.length >= 1);
  await page.context().close();
  // A server with no GitHub and no Report Portal: no such buttons.
  const bare = new Harness({ env: { GITHUB_TOKEN: '', TESTS_REPO_URL: '', ENABLE_GITHUB_ISSUES: 'false', REPORTPORTAL_URL: '' } });
  await bare.start();
  try {
    // A fresh install: the dashboard says what to send for a first report.
    const fresh = await bare.page({ user: 'alice' });
    await fresh.goto(`${bare.base}/`);
    const steps = fresh.locator('#first-steps');
    await steps.waitFor();
    assert.match(await steps.textContent(), new RegExp(`curl -X POST ${bare.base}/analyze`));
    assert.match(await steps.textContent(), /httpRequest url: .*\/analyze/);
    await fresh.context().close();
    const job = await bare.analyze([{ test_name: 't.gh.a', error_message: 'Segfault in gh' }]);
    const other = await bare.page({ user: 'alice' });
    await other.goto(`${bare.base}/results/${job}.html`);
    await other.locator('#expand-all').click();
    await other.locator('article.group .actions').first().waitFor();
    assert.equal(await other.locator('button.file-github').count(), 0);
    assert.equal(await other.locator('button.push-rp').count(), 0);
    await other.context().close();
  } finally {
    await bare.stop();
  }
});

test('sign-in over plain http with Secure cookies says why it cannot work', async () => {
  // A host name, not localhost: plain http is then not a secure context and Chrome drops Secure cookies.
  const secure = new Harness({ env: { SECURE_COOKIES: 'true' }, browserArgs: ['--host-resolver-rules=MAP jji.test 127.0.0.1'] });
  await secure.start();
  try {
    const base = `http://jji.test:${secure.port}`;
    const page = await secure.page({ base });
    await page.goto(`${base}/login`);
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/this browser dropped the session cookie/).waitFor();
    assert.match(await page.locator('form .error').textContent(), /SECURE_COOKIES=false/);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.context().close();
  } finally {
    await secure.stop();
  }
});

test('themes: the system\u2019s dark scheme, and the header toggle remembered across pages', async () => {
  const dark = await h.page({ user: 'alice', colorScheme: 'dark' });
  await dark.goto(`${h.base}/results/${bigJob}.html`);
  await dark.locator('article.group').first().waitFor();
  const background = () => dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(await background(), 'rgb(13, 17, 23)');
  await h.screenshot(dark, 'report-dark');
  await dark.locator('button.theme-toggle').click();
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await dark.goto(`${h.base}/`);
  await dark.locator('#dashboard-table').waitFor();
  assert.equal(await background(), 'rgb(255, 255, 255)'); // the choice stays
  await dark.context().close();
});

test('skeleton while loading; relative times with the absolute one as tooltip; token usage and duration on the report', async () => {
  const page = await h.page({ user: 'alice' });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/dashboard/filtered', async (route) => { await held; await route.continue(); });
  await page.goto(`${h.base}/`);
  await page.locator('main .skeleton').waitFor();
  release();
  const time = page.locator('#dashboard-table tbody tr time').first();
  await time.waitFor();
  assert.match(await time.textContent(), /ago|now/);
  assert.ok((await time.getAttribute('title')).length > 8);
  await page.unroute('**/api/dashboard/filtered');
  await page.goto(`${h.base}/results/${bigJob}.html`);
  await page.locator('#token-usage').waitFor();
  assert.match(await page.locator('#token-usage').textContent(), /^\d[\d,]* · [\d,]+ tokens/);
  assert.match(await page.locator('#duration').textContent(), /\d+ s/);
  await page.context().close();
});

test('copy buttons put the test name and the job id on the clipboard', async () => {
  const page = await h.page({ user: 'alice' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
  await page.goto(`${h.base}/results/${bigJob}.html`);
  await page.locator('#expand-all').click();
  await page.locator('li.test[data-test-name="tests.alpha.TestOne.test_first"] button.copy').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'tests.alpha.TestOne.test_first');
  await page.getByRole('button', { name: 'Copy job id' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), bigJob);
  await page.context().close();
});

test('layout: no page wider than a 390 px phone, history tables whole at 1280 px', async () => {
  const phone = await h.page({ user: 'alice', width: 390, height: 844 });
  const admin = await h.page({ width: 390, height: 844 });
  await h.signIn(admin);
  const pages = ['/', `/results/${bigJob}.html`, `/results/${pipelineJob}.html`, `/status/${bigJob}`, '/history', '/history?search=tests',
    `/history/test/${encodeURIComponent('tests.alpha.TestOne.test_first')}`, '/history/job/payments%2Fapi-tests', '/mentions', '/profile',
    '/new', '/login', '/no/such/page'];
  for (const [page, paths] of [[phone, pages], [admin, ['/admin/users', '/admin/token-usage', '/admin/rules']]]) {
    for (const path of paths) {
      await page.goto(h.base + path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (path.includes(bigJob) && path.endsWith('.html')) await page.locator('#expand-all').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows a 390 px screen by ${overflow}px`);
    }
  }
  await phone.goto(`${h.base}/`);
  await phone.locator('#dashboard-table').waitFor();
  await h.screenshot(phone, 'dashboard-phone');
  await phone.goto(`${h.base}/results/${bigJob}.html`);
  await phone.locator('article.group').first().waitFor();
  await h.screenshot(phone, 'report-phone');
  await phone.context().close();
  await admin.context().close();
  const desktop = await h.page({ user: 'alice' });
  for (const path of ['/history?search=tests', '/history/job/payments%2Fapi-tests', `/history/test/${encodeURIComponent('tests.alpha.TestOne.test_first')}`]) {
    await desktop.goto(h.base + path);
    await desktop.locator('main h1').first().waitFor();
    await desktop.waitForLoadState('networkidle');
    const cut = await desktop.evaluate(() => [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth));
    assert.ok(cut.every((c) => c <= 0), `${path}: a table is ${Math.max(...cut)}px wider than its box`);
  }
  await desktop.goto(`${h.base}/`);
  await desktop.locator('#dashboard-table').waitFor();
  await h.screenshot(desktop, 'dashboard');
  await desktop.context().close();
});
