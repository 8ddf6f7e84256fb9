// The report of one analysis: summary and counts, failures grouped by error signature
// (one card per group), child jobs as a collapsible tree, and per failure the review
// actions: reviewed toggle, comments with @mention autocomplete, classification
// override, GitHub issue / Jira bug dialogs, history link.
import { api, badge, CLASSIFICATIONS, el, emptyState, fill, formatTime, get, notify, outsideLink, pathOf, showError, statusBadge, username } from './core.js';
import { mentionInput } from './mentions.js';
import { openIssueDialog } from './issues.js';
import { ruleFromFailure } from './rules.js';

// What survives a re-render after an action: open comment panels and where focus was.
const openPanels = new Set();
let focusAfterRender = null; // a selector

let idCounter = 0;

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
  const context = {
    jobId,
    capabilities: envelope.capabilities || {},
    isAdmin: !!me.is_admin,
    comments: discussion.comments || [],
    reviews: discussion.reviews || {},
    reload: (focusSelector) => {
      focusAfterRender = focusSelector || null;
      return renderReport(main, data);
    },
  };
  const result = envelope.result || {};
  const title = result.job_name ? `${result.job_name} #${result.build_number}` : 'Direct analysis';
  document.title = `${title} · Job Insight`;
  fill(main,
    el('h1', { text: title }),
    summarySection(envelope, result, context),
    el('section', { 'aria-labelledby': 'failures-heading' },
      el('h2', { id: 'failures-heading', text: 'Failures' }),
      groups(result.failures || [], { child_job_name: '', child_build_number: 0 }, context)),
    (result.child_job_analyses || []).length
      ? el('section', { 'aria-labelledby': 'children-heading' },
          el('h2', { id: 'children-heading', text: 'Child jobs' }),
          el('ul', { class: 'tree' }, result.child_job_analyses.map((child) => childNode(child, context))))
      : null);
  if (focusAfterRender) {
    main.querySelector(focusAfterRender)?.focus();
    focusAfterRender = null;
  }
}

function summarySection(envelope, result, context) {
  const counts = {};
  let total = 0;
  const walk = (failures, children) => {
    for (const f of failures || []) {
      const c = (f.analysis && f.analysis.classification) || 'UNCLASSIFIED';
      counts[c] = (counts[c] || 0) + 1;
      total += 1;
    }
    for (const child of children || []) walk(child.failures, child.failed_children);
  };
  walk(result.failures, result.child_job_analyses);
  const reviewed = Object.values(context.reviews).filter((r) => r.reviewed).length;
  return el('section', { class: 'summary', 'aria-label': 'Summary' },
    el('div', { class: 'summary-line' }, statusBadge(envelope.status),
      result.summary ? el('span', { class: 'summary-text', text: result.summary }) : null),
    envelope.status === 'failed' && result.error ? el('p', { class: 'error', text: result.error }) : null,
    el('ul', { class: 'counts', 'aria-label': 'Failures by classification' },
      Object.entries(counts).map(([c, n]) => el('li', { dataset: { classification: c } }, badge(c), el('strong', { text: ` ${n}` })))),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Failures' }), el('dd', { id: 'total-failures', text: total }),
      el('dt', { text: 'Reviewed' }), el('dd', { id: 'reviewed-count', text: `${reviewed} of ${total}` }),
      el('dt', { text: 'AI' }), el('dd', { text: [result.ai_provider, result.ai_model].filter(Boolean).join(' / ') || '—' }),
      el('dt', { text: 'Analysed' }), el('dd', { text: formatTime(envelope.completed_at || envelope.created_at) }),
      result.jenkins_url ? [el('dt', { text: 'Jenkins' }), el('dd', {}, outsideLink(result.jenkins_url, 'build page'))] : null));
}

/** Failures grouped by error signature, in the order they first appear. */
function groups(failures, scope, context) {
  if (!failures.length) return emptyState('No failures.');
  const bySignature = new Map();
  for (const f of failures) {
    const key = f.error_signature || f.test_name;
    if (!bySignature.has(key)) bySignature.set(key, []);
    bySignature.get(key).push(f);
  }
  return el('div', { class: 'groups' }, [...bySignature.values()].map((group) => groupCard(group, scope, context)));
}

