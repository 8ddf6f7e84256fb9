// Live progress of an analysis: status, phase, the phase log with times and the time
// elapsed; while it waits for Jenkins, the build's link and the polling (polls so far,
// the next one, the longest wait). Moves to the report once it is done; a failure is
// shown as a failure, with the clock stopped.
import { el, fill, formatDuration, formatTime, get, outsideLink, statusBadge } from './core.js';
import { reportTitle } from './report.js';

const PHASES = {
  waiting_for_jenkins: 'Waiting for the Jenkins build to finish',
  analyzing: 'The AI is analysing the failures',
  analyzing_child_jobs: 'Analysing failed child jobs',
  enriching_jira: 'Looking for known bugs in Jira',
  enriching_tests_repo: 'Looking for related issues in the tests repository',
  saving: 'Saving the result',
};

function parseTime(value) {
  const ms = Date.parse(String(value || '').replace(' ', 'T') + (/[zZ]$/.test(String(value)) ? '' : 'Z'));
  return Number.isNaN(ms) ? null : ms;
}

export async function renderStatus(main, data) {
  const jobId = data.jobId;
  const heading = el('h1', { text: 'Analysis in progress' });
  const state = el('p', { class: 'status-line', 'aria-live': 'polite' });
  const elapsed = el('p', { class: 'muted', id: 'elapsed' });
  const jenkins = el('div', { class: 'jenkins-wait' });
  const log = el('ol', { class: 'phase-log', id: 'phase-log' });
  const extra = el('div');
  document.title = 'Analysis in progress · Job Insight';
  fill(main, heading, state, elapsed, jenkins, el('h2', { text: 'Progress' }), log, extra,
    el('p', {}, el('a', { href: '/', text: 'Back to the dashboard' })));

  let started = null;
  let ended = null;
  let nextPoll = null;
  const tick = () => {
    if (started) elapsed.textContent = `${ended ? 'Took' : 'Elapsed'}: ${formatDuration(((ended || Date.now()) - started) / 1000)}`;
    const next = document.getElementById('next-poll');
    if (next && nextPoll) next.textContent = nextPoll > Date.now() ? `in ${formatDuration((nextPoll - Date.now()) / 1000)}` : 'now';
  };
  const clock = setInterval(tick, 1000);
  const stop = () => {
    clearInterval(clock);
    tick();
  };

  const poll = async () => {
    let envelope;
    try {
      envelope = (await get(`/results/${encodeURIComponent(jobId)}`)).data;
    } catch (e) {
      if (e.status === 404) {
        stop();
        fill(main, el('h1', { text: 'Not found' }), el('p', { text: `No analysis ${jobId}.` }));
        return;
      }
      setTimeout(poll, 2000); // the daemon may be restarting
      return;
    }
    const result = envelope.result || {};
    if (envelope.status === 'completed') {
      stop();
      location.replace(`/results/${encodeURIComponent(jobId)}.html`);
      return;
    }
    const entries = result.progress_log || [];
    if (!started) {
      const first = entries.length ? entries[0].timestamp * 1000 : parseTime(envelope.created_at);
      started = first || Date.now();
    }
    const failed = envelope.status === 'failed';
    const phase = result.progress_phase;
    const what = result.job_name ? `${reportTitle(result)}: ` : '';
    fill(state, statusBadge(envelope.status), ' ', what,
      failed ? 'The analysis failed' : phase ? PHASES[phase] || phase : 'Queued: waiting for a free worker');
    fill(log, entries.map((entry) => el('li', { dataset: { phase: entry.phase } },
      el('span', { class: 'phase', text: PHASES[entry.phase] || entry.phase }), ' ',
      el('time', { class: 'muted', text: formatTime(entry.timestamp) }))));
    const wait = result.jenkins_poll;
    nextPoll = wait && !failed ? wait.next_poll_at * 1000 : null;
    fill(jenkins,
      result.jenkins_url ? el('p', {}, 'Jenkins build: ', outsideLink(result.jenkins_url, result.jenkins_url)) : null,
      wait && envelope.status === 'waiting'
        ? el('dl', { class: 'facts', id: 'jenkins-poll' },
            el('dt', { text: 'Polls so far' }), el('dd', { id: 'poll-count', text: wait.count }),
            el('dt', { text: 'Next poll' }), el('dd', { id: 'next-poll' }),
            el('dt', { text: 'Longest wait' }), el('dd', { text: wait.max_wait_minutes ? `${wait.max_wait_minutes} min` : 'no limit' }))
        : null);
    if (failed) {
      ended = parseTime(envelope.completed_at) || Date.now();
      stop();
      heading.textContent = 'Analysis failed';
      document.title = 'Analysis failed · Job Insight';
      fill(extra, el('p', { class: 'error', role: 'alert', text: result.error || 'The analysis failed.' }),
        el('p', {}, el('a', { href: `/results/${encodeURIComponent(jobId)}.html`, text: 'Open the report' })));
      return;
    }
    tick();
    setTimeout(poll, 1000);
  };
  await poll();
}
