// The "file a GitHub issue / Jira bug" dialog: preview (title and body the server
// writes, possible duplicates), edit, create; the result links the new issue.
import { api, el, fill, notify, outsideLink, showError } from './core.js';

export function openIssueDialog(tracker, failure, scope, context) {
  const github = tracker === 'github';
  const path = (action) => `/results/${encodeURIComponent(context.jobId)}/${action}-${github ? 'github-issue' : 'jira-bug'}`;
  const title = el('input', { type: 'text', name: 'title', required: true, 'aria-label': 'Title', class: 'wide' });
  const body = el('textarea', { name: 'body', rows: 12, 'aria-label': 'Body', class: 'wide' });
  const repo = el('input', { type: 'url', name: 'github_repo_url', placeholder: 'default: the analysis\u2019 tests repository', class: 'wide' });
  const project = el('input', { type: 'text', name: 'jira_project_key', placeholder: context.capabilities.server_jira_project_key || 'PROJ', size: 10 });
  const security = el('input', { type: 'text', name: 'jira_security_level', placeholder: 'none', size: 14 });
  const similar = el('div', { class: 'similar', 'aria-live': 'polite' });
  const status = el('p', { class: 'muted', 'aria-live': 'polite', text: 'Writing a draft…' });
  const create = el('button', { type: 'submit', class: 'primary', text: 'Create', disabled: true });
  const overrides = () => (github
    ? { github_repo_url: repo.value.trim() }
    : { jira_project_key: project.value.trim(), jira_security_level: security.value.trim() });

  const dialog = el('dialog', { class: 'issue-dialog', 'aria-labelledby': 'issue-dialog-title' },
    el('form', { method: 'dialog', onsubmit: async (event) => {
      event.preventDefault();
      create.disabled = true;
      status.textContent = 'Creating…';
      try {
        const { data } = await api('POST', path('create'), { test_name: failure.test_name, ...scope, title: title.value, body: body.value, ...overrides() });
        fill(status, 'Created ', outsideLink(data.url, data.key || `#${data.number}`));
        notify(`Created ${data.key || `issue #${data.number}`}`);
        create.hidden = true;
        context.createdIssue = data;
        if (!dialog.open) context.reload(); // closed while it was being created
      } catch (e) {
        status.textContent = e.message;
        create.disabled = false;
      }
    } },
    el('h2', { id: 'issue-dialog-title', text: github ? 'New GitHub issue' : 'New Jira bug' }),
    el('p', { class: 'muted', text: failure.test_name }),
    el('label', { class: 'stack' }, 'Title', title),
    el('label', { class: 'stack' }, 'Body', body),
    github ? el('label', { class: 'stack' }, 'Repository', repo)
      : el('div', { class: 'row' }, el('label', {}, 'Project ', project), el('label', {}, 'Security level ', security)),
    similar, status,
    el('div', { class: 'dialog-buttons' }, create,
      el('button', { type: 'button', text: 'Close', onclick: () => { dialog.close(); } }))));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (context.createdIssue) context.reload();
  });
  document.body.append(dialog);
  dialog.showModal();
  title.focus();

  api('POST', path('preview'), { test_name: failure.test_name, ...scope, include_links: true, ...overrides() })
    .then(({ data }) => {
      if (!title.value) title.value = data.title; // never overwrite what the user already typed
      if (!body.value) body.value = data.body;
      status.textContent = 'Review the draft, then create it.';
      create.disabled = false;
      const items = data.similar_issues || [];
      fill(similar, items.length
        ? [el('h3', { text: 'Possible duplicates' }), el('ul', {}, items.map((i) => el('li', {},
          outsideLink(i.url, i.key || `#${i.number}`), ` ${i.title} `, el('span', { class: 'muted', text: i.status || '' }))))]
        : []);
    })
    .catch((e) => {
      status.textContent = e.message;
      create.disabled = false; // the text can still be written by hand
      showError(e);
    });
}
