// The dashboard: newest analyses with their status, failures by classification, review
// progress and job metadata; filters, search and paging in the page; rows still in
// progress refresh on their own.
import { api, badge, el, emptyState, fill, formatNumber, get, notify, page, showError, skeleton, statusBadge, timeAgo } from './core.js';

const PAGE_SIZE = 25;
const IN_PROGRESS = new Set(['pending', 'waiting', 'running']);

export async function renderDashboard(main) {
  const me = await get('/api/auth/me').then((r) => r.data).catch(() => ({}));
  const state = { rows: [], search: '', team: '', tier: '', label: '', offset: 0, admin: !!me.is_admin, selected: new Set() };
  const search = el('input', { type: 'search', name: 'search', placeholder: 'job, build, summary…', 'aria-label': 'Search analyses' });
  const team = el('select', { name: 'team', 'aria-label': 'Team' });
  const tier = el('select', { name: 'tier', 'aria-label': 'Tier' });
  const label = el('select', { name: 'label', 'aria-label': 'Label' });
  const table = el('div', { class: 'table-wrap' }, skeleton(8)); // until the first load
  const newer = el('button', { type: 'button', text: '← Newer' });
  const older = el('button', { type: 'button', text: 'Older →' });
  const position = el('span');
  const pager = el('div', { class: 'pager' }, newer, position, older); // built once: keyboard focus survives paging
  const count = el('p', { class: 'muted', 'aria-live': 'polite' });

  const redraw = () => {
    const q = state.search.toLowerCase();
    const rows = state.rows.filter((r) => {
      const m = r.metadata || {};
      if (state.team && m.team !== state.team) return false;
      if (state.tier && m.tier !== state.tier) return false;
      if (state.label && !(m.labels || []).includes(state.label)) return false;
      if (!q) return true;
      return [r.job_name, r.build_number, r.summary, r.job_id, r.status, r.error].some((v) => v !== undefined && v !== null && String(v).toLowerCase().includes(q));
    });
    state.offset = Math.min(state.offset, Math.max(0, Math.floor((rows.length - 1) / PAGE_SIZE) * PAGE_SIZE));
    const shown = rows.slice(state.offset, state.offset + PAGE_SIZE);
    count.textContent = `${rows.length} analyses`;
    // A refresh keeps the focus on the link it was on.
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest('tr[data-job-id]') : null;
    fill(table, shown.length ? dashboardTable(shown, state, updateBulk) : state.rows.length ? emptyState('No analyses match.') : firstSteps());
    updateBulk();
    if (focused) table.querySelector(`tr[data-job-id="${CSS.escape(focused.dataset.jobId)}"] a`)?.focus();
    newer.disabled = state.offset === 0;
    older.disabled = state.offset + PAGE_SIZE >= rows.length;
    position.textContent = rows.length ? `${state.offset + 1}–${state.offset + shown.length} of ${rows.length}` : '';
  };
  const bulk = el('button', { type: 'button', class: 'danger', id: 'delete-selected', hidden: true, onclick: async () => {
    const ids = [...state.selected];
    if (!ids.length || !confirm(`Delete ${ids.length} analys${ids.length === 1 ? 'is' : 'es'} with their comments and reviews? This cannot be undone.`)) return;
    try {
      const { data } = await api('DELETE', '/api/results/bulk', { job_ids: ids });
      notify(`Deleted ${data.deleted.length} of ${ids.length}`);
      state.selected.clear();
      await load();
    } catch (e) { showError(e); }
  } });
  function updateBulk() {
    bulk.hidden = !state.admin || state.selected.size === 0;
    bulk.textContent = `Delete selected (${state.selected.size})`;
  }
  newer.addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); redraw(); });
  older.addEventListener('click', () => { state.offset += PAGE_SIZE; redraw(); });

  /** Fills a filter's options, only when they changed (an open select is left alone). */
  const options = (select, values, allText) => {
    const wanted = ['', ...[...values].sort()];
    const have = [...select.options].map((o) => o.value);
    if (wanted.join('\n') === have.join('\n')) return;
    const current = select.value;
    fill(select, wanted.map((v) => el('option', { value: v, text: v || allText })));
    select.value = values.has(current) ? current : '';
  };

  const load = async () => {
    let inProgress = false;
    let ok = false;
    try {
      const { data } = await get('/api/dashboard/filtered');
      state.rows = data;
      const teams = new Set(), tiers = new Set(), labels = new Set();
      for (const r of data) {
        const m = r.metadata || {};
        if (m.team) teams.add(m.team);
        if (m.tier) tiers.add(m.tier);
        for (const l of m.labels || []) labels.add(l);
      }
      options(team, teams, 'All teams');
      options(tier, tiers, 'All tiers');
      options(label, labels, 'All labels');
      redraw();
      inProgress = data.some((r) => IN_PROGRESS.has(r.status));
      ok = true;
    } finally {
      // Rows in progress are followed until they finish, without reloading the page; a
      // failed refresh is retried too.
      clearTimeout(load.timer);
      if (inProgress || !ok) load.timer = setTimeout(() => load().catch(() => {}), ok ? 3000 : 10000);
    }
  };

  search.addEventListener('input', () => { state.search = search.value; state.offset = 0; redraw(); });
  for (const [select, key] of [[team, 'team'], [tier, 'tier'], [label, 'label']])
    select.addEventListener('change', () => { state[key] = select.value; state.offset = 0; redraw(); });

  fill(main, ...page('Analyses'),
    el('div', { class: 'filters', role: 'search' }, search, team, tier, label, bulk),
    count, table, pager);
  await load();
}

