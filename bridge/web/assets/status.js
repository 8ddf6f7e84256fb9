// Live progress of an analysis: status, phase, the phase log with times and the time
// elapsed; moves to the report once it is done, shows the error when it failed.
import { el, fill, formatDuration, formatTime, get, statusBadge } from './core.js';

const PHASES = {
  waiting_for_jenkins: 'Waiting for the Jenkins build to finish',
  analyzing: 'The AI is analysing the failures',
  analyzing_child_jobs: 'Analysing failed child jobs',
  enriching_jira: 'Looking for known bugs in Jira',
  enriching_tests_repo: 'Looking for related issues in the tests repository',
  saving: 'Saving the result',
};

export async function renderStatus(main, data) {
  const jobId = data.jobId;
  const heading = el('h1', { text: 'Analysis in progress' });
  const state = el('p', { class: 'status-line', 'aria-live': 'polite' });
  const elapsed = el('p', { class: 'muted', id: 'elapsed' });
  const log = el('ol', { class: 'phase-log', id: 'phase-log' });
  const extra = el('div');
  document.title = 'Analysis in progress · Job Insight';
  fill(main, heading, state, elapsed, el('h2', { text: 'Progress' }), log, extra,
    el('p', {}, el('a', { href: '/', text: 'Back to the dashboard' })));

  let started = null;
  const tick = () => {
    if (started) elapsed.textContent = `Elapsed: ${formatDuration((Date.now() - started) / 1000)}`;
  };
  const clock = setInterval(tick, 1000);

  const poll = async () => {
    let envelope;
    try {
      envelope = (await get(`/results/${encodeURIComponent(jobId)}`)).data;
    } catch (e) {
      if (e.status === 404) {
        clearInterval(clock);
        fill(main, el('h1', { text: 'Not found' }), el('p', { text: `No analysis ${jobId}.` }));
        return;
      }
      setTimeout(poll, 2000); // the daemon may be restarting
      return;
    }
    const result = envelope.result || {};
    if (envelope.status === 'completed') {
      clearInterval(clock);
      location.replace(`/results/${encodeURIComponent(jobId)}.html`);
      return;
    }
    const phase = result.progress_phase;
    fill(state, statusBadge(envelope.status), ' ',
      result.job_name ? `${result.job_name} #${result.build_number}: ` : '',
      phase ? PHASES[phase] || phase : 'Queued');
    const entries = result.progress_log || [];
    fill(log, entries.map((entry) => el('li', { dataset: { phase: entry.phase } },
      el('span', { class: 'phase', text: PHASES[entry.phase] || entry.phase }), ' ',
      el('time', { class: 'muted', text: formatTime(entry.timestamp) }))));
    if (!started) {
      const first = entries.length ? entries[0].timestamp * 1000 : Date.parse(String(envelope.created_at).replace(' ', 'T') + 'Z');
      started = Number.isNaN(first) ? Date.now() : first;
      tick();
    }
    if (envelope.status === 'failed') {
      clearInterval(clock);
      heading.textContent = 'Analysis failed';
      fill(extra, el('p', { class: 'error', role: 'alert', text: result.error || 'The analysis failed.' }),
        el('p', {}, el('a', { href: `/results/${encodeURIComponent(jobId)}.html`, text: 'Open the report' })));
      return;
    }
    setTimeout(poll, 1000);
  };
  await poll();
}
