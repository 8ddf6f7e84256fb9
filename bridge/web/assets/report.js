// The report of one analysis, laid out for triage: a sticky bar with review progress,
// filters and expand/collapse all; one collapsed card per error signature (child jobs'
// groups included) showing its classification, the error's first line and its test
// count; opened, the tests with their review actions, the error, the analysis (its
// blocks following the effective classification) and the group's actions. The open
// cards and filters live in the URL's fragment, so a link reopens the same view.
// Keys: j/k move between cards, Enter opens, r reviews the whole card, c comments,
// o overrides, ? lists them.
import { api, badge, CLASSIFICATIONS, copyButton, el, emptyState, fill, formatNumber, get, linkify, notify, outsideLink, pathOf, showError,
  statusBadge, timeAgo, username } from './core.js';
import { mentionInput } from './mentions.js';
import { openIssueDialog } from './issues.js';
import { ruleFromFailure } from './rules.js';
import { openReanalyzeDialog } from './reanalyze.js';

const openPanels = new Set(); // comment panels open across re-renders
let focusAfterRender = null;
let keyHandler = null;

/** The view's state, in the fragment: open=<card ids>&unreviewed=1&class=<c>&child=<scope>. */
function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    open: new Set((params.get('open') || '').split(',').filter(Boolean)),
    unreviewed: params.get('unreviewed') === '1',
    classification: params.get('class') || '',
    child: params.get('child') || '',
  };
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.open.size) params.set('open', [...state.open].join(','));
  if (state.unreviewed) params.set('unreviewed', '1');
  if (state.classification) params.set('class', state.classification);
  if (state.child) params.set('child', state.child);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

/** A short stable id for a card: its scope and error signature. */
function cardId(scopeKey, signature) {
  let h = 5381;
  for (const ch of `${scopeKey}|${signature}`) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return `g${h.toString(36)}`;
}

function scopeKeyOf(scope) {
  return scope.child_job_name ? `${scope.child_job_name}#${scope.child_build_number}` : '';
}

function reviewKey(testName, scope) {
  return scope.child_job_name ? `${scope.child_job_name}#${scope.child_build_number}::${testName}` : testName;
}

/** Every group of the report, the children's too: [{id, scope, failures}] in report order. */
function collectGroups(result) {
  const out = [];
  const add = (failures, scope) => {
    const bySignature = new Map();
    for (const f of failures || []) {
      const key = f.error_signature || f.test_name;
      if (!bySignature.has(key)) bySignature.set(key, []);
      bySignature.get(key).push(f);
    }
    for (const [signature, group] of bySignature) out.push({ id: cardId(scopeKeyOf(scope), signature), scope, failures: group });
  };
  add(result.failures, { child_job_name: '', child_build_number: 0 });
  const walk = (children) => {
    for (const child of children || []) {
      add(child.failures, { child_job_name: child.job_name, child_build_number: child.build_number });
      walk(child.failed_children);
    }
  };
  walk(result.child_job_analyses);
  return out;
}

export function reportTitle(result) {
  if (result.job_name) return `${result.job_name} #${result.build_number}`;
  return result.name || 'Direct analysis';
}

export async function renderReport(main, data) {
  const jobId = data.jobId;
  const [{ data: envelope }, { data: discussion }, me] = await Promise.all([
    get(`/results/${encodeURIComponent(jobId)}`),
    get(`/results/${encodeURIComponent(jobId)}/comments`),
    get('/api/auth/me').then((r) => r.data).catch(() => ({})),
  ]);
  if (['pending', 'waiting', 'running'].includes(envelope.status)) {
    location.replace(`/status/${encodeURIComponent(jobId)}`);
    return;
  }
  const result = envelope.result || {};
  const groups = collectGroups(result);
  const state = readState();
  const context = {
    jobId,
    envelope,
    result,
    capabilities: envelope.capabilities || {},
    isAdmin: !!me.is_admin,
    comments: discussion.comments || [],
    reviews: discussion.reviews || {},
    enrichments: renderReport.enrichments?.jobId === jobId ? renderReport.enrichments.map : {},
    state,
    groups,
    reload: (focusSelector) => {
      focusAfterRender = focusSelector || null;
      return renderReport(main, data);
    },
  };
  const title = reportTitle(result);
  document.title = `${title} · Job Insight`;
  const list = el('div', { class: 'groups', id: 'groups' });
  const bar = triageBar(context, list);
  fill(main,
    el('div', { class: 'report-head' }, el('h1', { text: title }), reportActions(context)),
    summarySection(context),
    bar.node,
    el('section', { 'aria-labelledby': 'failures-heading' },
      el('h2', { id: 'failures-heading', class: 'visually-hidden', text: 'Failures' }),
      groups.length ? list : emptyState(envelope.status === 'failed' ? 'The analysis failed: it has no failures to review.' : 'No failures.')));
  for (const group of groups) list.append(groupCard(group, context, bar.refresh));
  bar.refresh();
  installKeys(main, context);
  if (focusAfterRender) {
    main.querySelector(focusAfterRender)?.focus();
    focusAfterRender = null;
  }
  openLinkedComment(main, context);
  enrichComments(main, context);
}

