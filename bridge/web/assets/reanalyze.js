// The Re-analyze dialog: the stored request's AI settings prefilled; only what the user
// changes is sent as overrides; the new job's progress page opens.
import { api, el, notify, showError } from './core.js';
import { analysisOptions } from './analysis-form.js';

export function openReanalyzeDialog(context) {
  const prefill = context.result.request_params || {};
  const options = analysisOptions(prefill);
  const status = el('p', { class: 'muted', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Re-analyze' });
  const dialog = el('dialog', { class: 'issue-dialog reanalyze-dialog', 'aria-labelledby': 'reanalyze-title' },
    el('form', { method: 'dialog', onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      status.textContent = 'Queueing…';
      try {
        const { data } = await api('POST', `/re-analyze/${encodeURIComponent(context.jobId)}`, options.values());
        notify('Re-analysis queued');
        location.href = `/status/${encodeURIComponent(data.job_id)}`;
      } catch (e) {
        submit.disabled = false;
        status.textContent = '';
        showError(e);
      }
    } },
    el('h2', { id: 'reanalyze-title', text: 'Re-analyze with…' }),
    el('p', { class: 'muted', text: 'The same build and settings as before; change what should differ.' }),
    options.node, status,
    el('div', { class: 'dialog-buttons' },
      el('button', { type: 'button', text: 'Cancel', onclick: () => dialog.close() }), submit)));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  options.picker.provider.focus();
}
