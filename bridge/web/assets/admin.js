// Admin pages: users (create admins, promote, demote, rotate keys, delete) and AI token
// usage (period totals, breakdown table and chart).
import { api, el, emptyState, fill, formatTime, get, notify, page, showError } from './core.js';
import { barChart } from './history.js';

function needAdmin(main, error) {
  fill(main, ...page('Admin'), el('p', {}, error.status === 403 ? 'Admin access required. ' : error.message + ' ',
    el('a', { href: '/login', text: 'Sign in' })));
}

/** Shows a new API key once, with a copy button. */
function showKey(box, username, key) {
  const value = el('input', { type: 'text', readonly: true, value: key, class: 'wide', 'aria-label': `API key of ${username}` });
  fill(box, el('div', { class: 'card key-card', role: 'alert' },
    el('p', {}, el('strong', { text: `API key of ${username}` }), ' (shown once; store it now)'),
    value,
    el('button', { type: 'button', text: 'Copy', onclick: () => navigator.clipboard?.writeText(key).then(() => notify('Copied')) })));
  value.select();
}

export async function renderAdminUsers(main) {
  let users;
  try {
    users = (await get('/api/admin/users')).data.users;
  } catch (e) {
    needAdmin(main, e);
    return;
  }
  const keyBox = el('div');
  const reload = () => renderAdminUsers(main);
  const act = async (method, path, body, done) => {
    try {
      const { data } = await api(method, path, body);
      const key = data && (data.api_key || data.new_api_key); // created/promoted, or rotated
      if (key) {
        await reload();
        showKey(main.querySelector('#key-box'), data.username, key);
        return;
      }
      notify(done);
      reload();
    } catch (e) { showError(e); }
  };
  const name = el('input', { type: 'text', name: 'username', required: true, placeholder: 'new admin username', 'aria-label': 'New admin username' });
  const create = el('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    act('POST', '/api/admin/users', { username: name.value.trim() }, 'Admin created');
  } }, name, el('button', { type: 'submit', class: 'primary', text: 'Create admin' }));
  keyBox.id = 'key-box';
  const rows = users.map((u) => {
    const path = `/api/admin/users/${encodeURIComponent(u.username)}`;
    return el('tr', { dataset: { username: u.username } },
      el('td', { text: u.username }), el('td', { text: u.role }),
      el('td', { text: formatTime(u.created_at) }), el('td', { text: formatTime(u.last_seen) || '—' }),
      el('td', { class: 'row-actions' },
        u.role === 'admin'
          ? [el('button', { type: 'button', text: 'Demote', onclick: () => act('PUT', `${path}/role`, { role: 'user' }, `${u.username} is a user now`) }),
            el('button', { type: 'button', text: 'Rotate key', onclick: () => act('POST', `${path}/rotate-key`, undefined, 'Key rotated') })]
          : el('button', { type: 'button', text: 'Make admin', onclick: () => act('PUT', `${path}/role`, { role: 'admin' }, `${u.username} is an admin now`) }),
        u.role === 'admin' // only admin accounts can be deleted; others are just names seen
          ? el('button', { type: 'button', class: 'danger', text: 'Delete', onclick: () => {
            if (confirm(`Delete ${u.username}?`)) act('DELETE', path, undefined, `${u.username} deleted`);
          } })
          : null));
  });
  fill(main, ...page('Users'), create, keyBox,
    users.length
      ? el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'users-table' },
        el('thead', {}, el('tr', {}, ['User', 'Role', 'First seen', 'Last seen', ''].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows)))
      : emptyState('No users yet.'));
}

const GROUPS = ['day', 'week', 'month', 'model', 'provider', 'call_type', 'job'];

export async function renderTokenUsage(main) {
  let summary;
  try {
    summary = (await get('/api/admin/token-usage/summary')).data;
  } catch (e) {
    needAdmin(main, e);
    return;
  }
  const groupBy = el('select', { name: 'group_by', 'aria-label': 'Group by' }, GROUPS.map((g) => el('option', { value: g, text: g.replace('_', ' ') })));
  const metric = el('select', { name: 'metric', 'aria-label': 'Chart' },
    el('option', { value: 'cost_usd', text: 'cost (USD)' }), el('option', { value: 'tokens', text: 'tokens' }), el('option', { value: 'call_count', text: 'calls' }));
  const totals = el('dl', { class: 'facts' });
  const chart = el('div');
  const table = el('div', { class: 'table-wrap' });
  const load = async () => {
    const { data } = await get(`/api/admin/token-usage?group_by=${encodeURIComponent(groupBy.value)}`);
    fill(totals,
      el('dt', { text: 'Calls' }), el('dd', { text: data.total_calls }),
      el('dt', { text: 'Input tokens' }), el('dd', { text: data.total_input_tokens }),
      el('dt', { text: 'Output tokens' }), el('dd', { text: data.total_output_tokens }),
      el('dt', { text: 'Cost' }), el('dd', { text: `$${Number(data.total_cost_usd || 0).toFixed(4)}` }));
    const rows = data.breakdown || [];
    const value = (r) => (metric.value === 'tokens' ? r.input_tokens + r.output_tokens : Number(r[metric.value] || 0));
    const ordered = ['day', 'week', 'month'].includes(groupBy.value) ? [...rows].sort((a, b) => String(a.group_key).localeCompare(String(b.group_key))) : rows;
    fill(chart, barChart(ordered.map((r) => ({ label: String(r.group_key), value: value(r) })), `AI ${metric.selectedOptions[0].text} by ${groupBy.value}`));
    fill(table, rows.length
      ? el('table', { class: 'data', id: 'usage-table' },
        el('thead', {}, el('tr', {}, [groupBy.value, 'Calls', 'Input', 'Output', 'Cost (USD)', 'Avg duration'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows.map((r) => el('tr', {},
          el('td', { text: r.group_key }), el('td', { text: r.call_count }), el('td', { text: r.input_tokens }), el('td', { text: r.output_tokens }),
          el('td', { text: Number(r.cost_usd || 0).toFixed(4) }), el('td', { text: `${Math.round(r.avg_duration_ms || 0)} ms` })))))
      : emptyState('No AI calls recorded.'));
  };
  groupBy.addEventListener('change', () => load().catch(showError));
  metric.addEventListener('change', () => load().catch(showError));
  const period = (label, p) => el('div', { class: 'card stat' }, el('h2', { text: label }),
    el('p', { class: 'big', text: `$${Number(p.cost_usd || 0).toFixed(4)}` }), el('p', { class: 'muted', text: `${p.calls} calls · ${p.tokens} tokens` }));
  fill(main, ...page('AI token usage'),
    el('div', { class: 'stats' }, period('Today', summary.today), period('This week', summary.this_week), period('This month', summary.this_month)),
    el('div', { class: 'filters' }, el('label', {}, 'Group by ', groupBy), el('label', {}, 'Chart ', metric)),
    totals, chart, table);
  await load();
}
