import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import { RunDir } from '../run/RunDir.js';
import { computeStepKey } from '../store/computeStepKey.js';
import { FileDigestCache } from '../store/FileDigestCache.js';
import { StepStore } from '../store/StepStore.js';
import type { Workflow } from '../workflow/Workflow.js';
import { bindStepParams } from './bindStepParams.js';
import { explainKeyChange } from './explainKeyChange.js';
import { forcedSteps } from './forcedSteps.js';
import { selectSteps } from './selectSteps.js';
import { stepKeyMaterial } from './stepKeyMaterial.js';

/** What a run would do with a step, and why. */
export interface StepPlan {
  step: string;
  protocol: string;
  /**
   * - `cached`: its key is in the store; it will not run;
   * - `run`: its key is not in the store (or it is forced);
   * - `after-upstream`: an upstream step will run, so its key is known only then (it is still
   *   taken from the store if that step's outputs come out unchanged).
   */
  action: 'cached' | 'run' | 'after-upstream';
  key?: string;
  reasons: string[];
}

export interface PlanWorkflowOptions {
  workflow: Workflow;
  params: Record<string, AnyParamValue>;
  /** A run folder whose earlier run explains what changed (optional). */
  runDir?: string;
  /** The store to look in; default the run folder's. Without either, every step would run. */
  store?: string;
  force?: readonly string[];
  forceDownstream?: boolean;
  /** Plan only these steps and what they need. */
  until?: readonly string[];
}

/**
 * A dry run: for every step, whether it would come from the store or run, and why — what changed
 * since the previous run of that step in the run folder (params, input content, protocol version).
 * Reads input files only to hash them (the digests are cached); writes nothing else.
 */
export async function planWorkflow(options: PlanWorkflowOptions): Promise<StepPlan[]> {
  const { workflow, params } = options;
  const stepParams = bindStepParams(workflow, params);
  const forced = forcedSteps(workflow, options.force ?? [], options.forceDownstream ?? false);
  const runDir = options.runDir ? new RunDir(options.runDir) : undefined;
  const record = runDir?.readRecord();
  const storeRoot = options.store ?? record?.store ?? (runDir ? runDir.defaultStore : undefined);
  const store = storeRoot ? new StepStore(resolve(storeRoot)) : undefined;
  // Without a store, digests are still remembered (in the temp folder) so planning twice stays cheap.
  const digests = store?.digests ?? new FileDigestCache(join(tmpdir(), 'vrs-digests'));

  const lookupPrevious = (name: string) => {
    const previousKey = record?.steps[name]?.key;
    return previousKey ? store?.lookup(previousKey) : undefined;
  };
  const codeDigests = new Map<string, string>();
  const plans = new Map<string, StepPlan>();
  const outputs = new Map<string, Record<string, ArtifactRef>>();
  const selected = selectSteps(workflow, options.until);
  for (const name of selected) {
    const step = workflow.steps.find((candidate) => candidate.name === name)!;
    const protocol = step.protocol;
    const pendingUpstream = step.upstream.filter((upstream) => plans.get(upstream)!.action !== 'cached');
    if (forced.has(name)) {
      plans.set(name, { step: name, protocol: protocol.id, action: 'run', reasons: ['forced (rerun)'] });
      continue;
    }
    if (pendingUpstream.length > 0) {
      const waits = pendingUpstream.map((upstream) => `waits for ${upstream}`);
      // Inputs are unknown until upstream steps run, but changed params or versions already decide.
      const previous = lookupPrevious(name);
      if (previous) {
        const material = await stepKeyMaterial(protocol, stepParams.get(name)!, {}, digests, codeDigests);
        const changes = explainKeyChange({ ...previous.manifest.material, inputs: {} }, material).filter((reason) => reason !== 'key changed');
        if (changes.length > 0) {
          plans.set(name, { step: name, protocol: protocol.id, action: 'run', reasons: [...changes, ...waits] });
          continue;
        }
      }
      plans.set(name, { step: name, protocol: protocol.id, action: 'after-upstream', reasons: waits.map((wait) => `${wait}; taken from the store if its outputs come out unchanged`) });
      continue;
    }
    const inputs: Record<string, ArtifactRef[]> = {};
    for (const [port, sources] of Object.entries(step.inputs)) {
      const refs: ArtifactRef[] = [];
      for (const source of sources) {
        if (source.kind === 'param') {
          const file = params[source.name];
          if (file !== undefined) refs.push({ kind: protocol.inputs[port]!.kind, path: file as string, digest: await digests.digest(file as string), producer: { step: '$params', port: source.name } });
        } else {
          const artifact = outputs.get(source.step)?.[source.port];
          if (artifact) refs.push(artifact);
        }
      }
      if (refs.length > 0) inputs[port] = refs;
    }
    const material = await stepKeyMaterial(protocol, stepParams.get(name)!, inputs, digests, codeDigests);
    const key = computeStepKey(material);
    const cached = store?.lookup(key);
    if (cached) {
      outputs.set(name, Object.fromEntries(Object.entries(cached.manifest.outputs).map(([port, record]) => [port, { kind: record.kind, path: join(cached.dir, record.path), digest: record.digest, producer: { step: name, port } }])));
      plans.set(name, { step: name, protocol: protocol.id, action: 'cached', key, reasons: [`same protocol version and code, params and inputs as the result stored ${cached.manifest.finishedAt}`] });
      continue;
    }
    const previousKey = record?.steps[name]?.key;
    const previous = lookupPrevious(name);
    let reasons: string[];
    if (!store) reasons = ['no store to look in (give --out of an earlier run, or --store)'];
    else if (previous) reasons = explainKeyChange(previous.manifest.material, material);
    else if (previousKey === key && record?.steps[name]?.outcome === 'failed') reasons = ['it failed in the previous attempt'];
    else if (previousKey === key) reasons = ['its stored result is missing or incomplete (the earlier attempt was interrupted or killed)'];
    else if (previousKey) reasons = ['changed since the last run, whose result is no longer in the store'];
    else reasons = ['no stored result for these inputs and params'];
    plans.set(name, { step: name, protocol: protocol.id, action: 'run', key, reasons });
  }
  return workflow.steps.filter((step) => plans.has(step.name)).map((step) => plans.get(step.name)!);
}
