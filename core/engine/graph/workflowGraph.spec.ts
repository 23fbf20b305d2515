import { describe, expect, it } from 'vitest';
import { defineProtocol } from '../protocol/defineProtocol.js';
import { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import { resolveWorkflow } from '../workflow/resolveWorkflow.js';
import { YamlSource } from '../workflow/YamlSource.js';
import type { RawWorkflowFile } from '../workflow/RawWorkflow.js';
import { workflowToDot } from './workflowToDot.js';
import { workflowToMermaid } from './workflowToMermaid.js';

const source = defineProtocol({ id: 'g.source', version: '1', title: 'S', params: {}, inputs: {}, outputs: { out: { kind: 'json' } }, run: async () => ({ out: { kind: 'json', value: 1 } }) });
const sink = defineProtocol({ id: 'g.sink', version: '1', title: 'K', params: {}, inputs: { data: { kind: 'json' } }, outputs: {}, run: async () => ({}) });

function workflow() {
  const text = 'version: 1\nname: demo\nsteps:\n  load:\n    protocol: g.source\n  use:\n    protocol: g.sink\n    inputs: { data: load.out }\n';
  const file = new YamlSource('/virtual/demo.yaml', text);
  const { workflow } = resolveWorkflow([{ source: file, raw: file.data as RawWorkflowFile }], new ProtocolRegistry([{ protocol: source, module: 'm' }, { protocol: sink, module: 'm' }]));
  return workflow!;
}

describe('workflow graph export', () => {
  it('DOT: one box per step with its protocol, one labelled edge per link', () => {
    expect(workflowToDot(workflow())).toBe(
      [
        'digraph "demo" {',
        '  rankdir=LR;',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "load" [label="load\\ng.source"];',
        '  "use" [label="use\\ng.sink"];',
        '  "load" -> "use" [label="out → data"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('Mermaid: a left-to-right flowchart', () => {
    expect(workflowToMermaid(workflow())).toBe('flowchart LR\n  s0["load<br/><small>g.source</small>"]\n  s1["use<br/><small>g.sink</small>"]\n  s0 -->|out → data| s1\n');
  });
});