function groupCard(group, scope, context) {
  const first = group[0];
  const analysis = first.analysis || {};
  return el('article', { class: 'group', dataset: { signature: first.error_signature || '' } },
    el('header', { class: 'group-head' },
      badge(analysis.classification),
      el('h3', { text: group.length === 1 ? first.test_name : `${group.length} tests with the same error` })),
    el('ul', { class: 'tests' }, group.map((f) => testRow(f, scope, context))),
    first.error ? el('details', { class: 'error-block' }, el('summary', { text: 'Error' }), el('pre', { text: first.error })) : null,
    first.signature_text
      ? el('details', { class: 'signature-block' }, el('summary', { text: 'Why these tests are grouped' }),
          el('pre', { class: 'signature-text', text: first.signature_text }))
      : null,
    origin(first),
    analysisDetails(analysis),
    first.peer_debate ? debate(first.peer_debate) : null,
    groupActions(first, scope, context));
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
      `, confirmed by ${from.confirmed_by || 'someone'} on ${formatTime(from.confirmed_at)} (no AI call)`);
  }
  return null;
}

function analysisDetails(analysis) {
  const fix = analysis.code_fix;
  const bug = analysis.product_bug_report;
  return el('div', { class: 'analysis' },
    analysis.details ? el('p', { class: 'details', text: analysis.details }) : null,
    analysis.artifacts_evidence ? [el('h4', { text: 'Evidence from artifacts' }), el('pre', { text: analysis.artifacts_evidence })] : null,
    fix && typeof fix === 'object'
      ? el('div', { class: 'code-fix' }, el('h4', { text: 'Suggested fix' }),
          el('p', {}, el('code', { text: fix.file || '' }), fix.line ? ` line ${fix.line}` : ''),
          el('pre', { text: fix.change || '' }),
          typeof fix.suggested_code === 'string'
            ? el('details', { class: 'suggested-code' }, el('summary', { text: 'Suggested file contents' }),
                el('pre', { text: fix.suggested_code }))
            : null,
          (fix.tests_repo_matches || []).length
            ? el('div', { class: 'tests-repo-matches' }, el('h5', { text: 'Possibly known in the tests repository' }),
                el('ul', {}, fix.tests_repo_matches.map((m) => el('li', {},
                  outsideLink(m.url, m.number ? `#${m.number}` : (m.key || m.url)), ` ${m.title} `,
                  el('span', { class: 'muted', text: `(${m.status})` })))))
            : null)
      : null,
    bug && typeof bug === 'object'
      ? el('div', { class: 'bug-report' }, el('h4', { text: 'Product bug report' }),
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
            : null)
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

function reviewKey(testName, scope) {
  return scope.child_job_name ? `${scope.child_job_name}#${scope.child_build_number}::${testName}` : testName;
}

function testRow(failure, scope, context) {
  const key = reviewKey(failure.test_name, scope);
  const review = context.reviews[key];
  const comments = context.comments.filter((c) => c.test_name === failure.test_name && (c.child_job_name || '') === scope.child_job_name
    && (!scope.child_job_name || c.child_build_number === scope.child_build_number));
  const nameId = `test-name-${++idCounter}`;
  const rowSelector = `li.test[data-review-key="${CSS.escape(key)}"]`;
  const checkbox = el('input', { type: 'checkbox', class: 'reviewed-toggle', checked: !!(review && review.reviewed), 'aria-describedby': nameId });
  checkbox.addEventListener('change', async () => {
    checkbox.disabled = true;
    try {
      await api('PUT', `/results/${encodeURIComponent(context.jobId)}/reviewed`, { test_name: failure.test_name, ...scope, reviewed: checkbox.checked });
      context.reviews[key] = { ...(context.reviews[key] || {}), reviewed: checkbox.checked, username: username() };
      const reviewed = Object.values(context.reviews).filter((r) => r.reviewed).length;
      const counter = document.getElementById('reviewed-count');
      if (counter) counter.textContent = counter.textContent.replace(/^\d+/, String(reviewed));
      notify(checkbox.checked ? `Marked ${failure.test_name} reviewed` : `Marked ${failure.test_name} not reviewed`);
    } catch (e) {
      checkbox.checked = !checkbox.checked;
      showError(e);
    } finally {
      checkbox.disabled = false;
    }
  });
  const panel = commentPanel(failure, scope, comments, context, `${rowSelector} textarea`);
  panel.hidden = !openPanels.has(key);
  const toggle = el('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': String(!panel.hidden), 'aria-describedby': nameId, text: `Comments (${comments.length})` });
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (panel.hidden) openPanels.delete(key);
    else openPanels.add(key);
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) panel.querySelector('textarea')?.focus();
  });
  return el('li', { class: 'test', dataset: { testName: failure.test_name, reviewKey: key } },
    el('div', { class: 'test-line' },
      el('span', { class: 'test-name', id: nameId, text: failure.test_name }),
      el('label', { class: 'reviewed' }, checkbox, ' Reviewed', review && review.reviewed && review.username ? el('span', { class: 'muted', text: ` by ${review.username}` }) : null),
      toggle,
      el('a', { href: pathOf('/history/test/', failure.test_name), 'aria-describedby': nameId, text: 'History' })),
    panel);
}