// ---------------------------------------------------------------- header and summary

function reportActions(context) {
  const { jobId, result, isAdmin, capabilities } = context;
  const cli = result.job_name ? `jji analyze -j ${result.job_name} -b ${result.build_number} --follow` : `jji results show ${jobId}`;
  return el('div', { class: 'report-actions' },
    result.job_name // a direct analysis' input is not stored: it cannot be run again
      ? el('button', { type: 'button', class: 'reanalyze', text: 'Re-analyze…', onclick: () => openReanalyzeDialog(context) })
      : null,
    capabilities.reportportal
      ? el('button', { type: 'button', class: 'push-rp', text: 'Push to Report Portal', onclick: () => pushReportPortal(context) })
      : null,
    copyButton(jobId, 'Copy job id', 'Copy job id'),
    copyButton(cli, 'Copy CLI command', 'Copy CLI command'),
    isAdmin ? el('button', { type: 'button', class: 'danger delete-job', text: 'Delete', onclick: () => deleteJob(context) }) : null);
}

async function pushReportPortal(context) {
  try {
    const { data } = await api('POST', `/results/${encodeURIComponent(context.jobId)}/push-reportportal`);
    notify(`Pushed ${data.pushed} classification(s) to Report Portal${(data.unmatched || []).length ? `; ${data.unmatched.length} unmatched` : ''}`);
  } catch (e) { showError(e); }
}

async function deleteJob(context) {
  if (!confirm(`Delete this analysis and its comments and reviews? This cannot be undone.`)) return;
  try {
    await api('DELETE', `/results/${encodeURIComponent(context.jobId)}`);
    location.href = '/?deleted=1';
  } catch (e) { showError(e); }
}

