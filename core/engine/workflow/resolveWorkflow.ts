import { createHash } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, normalize } from 'node:path';
import { Graph } from '@dagrejs/graphlib';
import type { ArtifactKind } from '../protocol/ArtifactKind.js';
import type { ParamSpec, ParamSpecs } from '../protocol/ParamSpec.js';
import { mergeStepResources } from '../protocol/StepResources.js';
import { checkParamValue } from '../protocol/validateParams.js';
import type { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import { suggestion } from './didYouMean.js';
import { findCycle } from './findCycle.js';
import { looksLikeBadParamReference, parseInputReference, parseParamValue } from './parseReference.js';
import type { RawStep } from './RawWorkflow.js';
import type { WorkflowFile } from './readWorkflowFiles.js';
import type { InputSource, ParamBinding, Workflow, WorkflowStep } from './Workflow.js';
import type { WorkflowIssue } from './WorkflowIssue.js';

/** Kinds stored as one file, which a workflow `path` parameter can supply directly. */
const fileKinds = new Set<ArtifactKind>(['volume', 'mask', 'json', 'table', 'file', 'model']);

interface StepDraft {
  name: string;
  raw: RawStep;
  file: WorkflowFile;
}

/**
 * Checks a workflow against the installed protocols and builds its DAG: duplicate steps (across
 * includes), unknown protocols, parameters, inputs and outputs, kind mismatches, missing values
 * and cycles. Returns every problem found, each located in its file.
 */
export function resolveWorkflow(files: readonly WorkflowFile[], registry: ProtocolRegistry): { workflow?: Workflow; issues: WorkflowIssue[] } {
  const issues: WorkflowIssue[] = [];
  const main = files[files.length - 1]!;

  // region merge params and steps of every file
  const params: ParamSpecs = {};
  const paramOrigin = new Map<string, WorkflowFile>();
  const drafts: StepDraft[] = [];
  const draftByName = new Map<string, StepDraft>();
  for (const file of files) {
    for (const [name, spec] of Object.entries(file.raw.params ?? {})) {
      const location = file.source.locate(['params', name], 'key');
      const bad = checkWorkflowParamSpec(spec);
      if (bad) issues.push({ message: `workflow param "${name}": ${bad}`, location });
      const earlier = paramOrigin.get(name);
      if (earlier && JSON.stringify(params[name]) !== JSON.stringify(spec)) {
        const first = earlier.source.locate(['params', name], 'key');
        issues.push({ message: `workflow param "${name}" is declared differently in ${first.file}:${first.line}`, location });
        continue;
      }
      params[name] = spec;
      paramOrigin.set(name, file);
    }
    for (const [name, raw] of Object.entries(file.raw.steps ?? {})) {
      const earlier = draftByName.get(name);
      if (earlier) {
        const first = earlier.file.source.locate(['steps', name], 'key');
        issues.push({ step: name, message: `duplicate step "${name}": already defined at ${first.file}:${first.line}`, location: file.source.locate(['steps', name], 'key') });
        continue;
      }
      const draft = { name, raw, file };
      drafts.push(draft);
      draftByName.set(name, draft);
    }
  }
  if (drafts.length === 0) issues.push({ message: 'the workflow has no steps', location: main.source.locate([]) });
  // endregion

  // region per step: protocol, params, inputs, publish
  const steps: WorkflowStep[] = [];
  /** Published path → the first step (and output) publishing to it. */
  const publisher = new Map<string, { step: string; port: string }>();
  for (const draft of drafts) {
    const { name, raw, file } = draft;
    const at = (path: (string | number)[], which: 'value' | 'key' = 'value') => file.source.locate(['steps', name, ...path], which);
    const problem = (message: string, path: (string | number)[] = [], which: 'value' | 'key' = 'key') => issues.push({ step: name, message, location: at(path, which) });
    const protocol = registry.get(raw.protocol);
    if (!protocol) {
      problem(`unknown protocol "${raw.protocol}"${suggestion(raw.protocol, registry.ids())}`, ['protocol'], 'value');
      continue;
    }

    const boundParams: Record<string, ParamBinding> = {};
    for (const [param, value] of Object.entries(raw.params ?? {})) {
      const spec = protocol.params[param];
      if (!spec) {
        problem(`unknown parameter "${param}" for ${protocol.id}${suggestion(param, Object.keys(protocol.params))}`, ['params', param]);
        continue;
      }
      if (looksLikeBadParamReference(value)) {
        problem(`malformed reference ${JSON.stringify(value)}: write "$params.NAME" (or "$$…" for a literal starting with $)`, ['params', param], 'value');
        continue;
      }
      const binding = parseParamValue(value);
      if (binding.kind === 'param') {
        const declared = params[binding.name];
        if (!declared) {
          problem(`parameter "${param}" uses undeclared workflow param "${binding.name}"${suggestion(binding.name, Object.keys(params))}`, ['params', param], 'value');
          continue;
        }
        if (!paramTypesFit(declared, spec)) {
          problem(`type mismatch: parameter "${param}" of ${protocol.id} is ${spec.type}, workflow param "${binding.name}" is ${declared.type}`, ['params', param], 'value');
          continue;
        }
      } else {
        const bad = checkParamValue(spec, binding.value);
        if (bad) {
          problem(`parameter "${param}": ${bad}`, ['params', param], 'value');
          continue;
        }
      }
      boundParams[param] = binding;
    }
    for (const [param, spec] of Object.entries(protocol.params)) {
      if (spec.required && spec.default === undefined && !(param in (raw.params ?? {}))) {
        problem(`missing parameter "${param}" (${spec.type}) required by ${protocol.id}`);
      }
    }

    const inputs: Record<string, InputSource[]> = {};
    for (const [port, value] of Object.entries(raw.inputs ?? {})) {
      const spec = protocol.inputs[port];
      if (!spec) {
        problem(`unknown input "${port}" for ${protocol.id}${suggestion(port, Object.keys(protocol.inputs))}${Object.keys(protocol.inputs).length ? ` (inputs: ${Object.keys(protocol.inputs).join(', ')})` : ' (it takes no inputs)'}`, ['inputs', port]);
        continue;
      }
      const texts = Array.isArray(value) ? value : [value];
      const sources: InputSource[] = [];
      texts.forEach((text, index) => {
        const where = Array.isArray(value) ? ['inputs', port, index] : ['inputs', port];
        const reference = parseInputReference(text);
        const mismatch = (from: string, kind: ArtifactKind) =>
          problem(`type mismatch: input "${port}" of ${protocol.id} takes ${spec.kind}, but ${from} is ${kind}`, where, 'value');
        switch (reference.kind) {
          case 'invalid':
            problem(`input "${port}": ${JSON.stringify(text)} is not a reference; write "step.output", a glob like "*.section", or "$params.NAME"`, where, 'value');
            return;
          case 'param': {
            const declared = params[reference.name];
            if (!declared) {
              problem(`input "${port}" uses undeclared workflow param "${reference.name}"${suggestion(reference.name, Object.keys(params))}`, where, 'value');
            } else if (declared.type !== 'path' || !fileKinds.has(spec.kind)) {
              problem(`input "${port}" (${spec.kind}) cannot come from workflow param "${reference.name}" (${declared.type}): only path params feed ${[...fileKinds].join('/')} inputs`, where, 'value');
            } else {
              sources.push({ kind: 'param', name: reference.name });
            }
            return;
          }
          case 'output': {
            const upstream = draftByName.get(reference.step);
            if (!upstream) {
              problem(`input "${port}": unknown step "${reference.step}"${suggestion(reference.step, draftByName.keys())}`, where, 'value');
              return;
            }
            const upstreamProtocol = registry.get(upstream.raw.protocol);
            if (!upstreamProtocol) return; // reported at that step
            const output = upstreamProtocol.outputs[reference.port];
            if (!output) {
              const names = Object.keys(upstreamProtocol.outputs);
              problem(`input "${port}": unknown output "${reference.port}" of step "${reference.step}" (${upstreamProtocol.id})${suggestion(reference.port, names)} (outputs: ${names.join(', ') || 'none'})`, where, 'value');
              return;
            }
            if (output.kind !== spec.kind) {
              mismatch(`${reference.step}.${reference.port}`, output.kind);
              return;
            }
            sources.push({ kind: 'output', step: reference.step, port: reference.port });
            return;
          }
          case 'glob': {
            let matched = 0;
            for (const other of drafts) {
              if (other.name === name || !reference.step.test(other.name)) continue;
              const otherProtocol = registry.get(other.raw.protocol);
              for (const [outputName, output] of Object.entries(otherProtocol?.outputs ?? {})) {
                // A glob selects: outputs of another kind are not an error, they are not chosen.
                if (reference.port.test(outputName) && output.kind === spec.kind) {
                  sources.push({ kind: 'output', step: other.name, port: outputName });
                  matched++;
                }
              }
            }
            // Even for an optional or list input: a pattern that selects nothing is a typo or a
            // missing step far more often than a wish for nothing.
            if (matched === 0) {
              problem(`input "${port}": the pattern ${JSON.stringify(text)} matches no ${spec.kind} output of another step`, where, 'value');
            }
            return;
          }
        }
      });
      if (sources.length > 1 && !spec.many) {
        problem(`input "${port}" of ${protocol.id} takes one ${spec.kind}, but ${sources.length} are bound (${describeSources(sources)})`, ['inputs', port], 'value');
      }
      inputs[port] = sources;
    }
    for (const [port, spec] of Object.entries(protocol.inputs)) {
      if (!spec.optional && !spec.many && !(port in (raw.inputs ?? {}))) {
        problem(`missing input "${port}" (${spec.kind}) required by ${protocol.id}`);
      }
    }

    const publish: Record<string, string> = {};
    for (const [port, target] of Object.entries(raw.publish ?? {})) {
      if (!protocol.outputs[port]) {
        problem(`publish: unknown output "${port}" of ${protocol.id}${suggestion(port, Object.keys(protocol.outputs))}`, ['publish', port]);
      } else if (isAbsolute(target) || normalize(target).startsWith('..')) {
        problem(`publish: "${target}" must be a path inside the run folder`, ['publish', port], 'value');
      } else {
        const path = normalize(target);
        const earlier = publisher.get(path);
        if (earlier) {
          // Otherwise the last step to finish would silently overwrite the other's file.
          const other = earlier.step === name ? `its output "${earlier.port}"` : `step "${earlier.step}" (output "${earlier.port}")`;
          problem(`publish: step "${name}" (output "${port}") and ${other} both publish to "${path}"`, ['publish', port], 'value');
        } else {
          publisher.set(path, { step: name, port });
          publish[port] = path;
        }
      }
    }

    const upstream = [...new Set(Object.values(inputs).flat().flatMap((source) => (source.kind === 'output' ? [source.step] : [])))];
    steps.push({
      name,
      protocol,
      ...(raw.description !== undefined ? { description: raw.description } : {}),
      params: boundParams,
      inputs,
      publish,
      resources: mergeStepResources(protocol.resources, raw.resources),
      upstream,
      raw,
      location: at([], 'key'),
      baseDir: dirname(file.source.file),
    });
  }
  // endregion

  // region graph: cycles and order
  const graph = new Graph({ directed: true });
  for (const step of steps) graph.setNode(step.name);
  for (const step of steps) for (const upstream of step.upstream) if (graph.hasNode(upstream)) graph.setEdge(upstream, step.name);
  const names = steps.map((step) => step.name);
  // Cycles are looked for on every reference as written, also those refused above (a kind
  // mismatch, an unknown output, a step of an unknown protocol), so that a cycle is reported
  // together with the other problems instead of after they are fixed.
  const written = new Graph({ directed: true });
  for (const draft of drafts) written.setNode(draft.name);
  for (const edge of graph.edges()) written.setEdge(edge.v, edge.w);
  for (const draft of drafts) {
    for (const value of Object.values(draft.raw.inputs ?? {})) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const reference = parseInputReference(text);
        if (reference.kind === 'output' && draftByName.has(reference.step)) written.setEdge(reference.step, draft.name);
      }
    }
  }
  const cycle = findCycle(
    drafts.map((draft) => draft.name),
    (node) => (written.successors(node) as string[] | undefined) ?? [],
  );
  if (cycle) {
    const locationOf = (node: string) => draftByName.get(node)!.file.source.locate(['steps', node], 'key');
    const first = { name: cycle[0]!, location: locationOf(cycle[0]!) };
    const where = cycle.slice(0, -1).map((node) => {
      const location = locationOf(node);
      return `${node} (${basename(location.file)}:${location.line})`;
    });
    issues.push({ step: first.name, message: `cycle: ${cycle.join(' → ')}  [${where.join(', ')}]`, location: first.location });
  }
  // endregion

  if (issues.length > 0) return { issues };
  const order = stableTopologicalOrder(names, graph);
  const downstream = new Map(names.map((node) => [node, ((graph.successors(node) as string[] | undefined) ?? []).slice().sort((a, b) => names.indexOf(a) - names.indexOf(b))]));
  const digest = createHash('sha256');
  for (const file of files) digest.update(file.source.file).update('\0').update(file.source.text).update('\0');
  const workflow: Workflow = {
    name: main.raw.name ?? basename(main.source.file, extname(main.source.file)),
    ...(main.raw.description !== undefined ? { description: main.raw.description } : {}),
    file: main.source.file,
    files: files.map((file) => file.source.file),
    digest: digest.digest('hex'),
    params,
    steps,
    order,
    downstream,
  };
  return { workflow, issues };
}

