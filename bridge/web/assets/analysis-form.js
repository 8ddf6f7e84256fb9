// The analysis options shared by the New analysis page and the Re-analyze dialog: AI
// provider and a model picker fed by /api/ai-models, extra instructions, tests
// repository, Jira, peer reviewers, AI timeout. values() returns only what was set (or,
// with a prefill, what changed), as request fields.
import { el, fill, get } from './core.js';

const PROVIDERS = ['claude', 'gemini', 'cursor'];

let modelsCache = null;
function models() {
  modelsCache = modelsCache || get('/api/ai-models').then((r) => r.data.providers || {}).catch(() => ({}));
  return modelsCache;
}

/** Provider select and a model field with the provider's known models as choices. */
export function modelPicker(prefill = {}) {
  const provider = el('select', { name: 'ai_provider', 'aria-label': 'AI provider' },
    el('option', { value: '', text: 'Server default' }), PROVIDERS.map((p) => el('option', { value: p, text: p })));
  provider.value = prefill.ai_provider || '';
  const listId = `models-${Math.random().toString(36).slice(2, 8)}`;
  const options = el('datalist', { id: listId });
  const model = el('input', { type: 'text', name: 'ai_model', list: listId, placeholder: 'Server default', 'aria-label': 'AI model', value: prefill.ai_model || '' });
  const hint = el('span', { class: 'muted small model-count' });
  const refresh = async () => {
    const all = await models();
    const list = provider.value ? all[provider.value] || [] : [];
    fill(options, list.map((m) => el('option', { value: m.id, text: m.name || m.id })));
    hint.textContent = provider.value ? `${list.length} known model${list.length === 1 ? '' : 's'}` : '';
  };
  provider.addEventListener('change', refresh);
  refresh();
  return {
    node: el('div', { class: 'form-row' },
      el('label', { class: 'stack' }, 'AI provider', provider),
      el('label', { class: 'stack grow' }, 'Model', model, options, hint)),
    provider,
    model,
  };
}

function peersText(configs) {
  return (configs || []).map((c) => `${c.ai_provider}:${c.ai_model}`).join(',');
}

function parsePeers(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [provider, ...model] = entry.split(':');
    return { ai_provider: provider.trim(), ai_model: model.join(':').trim() };
  });
}

/** The options as a form part; `prefill` is a stored request_params (Re-analyze). */
export function analysisOptions(prefill = {}) {
  const picker = modelPicker(prefill);
  const rawPrompt = el('textarea', { name: 'raw_prompt', rows: 3, 'aria-label': 'Extra instructions for the AI' });
  rawPrompt.value = prefill.raw_prompt || '';
  const testsRepo = el('input', { type: 'url', name: 'tests_repo_url', class: 'wide', placeholder: 'https://github.com/org/tests.git[:ref]', value: prefill.tests_repo_url || '' });
  const jira = el('select', { name: 'enable_jira', 'aria-label': 'Jira search' },
    el('option', { value: '', text: 'Server default' }), el('option', { value: 'true', text: 'On' }), el('option', { value: 'false', text: 'Off' }));
  jira.value = prefill.enable_jira === true ? 'true' : prefill.enable_jira === false ? 'false' : '';
  const peers = el('input', { type: 'text', name: 'peers', class: 'wide', placeholder: 'gemini:gemini-2.5-pro,cursor:gpt-5', value: peersText(prefill.peer_ai_configs) });
  const timeout = el('input', { type: 'number', name: 'ai_cli_timeout', min: 1, placeholder: 'minutes', value: prefill.ai_cli_timeout ?? '' });
  const node = el('fieldset', { class: 'analysis-options' },
    el('legend', { text: 'AI' }),
    picker.node,
    el('label', { class: 'stack' }, 'Extra instructions', rawPrompt),
    el('details', { class: 'more-options' }, el('summary', { text: 'More options' }),
      el('label', { class: 'stack' }, 'Tests repository', testsRepo),
      el('div', { class: 'form-row' },
        el('label', { class: 'stack' }, 'Jira search', jira),
        el('label', { class: 'stack' }, 'AI timeout (minutes)', timeout)),
      el('label', { class: 'stack' }, 'Peer reviewers (provider:model, comma-separated)', peers)));
  const values = () => {
    const out = {};
    const set = (field, value, before) => {
      if (value === '' || value === undefined) return;
      if (before !== undefined && JSON.stringify(value) === JSON.stringify(before)) return;
      out[field] = value;
    };
    set('ai_provider', picker.provider.value, prefill.ai_provider);
    set('ai_model', picker.model.value.trim(), prefill.ai_model);
    set('raw_prompt', rawPrompt.value.trim(), prefill.raw_prompt);
    set('tests_repo_url', testsRepo.value.trim(), prefill.tests_repo_url);
    if (jira.value) set('enable_jira', jira.value === 'true', prefill.enable_jira);
    if (timeout.value) set('ai_cli_timeout', Number(timeout.value), prefill.ai_cli_timeout);
    if (peers.value.trim() !== peersText(prefill.peer_ai_configs)) out.peer_ai_configs = parsePeers(peers.value);
    return out;
  };
  return { node, values, picker };
}