function duration(envelope) {
  const start = Date.parse(String(envelope.analysis_started_at || envelope.created_at || '').replace(' ', 'T') + 'Z');
  const end = Date.parse(String(envelope.completed_at || '').replace(' ', 'T') + 'Z');
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return '';
  const s = Math.round((end - start) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

function summarySection(context) {
  const { envelope, result } = context;
  const usage = result.token_usage || {};
  const tokens = usage.total_tokens ?? ((usage.total_input_tokens || 0) + (usage.total_output_tokens || 0));
  return el('section', { class: `summary status-border-${envelope.status}`, 'aria-label': 'Summary' },
    el('div', { class: 'summary-line' }, statusBadge(envelope.status),
      result.summary ? el('span', { class: 'summary-text', text: result.summary }) : null),
    envelope.status === 'failed' && result.error ? el('p', { class: 'error', role: 'alert', text: result.error }) : null,
    el('dl', { class: 'facts facts-inline' },
      el('dt', { text: 'AI' }), el('dd', { text: [result.ai_provider, result.ai_model].filter(Boolean).join(' / ') || '—' }),
      el('dt', { text: 'Analysed' }), el('dd', {}, timeAgo(envelope.completed_at || envelope.created_at)),
      duration(envelope) ? [el('dt', { text: 'Took' }), el('dd', { id: 'duration', text: duration(envelope) })] : null,
      usage.total_calls ? [el('dt', { text: 'AI calls' }), el('dd', { id: 'token-usage',
        text: `${formatNumber(usage.total_calls)} · ${formatNumber(tokens)} tokens${typeof usage.total_cost_usd === 'number' ? ` · $${usage.total_cost_usd.toFixed(2)}` : ''}` })] : null,
      result.jenkins_url ? [el('dt', { text: 'Jenkins' }), el('dd', {}, outsideLink(result.jenkins_url, 'build page'))] : null));
}

// ---------------------------------------------------------------- the triage bar

function isReviewed(context, failure, scope) {
  const r = context.reviews[reviewKey(failure.test_name, scope)];
  return !!(r && r.reviewed);
}

function triageBar(context, list) {
  const { state, groups } = context;
  const total = groups.reduce((n, g) => n + g.failures.length, 0);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const progress = el('span', { class: 'progress-text', id: 'review-progress', 'aria-live': 'polite' });
  const meter = el('progress', { max: total || 1, value: 0, 'aria-hidden': 'true' });
  const unreviewed = el('input', { type: 'checkbox', id: 'filter-unreviewed', checked: state.unreviewed });
  const present = [...new Set(groups.map((g) => (g.failures[0].analysis || {}).classification || 'UNCLASSIFIED'))];
  const chips = present.map((c) => el('button', { type: 'button', class: 'chip', 'aria-pressed': String(state.classification === c), dataset: { classification: c },
    onclick: () => { state.classification = state.classification === c ? '' : c; writeState(state); refresh(); } }, badge(c), el('span', { class: 'chip-count' })));
  const scopes = [...new Map(groups.filter((g) => g.scope.child_job_name).map((g) => [scopeKeyOf(g.scope), g.scope])).entries()];
  const child = scopes.length
    ? el('select', { id: 'filter-child', 'aria-label': 'Child job', onchange: (e) => { state.child = e.target.value; writeState(state); refresh(); } },
        el('option', { value: '', text: 'All jobs' }), el('option', { value: '-', text: 'This job only' }),
        scopes.map(([key]) => el('option', { value: key, text: key, selected: state.child === key })))
    : null;
  if (child) child.value = state.child;
  unreviewed.addEventListener('change', () => { state.unreviewed = unreviewed.checked; writeState(state); refresh(); });
  const setAll = (open) => {
    for (const card of list.querySelectorAll('article.group:not([hidden])')) toggleCard(card, context, open);
    writeState(state);
  };
  const done = el('p', { class: 'all-reviewed-banner', role: 'status', hidden: true },
    el('strong', { text: `All ${total} failures reviewed.` }), ' Nice work! ', el('a', { href: '/', text: 'Back to the dashboard' }));
  const node = el('div', { class: 'triage-bar', role: 'region', 'aria-label': 'Review progress and filters' },
    el('div', { class: 'triage-progress' }, progress, meter), done,
    el('div', { class: 'triage-filters' },
      el('label', { class: 'check' }, unreviewed, ' Unreviewed only'),
      chips, child),
    el('div', { class: 'triage-buttons' },
      el('button', { type: 'button', id: 'expand-all', text: 'Expand all', onclick: () => setAll(true) }),
      el('button', { type: 'button', id: 'collapse-all', text: 'Collapse all', onclick: () => setAll(false) }),
      el('button', { type: 'button', class: 'help-button', 'aria-label': 'Keyboard shortcuts', text: '?', onclick: showHelp })));

  function refresh() {
    let reviewed = 0;
    const perClass = {};
    for (const g of groups) {
      const c = (g.failures[0].analysis || {}).classification || 'UNCLASSIFIED';
      perClass[c] = (perClass[c] || 0) + g.failures.length;
      for (const f of g.failures) if (isReviewed(context, f, g.scope)) reviewed += 1;
    }
    progress.textContent = `${reviewed}/${total} reviewed`;
    meter.value = reviewed;
    for (const chip of chips) {
      chip.querySelector('.chip-count').textContent = ` ${perClass[chip.dataset.classification] || 0}`;
      chip.setAttribute('aria-pressed', String(state.classification === chip.dataset.classification));
    }
    for (const card of list.querySelectorAll('article.group')) {
      const g = byId.get(card.id);
      const c = (g.failures[0].analysis || {}).classification || 'UNCLASSIFIED';
      const open = g.failures.some((f) => !isReviewed(context, f, g.scope));
      const scopeKey = scopeKeyOf(g.scope);
      card.hidden = (state.unreviewed && !open) || (state.classification && state.classification !== c)
        || (state.child === '-' && scopeKey !== '') || (state.child && state.child !== '-' && scopeKey !== state.child);
      const done = g.failures.filter((f) => isReviewed(context, f, g.scope)).length;
      card.querySelector('.group-reviewed').textContent = `${done}/${g.failures.length} reviewed`;
      card.classList.toggle('all-reviewed', done === g.failures.length);
    }
    done.hidden = !(total && reviewed === total);
  }
  return { node, refresh };
}

function showHelp() {
  const dialog = el('dialog', { class: 'help-dialog', 'aria-labelledby': 'help-title' },
    el('h2', { id: 'help-title', text: 'Keyboard shortcuts' }),
    el('dl', { class: 'facts' },
      [['j / k', 'Next / previous failure group'], ['Enter', 'Open or close the group'], ['r', 'Mark the whole group reviewed (again: not reviewed)'],
        ['c', 'Comment on the group'], ['o', 'Override its classification'], ['?', 'This list'], ['Esc', 'Close a dialog']]
        .map(([k, v]) => [el('dt', {}, el('kbd', { text: k })), el('dd', { text: v })])),
    el('form', { method: 'dialog', class: 'dialog-buttons' }, el('button', { type: 'submit', class: 'primary', text: 'Close' })));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// ---------------------------------------------------------------- one card

function firstLine(text) {
  const line = String(text || '').split('\n').find((l) => l.trim()) || '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function toggleCard(card, context, open) {
  const body = card.querySelector('.group-body');
  const head = card.querySelector('.group-toggle');
  body.hidden = !open;
  head.setAttribute('aria-expanded', String(open));
  if (open) context.state.open.add(card.id);
  else context.state.open.delete(card.id);
}

function groupCard(group, context, refresh) {
  const first = group.failures[0];
  const analysis = first.analysis || {};
  const classification = analysis.classification || 'UNCLASSIFIED';
  const open = context.state.open.has(group.id);
  const scopeLabel = group.scope.child_job_name ? `${group.scope.child_job_name} #${group.scope.child_build_number}` : '';
  const toggle = el('button', { type: 'button', class: 'group-toggle', 'aria-expanded': String(open), 'aria-controls': `${group.id}-body` },
    badge(classification),
    el('span', { class: 'group-title' },
      el('span', { class: 'group-error', text: firstLine(first.error) || first.test_name }),
      el('span', { class: 'group-meta muted' },
        group.failures.length === 1 ? first.test_name : `${group.failures.length} tests`,
        scopeLabel ? el('span', { class: 'scope-chip', text: scopeLabel }) : null)),
    el('span', { class: 'group-reviewed muted' }));
  const card = el('article', { class: `group cls-${classification.toLowerCase().replace(/[^a-z]+/g, '-')}`, id: group.id,
    dataset: { signature: first.error_signature || '', scope: scopeKeyOf(group.scope) } },
    el('header', { class: 'group-head' }, el('h3', {}, toggle)),
    el('div', { class: 'group-body', id: `${group.id}-body`, hidden: !open },
      el('div', { class: 'tests-head' },
        el('span', { class: 'muted', text: `${group.failures.length} test${group.failures.length === 1 ? '' : 's'}` }),
        reviewAllButton(group, context, refresh)),
      el('ul', { class: 'tests' }, group.failures.map((f) => testRow(f, group.scope, context, refresh))),
      first.error ? el('div', { class: 'error-block' }, el('div', { class: 'block-head' }, el('h4', { text: 'Error' }), copyButton(first.error, 'Copy error')),
        el('pre', { text: first.error })) : null,
      first.signature_text
        ? el('details', { class: 'signature-block' }, el('summary', { text: 'Why these tests are grouped' }),
            el('pre', { class: 'signature-text', text: first.signature_text }))
        : null,
      origin(first),
      overrideNote(analysis),
      analysisBlocks(analysis),
      first.peer_debate ? debate(first.peer_debate) : null,
      groupActions(first, group.scope, context)));
  toggle.addEventListener('click', () => {
    toggleCard(card, context, toggle.getAttribute('aria-expanded') !== 'true');
    writeState(context.state);
  });
  return card;
}

function reviewAllButton(group, context, refresh) {
  const button = el('button', { type: 'button', class: 'review-all' });
  const label = () => {
    const all = group.failures.every((f) => isReviewed(context, f, group.scope));
    button.textContent = all ? 'Mark all not reviewed' : `Review all (${group.failures.length})`;
    return all;
  };
  label();
  button.addEventListener('click', async () => {
    const target = !label();
    button.disabled = true;
    try {
      await Promise.all(group.failures.map((f) => api('PUT', `/results/${encodeURIComponent(context.jobId)}/reviewed`,
        { test_name: f.test_name, ...group.scope, reviewed: target })));
      for (const f of group.failures) {
        const key = reviewKey(f.test_name, group.scope);
        context.reviews[key] = { ...(context.reviews[key] || {}), reviewed: target, username: username() };
      }
      const card = button.closest('article');
      for (const box of card.querySelectorAll('.reviewed-toggle')) box.checked = target;
      label();
      notify(target ? `Marked ${group.failures.length} test(s) reviewed` : `Marked ${group.failures.length} test(s) not reviewed`);
      refresh(); // after the notice: it may say that everything is reviewed now
    } catch (e) { showError(e); } finally { button.disabled = false; }
  });
  button.reviewAll = () => button.click();
  return button;
}

/** Where the analysis came from when no AI was asked: a rule, or a confirmed earlier analysis. */
function origin(failure) {
  const by = failure.classified_by || '';
  if (by.startsWith('rule:')) {
    return el('p', { class: 'origin origin-rule' }, 'Classified by the rule ', el('a', { href: '/admin/rules', text: by.slice(5) }),
      ' of the knowledge base (no AI call)');
  }
  const from = failure.reused_from;
  if (from) {
    return el('p', { class: 'origin origin-reused' }, 'Reused from ',
      el('a', { href: `/results/${encodeURIComponent(from.job_id)}.html`, text: `${from.test_name} in an earlier analysis` }),
      `, confirmed by ${from.confirmed_by || 'someone'} `, timeAgo(from.confirmed_at), ' (no AI call)');
  }
  return null;
}

function overrideNote(analysis) {
  if (!analysis.ai_classification || analysis.ai_classification === analysis.classification) return null;
  return el('p', { class: 'override-note' }, 'Overridden to ', badge(analysis.classification),
    analysis.overridden_by ? ` by ${analysis.overridden_by}` : '', ' (AI said ', badge(analysis.ai_classification), ')');
}

function codeFixBlock(fix) {
  return el('div', { class: 'code-fix' }, el('h4', { text: 'Suggested fix' }),
    el('p', {}, el('code', { text: fix.file || '' }), fix.line ? ` line ${fix.line}` : ''),
    el('pre', { text: fix.change || '' }),
    typeof fix.suggested_code === 'string'
      ? el('details', { class: 'suggested-code' }, el('summary', { text: 'Suggested file contents' }), el('pre', { text: fix.suggested_code }))
      : null,
    (fix.tests_repo_matches || []).length
      ? el('div', { class: 'tests-repo-matches' }, el('h5', { text: 'Possibly known in the tests repository' }),
          el('ul', {}, fix.tests_repo_matches.map((m) => el('li', {},
            outsideLink(m.url, m.number ? `#${m.number}` : (m.key || m.url)), ` ${m.title} `,
            el('span', { class: 'muted', text: `(${m.status})` })))))
      : null);
}

function bugReportBlock(bug) {
  return el('div', { class: 'bug-report' }, el('h4', { text: 'Product bug report' }),
    bug.title ? el('p', {}, el('strong', { text: bug.title })) : null,
    el('dl', { class: 'facts' },
      el('dt', { text: 'Severity' }), el('dd', { text: bug.severity || '—' }),
      el('dt', { text: 'Component' }), el('dd', { text: bug.component || '—' })),
    bug.description ? el('p', { text: bug.description }) : null,
    bug.evidence ? el('pre', { text: bug.evidence }) : null,
    (bug.jira_matches || []).length
      ? el('div', { class: 'jira-matches' }, el('h5', { text: 'Possibly known in Jira' }),
          el('ul', {}, bug.jira_matches.map((m) => el('li', {},
            outsideLink(m.url, m.key), ` ${m.summary} `,
            el('span', { class: 'muted', text: `(${m.status}${m.priority ? `, ${m.priority}` : ''}; match ${Math.round((m.score || 0) * 100)}%)` })))))
      : null);
}

/** The analysis' blocks for the effective classification: a fix for a CODE ISSUE, a bug
 *  report for a PRODUCT BUG, neither for INFRASTRUCTURE; what the AI wrote for another
 *  classification stays one click away. */
function analysisBlocks(analysis) {
  const effective = analysis.classification;
  const fix = analysis.code_fix && typeof analysis.code_fix === 'object' ? analysis.code_fix : null;
  const bug = analysis.product_bug_report && typeof analysis.product_bug_report === 'object' ? analysis.product_bug_report : null;
  const shown = [];
  const aside = [];
  if (fix) (effective === 'CODE ISSUE' ? shown : aside).push(codeFixBlock(fix));
  if (bug) (effective === 'PRODUCT BUG' ? shown : aside).push(bugReportBlock(bug));
  const overridden = analysis.ai_classification && analysis.ai_classification !== effective;
  return el('div', { class: 'analysis' },
    analysis.details ? el('p', { class: 'details', text: analysis.details }) : null,
    analysis.artifacts_evidence ? [el('h4', { text: 'Evidence from artifacts' }), el('pre', { text: analysis.artifacts_evidence })] : null,
    shown,
    effective === 'PRODUCT BUG' && !bug && overridden
      ? el('p', { class: 'muted', text: 'No bug report: the AI did not see a product bug. File one with the Jira or GitHub button below.' })
      : null,
    aside.length
      ? el('details', { class: 'ai-said' }, el('summary', { text: `What the AI suggested for ${analysis.ai_classification || 'another classification'}` }), aside)
      : null);
}

function debate(trail) {
  return el('details', { class: 'debate' },
    el('summary', { text: `Peer review: ${trail.consensus_reached ? 'consensus' : 'no consensus'} after ${trail.rounds_used} of ${trail.max_rounds} rounds` }),
    el('ol', {}, (trail.rounds || []).map((r) => el('li', {},
      el('strong', { text: `Round ${r.round} · ${r.ai_provider}/${r.ai_model} (${r.role})` }), ' ', badge(r.classification),
      r.agrees_with_orchestrator === true ? ' agrees' : r.agrees_with_orchestrator === false ? ' disagrees' : '',
      el('p', { text: r.details || '' })))));
}

// ---------------------------------------------------------------- one test

function testRow(failure, scope, context, refresh) {
  const key = reviewKey(failure.test_name, scope);
  const review = context.reviews[key];
  const comments = context.comments.filter((c) => c.test_name === failure.test_name && (c.child_job_name || '') === scope.child_job_name
    && (!scope.child_job_name || c.child_build_number === scope.child_build_number));
  const rowSelector = `li.test[data-review-key="${CSS.escape(key)}"]`;
  const checkbox = el('input', { type: 'checkbox', class: 'reviewed-toggle', checked: !!(review && review.reviewed), 'aria-label': `Reviewed: ${failure.test_name}` });
  checkbox.addEventListener('change', async () => {
    checkbox.disabled = true;
    try {
      await api('PUT', `/results/${encodeURIComponent(context.jobId)}/reviewed`, { test_name: failure.test_name, ...scope, reviewed: checkbox.checked });
      context.reviews[key] = { ...(context.reviews[key] || {}), reviewed: checkbox.checked, username: username() };
      notify(checkbox.checked ? `Marked ${failure.test_name} reviewed` : `Marked ${failure.test_name} not reviewed`);
      refresh();
    } catch (e) {
      checkbox.checked = !checkbox.checked;
      showError(e);
    } finally {
      checkbox.disabled = false;
    }
  });
  const panel = commentPanel(failure, scope, comments, context, `${rowSelector} textarea`, checkbox);
  panel.hidden = !openPanels.has(key);
  const toggle = el('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': String(!panel.hidden),
    'aria-label': `Comments on ${failure.test_name} (${comments.length})`, text: `Comments (${comments.length})` });
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (panel.hidden) openPanels.delete(key);
    else openPanels.add(key);
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) panel.querySelector('textarea')?.focus();
  });
  return el('li', { class: 'test', dataset: { testName: failure.test_name, reviewKey: key } },
    el('div', { class: 'test-line' },
      el('label', { class: 'reviewed' }, checkbox, el('span', { class: 'visually-hidden', text: 'Reviewed' })),
      el('span', { class: 'test-name', text: failure.test_name }),
      review && review.reviewed && review.username ? el('span', { class: 'muted small', text: `✓ ${review.username}` }) : null,
      el('span', { class: 'test-links' },
        toggle,
        el('a', { href: pathOf('/history/test/', failure.test_name), 'aria-label': `History of ${failure.test_name}`, text: 'History' }),
        copyButton(failure.test_name, 'Copy test name'))),
    panel);
}

