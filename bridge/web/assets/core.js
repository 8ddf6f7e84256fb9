// Shared helpers of the Job Insight pages: DOM building (text only: stored strings are
// never parsed as HTML), REST calls, the username cookie, formatting.

/** Creates an element. attrs: class, text, on{Event} handlers, dataset, any attribute. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Empties a node and fills it with children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

function detailText(body, status) {
  if (body && typeof body.detail === 'string') return body.detail;
  if (body && Array.isArray(body.detail)) return body.detail.map((d) => `${(d.loc || []).join('.')}: ${d.msg}`).join('; ');
  return `HTTP ${status}`;
}

/** A JSON REST call on this server; resolves to {status, data}, rejects with ApiError for 4xx/5xx. */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached', null);
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = text;
    }
  }
  if (response.status >= 400) throw new ApiError(response.status, detailText(data, response.status), data);
  return { status: response.status, data };
}

export const get = (path) => api('GET', path);

/** Updates the header's unread-mentions badge. */
export async function refreshUnread() {
  const badge = document.getElementById('unread-badge');
  if (!badge) return;
  try {
    const { data } = await get('/api/users/mentions/unread-count');
    badge.textContent = String(data.count);
    badge.hidden = !data.count;
  } catch (e) {
    badge.hidden = true;
  }
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

export function username() {
  return cookie('jji_username');
}

export function setUsername(name) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `jji_username=${encodeURIComponent(name)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

/** A short message for everyone (role=status, read out by screen readers). */
export function notify(message, kind = 'info') {
  const box = document.getElementById('notice');
  if (!box) return;
  fill(box, el('div', { class: `notice-item ${kind}`, text: message }));
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => box.replaceChildren(), 6000);
}

export function showError(error) {
  notify(error instanceof ApiError ? error.message : String(error), 'error');
}

export function formatTime(value) {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value).replace(' ', 'T') + (String(value).includes('Z') || String(value).includes('+') ? '' : 'Z'));
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

export const CLASSIFICATIONS = ['CODE ISSUE', 'PRODUCT BUG', 'INFRASTRUCTURE'];

/** A coloured label for a classification. */
export function badge(classification) {
  const value = classification || 'UNCLASSIFIED';
  return el('span', { class: `badge badge-${value.toLowerCase().replace(/[^a-z]+/g, '-')}`, text: value });
}

export function statusBadge(status) {
  return el('span', { class: `status status-${status}`, text: status });
}

/** Path of a page or API resource with one encoded segment (names may hold slashes). */
export function pathOf(prefix, name) {
  return prefix + name.split('/').map(encodeURIComponent).join('/');
}

/** The URL if it is an http(s) one (stored links must not run script), else null. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/** A link to an outside page, or its text alone when the URL is not http(s). */
export function outsideLink(url, text) {
  const href = safeUrl(url);
  return href ? el('a', { href, rel: 'noopener noreferrer', text }) : el('span', { text });
}

export function page(title, ...children) {
  document.title = `${title} · Job Insight`;
  return [el('h1', { text: title }), ...children];
}

export function emptyState(text) {
  return el('p', { class: 'empty', text });
}

/** A number with thousands separators (12,345). */
export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? '');
}

function parseTime(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value * 1000)
    : new Date(String(value).replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? '' : 'Z'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 min ago" (the absolute time as its tooltip), in a <time> element. */
export function timeAgo(value) {
  const date = parseTime(value);
  if (!date) return el('span', { text: value ? String(value) : '' });
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  let text = 'just now';
  if (Math.abs(seconds) >= 60) {
    const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s);
    text = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(-Math.round(seconds / size), unit);
  }
  return el('time', { datetime: date.toISOString(), title: date.toLocaleString(), text });
}

/** Puts text on the clipboard (the Clipboard API needs a secure context: a fallback for plain http). */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = el('textarea', { class: 'visually-hidden', readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

/** A small button that copies `text`; `what` names it for screen readers ("Copy test name"). */
export function copyButton(text, what, label = 'Copy') {
  return el('button', { type: 'button', class: 'copy', title: what, 'aria-label': what, text: label, onclick: async (event) => {
    event.stopPropagation();
    try {
      await copyText(text);
      notify(`Copied ${what.replace(/^Copy /, '')}`);
    } catch (e) {
      showError(e);
    }
  } });
}

const LINKABLE = /(https?:\/\/[^\s<>"')\]]+)|\b([A-Z][A-Z0-9]{1,9}-\d+)\b/g;

/** Comment text with its URLs and Jira keys as links (text nodes only: never parsed as HTML).
 *  statuses: {"PROJ-1": "In Progress", "https://github.com/o/r/pull/3": "merged"} from /enrich-comments. */
export function linkify(text, statuses = {}, jiraBase = '') {
  const nodes = [];
  let last = 0;
  for (const match of String(text).matchAll(LINKABLE)) {
    nodes.push(text.slice(last, match.index));
    const [whole, url, key] = match;
    const status = statuses[url || key];
    const href = url || (jiraBase ? `${jiraBase.replace(/\/$/, '')}/browse/${key}` : null);
    nodes.push(href ? el('a', { href, rel: 'noopener noreferrer', class: 'ref', text: whole }) : el('span', { class: 'ref', text: whole }));
    if (status) nodes.push(el('span', { class: `ref-status ref-${String(status).toLowerCase().replace(/[^a-z]+/g, '-')}`, text: status }));
    last = match.index + whole.length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** Grey placeholder lines while a page loads. */
export function skeleton(lines = 6) {
  return el('div', { class: 'skeleton', 'aria-busy': 'true', 'aria-label': 'Loading' },
    Array.from({ length: lines }, (_, i) => el('div', { class: `skeleton-line${i === 0 ? ' skeleton-title' : ''}` })));
}

/** The colour theme: the system's, or the one chosen with the header's toggle (kept in localStorage). */
export function applyTheme() {
  const chosen = localStorage.getItem('jji-theme');
  if (chosen === 'light' || chosen === 'dark') document.documentElement.dataset.theme = chosen;
  else delete document.documentElement.dataset.theme;
}

export function currentTheme() {
  return document.documentElement.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

export function toggleTheme() {
  localStorage.setItem('jji-theme', currentTheme() === 'dark' ? 'light' : 'dark');
  applyTheme();
}
