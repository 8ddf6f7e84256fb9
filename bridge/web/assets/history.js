// Failure history: the search page, one test's history, one job's statistics with its
// failures per build as a small chart.
import { badge, CLASSIFICATIONS, el, emptyState, fill, formatTime, get, page, pathOf, showError } from './core.js';

const LIMIT = 50;

export async function renderHistory(main) {
  const params = new URLSearchParams(location.search);
  const search = el('input', { type: 'search', name: 'search', value: params.get('search') || '', placeholder: 'test, error or job', 'aria-label': 'Search failures' });
  const job = el('input', { type: 'text', name: 'job_name', value: params.get('job_name') || '', placeholder: 'job name (exact)', 'aria-label': 'Job name' });
  const classification = el('select', { name: 'classification', 'aria-label': 'Classification' },
    el('option', { value: '', text: 'All classifications' }),
    CLASSIFICATIONS.map((c) => el('option', { value: c, text: c, selected: params.get('classification') === c })));
  const results = el('div', { class: 'table-wrap' });
  const pager = el('div', { class: 'pager' });
  let offset = Number(params.get('offset') || 0) || 0;

  const load = async () => {
    const query = new URLSearchParams({ limit: String(LIMIT), offset: String(offset) });
    if (search.value.trim()) query.set('search', search.value.trim());
    if (job.value.trim()) query.set('job_name', job.value.trim());
    if (classification.value) query.set('classification', classification.value);
    const { data } = await get(`/history/failures?${query}`);
    fill(results, data.failures.length ? historyTable(data.failures) : emptyState('No failures found.'));
    fill(pager,
      el('button', { type: 'button', text: '← Previous', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - LIMIT); load().catch(showError); } }),
      el('span', { text: data.total ? `${offset + 1}–${offset + data.failures.length} of ${data.total}` : '' }),
      el('button', { type: 'button', text: 'Next →', disabled: offset + LIMIT >= data.total, onclick: () => { offset += LIMIT; load().catch(showError); } }));
    const shown = new URLSearchParams(query);
    shown.delete('limit');
    history.replaceState(null, '', `/history${shown.toString() ? `?${shown}` : ''}`);
  };

  const form = el('form', { class: 'filters', role: 'search', onsubmit: (event) => { event.preventDefault(); offset = 0; load().catch(showError); } },
    search, job, classification, el('button', { type: 'submit', text: 'Search' }));
  fill(main, ...page('Failure history'), form, results, pager);
  await load();
}

function historyTable(rows) {
  return el('table', { class: 'data', id: 'history-table' },
    el('thead', {}, el('tr', {}, ['Test', 'Classification', 'Job', 'Error', 'Analysed'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {},
      el('td', {}, el('a', { href: pathOf('/history/test/', r.test_name), text: r.test_name })),
      el('td', {}, badge(r.classification)),
      el('td', {}, r.job_name ? el('a', { href: pathOf('/history/job/', r.job_name), text: `${r.job_name} #${r.build_number}` }) : '—',
        r.child_job_name ? el('div', { class: 'muted small', text: `child ${r.child_job_name} #${r.child_build_number}` }) : null,
        ' ', el('a', { class: 'small', href: `/results/${encodeURIComponent(r.job_id)}.html`, text: 'report' })),
      el('td', {}, el('span', { class: 'clip', text: r.error_message || '' })),
      el('td', { text: formatTime(r.analyzed_at) })))));
}

export async function renderTestHistory(main, data) {
  const name = data.testName;
  const jobFilter = new URLSearchParams(location.search).get('job_name') || '';
  const query = new URLSearchParams({ limit: '50' });
  if (jobFilter) query.set('job_name', jobFilter);
  const { data: h } = await get(`${pathOf('/history/test/', name)}?${query}`);
  const rate = h.failure_rate === null || h.failure_rate === undefined ? '—' : `${Math.round(h.failure_rate * 100)}%`;
  fill(main, ...page(name),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Failures' }), el('dd', { id: 'test-failures', text: h.failures }),
      el('dt', { text: 'Runs' }), el('dd', { text: h.total_runs ?? '—' }),
      el('dt', { text: 'Failure rate' }), el('dd', { id: 'failure-rate', text: rate }),
      el('dt', { text: 'Failing in a row' }), el('dd', { text: h.consecutive_failures ?? 0 }),
      el('dt', { text: 'First seen' }), el('dd', { text: formatTime(h.first_seen) || '—' }),
      el('dt', { text: 'Last seen' }), el('dd', { text: formatTime(h.last_seen) || '—' }),
      el('dt', { text: 'Last classification' }), el('dd', {}, h.last_classification ? badge(h.last_classification) : '—')),
    h.note ? el('p', { class: 'muted', text: h.note }) : null,
    el('h2', { text: 'Classifications' }),
    Object.keys(h.classifications || {}).length
      ? el('ul', { class: 'counts' }, Object.entries(h.classifications).map(([c, n]) => el('li', {}, badge(c), el('strong', { text: ` ${n}` }))))
      : emptyState('None yet.'),
    el('h2', { text: 'Recent runs' }),
    (h.recent_runs || []).length ? historyTable(h.recent_runs.map((r) => ({ ...r, test_name: name }))) : emptyState('No failures recorded.'),
    el('h2', { text: 'Comments' }),
    (h.comments || []).length
      ? el('ul', { class: 'comments' }, h.comments.map((c) => el('li', { class: 'comment' },
        el('div', { class: 'comment-meta' }, el('strong', { text: c.username || 'anonymous' }), ' ', el('span', { class: 'muted', text: formatTime(c.created_at) })),
        el('p', { class: 'comment-text', text: c.comment }))))
      : emptyState('No comments.'));
}

