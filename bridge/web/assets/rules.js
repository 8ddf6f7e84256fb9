// The rules knowledge base (admins): rules that classify failures without an AI call, with
// their hit counts; add, edit, enable/disable, delete, and a dry run over recent failures.
// Also the two-click "make this a rule" form the report page offers on each error group.
import { api, CLASSIFICATIONS, el, emptyState, fill, formatTime, get, notify, page, showError } from './core.js';

const FIELDS = ['any', 'message', 'trace', 'console'];

/** A pattern matching this error's first line literally, numbers generalised. */
export function patternFor(error) {
  const line = (error || '').split('\n')[0].trim().slice(0, 200);
  return line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+');
}

/** The fields of a rule, prefilled from `rule`. */
function ruleForm(rule, submitText, onSubmit, extra) {
  const name = el('input', { type: 'text', name: 'name', required: true, value: rule.name || '', 'aria-label': 'Rule name' });
  const pattern = el('input', { type: 'text', name: 'pattern', required: true, class: 'wide', value: rule.pattern || '', 'aria-label': 'Pattern (PCRE)' });
  const field = el('select', { name: 'field', 'aria-label': 'Match in' },
    FIELDS.map((f) => el('option', { value: f, text: f, selected: (rule.field || 'any') === f })));
  const classification = el('select', { name: 'classification', 'aria-label': 'Classification' },
    CLASSIFICATIONS.map((c) => el('option', { value: c, text: c, selected: (rule.classification || 'INFRASTRUCTURE') === c })));
  const explanation = el('input', { type: 'text', name: 'explanation', class: 'wide', value: rule.explanation || '', 'aria-label': 'Explanation' });
  const link = el('input', { type: 'url', name: 'link', value: rule.link || '', placeholder: 'https://…', 'aria-label': 'Link' });
  const values = () => ({ name: name.value.trim(), pattern: pattern.value, field: field.value, classification: classification.value,
    explanation: explanation.value, link: link.value.trim() });
  const form = el('form', { class: 'rule-form card', onsubmit: (event) => {
    event.preventDefault();
    onSubmit(values());
  } },
  el('label', {}, 'Name ', name), el('label', {}, 'Pattern ', pattern), el('label', {}, 'Match in ', field),
  el('label', {}, 'Classification ', classification), el('label', {}, 'Explanation ', explanation), el('label', {}, 'Link ', link),
  el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: submitText }), extra ? extra(values) : null));
  return form;
}

/** Report page: "Always classify as…" on a group, then "Create rule". Admins only. */
export function ruleFromFailure(failure) {
  const box = el('div', { class: 'rule-box' });
  const open = () => fill(box, ruleForm({
    name: `known-${(failure.test_name || 'failure').split(/[.:/\s]/).pop().slice(0, 40)}`,
    pattern: patternFor(failure.error),
    classification: 'INFRASTRUCTURE',
    explanation: `Known cause of ${failure.test_name}`,
  }, 'Create rule', async (rule) => {
    try {
      await api('POST', '/api/rules', rule);
      notify(`Rule ${rule.name} created: matching failures are classified ${rule.classification} without AI`);
      fill(box);
    } catch (e) { showError(e); }
  }));
  return [el('button', { type: 'button', class: 'make-rule', text: 'Always classify as…', onclick: open }), box];
}

export async function renderRules(main) {
  let rules;
  try {
    rules = (await get('/api/rules')).data.rules;
  } catch (e) {
    fill(main, ...page('Rules'), el('p', {}, e.status === 403 ? 'Admin access required. ' : `${e.message} `, el('a', { href: '/login', text: 'Sign in' })));
    return;
  }
  const reload = () => renderRules(main);
  const change = async (method, path, body, done) => {
    try {
      await api(method, path, body);
      notify(done);
      reload();
    } catch (e) { showError(e); }
  };
  const dryRunBox = el('div', { id: 'dry-run', 'aria-live': 'polite' });
  const dryRun = (values) => el('button', { type: 'button', text: 'Dry run', onclick: async () => {
    try {
      const { data } = await api('POST', '/api/rules/dry-run', { pattern: values().pattern, last_failures: 500 });
      fill(dryRunBox, el('p', { text: `${data.matched} of the last ${data.scanned} failures match` +
        (data.limit_hits ? ` (${data.limit_hits} gave up at the match limit)` : '') }),
      data.matches.length
        ? el('ul', { class: 'dry-run-matches' }, data.matches.slice(0, 20).map((m) => el('li', {},
          el('a', { href: `/results/${encodeURIComponent(m.job_id)}.html`, text: m.test_name }), ` ${(m.error || '').split('\n')[0]}`)))
        : null);
    } catch (e) { showError(e); }
  } });
  const create = ruleForm({}, 'Add rule', (rule) => change('POST', '/api/rules', rule, `Rule ${rule.name} added`), dryRun);
  const rows = rules.map((r) => {
    const path = `/api/rules/${r.id}`;
    const edit = el('button', { type: 'button', text: 'Edit', onclick: () => {
      const row = main.querySelector(`tr[data-rule-id="${r.id}"] + tr.rule-edit`);
      fill(row.firstChild, ruleForm(r, 'Save', (rule) => change('PUT', path, rule, `Rule ${rule.name} saved`)));
      row.hidden = false;
    } });
    return [
      el('tr', { dataset: { ruleId: r.id, ruleName: r.name } },
        el('td', { text: r.name }), el('td', { text: r.classification }), el('td', { text: r.field }),
        el('td', {}, el('code', { text: r.pattern })), el('td', { class: 'hits', text: r.hit_count }),
        el('td', { text: r.last_hit_at ? formatTime(r.last_hit_at) : '—' }), el('td', { text: r.origin }),
        el('td', { class: 'row-actions' },
          el('label', {}, el('input', { type: 'checkbox', class: 'rule-enabled', checked: r.enabled, onchange: (event) =>
            change('PUT', path, { enabled: event.target.checked }, `${r.name} ${event.target.checked ? 'enabled' : 'disabled'}`) }), ' enabled'),
          edit,
          el('button', { type: 'button', class: 'danger', text: 'Delete', onclick: () => {
            if (confirm(`Delete the rule ${r.name}?`)) change('DELETE', path, undefined, `${r.name} deleted`);
          } }))),
      el('tr', { class: 'rule-edit', hidden: true }, el('td', { colspan: 8 })),
    ];
  });
  fill(main, ...page('Rules'),
    el('p', { class: 'muted', text: 'A failure a rule matches is classified without an AI call. Rules are tried oldest first; patterns are PCRE.' }),
    create, dryRunBox,
    rules.length
      ? el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'rules-table' },
        el('thead', {}, el('tr', {}, ['Rule', 'Classification', 'In', 'Pattern', 'Hits', 'Last hit', 'Origin', ''].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows.flat())))
      : emptyState('No rules.'));
}