function paramTypesFit(workflowParam: ParamSpec, protocolParam: ParamSpec): boolean {
  return workflowParam.type === protocolParam.type || (workflowParam.type === 'integer' && protocolParam.type === 'number');
}

function checkWorkflowParamSpec(spec: ParamSpec): string | undefined {
  if (spec.default !== undefined) {
    const bad = checkParamValue(spec, spec.default);
    if (bad) return `default does not fit: ${bad}`;
  }
  if ('enum' in spec && spec.enum && spec.type !== 'string' && spec.type !== 'string[]') return 'enum is only for string params';
  if (('min' in spec || 'max' in spec) && !['number', 'integer', 'number[]'].includes(spec.type)) return 'min/max are only for number params';
  return undefined;
}

function describeSources(sources: InputSource[]): string {
  return sources.map((source) => (source.kind === 'output' ? `${source.step}.${source.port}` : `$params.${source.name}`)).join(', ');
}

/** Kahn's algorithm, always taking the earliest ready step in workflow order, so output is stable. */
function stableTopologicalOrder(names: string[], graph: Graph): string[] {
  const indegree = new Map(names.map((name) => [name, ((graph.predecessors(name) as string[] | undefined) ?? []).length]));
  const order: string[] = [];
  const ready = names.filter((name) => indegree.get(name) === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => names.indexOf(a) - names.indexOf(b));
    const next = ready.shift()!;
    order.push(next);
    for (const successor of (graph.successors(next) as string[] | undefined) ?? []) {
      const remaining = indegree.get(successor)! - 1;
      indegree.set(successor, remaining);
      if (remaining === 0) ready.push(successor);
    }
  }
  return order;
}