function commentPanel(failure, scope, comments, context, textareaSelector, reviewedBox) {
  const me = username();
  const list = el('ul', { class: 'comments' }, comments.map((c) => el('li', { class: 'comment', id: `comment-${c.id}`, dataset: { commentId: c.id } },
    el('div', { class: 'comment-meta' }, el('strong', { text: c.username || 'anonymous' }), ' ', el('span', { class: 'muted' }, timeAgo(c.created_at)),
      c.username && c.username === me
        ? el('button', { type: 'button', class: 'link danger', text: 'Delete', onclick: async () => {
          try {
            await api('DELETE', `/results/${encodeURIComponent(context.jobId)}/comments/${c.id}`);
            context.reload(textareaSelector);
          } catch (e) { showError(e); }
        } })
        : null),
    el('p', { class: 'comment-text' }, linkify(c.comment)),
    el('p', { class: 'comment-refs' }, (context.enrichments[c.id] || []).map((ref) =>
      el('span', { class: `ref-status ref-${String(ref.status).toLowerCase().replace(/[^a-z]+/g, '-')}`, text: `${ref.key}: ${ref.status}` }))))));
  const { wrapper, textarea } = mentionInput('Add a comment (use @name to mention someone)');
  const suggestion = el('div', { class: 'intent-suggestion', 'aria-live': 'polite' });
  const form = el('form', { class: 'comment-form', onsubmit: async (event) => {
    event.preventDefault();
    if (!me) {
      notify('Set your name in the header first', 'error');
      return;
    }
    const text = textarea.value;
    if (!text.trim()) return;
    try {
      await api('POST', `/results/${encodeURIComponent(context.jobId)}/comments`, { test_name: failure.test_name, ...scope, comment: text });
      notify('Comment added');
      if (!reviewedBox.checked) await suggestReviewed(text, failure, scope, context, textareaSelector);
      else context.reload(textareaSelector);
    } catch (e) { showError(e); }
  } }, wrapper, el('button', { type: 'submit', text: 'Comment' }), suggestion);
  return el('div', { class: 'comment-panel' }, list, form);
}

