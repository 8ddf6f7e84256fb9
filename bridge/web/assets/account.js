// Admin sign-in, the profile (username, saved tracker tokens, push notifications) and
// the mentions inbox.
import { api, el, emptyState, fill, get, notify, page, refreshUnread, setUsername, showError, timeAgo, username } from './core.js';

export async function renderLogin(main) {
  const name = el('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const key = el('input', { type: 'password', name: 'api_key', autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/auth/login', { username: name.value.trim(), api_key: key.value });
      // The key was right, but a Secure cookie is dropped by the browser over plain http:
      // say so instead of landing on the dashboard still signed out.
      const me = (await get('/api/auth/me')).data;
      if (!me.is_admin && location.protocol === 'http:') {
        error.textContent = 'The key is right, but this browser dropped the session cookie: the server sends it with "Secure" '
          + '(SECURE_COOKIES=true), which browsers keep only over HTTPS. Open this page over https://, or set SECURE_COOKIES=false '
          + 'on the server for a plain-http installation.';
        return;
      }
      location.href = '/';
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong username or key.' : e.message;
    }
  } },
  el('label', { class: 'stack' }, 'Username', name),
  el('label', { class: 'stack' }, 'API key', key),
  error,
  el('button', { type: 'submit', class: 'primary', text: 'Sign in' }));
  fill(main, ...page('Admin sign-in'), el('p', { class: 'muted', text: 'Use "admin" with the server\u2019s ADMIN_KEY, or your admin username with your API key.' }), form);
}

export async function renderProfile(main) {
  const current = username();
  const nameInput = el('input', { type: 'text', name: 'username', value: current, required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{1,49}' });
  const nameForm = el('form', { class: 'card', onsubmit: (event) => {
    event.preventDefault();
    setUsername(nameInput.value.trim());
    notify('Name saved');
    // Sent here for want of a name (GET /register): with one, on to the dashboard.
    if (location.pathname === '/register') location.assign('/');
    else location.reload();
  } }, el('h2', { text: 'Your name' }),
  el('p', { class: 'muted', text: 'Used for comments, reviews and mentions. It is not a password: anyone can type any name.' }),
  el('label', { class: 'stack' }, 'Username', nameInput), el('button', { type: 'submit', text: 'Save name' }));
  const sections = [nameForm];
  if (current) {
    sections.push(await tokensCard());
    sections.push(pushCard());
  }
  fill(main, ...page('Profile'), ...sections);
}

async function tokensCard() {
  let saved = {};
  try {
    saved = (await get('/api/user/tokens')).data;
  } catch (e) {
    return el('div', { class: 'card' }, el('h2', { text: 'Tracker tokens' }), el('p', { class: 'muted', text: e.message }));
  }
  const github = el('input', { type: 'password', name: 'github_token', autocomplete: 'off', placeholder: saved.has_github_token ? `saved: ${saved.github_token_hint}` : '' });
  const jiraEmail = el('input', { type: 'email', name: 'jira_email', value: saved.jira_email || '', autocomplete: 'off' });
  const jira = el('input', { type: 'password', name: 'jira_token', autocomplete: 'off', placeholder: saved.has_jira_token ? `saved: ${saved.jira_token_hint}` : '' });
  const result = el('p', { class: 'muted', 'aria-live': 'polite' });
  const validate = async (type, token, email) => {
    if (!token) {
      result.textContent = 'Type the token to check it.';
      return;
    }
    const { data } = await api('POST', '/api/validate-token', { token_type: type, token, email });
    result.textContent = data.message;
  };
  return el('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api('PUT', '/api/user/tokens', { github_token: github.value, jira_email: jiraEmail.value, jira_token: jira.value });
      notify('Tokens saved');
      github.value = '';
      jira.value = '';
    } catch (e) { showError(e); }
  } },
  el('h2', { text: 'Tracker tokens' }),
  el('p', { class: 'muted', text: 'Used for GitHub issues and Jira bugs you file; stored encrypted. Empty fields keep what is saved.' }),
  el('label', { class: 'stack' }, 'GitHub token', github),
  el('button', { type: 'button', class: 'link', text: 'Check GitHub token', onclick: () => validate('github', github.value, '').catch(showError) }),
  el('label', { class: 'stack' }, 'Jira e-mail (Jira Cloud)', jiraEmail),
  el('label', { class: 'stack' }, 'Jira token', jira),
  el('button', { type: 'button', class: 'link', text: 'Check Jira token', onclick: () => validate('jira', jira.value, jiraEmail.value).catch(showError) }),
  result,
  el('button', { type: 'submit', class: 'primary', text: 'Save tokens' }));
}

