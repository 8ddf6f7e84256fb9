// The dashboard: newest analyses with their status, failures by classification, review
// progress and job metadata; filters, search and paging in the page; rows still in
// progress refresh on their own.
import { badge, el, emptyState, fill, formatTime, get, page, statusBadge } from './core.js';

const PAGE_SIZE = 25;
const IN_PROGRESS = new Set(['pending', 'waiting', 'running']);

export async function renderDashboard(main) {
  const state = { rows: [], search: '', team: '', tier: '', label: '', offset: 0 };
  const search = el('input', { type: 'search', name: 'search', placeholder: 'job, build, summary…', 'aria-label': 'Search analyses' });
  const team = el('select', { name: 'team', 'aria-label': 'Team' });
  const tier = el('select', { name: 'tier', 'aria-label': 'Tier' });
  const label = el('select', { name: 'label', 'aria-label': 'Label' });
  const table = el('div', { class: 'table-wrap' });
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
    fill(table, shown.length ? dashboardTable(shown) : emptyState('No analyses match.'));
    if (focused) table.querySelector(`tr[data-job-id="${CSS.escape(focused.dataset.jobId)}"] a`)?.focus();
    newer.disabled = state.offset === 0;
    older.disabled = state.offset + PAGE_SIZE >= rows.length;
    position.textContent = rows.length ? `${state.offset + 1}–${state.offset + shown.length} of ${rows.length}` : '';
  };
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
    el('div', { class: 'filters', role: 'search' }, search, team, tier, label),
    count, table, pager);
  await load();
}

function dashboardTable(rows) {
  return el('table', { class: 'data', id: 'dashboard-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Job' }), el('th', { scope: 'col', text: 'Status' }),
      el('th', { scope: 'col', text: 'Failures' }), el('th', { scope: 'col', text: 'Reviewed' }),
      el('th', { scope: 'col', text: 'Team / tier' }), el('th', { scope: 'col', text: 'Created' }))),
    el('tbody', {}, rows.map(dashboardRow)));
}

function dashboardRow(r) {
  const inProgress = IN_PROGRESS.has(r.status);
  const href = inProgress ? `/status/${encodeURIComponent(r.job_id)}` : `/results/${encodeURIComponent(r.job_id)}.html`;
  const name = r.job_name ? `${r.job_name}${r.build_number ? ` #${r.build_number}` : ''}` : 'Direct analysis';
  const counts = r.classification_counts || {};
  const total = Object.keys(counts).length ? Object.values(counts).reduce((a, b) => a + b, 0) : r.failure_count ?? ''; // children included
  const m = r.metadata || {};
  return el('tr', { dataset: { jobId: r.job_id, status: r.status } },
    el('td', {}, el('a', { href, text: name }),
      r.summary ? el('div', { class: 'muted small', text: r.summary }) : null,
      r.error ? el('div', { class: 'error small', text: r.error }) : null),
    el('td', {}, statusBadge(r.status)),
    el('td', {}, el('span', { class: 'failure-count', text: total }), ' ',
      Object.entries(counts).map(([c, n]) => el('span', { class: 'count-chip' }, badge(c), ` ${n}`))),
    el('td', { text: `${r.reviewed_count ?? 0} reviewed · ${r.comment_count ?? 0} comments` }),
    el('td', {}, [m.team, m.tier].filter(Boolean).join(' / '),
      (m.labels || []).map((l) => el('span', { class: 'label', text: l }))),
    el('td', { text: formatTime(r.created_at) }));
}