/** Asks the AI whether the new comment means the failure is handled; offers to mark it reviewed. */
async function suggestReviewed(comment, failure, scope, context, textareaSelector) {
  let verdict = null;
  try {
    verdict = (await api('POST', '/api/analyze-comment-intent', { comment, job_id: context.jobId })).data;
  } catch (e) {
    // no AI configured, or it failed: no suggestion
  }
  await context.reload(textareaSelector);
  if (!verdict || !verdict.suggests_reviewed) return;
  const key = reviewKey(failure.test_name, scope);
  const row = document.querySelector(`li.test[data-review-key="${CSS.escape(key)}"]`);
  const box = row?.querySelector('.intent-suggestion');
  if (!box) return;
  fill(box, el('span', { text: `This comment sounds like the failure is handled${verdict.reason ? ` (${verdict.reason})` : ''}. ` }),
    el('button', { type: 'button', class: 'primary mark-reviewed-suggested', text: 'Mark as reviewed', onclick: () => {
      const check = row.querySelector('.reviewed-toggle');
      check.checked = true;
      check.dispatchEvent(new Event('change'));
      box.replaceChildren();
    } }),
    el('button', { type: 'button', class: 'link', text: 'No', onclick: () => box.replaceChildren() }));
}

// ---------------------------------------------------------------- actions of a group

