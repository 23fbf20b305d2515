import { html, SafeHtml } from './html.js';

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
header { background: #1f3a5f; color: #fff; padding: .6em 1.5em; display: flex; gap: 1.5em; align-items: baseline; }
header a { color: #fff; text-decoration: none; } header strong { font-size: 1.15em; }
main { max-width: 1100px; margin: 1.2em auto; padding: 0 1.2em; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #dde1e6; }
fieldset { border: 1px solid #cfd5dc; background: #fff; margin-bottom: 1em; }
label { display: block; margin: .4em 0; } label span { display: inline-block; min-width: 11em; }
.status-done { color: #17703a; } .status-failed { color: #b3261e; } .status-running { color: #1f5fbf; } .status-queued { color: #6b6f76; }
.error { background: #fde8e6; border: 1px solid #e0a39c; padding: .6em; } .notes { color: #555; font-size: .9em; }
iframe { width: 100%; height: 80vh; border: 1px solid #cfd5dc; background: #fff; }
button { font: inherit; padding: .35em 1em; }
`;

/** The frame of every page; `nonce` allows the page's own inline script under the CSP. */
export function layout(title: string, body: SafeHtml, nonce: string, script?: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · cryo-vrs</title><style nonce="${nonce}">${new SafeHtml(STYLE)}</style></head>
<body><header><strong><a href="/">cryo-vrs</a></strong><a href="/">Submit</a><a href="/runs">Runs</a></header>
<main>${body}</main>
${script ? html`<script nonce="${nonce}">${script}</script>` : ''}
</body></html>`.text;
}
