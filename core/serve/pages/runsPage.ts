import type { RunState } from '../RunState.js';
import { html } from './html.js';
import { layout } from './layout.js';

/** The list of runs, newest first, filtered by `query` (in the title, map name, id, status or levels). */
export function runsPage(runs: RunState[], query: string, nonce: string): string {
  const needle = query.trim().toLowerCase();
  const shown = needle === '' ? runs : runs.filter((run) => searchText(run).includes(needle));
  const body = html`<h1>Runs</h1>
<form method="get" action="/runs"><input type="search" name="q" value="${query}" placeholder="title, map, id, status" size="40"> <button>Search</button></form>
<p class="notes">${shown.length} of ${runs.length} runs</p>
<table id="runs"><thead><tr><th>Title</th><th>Map</th><th>Levels</th><th>Status</th><th>Score</th><th>Submitted</th><th>Time</th></tr></thead><tbody>
${shown.map(
  (run) => html`<tr><td><a href="/runs/${run.id}">${run.title}</a></td><td>${mapName(run)}</td><td>${run.levels.join(', ')}</td>
<td class="status-${run.status}">${run.status}</td><td>${run.score ? `${run.score.passed} / ${run.score.evaluable}` : ''}</td>
<td>${run.createdAt.replace('T', ' ').slice(0, 19)}</td><td>${duration(run)}</td></tr>`,
)}
</tbody></table>`;
  return layout('Runs', body, nonce);
}

function mapName(run: RunState): string {
  return run.inputs.find((input) => input.field === 'map')?.originalName ?? '';
}

function searchText(run: RunState): string {
  return [run.title, mapName(run), run.id, run.status, run.levels.join(',')].join(' ').toLowerCase();
}

export function duration(run: RunState): string {
  if (!run.startedAt) return '';
  const end = run.endedAt ? Date.parse(run.endedAt) : Date.now();
  const seconds = Math.max(0, Math.round((end - Date.parse(run.startedAt)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
