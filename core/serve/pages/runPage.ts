import type { RunState } from '../RunState.js';
import { html, SafeHtml, scriptJson } from './html.js';
import { layout } from './layout.js';
import { duration } from './runsPage.js';

/**
 * A run: its inputs and, while it runs, its steps updated live from the run's server-sent events;
 * once done, the HTML report embedded with the PDF and JSON downloads and the published maps.
 */
export function runPage(run: RunState, published: string[], nonce: string): string {
  const api = `/api/runs/${run.id}`;
  const finished = run.status === 'done' || run.status === 'failed';
  const hasReport = run.status === 'done';
  const maps = published.filter((file) => /\.(mrc|map)$/.test(file));
  const body = html`<h1>${run.title}</h1>
<p>Status: <strong id="status" class="status-${run.status}">${run.status}</strong>
${run.score ? html` · score <strong id="score">${run.score.passed} / ${run.score.evaluable}</strong>` : ''}
· levels ${run.levels.join(', ')} · submitted ${run.createdAt.replace('T', ' ').slice(0, 19)} UTC${run.startedAt ? html` · <span id="elapsed">${duration(run)}</span>` : ''}</p>
${run.error ? html`<p class="error" id="runError">${run.error}</p>` : ''}
${run.status === 'failed' ? html`<form method="post" action="/runs/${run.id}/resume"><button id="resume">Resume</button> <span class="notes">runs the failed and unfinished steps again; finished ones come from the store</span></form>` : ''}
${run.status === 'done' || run.status === 'failed' ? html`<form method="post" action="/runs/${run.id}/rerun"><button id="rerun">Rerun</button> <span class="notes">a new run of the same inputs (after an upgrade: what changed is recomputed, the rest comes from the store)</span></form>` : ''}
<p class="notes">Inputs: ${run.inputs.map((input, i) => html`${i > 0 ? ', ' : ''}${input.field} <code>${input.originalName}</code>`)}${run.threshold !== undefined ? html`, threshold ${run.threshold}` : ''}${run.resolution !== undefined ? html`, resolution ${run.resolution} Å` : ''}</p>
${run.notes.length > 0 ? html`<ul class="notes">${run.notes.map((note) => html`<li>${note}</li>`)}</ul>` : ''}
${
  hasReport
    ? html`<p><a id="pdf" href="${api}/report.pdf" download>Report (PDF)</a> · <a id="json" href="${api}/report.json" download>report.json</a>${maps.map((file) => html` · <a href="${api}/files/${file}" download>${file}</a>`)}</p>
<iframe id="report" src="${api}/report.html" title="Validation report"></iframe>`
    : ''
}
<details ${finished ? '' : 'open'}><summary>Steps</summary>
<table id="steps"><thead><tr><th>Step</th><th>State</th><th>Time</th><th>Message</th></tr></thead><tbody>
${Object.entries(run.steps).map(
  ([step, state]) => html`<tr data-step="${step}"><td>${step}</td><td class="state">${state.status}</td><td class="time">${state.durationMs !== undefined ? `${(state.durationMs / 1000).toFixed(1)} s` : ''}</td><td class="message">${state.message ?? ''}</td></tr>`,
)}
</tbody></table></details>`;
  return layout(run.title, body, nonce, finished ? undefined : html`const eventsUrl = ${scriptJson(`${api}/events`)};${new SafeHtml(SCRIPT)}`);
}

/** Follows the run: each step event updates (or adds) its row; the end of the run reloads the page, which then shows the report. */
const SCRIPT = `
const rows = document.querySelector('#steps tbody');
function row(step) {
  for (const tr of rows.children) if (tr.dataset.step === step) return tr;
  const tr = document.createElement('tr');
  tr.dataset.step = step;
  for (const name of ['name', 'state', 'time', 'message']) { const td = document.createElement('td'); td.className = name; tr.appendChild(td); }
  tr.firstChild.textContent = step;
  rows.appendChild(tr);
  return tr;
}
const source = new EventSource(eventsUrl);
source.addEventListener('step', (message) => {
  const event = JSON.parse(message.data);
  const tr = row(event.step);
  tr.querySelector('.state').textContent = event.state.status;
  tr.querySelector('.time').textContent = event.state.durationMs === undefined ? '' : (event.state.durationMs / 1000).toFixed(1) + ' s';
  tr.querySelector('.message').textContent = event.state.message || '';
});
source.addEventListener('status', (message) => {
  const event = JSON.parse(message.data);
  const status = document.getElementById('status');
  status.textContent = event.status;
  status.className = 'status-' + event.status;
  if (event.status === 'done' || event.status === 'failed') { source.close(); location.reload(); }
});
`;