function groupActions(failure, scope, context) {
  const select = el('select', { 'aria-label': 'Classification', class: 'override-select' },
    CLASSIFICATIONS.map((c) => el('option', { value: c, text: c, selected: (failure.analysis || {}).classification === c })));
  const override = async () => {
    try {
      await api('PUT', `/results/${encodeURIComponent(context.jobId)}/override-classification`,
        { test_name: failure.test_name, ...scope, classification: select.value });
      notify(`Classification set to ${select.value}`);
      context.reload(`article.group[data-signature="${CSS.escape(failure.error_signature || '')}"] select.override-select`);
    } catch (e) { showError(e); }
  };
  const caps = context.capabilities;
  const trackerButton = (kind, label, enabled, reason) => el('button', { type: 'button', class: `file-${kind}`, text: label, disabled: !enabled,
    title: enabled ? undefined : reason, 'aria-description': enabled ? undefined : reason,
    onclick: () => openIssueDialog(kind, failure, scope, context) });
  const githubTarget = caps.github_issues_enabled && ((context.result.request_params || {}).tests_repo_url || caps.server_github_token);
  return el('div', { class: 'actions' },
    el('label', {}, 'Classification ', select),
    el('button', { type: 'button', class: 'override-apply', text: 'Override', onclick: override }),
    caps.github_issues_enabled
      ? trackerButton('github', 'GitHub issue…', !!githubTarget, 'No tests repository to file into: set TESTS_REPO_URL or analyse with tests_repo_url')
      : null,
    caps.jira_issues_enabled ? trackerButton('jira', 'Jira bug…', true, '') : null,
    context.isAdmin && !(failure.classified_by || '').startsWith('rule:') ? ruleFromFailure(failure) : null);
}