export async function renderJobStats(main, data) {
  const name = data.jobName;
  const [{ data: stats }, { data: recent }] = await Promise.all([
    get(pathOf('/history/stats/', name)),
    get(`/history/failures?${new URLSearchParams({ job_name: name, limit: '200' })}`),
  ]);
  fill(main, ...page(name),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Builds analysed' }), el('dd', { text: stats.total_builds_analyzed }),
      el('dt', { text: 'Builds with failures' }), el('dd', { text: stats.builds_with_failures }),
      el('dt', { text: 'Failure rate' }), el('dd', { text: `${Math.round((stats.overall_failure_rate || 0) * 100)}%` }),
      el('dt', { text: 'Trend' }), el('dd', {}, el('span', { class: `trend trend-${stats.recent_trend}`, id: 'trend', text: stats.recent_trend }))),
    el('h2', { text: 'Failures per build' }),
    trendChart(recent.failures, recent.total),
    el('h2', { text: 'Most common failures' }),
    (stats.most_common_failures || []).length
      ? el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, ['Test', 'Failures', 'Classification'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, stats.most_common_failures.map((f) => el('tr', {},
          el('td', {}, el('a', { href: pathOf('/history/test/', f.test_name), text: f.test_name })),
          el('td', { text: f.count }), el('td', {}, badge(f.classification))))))
      : emptyState('No failures recorded.'),
    el('p', {}, el('a', { href: `/history?${new URLSearchParams({ job_name: name })}`, text: 'All failures of this job' })));
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) if (c) node.append(c);
  return node;
}

/** Bars of failures per build (top-level and child failures of the build together). */
export function barChart(points, label) {
  if (!points.length) return emptyState('Nothing to chart yet.');
  const width = 600, height = 160, pad = 24;
  const max = Math.max(...points.map((p) => p.value), 1);
  const bar = (width - pad * 2) / points.length;
  const title = svg('title', {});
  title.textContent = label;
  return svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label }, title,
    svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }),
    svg('line', { x1: pad, y1: pad, x2: width - pad, y2: pad, class: 'axis max-line' }),
    (() => { // the scale: the top line is the largest value
      const top = svg('text', { x: pad, y: pad - 6, class: 'tick max-label' });
      top.textContent = max.toLocaleString('en-US');
      return top;
    })(),
    ...points.map((p, i) => {
      const h = ((height - pad * 2) * p.value) / max;
      const g = svg('g', {},
        svg('rect', { x: pad + i * bar + 2, y: height - pad - h, width: Math.max(2, bar - 4), height: h, class: 'bar' }));
      const tip = svg('title', {});
      tip.textContent = `${p.label}: ${p.value}`;
      g.append(tip);
      if (points.length <= 20) {
        const text = svg('text', { x: pad + i * bar + bar / 2, y: height - 6, 'text-anchor': 'middle', class: 'tick' });
        text.textContent = p.label;
        g.append(text);
      }
      return g;
    }));
}

function trendChart(failures, total) {
  const perBuild = new Map();
  for (const f of failures) perBuild.set(f.build_number, (perBuild.get(f.build_number) || 0) + 1);
  let builds = [...perBuild.entries()].sort((a, b) => a[0] - b[0]);
  // The newest failures only: when some are left out, the oldest build shown may be cut short.
  if (total > failures.length && builds.length > 1) builds = builds.slice(1);
  const points = builds.map(([build, n]) => ({ label: `#${build}`, value: n }));
  return barChart(points, `Failures per build with failures (the last ${points.length}), oldest first`);
}
