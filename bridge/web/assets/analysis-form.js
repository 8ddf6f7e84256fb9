// The analysis options shared by the New analysis page and the Re-analyze dialog: AI
// provider and a model picker fed by /api/ai-models, extra instructions, and under "More
// options" every other request field (tests and additional repositories, Jira, GitHub,
// peer review, timeouts; the Jenkins fields on the New analysis page). values() returns
// only what was set (or, with a prefill, what changed), as request fields.
import { el, fill, get } from './core.js';

const PROVIDERS = ['claude', 'gemini', 'cursor'];

// [field, label, kind]: kind text | url | password | number | tri (server default / on / off)
// | peers ("provider:model,...") | repos ("name:url[:ref][@token],...").
const ANALYSIS_FIELDS = [
  ['tests_repo_url', 'Tests repository (URL[:ref])', 'url'],
  ['additional_repos', 'Additional repositories (name:url[:ref][@token], comma-separated)', 'repos'],
  ['peer_ai_configs', 'Peer reviewers (provider:model, comma-separated)', 'peers'],
  ['peer_analysis_max_rounds', 'Peer review rounds (1-10)', 'number'],
  ['ai_cli_timeout', 'AI timeout (minutes)', 'number'],
  ['enable_jira', 'Jira search', 'tri'],
  ['jira_url', 'Jira URL', 'url'],
  ['jira_project_key', 'Jira project key', 'text'],
  ['jira_email', 'Jira email (Cloud)', 'text'],
  ['jira_api_token', 'Jira API token (Cloud)', 'password'],
  ['jira_pat', 'Jira personal access token (Server)', 'password'],
  ['jira_ssl_verify', 'Jira TLS verification', 'tri'],
  ['jira_max_results', 'Jira matches per failure', 'number'],
  ['github_token', 'GitHub token (private repositories)', 'password'],
];

export const JENKINS_FIELDS = [
  ['jenkins_url', 'Jenkins URL', 'url'],
  ['jenkins_user', 'Jenkins user', 'text'],
  ['jenkins_password', 'Jenkins password or API token', 'password'],
  ['jenkins_ssl_verify', 'Jenkins TLS verification', 'tri'],
  ['poll_interval_minutes', 'Poll every (minutes)', 'number'],
  ['max_wait_minutes', 'Wait at most (minutes, 0: no limit)', 'number'],
  ['get_job_artifacts', 'Build artifacts as AI context', 'tri'],
  ['jenkins_artifacts_max_size_mb', 'Artifacts size cap (MB)', 'number'],
];

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

function asText(kind, value) {
  if (value === undefined || value === null) return '';
  if (kind === 'peers') return value.map((c) => `${c.ai_provider}:${c.ai_model}`).join(',');
  if (kind === 'repos') return value.map((r) => `${r.name}:${r.url}${r.ref ? `:${r.ref}` : ''}`).join(','); // tokens are never stored
  if (kind === 'tri') return value === true ? 'true' : value === false ? 'false' : '';
  return String(value);
}

function parseList(text, toItem) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map(toItem);
}

function fromText(kind, text) {
  if (kind === 'number') return Number(text);
  if (kind === 'tri') return text === 'true';
  if (kind === 'peers') return parseList(text, (entry) => {
    const [provider, ...model] = entry.split(':');
    return { ai_provider: provider.trim(), ai_model: model.join(':').trim() };
  });
  if (kind === 'repos') return parseList(text, (entry) => {
    const colon = entry.indexOf(':');
    let rest = entry.slice(colon + 1).trim();
    const repo = { name: entry.slice(0, colon).trim() };
    const at = rest.lastIndexOf('@');
    if (at >= 0 && !rest.slice(at).includes('/')) {
      repo.token = rest.slice(at + 1);
      rest = rest.slice(0, at);
    }
    const refColon = rest.lastIndexOf(':');
    if (refColon > rest.lastIndexOf('/')) {
      repo.ref = rest.slice(refColon + 1);
      rest = rest.slice(0, refColon);
    }
    repo.url = rest;
    return repo;
  });
  return text.trim();
}

/** One field: its input and how to read it back as a request value (undefined when unset). */
function field([name, label, kind], prefill) {
  const initial = asText(kind, prefill[name]);
  let input;
  if (kind === 'tri') {
    input = el('select', { name }, el('option', { value: '', text: 'Server default' }), el('option', { value: 'true', text: 'On' }),
      el('option', { value: 'false', text: 'Off' }));
    input.value = initial;
  } else {
    input = el('input', { name, type: kind === 'number' ? 'number' : kind === 'password' ? 'password' : kind === 'url' ? 'url' : 'text',
      value: initial, autocomplete: kind === 'password' ? 'off' : undefined, class: kind === 'number' ? undefined : 'wide' });
  }
  return {
    node: el('label', { class: `stack${kind === 'number' || kind === 'tri' ? '' : ' grow'}` }, label, input),
    read: (out) => {
      const text = input.value.trim();
      if (text === initial) return; // unchanged (with a prefill) or unset
      if (text === '' && (kind === 'peers' || kind === 'repos')) out[name] = []; // emptied: none for this run
      else if (text !== '') out[name] = fromText(kind, text);
    },
  };
}

/** The options as a form part; `prefill` is a stored request_params (Re-analyze); `jenkins` adds the Jenkins fields. */
export function analysisOptions(prefill = {}, { jenkins = false } = {}) {
  const picker = modelPicker(prefill);
  const rawPrompt = el('textarea', { name: 'raw_prompt', rows: 3, 'aria-label': 'Extra instructions for the AI' });
  rawPrompt.value = prefill.raw_prompt || '';
  const fields = ANALYSIS_FIELDS.map((f) => field(f, prefill));
  const jenkinsFields = jenkins ? JENKINS_FIELDS.map((f) => field(f, prefill)) : [];
  const node = el('fieldset', { class: 'analysis-options' },
    el('legend', { text: 'AI' }),
    picker.node,
    el('label', { class: 'stack' }, 'Extra instructions', rawPrompt),
    el('details', { class: 'more-options' }, el('summary', { text: 'More options' }),
      el('div', { class: 'form-row' }, fields.map((f) => f.node)),
      jenkins ? el('fieldset', {}, el('legend', { text: 'Jenkins' }), el('div', { class: 'form-row' }, jenkinsFields.map((f) => f.node))) : null));
  const values = () => {
    const out = {};
    const set = (name, value, before) => {
      if (value === '' || value === undefined) return;
      if (before !== undefined && value === before) return;
      out[name] = value;
    };
    set('ai_provider', picker.provider.value, prefill.ai_provider);
    set('ai_model', picker.model.value.trim(), prefill.ai_model);
    set('raw_prompt', rawPrompt.value.trim(), prefill.raw_prompt);
    for (const f of [...fields, ...jenkinsFields]) f.read(out);
    return out;
  };
  return { node, values, picker };
}