// ---------------------------------------------------------------- keys, links to comments, enrichment

function installKeys(main, context) {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  const cards = () => [...main.querySelectorAll('article.group:not([hidden])')];
  const current = () => document.activeElement?.closest?.('article.group') || null;
  const openCard = (card) => {
    if (card.querySelector('.group-toggle').getAttribute('aria-expanded') !== 'true') {
      toggleCard(card, context, true);
      writeState(context.state);
    }
  };
  keyHandler = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable], dialog')) return;
    const list = cards();
    const card = current();
    const move = (step) => {
      if (!list.length) return;
      const index = card ? list.indexOf(card) : -1;
      const next = list[Math.max(0, Math.min(list.length - 1, index + step))] || list[0];
      next.querySelector('.group-toggle').focus();
      next.scrollIntoView({ block: 'nearest' });
    };
    switch (event.key) {
    case 'j': move(1); break;
    case 'k': move(-1); break;
    case 'r': if (card) card.querySelector('.review-all')?.click(); break;
    case 'c':
      if (!card) return;
      openCard(card);
      { const toggle = card.querySelector('.comments-toggle');
        if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
        else card.querySelector('textarea')?.focus(); }
      break;
    case 'o': if (card) { openCard(card); card.querySelector('.override-select')?.focus(); } break;
    case '?': showHelp(); break;
    default: return;
    }
    event.preventDefault();
  };
  document.addEventListener('keydown', keyHandler);
}

