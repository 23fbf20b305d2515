import { html, SafeHtml } from './html.js';
import { layout } from './layout.js';

/**
 * The submission form. Its few lines of script show which levels will run from the files chosen
 * (the rule of `vrs validate`: 0 for the map, 1 with both half maps, A with a model), send the form
 * with fetch so a refusal is shown at once, and open the run page on success.
 */
export function submitPage(nonce: string, maxUploadMb: number, withArchive = false): string {
  // With an EMDB archive folder, an entry id stands for its map, header and half maps.
  const entry = withArchive
    ? html`<fieldset><legend>EMDB entry (instead of uploading)</legend>
<label><span>EMDB id</span><input type="text" name="emdb" id="emdb" placeholder="EMD-1997" pattern="(EMD[-_]?)?[0-9]{4,6}" maxlength="12"></label>
<p class="notes">Read from the server's copy of the EMDB archive: map, header (threshold, resolution, provenance) and half maps; fields and files given below win.</p>
</fieldset>`
    : html``;
  const mapInput = withArchive ? html`<input type="file" name="map" id="map">` : html`<input type="file" name="map" id="map" required>`;
  const body = html`<h1>Validate a map</h1>
<form id="submit" method="post" action="/api/runs" enctype="multipart/form-data">
${entry}
<fieldset><legend>Map (level 0)</legend>
<label><span>Map (MRC/CCP4, .gz)</span>${mapInput}</label>
<label><span>Threshold</span><input type="text" name="threshold" id="threshold" inputmode="decimal" placeholder="contour level (or from the EMDB header)"></label>
<label><span>Resolution (Å)</span><input type="text" name="resolution" id="resolution" inputmode="decimal"></label>
<label><span>EMDB header XML</span><input type="file" name="emdbHeader" id="emdbHeader" accept=".xml"></label>
<label><span>Title</span><input type="text" name="title" id="title" maxlength="300" size="50"></label>
</fieldset>
<fieldset><legend>Half maps (level 1)</legend>
<label><span>Half map 1</span><input type="file" name="half1" id="half1"></label>
<label><span>Half map 2</span><input type="file" name="half2" id="half2"></label>
</fieldset>
<fieldset><legend>Atomic model (level A)</legend>
<label><span>Model (PDB/mmCIF)</span><input type="file" name="model" id="model"></label>
</fieldset>
<p>Levels that will run: <strong id="levels">0</strong> <span id="levelNote" class="notes"></span></p>
<p class="notes">Each file at most ${maxUploadMb} MB. The inputs are checked as <code>vrs validate</code> checks them before anything runs.</p>
<p><button type="submit" id="send">Validate</button></p>
<div id="error" class="error" role="alert" hidden></div>
</form>`;
  return layout('Submit', body, nonce, new SafeHtml(SCRIPT));
}

const SCRIPT = `
const form = document.getElementById('submit');
const chosen = (id) => document.getElementById(id).files.length > 0;
function showLevels() {
  const levels = ['0'];
  const halves = chosen('half1') + chosen('half2');
  if (halves === 2) levels.push('1');
  if (chosen('model')) levels.push('A');
  document.getElementById('levels').textContent = levels.join(', ');
  const entry = document.getElementById('emdb');
  const fromEntry = entry !== null && entry.value.trim() !== '';
  document.getElementById('levelNote').textContent = halves === 1
    ? '(level 1 needs both half maps)'
    : fromEntry ? '(and those the EMDB entry allows: 1 with its half maps, A with its fitted model)' : '';
}
for (const id of ['half1', 'half2', 'model', 'map']) document.getElementById(id).addEventListener('change', showLevels);
document.getElementById('emdb')?.addEventListener('input', showLevels);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('error');
  const button = document.getElementById('send');
  error.hidden = true;
  button.disabled = true;
  button.textContent = 'Uploading…';
  try {
    const response = await fetch('/api/runs', { method: 'POST', body: new FormData(form) });
    const answer = await response.json().catch(() => ({ error: 'the server answered ' + response.status }));
    if (response.status === 201) { location.href = '/runs/' + encodeURIComponent(answer.id); return; }
    error.textContent = answer.error;
    error.hidden = false;
  } catch (e) {
    error.textContent = 'the upload failed: ' + e.message;
    error.hidden = false;
  }
  button.disabled = false;
  button.textContent = 'Validate';
});
showLevels();
`;