function commentPanel(failure, scope, comments, context, textareaSelector) {
  const me = username();
  const list = el('ul', { class: 'comments' }, comments.map((c) => el('li', { class: 'comment', dataset: { commentId: c.id } },
    el('div', { class: 'comment-meta' }, el('strong', { text: c.username || 'anonymous' }), ' ', el('span', { class: 'muted', text: formatTime(c.created_at) }),
      c.username && c.username === me
        ? el('button', { type: 'button', class: 'link danger', text: 'Delete', onclick: async () => {
          try {
            await api('DELETE', `/results/${encodeURIComponent(context.jobId)}/comments/${c.id}`);
            context.reload(textareaSelector);
          } catch (e) { showError(e); }
        } })
        : null),
    el('p', { class: 'comment-text', text: c.comment }))));
  const { wrapper, textarea } = mentionInput('Add a comment (use @name to mention someone)');
  const form = el('form', { class: 'comment-form', onsubmit: async (event) => {
    event.preventDefault();
    if (!me) {
      notify('Set your name in the header first', 'error');
      return;
    }
    if (!textarea.value.trim()) return;
    try {
      await api('POST', `/results/${encodeURIComponent(context.jobId)}/comments`, { test_name: failure.test_name, ...scope, comment: textarea.value });
      notify('Comment added');
      context.reload(textareaSelector);
    } catch (e) { showError(e); }
  } }, wrapper, el('button', { type: 'submit', text: 'Comment' }));
  return el('div', { class: 'comment-panel' }, list, form);
}

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
  return el('div', { class: 'actions' },
    el('label', {}, 'Classification ', select),
    el('button', { type: 'button', class: 'override-apply', text: 'Override', onclick: override }),
    context.capabilities.github_issues_enabled
      ? el('button', { type: 'button', class: 'file-github', text: 'GitHub issue…', onclick: () => openIssueDialog('github', failure, scope, context) })
      : null,
    context.capabilities.jira_issues_enabled
      ? el('button', { type: 'button', class: 'file-jira', text: 'Jira bug…', onclick: () => openIssueDialog('jira', failure, scope, context) })
      : null,
    context.isAdmin && !(failure.classified_by || '').startsWith('rule:') ? ruleFromFailure(failure) : null);
}

function childNode(child, context) {
  const scope = { child_job_name: child.job_name, child_build_number: child.build_number };
  const failures = child.failures || [];
  return el('li', {},
    el('details', { open: true },
      el('summary', {}, el('strong', { text: `${child.job_name} #${child.build_number}` }), ' ',
        el('span', { class: 'muted', text: child.summary || child.error || child.note || '' })),
      child.jenkins_url ? el('p', {}, outsideLink(child.jenkins_url, 'Jenkins build')) : null,
      failures.length ? groups(failures, scope, context) : null,
      (child.failed_children || []).length ? el('ul', { class: 'tree' }, child.failed_children.map((c) => childNode(c, context))) : null));
}