/** A fresh install: what to send to get the first report. */
function firstSteps() {
  const base = location.origin;
  const q = '"'.repeat(3); // Groovy's interpolating quotes
  return el('div', { class: 'empty-state card', id: 'first-steps' },
    el('h2', { text: 'No analyses yet' }),
    el('p', { text: 'Send a failed Jenkins build, or a JUnit XML report, and its triaged report shows up here.' }),
    el('h3', { text: 'From a terminal' }),
    el('pre', { text: `curl -X POST ${base}/analyze -H 'Content-Type: application/json' \\\n  -d '{"job_name": "folder/my-job", "build_number": 42}'` }),
    el('pre', { text: `curl -X POST ${base}/analyze-failures -H 'Content-Type: application/json' \\\n  -d "{\\"raw_xml\\": $(jq -Rs . < report.xml)}"` }),
    el('h3', { text: 'From a Jenkinsfile' }),
    el('pre', { text: `post {\n  unsuccessful {\n    httpRequest url: '${base}/analyze', httpMode: 'POST', contentType: 'APPLICATION_JSON',\n      requestBody: ${q}{"job_name": "\${env.JOB_NAME}", "build_number": \${env.BUILD_NUMBER}}${q}\n  }\n}` }),
    el('p', {}, 'Or start one here: ', el('a', { href: '/new', text: 'New analysis' }), '.'));
}

function dashboardTable(rows, state, updateBulk) {
  const all = el('input', { type: 'checkbox', 'aria-label': 'Select all shown', onchange: (e) => {
    for (const r of rows) { if (e.target.checked) state.selected.add(r.job_id); else state.selected.delete(r.job_id); }
    e.target.closest('table').querySelectorAll('tbody input.select-row').forEach((box) => { box.checked = e.target.checked; });
    updateBulk();
  } });
  return el('table', { class: 'data', id: 'dashboard-table' },
    el('thead', {}, el('tr', {},
      state.admin ? el('th', { scope: 'col', class: 'select-col' }, all) : null,
      el('th', { scope: 'col', text: 'Job' }), el('th', { scope: 'col', text: 'Status' }),
      el('th', { scope: 'col', text: 'Failures' }), el('th', { scope: 'col', text: 'Reviewed' }),
      el('th', { scope: 'col', text: 'Team / tier' }), el('th', { scope: 'col', text: 'Created' }))),
    el('tbody', {}, rows.map((r) => dashboardRow(r, state, updateBulk))));
}

function dashboardRow(r, state, updateBulk) {
  const inProgress = IN_PROGRESS.has(r.status);
  const href = inProgress ? `/status/${encodeURIComponent(r.job_id)}` : `/results/${encodeURIComponent(r.job_id)}.html`;
  const name = r.job_name ? `${r.job_name}${r.build_number ? ` #${r.build_number}` : ''}` : r.name || 'Direct analysis';
  const counts = r.classification_counts || {};
  const total = Object.keys(counts).length ? Object.values(counts).reduce((a, b) => a + b, 0) : r.failure_count ?? ''; // children included
  const m = r.metadata || {};
  return el('tr', { dataset: { jobId: r.job_id, status: r.status } },
    state.admin ? el('td', { class: 'select-col' }, el('input', { type: 'checkbox', class: 'select-row', 'aria-label': `Select ${name}`,
      checked: state.selected.has(r.job_id), onchange: (e) => {
        if (e.target.checked) state.selected.add(r.job_id); else state.selected.delete(r.job_id);
        updateBulk();
      } })) : null,
    el('td', {}, el('a', { href, text: name }),
      r.summary ? el('div', { class: 'muted small', text: r.summary }) : null,
      r.error ? el('div', { class: 'error small', text: r.error }) : null),
    el('td', {}, statusBadge(r.status)),
    el('td', {}, el('span', { class: 'failure-count', text: formatNumber(total) }), ' ',
      Object.entries(counts).map(([c, n]) => el('span', { class: 'count-chip' }, badge(c), ` ${n}`))),
    el('td', { text: `${r.reviewed_count ?? 0} reviewed · ${r.comment_count ?? 0} comments` }),
    el('td', {}, [m.team, m.tier].filter(Boolean).join(' / '),
      (m.labels || []).map((l) => el('span', { class: 'label', text: l }))),
    el('td', {}, timeAgo(r.created_at)));
}
