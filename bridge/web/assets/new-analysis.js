// The New analysis page: a Jenkins build (job, build number, waiting and the AI options)
// or a JUnit XML report (pasted or uploaded, with a name); the AI's model picked from
// the provider's known models.
import { api, el, fill, page, showError } from './core.js';
import { analysisOptions } from './analysis-form.js';

export async function renderNewAnalysis(main) {
  const jenkinsPanel = jenkinsForm();
  const junitPanel = junitForm();
  const tabs = [['jenkins', 'Jenkins build', jenkinsPanel], ['junit', 'JUnit XML', junitPanel]];
  const buttons = tabs.map(([id, label]) => el('button', { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': `${id}-form`, text: label }));
  const select = (index) => {
    tabs.forEach(([, , panel], i) => {
      panel.hidden = i !== index;
      buttons[i].setAttribute('aria-selected', String(i === index));
      buttons[i].tabIndex = i === index ? 0 : -1;
    });
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const next = (i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
        select(next);
        buttons[next].focus();
      }
    });
  });
  tabs.forEach(([id, , panel]) => { panel.setAttribute('role', 'tabpanel'); panel.setAttribute('aria-labelledby', `tab-${id}`); });
  select(new URLSearchParams(location.search).get('source') === 'junit' ? 1 : 0);
  fill(main, ...page('New analysis'), el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'What to analyse' }, buttons),
    jenkinsPanel, junitPanel);
}

function jenkinsForm() {
  const job = el('input', { type: 'text', name: 'job_name', required: true, placeholder: 'folder/my-job', class: 'wide' });
  const build = el('input', { type: 'number', name: 'build_number', required: true, min: 1 });
  const wait = el('input', { type: 'checkbox', name: 'wait_for_completion', checked: true });
  const force = el('input', { type: 'checkbox', name: 'force' });
  const options = analysisOptions({}, { jenkins: true });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Analyse' });
  return el('form', { class: 'card new-analysis', id: 'jenkins-form', onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const body = { job_name: job.value.trim(), build_number: Number(build.value), wait_for_completion: wait.checked, ...options.values() };
      if (force.checked) body.force = true;
      const { data } = await api('POST', '/analyze', body);
      location.href = `/status/${encodeURIComponent(data.job_id)}`;
    } catch (e) {
      submit.disabled = false;
      showError(e);
    }
  } },
  el('div', { class: 'form-row' },
    el('label', { class: 'stack grow' }, 'Jenkins job', job),
    el('label', { class: 'stack' }, 'Build number', build)),
  el('div', { class: 'form-row' },
    el('label', { class: 'check' }, wait, ' Wait for the build to finish'),
    el('label', { class: 'check' }, force, ' Analyse even if the build passed')),
  options.node,
  submit);
}

function junitForm() {
  const name = el('input', { type: 'text', name: 'name', placeholder: 'default: the report\u2019s suite name', class: 'wide' });
  const file = el('input', { type: 'file', name: 'file', accept: '.xml,text/xml,application/xml' });
  const xml = el('textarea', { name: 'raw_xml', rows: 10, placeholder: '<testsuite name="…">…</testsuite>', 'aria-label': 'JUnit XML' });
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    xml.value = await chosen.text();
    if (!name.value) name.placeholder = chosen.name;
  });
  const options = analysisOptions();
  const status = el('p', { class: 'muted', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Analyse' });
  return el('form', { class: 'card new-analysis', id: 'junit-form', onsubmit: async (event) => {
    event.preventDefault();
    if (!xml.value.trim()) {
      status.textContent = 'Paste a report or choose a file.';
      return;
    }
    submit.disabled = true;
    status.textContent = 'Analysing… (the AI runs now; this can take a few minutes)';
    try {
      const chosenName = name.value.trim() || (file.files[0] ? file.files[0].name : '');
      const { data } = await api('POST', '/analyze-failures', { raw_xml: xml.value, ...(chosenName ? { name: chosenName } : {}), ...options.values() });
      location.href = `/results/${encodeURIComponent(data.job_id)}.html`;
    } catch (e) {
      submit.disabled = false;
      status.textContent = '';
      showError(e);
    }
  } },
  el('label', { class: 'stack' }, 'Name', name),
  el('label', { class: 'stack' }, 'Report file', file),
  el('label', { class: 'stack' }, 'or paste it', xml),
  options.node, status, submit);
}
