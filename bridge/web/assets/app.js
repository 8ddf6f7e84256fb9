// Entry point of every page: the header (navigation, who you are, unread mentions) and
// the page named by <body data-page>.
import { api, applyTheme, currentTheme, el, fill, get, refreshUnread, setUsername, showError, skeleton, toggleTheme, username } from './core.js';
import { renderDashboard } from './dashboard.js';
import { renderReport } from './report.js';
import { renderStatus } from './status.js';
import { renderHistory, renderJobStats, renderTestHistory } from './history.js';
import { renderLogin, renderMentions, renderProfile } from './account.js';
import { renderAdminUsers, renderTokenUsage } from './admin.js';
import { renderRules } from './rules.js';
import { renderNewAnalysis } from './new-analysis.js';

const pages = {
  dashboard: renderDashboard,
  report: renderReport,
  status: renderStatus,
  history: renderHistory,
  'test-history': renderTestHistory,
  'job-stats': renderJobStats,
  login: renderLogin,
  profile: renderProfile,
  mentions: renderMentions,
  'admin-users': renderAdminUsers,
  'admin-token-usage': renderTokenUsage,
  'admin-rules': renderRules,
  'new-analysis': renderNewAnalysis,
  'not-found': (main, data) => {
    document.title = 'Not found · Job Insight';
    fill(main, el('div', { class: 'empty-state not-found' }, el('h1', { text: 'Not found' }), el('p', { text: `There is no ${data.what || 'such page'}.` }),
      el('p', {}, el('a', { href: '/', text: 'Back to the dashboard' }), ' · ', el('a', { href: '/history', text: 'Search the failure history' }))));
  },
};

async function renderHeader(header) {
  let me = { username: '', is_admin: false };
  try {
    me = (await get('/api/auth/me')).data;
  } catch (e) {
    // the header still works without it
  }
  const name = username() || me.username;
  const current = document.body.dataset.page;
  const link = (href, text, pageName) => el('a', { href, text, 'aria-current': current === pageName ? 'page' : undefined });
  const badge = el('span', { class: 'count-badge', id: 'unread-badge', hidden: true, 'aria-label': 'unread mentions' });
  const nav = el('nav', { 'aria-label': 'Main' },
    link('/', 'Dashboard', 'dashboard'),
    link('/new', 'New analysis', 'new-analysis'),
    link('/history', 'History', 'history'),
    el('a', { href: '/mentions', 'aria-current': current === 'mentions' ? 'page' : undefined }, 'Mentions ', badge),
    link('/profile', 'Profile', 'profile'),
    me.is_admin ? link('/admin/users', 'Users', 'admin-users') : null,
    me.is_admin ? link('/admin/token-usage', 'Token usage', 'admin-token-usage') : null,
    me.is_admin ? link('/admin/rules', 'Rules', 'admin-rules') : null);
  const who = el('div', { class: 'who' });
  const renderWho = () => {
    if (name) {
      fill(who, el('span', { class: 'who-name', text: me.is_admin ? `${name} (admin)` : name }),
        me.is_admin
          ? el('button', { type: 'button', class: 'link', text: 'Sign out', onclick: signOut })
          : el('a', { href: '/login', text: 'Admin sign-in' }));
    } else {
      const input = el('input', { type: 'text', name: 'username', placeholder: 'your name', 'aria-label': 'Your username', size: 12 });
      const form = el('form', { class: 'inline', onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) {
          setUsername(input.value.trim());
          location.reload();
        }
      } }, input, el('button', { type: 'submit', text: 'Set name' }));
      fill(who, form, el('a', { href: '/login', text: 'Admin sign-in' }));
    }
  };
  renderWho();
  const theme = el('button', { type: 'button', class: 'theme-toggle', 'aria-label': 'Switch between light and dark', title: 'Light / dark' });
  const showTheme = () => { theme.textContent = currentTheme() === 'dark' ? '\u2600 Light' : '\u263E Dark'; };
  theme.addEventListener('click', () => { toggleTheme(); showTheme(); });
  showTheme();
  who.append(theme);
  fill(header, el('a', { class: 'brand', href: '/' }, el('img', { src: '/static/favicon.svg', alt: '', width: 24, height: 24 }), 'Job Insight'), nav, who);
  if (name) refreshUnread();
}

async function signOut() {
  try {
    await api('POST', '/api/auth/logout');
    location.href = '/';
  } catch (e) {
    showError(e);
  }
}

async function main() {
  const header = document.getElementById('top');
  const mainNode = document.getElementById('main');
  const data = { ...document.body.dataset };
  renderHeader(header);
  const render = pages[data.page] || pages['not-found'];
  fill(mainNode, skeleton()); // instead of a blank page while the data loads
  labelTableCells(mainNode);
  try {
    await render(mainNode, data);
  } catch (e) {
    fill(mainNode, el('h1', { text: 'Something went wrong' }), el('p', { class: 'error', text: e.message || String(e) }));
  }
}

/** At phone width tables become one card per row: each cell is labelled with its column's
 *  header (data-label, shown by the stylesheet), whichever page made the table. */
function labelTableCells(root) {
  const label = (table) => {
    if (table.dataset.labelled) return;
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    if (!headers.length) return;
    table.dataset.labelled = '1';
    table.classList.add('cards');
    for (const row of table.querySelectorAll('tbody tr'))
      [...row.children].forEach((cell, i) => { if (headers[i]) cell.dataset.label = headers[i]; });
  };
  new MutationObserver(() => root.querySelectorAll('table.data').forEach((t) => { delete t.dataset.labelled; label(t); }))
    .observe(root, { childList: true, subtree: true });
}

applyTheme();
main();