function base64UrlToBytes(text) {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function pushCard() {
  const state = el('p', { class: 'muted', 'aria-live': 'polite' });
  const supported = 'serviceWorker' in navigator && 'PushManager' in window;
  const subscribe = async () => {
    try {
      const { data } = await get('/api/notifications/vapid-public-key');
      if (!data.vapid_public_key) {
        state.textContent = 'Push notifications are not configured on this server.';
        return;
      }
      await navigator.serviceWorker.register('/sw.js');
      const registration = await navigator.serviceWorker.ready; // subscribing needs an active worker
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(data.vapid_public_key) });
      const json = subscription.toJSON();
      await api('POST', '/api/notifications/subscribe', { endpoint: json.endpoint, p256dh_key: json.keys.p256dh, auth_key: json.keys.auth });
      state.textContent = 'This browser will be notified of mentions.';
    } catch (e) {
      state.textContent = `Not subscribed: ${e.message || e}`;
    }
  };
  const unsubscribe = async () => {
    try {
      const registration = await navigator.serviceWorker.getRegistration('/sw.js');
      const subscription = registration && await registration.pushManager.getSubscription();
      if (subscription) {
        await api('POST', '/api/notifications/unsubscribe', { endpoint: subscription.endpoint }).catch(() => {}); // unknown to the server: still unsubscribe here
        await subscription.unsubscribe();
      }
      state.textContent = 'Notifications are off for this browser.';
    } catch (e) {
      state.textContent = e.message || String(e);
    }
  };
  return el('div', { class: 'card' }, el('h2', { text: 'Notifications' }),
    el('p', { class: 'muted', text: 'Get a browser notification when someone mentions you.' }),
    supported
      ? el('div', { class: 'row' }, el('button', { type: 'button', text: 'Notify me', onclick: subscribe }),
        el('button', { type: 'button', text: 'Stop', onclick: unsubscribe }))
      : el('p', { text: 'This browser does not support push notifications.' }),
    state);
}

export async function renderMentions(main) {
  if (!username()) {
    fill(main, ...page('Mentions'), el('p', {}, 'Set your name (in the header or on your ', el('a', { href: '/profile', text: 'profile' }), ') to see your mentions.'));
    return;
  }
  const list = el('div');
  const load = async () => {
    const { data } = await get('/api/users/mentions?limit=100');
    fill(list, data.mentions.length
      ? el('ul', { class: 'mentions' }, data.mentions.map((m) => el('li', { class: m.is_read ? 'mention read' : 'mention unread', dataset: { commentId: m.id } },
        el('div', { class: 'comment-meta' }, el('strong', { text: m.username }), ' on ',
          el('a', { class: 'mention-link', href: `/results/${encodeURIComponent(m.job_id)}.html#comment-${m.id}`, text: m.test_name }), ' ',
          el('span', { class: 'muted' }, timeAgo(m.created_at)),
          m.is_read ? null : el('button', { type: 'button', class: 'link', text: 'Mark read', onclick: async () => {
            await api('POST', '/api/users/mentions/read', { comment_ids: [m.id] }).catch(showError);
            await load();
            refreshUnread();
          } })),
        el('p', { class: 'comment-text', text: m.comment }))))
      : emptyState('Nobody has mentioned you yet.'));
  };
  fill(main, ...page('Mentions'),
    el('button', { type: 'button', text: 'Mark all read', onclick: async () => {
      await api('POST', '/api/users/mentions/read-all').catch(showError);
      await load();
      refreshUnread();
    } }),
    list);
  await load();
}