/** #comment-<id> (a mention's link): open its card and comments, show it, mark the mention read. */
function openLinkedComment(main, context) {
  const match = /^#comment-(\d+)$/.exec(location.hash);
  if (!match) return;
  const id = Number(match[1]);
  const comment = context.comments.find((c) => c.id === id);
  if (!comment) return;
  const scope = { child_job_name: comment.child_job_name || '', child_build_number: comment.child_job_name ? comment.child_build_number : 0 };
  const key = reviewKey(comment.test_name, scope);
  const row = main.querySelector(`li.test[data-review-key="${CSS.escape(key)}"]`);
  if (!row) return;
  const card = row.closest('article.group');
  card.hidden = false;
  toggleCard(card, context, true);
  const toggle = row.querySelector('.comments-toggle');
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  const node = row.querySelector(`#comment-${id}`);
  if (node) {
    node.classList.add('linked');
    node.setAttribute('tabindex', '-1');
    node.scrollIntoView({ block: 'center' });
    node.focus({ preventScroll: true });
  }
  if (username()) api('POST', '/api/users/mentions/read', { comment_ids: [id] }).then(() => import('./core.js').then((m) => m.refreshUnread())).catch(() => {});
}

/** Live statuses of the PRs, issues and Jira keys the comments name (once per page load). */
async function enrichComments(main, context) {
  if (renderReport.enrichments?.jobId === context.jobId) return;
  if (!context.comments.some((c) => /https?:\/\/|\b[A-Z][A-Z0-9]{1,9}-\d+\b/.test(c.comment))) return;
  renderReport.enrichments = { jobId: context.jobId, map: {} };
  try {
    const { data } = await api('POST', `/results/${encodeURIComponent(context.jobId)}/enrich-comments`);
    renderReport.enrichments.map = data.enrichments || {};
    for (const [id, refs] of Object.entries(renderReport.enrichments.map)) {
      const box = main.querySelector(`#comment-${CSS.escape(id)} .comment-refs`);
      if (box) fill(box, refs.map((ref) => el('span', { class: `ref-status ref-${String(ref.status).toLowerCase().replace(/[^a-z]+/g, '-')}`, text: `${ref.key}: ${ref.status}` })));
    }
  } catch (e) {
    // trackers not configured or down: the comments stay as they are
  }
}
