import { availableParallelism, hostname } from 'node:os';
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import { CompositeLifeCycle } from '../lifecycle/CompositeLifeCycle.js';
import type { StepOutcome } from '../lifecycle/EngineEvents.js';
import type { LifeCycle } from '../lifecycle/LifeCycle.js';
import { engineVersion } from '../plugins/packageInfo.js';
import type { ProtocolRegistry } from '../plugins/ProtocolRegistry.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import { JournalLifeCycle } from '../run/JournalLifeCycle.js';
import { RunDir } from '../run/RunDir.js';
import { checkRunFolderEntries, checkRunFolderPath, findForeignFiles, foreignFilesError, normalizeTarget, ownPublishedFiles, setAside } from '../run/checkRunFolder.js';
import type { RunRecord } from '../run/RunRecord.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { computeStepKey } from '../store/computeStepKey.js';
import { storeFormat, type ArtifactRecord, type StepManifest } from '../store/StepManifest.js';
import { StepStore, type StepWorkspace, type StoredStep } from '../store/StepStore.js';
import { acquireStepLease } from '../store/StepLease.js';
import { flattenWorkflow } from '../workflow/flattenWorkflow.js';
import type { Workflow, WorkflowStep } from '../workflow/Workflow.js';
import { bindStepParams } from './bindStepParams.js';
import { executeProtocol } from './executeProtocol.js';
import { PeakRssSampler } from './PeakRssSampler.js';
import { PrioritySemaphore } from './PrioritySemaphore.js';
import { StepWorkerPool, type PooledStepResult } from './StepWorkerPool.js';
import { VolumeHandoff } from './VolumeHandoff.js';
import { runStepOnMainThread } from './runStepOnMainThread.js';
import { maxMemoryAttempts, memoryCapMb, retryMemoryMb } from './memoryRetries.js';
import { StepOutOfMemory } from './StepError.js';
import type { StepResources } from '../protocol/StepResources.js';
import type { RunSummary, StepReport } from './RunSummary.js';
import type { StepRequest } from './StepRequest.js';
import { stepKeyMaterial } from './stepKeyMaterial.js';
import { forcedSteps } from './forcedSteps.js';
import { selectSteps } from './selectSteps.js';
import { failurePlaceholder } from './failurePlaceholder.js';
import { longestRemainingPath } from './longestRemainingPath.js';
import { StepTimings } from '../store/StepTimings.js';

/** The expected time of a step with no recorded timing and a cost hint of 1 (ms). */
const LIGHT_STEP_MS = 1000;

/** Prefix of the reason of a step skipped because a step it needs failed or was skipped. */
const UPSTREAM = 'upstream ';

export interface RunWorkflowOptions {
  workflow: Workflow;
  registry: ProtocolRegistry;
  /** Validated workflow parameter values (see resolveWorkflowParams). */
  params: Record<string, AnyParamValue>;
  runDir: string;
  /** Step store folder; default `<runDir>/store`. */
  store?: string;
  /** Steps running at once; default: the number of available cores. */
  jobs?: number;
  /** Steps to run even when cached (rerun). */
  force?: readonly string[];
  /** Also force every step downstream of the forced ones. */
  forceDownstream?: boolean;
  /** Run only these steps and what they need (default: every step). */
  until?: readonly string[];
  /**
   * Only the `except` steps may execute; every other step must come from the store, and one that
   * is not stored fails without running, with `reason(step)` as its error. `vrs report` uses it
   * to re-render a report without recomputing any check, even one that failed before.
   */
  storedOnly?: { except: readonly string[]; reason?: (step: string) => string | undefined };
  /**
   * The run folder may hold a run of another workflow (`--force`): that run's step links, step
   * outcomes and published files are removed and the folder becomes this workflow's. Without it,
   * such a folder is refused before anything in it changes.
   */
  replaceWorkflow?: boolean;
  /**
   * A file the run would replace although no run of this folder wrote it (a user's report.json at
   * a publish target, a run.json that is no run record) is moved aside to `<name>.user-<n>`, noted
   * in the summary and the journal (`--force`). Without it, such a file refuses the run before
   * anything in the folder changes. Never for a file that is an input of the run.
   */
  setAsideForeignFiles?: boolean;
  lifeCycles?: readonly LifeCycle[];
  signal?: AbortSignal;
}

interface StepState {
  outcome: StepOutcome;
  key?: string;
  dir?: string;
  outputs: Record<string, ArtifactRef>;
  /** Why it failed or was skipped (for placeholders and skip reasons downstream). */
  reason?: string;
}

/**
 * Runs a workflow in a run folder: every step whose key is in the store is taken from it, the
 * others run — independent steps concurrently up to `jobs`, heavy ones in worker threads. A failed
 * step skips its dependants (except ports that tolerate failure, which get a placeholder) while
 * other branches finish. Never throws for a step failure: the summary says what happened.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunSummary> {
  const { workflow, registry, params } = options;
  const started = performance.now();
  const stepParams = bindStepParams(workflow, params);
  const selected = selectSteps(workflow, options.until);
  const forced = forcedSteps(workflow, options.force ?? [], options.forceDownstream ?? false);
  for (const name of forced) if (!selected.includes(name)) forced.delete(name);
  const jobs = options.jobs ?? availableParallelism();
  const signal = options.signal ?? new AbortController().signal;

  checkRunFolderPath(options.runDir);
  const runDir = new RunDir(options.runDir);
  const recorded = runDir.readRecord();
  checkRunFolderEntries(runDir, resolve(options.store ?? recorded?.store ?? runDir.defaultStore) === runDir.defaultStore);
  const otherWorkflow = recorded !== undefined && recorded.workflow.name !== workflow.name ? recorded.workflow : undefined;
  if (otherWorkflow && !options.replaceWorkflow) {
    throw new VrsInputError(
      `the folder holds a run of workflow ${otherWorkflow.name} (${otherWorkflow.file}); running workflow ${workflow.name} (${workflow.file}) into it would mix ` +
        'their step states and published files. Give another output folder, or --force to reuse this folder for the new workflow',
      runDir.dir,
    );
  }
  const own = ownPublishedFiles(runDir, recorded);
  const publishes = workflow.steps.filter((step) => selected.includes(step.name)).flatMap((step) => Object.values(step.publish).map((target) => ({ step: step.name, target })));
  const foreign = findForeignFiles(runDir, publishes, own, recorded !== undefined);
  if (foreign.length > 0) {
    const input = foreign.flatMap((file) => inputsWithin(file.path, workflow, params).map((param) => ({ file, param })))[0];
    if (input) {
      throw new VrsInputError(
        `is an input of this run (param ${input.param}) and lies where the run ${input.file.step ? `publishes ${input.file.target}` : `keeps its ${input.file.target}`}; it is never moved: give another --out, or keep the input elsewhere`,
        input.file.path,
      );
    }
    if (!options.setAsideForeignFiles) throw foreignFilesError(foreign);
  }
  const attempt = (recorded?.attempts ?? 0) + 1;
  const { staleHolder } = await runDir.acquireLock(attempt);
  try {
    if (otherWorkflow) forgetOtherWorkflow(runDir, own);
    // Files in the way, moved aside only now that the folder is ours (the lock is held).
    const notes: string[] = [];
    const setAsideFiles: { path: string; aside: string }[] = [];
    for (const file of foreign) {
      if (!existsSync(file.path) && !isLink(file.path)) continue; // removed with the other workflow's files
      const aside = setAside(file.path);
      setAsideFiles.push({ path: file.path, aside });
      notes.push(`moved ${file.path} aside to ${aside}: no run of vrs wrote it, and ${file.step ? `this run publishes ${file.target} (step ${file.step})` : `the run folder keeps its ${file.target} there`}`);
    }
    // A folder taken over from another workflow keeps only its store (and attempt count).
    const previous = otherWorkflow && recorded ? { ...recorded, steps: {} } : recorded;
    const store = new StepStore(resolve(options.store ?? previous?.store ?? runDir.defaultStore));
    const abandoned = store.cleanAbandoned();
    const now = new Date().toISOString();
    // Resume and rerun load the run folder's own copy of the workflow: keep the record of the original.
    const fromCopy = resolve(workflow.file) === runDir.workflowFile && previous !== undefined;
    const record: RunRecord = {
      format: 1,
      workflow: fromCopy ? previous.workflow : { name: workflow.name, file: workflow.file, files: workflow.files, digest: workflow.digest },
      params,
      store: store.root,
      modules: [...registry.modules],
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      attempts: attempt,
      status: 'running',
      steps: previous?.steps ?? {},
      // What runs of this folder published (a replaced workflow's files were just removed).
      published: otherWorkflow ? [] : [...own].filter((target) => existsSync(join(runDir.dir, target))),
    };
    runDir.writeRecord(record);
    if (!fromCopy) writeWorkflowCopy(runDir, workflow);

    const events = new CompositeLifeCycle([new JournalLifeCycle(runDir, attempt), ...(options.lifeCycles ?? [])]);
    if (otherWorkflow) runDir.appendJournal({ time: now, attempt, event: 'run:replaced', previousWorkflow: otherWorkflow.name, workflow: workflow.name });
    for (const { path, aside } of setAsideFiles) runDir.appendJournal({ time: now, attempt, event: 'run:setAside', path, aside });
    if (staleHolder) runDir.appendJournal({ time: now, attempt, event: 'run:recovered', previousAttempt: staleHolder.attempt, previousPid: staleHolder.pid, abandonedWorkspaces: abandoned });
    events.emit('run:start', { runDir: runDir.dir, workflow: workflow.name, attempt, steps: selected, jobs, forced: [...forced] });

    const codeDigests = new Map<string, string>();
    const memoryCap = memoryCapMb();
    const semaphore = new PrioritySemaphore(jobs);
    // Worker steps run in long-lived threads, and the volumes and masks they compute reach the
    // steps of this run that read them through shared memory (the store is written all the same).
    const workers = new StepWorkerPool(jobs);
    const handoff = new VolumeHandoff(workflow.steps.filter((step) => selected.includes(step.name)));
    const states = new Map<string, Promise<StepState>>();
    const reports = new Map<string, StepReport>();
    const published: string[] = [];
    const stepByName = new Map(workflow.steps.map((step) => [step.name, step]));
    // Ready steps start by their longest remaining path: each step's expected time is what its
    // protocol took in this store before, else its declared cost hint (in typical light steps).
    const timings = new StepTimings(store.root);
    const priority = longestRemainingPath(workflow, (name) => {
      const protocol = stepByName.get(name)!.protocol;
      return timings.expectedMs(protocol.id) ?? (protocol.costHint ?? 1) * LIGHT_STEP_MS;
    });

    const settle = (name: string): Promise<StepState> => {
      let state = states.get(name);
      if (!state) {
        // Each outcome is written to run.json as soon as it is known, so that a killed run's
        // folder still names every result it finished (vrs clean keeps them, vrs status shows them).
        state = settleStep(stepByName.get(name)!).then((settled) => {
          handoff.settled(stepByName.get(name)!);
          record.steps[name] = { outcome: settled.outcome, ...(settled.key ? { key: settled.key } : {}) };
          record.updatedAt = new Date().toISOString();
          runDir.writeRecord(record);
          return settled;
        });
        states.set(name, state);
      }
      return state;
    };

    const settleStep = async (step: WorkflowStep): Promise<StepState> => {
      const upstream = new Map(await Promise.all(step.upstream.map(async (name) => [name, await settle(name)] as const)));
      const protocol = step.protocol;
      const skip = (reason: string): StepState => {
        reports.set(step.name, { step: step.name, protocol: protocol.id, outcome: 'skipped', reason });
        events.emit('step:skipped', { step: step.name, protocol: protocol.id, reason });
        return { outcome: 'skipped', outputs: {}, reason };
      };
      const fail = (message: string, extra: { key?: string; inputError?: boolean; durationMs?: number; attempts?: number; resources?: StepResources } = {}): StepState => {
        reports.set(step.name, { step: step.name, protocol: protocol.id, outcome: 'failed', error: message, ...extra });
        events.emit('step:failed', {
          step: step.name,
          protocol: protocol.id,
          ...(extra.key ? { key: extra.key } : {}),
          error: message,
          inputError: extra.inputError ?? false,
          durationMs: extra.durationMs ?? 0,
          log: runDir.logFile(step.name),
        });
        return { outcome: 'failed', outputs: {}, reason: message, ...(extra.key ? { key: extra.key } : {}) };
      };
      if (signal.aborted) return skip('the run was interrupted');

      // region inputs
      const inputs: Record<string, ArtifactRef[]> = {};
      for (const [port, sources] of Object.entries(step.inputs)) {
        const spec = protocol.inputs[port]!;
        const refs: ArtifactRef[] = [];
        for (const source of sources) {
          if (source.kind === 'param') {
            const file = params[source.name];
            if (file === undefined) continue;
            refs.push({ kind: spec.kind, path: file as string, digest: await store.digests.digest(file as string), producer: { step: '$params', port: source.name } });
            continue;
          }
          const producer = upstream.get(source.step)!;
          if (producer.outcome === 'failed' || producer.outcome === 'skipped') {
            const why = producer.outcome === 'failed' ? `step ${source.step} failed: ${producer.reason}` : `step ${source.step} was skipped: ${producer.reason}`;
            if (!spec.tolerateFailure) {
              // A chain of skips names its root failure once ("upstream step importMap failed: …"),
              // not every step in between.
              return skip(producer.outcome === 'skipped' && producer.reason?.startsWith(UPSTREAM) ? producer.reason : `${UPSTREAM}${why}`);
            }
            if (spec.kind === 'section') refs.push(failurePlaceholder(stepByName.get(source.step)!, source.port, why));
            continue;
          }
          const artifact = producer.outputs[source.port];
          if (artifact) refs.push(artifact);
        }
        if (refs.length > 0) inputs[port] = refs;
      }
      const missing = Object.entries(protocol.inputs).filter(([port, spec]) => !spec.optional && !spec.many && !inputs[port]);
      if (missing.length > 0) return fail(`required input ${missing.map(([port]) => `"${port}"`).join(', ')} received nothing (an optional output not produced, or a parameter not given)`);
      // endregion

      const values = stepParams.get(step.name)!;
      let key: string;
      try {
        const material = await stepKeyMaterial(protocol, values, inputs, store.digests, codeDigests);
        materials.set(step.name, material);
        key = computeStepKey(material);
      } catch (error) {
        return fail(`cannot compute the cache key: ${(error as Error).message}`, { inputError: true });
      }
      const isForced = forced.has(step.name);
      if (!isForced) {
        const cached = store.lookup(key) ?? (options.storedOnly && !options.storedOnly.except.includes(step.name) ? storedDespiteCode(step.name, key) : undefined);
        if (cached) return takeStored(step, protocol.id, cached);
      }

      if (options.storedOnly && !options.storedOnly.except.includes(step.name)) {
        return fail(options.storedOnly.reason?.(step.name) ?? `no stored result (this run executes only ${options.storedOnly.except.join(', ')})`, { key });
      }

      const releaseSlot = await semaphore.acquire(priority.get(step.name) ?? 0);
      let releaseLease: (() => void) | undefined;
      const release = () => {
        releaseLease?.();
        releaseSlot();
      };
      let workspace: StepWorkspace;
      try {
        // One computation of a key at a time across every run and job sharing the store: a step
        // another process is computing is waited for, then taken from the store.
        releaseLease = await acquireStepLease(store.root, key, step.name, signal, (holder) => {
          void appendFile(runDir.logFile(step.name), `${JSON.stringify({ timestamp: new Date().toISOString(), level: 'info', message: `--- waiting: process ${holder.pid ?? '?'} on ${holder.host ?? '?'} is computing this result (step ${holder.step ?? '?'}) ---`, step: step.name })}\n`);
        });
        if (releaseLease === undefined) {
          release();
          return skip('the run was interrupted');
        }
        const storedMeanwhile = isForced ? undefined : store.lookup(key);
        if (storedMeanwhile) {
          release();
          return takeStored(step, protocol.id, storedMeanwhile);
        }
        workspace = await store.createWorkspace(key);
      } catch (error) {
        // The lease and the slot must not outlive a failure to take them (a full disk, no permission).
        release();
        return fail(`could not prepare the step in the store: ${(error as Error).message}`, { key });
      }
      const runLogFile = runDir.logFile(step.name);
      const begin = performance.now();
      const startedAt = new Date().toISOString();
      const sampler = new PeakRssSampler();
      const resources = step.resources;
      const declared = Object.keys(resources).length > 0;
      try {
        if (signal.aborted) {
          await store.discard(workspace);
          return skip('the run was interrupted');
        }
        await appendFile(runLogFile, `${JSON.stringify({ timestamp: startedAt, level: 'info', message: `--- attempt ${attempt} of the run ---`, step: step.name })}\n`);
        events.emit('step:start', { step: step.name, protocol: protocol.id, version: protocol.version, key, execution: protocol.execution, forced: isForced });
        const hooks = { signal, progress: (fraction: number, message?: string) => events.emit('step:progress', { step: step.name, fraction, ...(message !== undefined ? { message } : {}) }) };
        // The heap limit of the current try: a worker step that runs out of it is tried again,
        // in a fresh workspace, with twice as much (see memoryRetries). The key stays the same.
        let memoryMb = protocol.execution === 'worker' ? resources.memoryMb : undefined;
        let tries = 1;
        let result: PooledStepResult;
        const memoryInputs = handoff.inputsFor(inputs);
        for (;;) {
          const request: StepRequest = {
            step: step.name,
            protocolId: protocol.id,
            params: values,
            inputs,
            workspace,
            runLogFile,
            attempt,
            ...(resources.threads !== undefined ? { threads: resources.threads } : {}),
            sharePorts: handoff.portsRead(step.name),
          };
          try {
            if (protocol.execution !== 'worker') {
              const shared = {};
              result = { outputs: await runStepOnMainThread(protocol, request, hooks, resources.timeLimitSeconds, { inputs: memoryInputs, outputs: shared }), shared };
            } else if (memoryMb === undefined && resources.threads === undefined) {
              result = await workers.run(request, registry.moduleOf(protocol.id)!, memoryInputs, hooks, resources.timeLimitSeconds);
            } else {
              // A heap limit and a thread count are fixed when a thread starts: such a step gets its own.
              result = await workers.runAlone(request, registry.moduleOf(protocol.id)!, memoryInputs, hooks, { ...resources, ...(memoryMb !== undefined ? { memoryMb } : {}) });
            }
            break;
          } catch (error) {
            await store.discard(workspace);
            const failed = { key, durationMs: performance.now() - begin, ...(tries > 1 ? { attempts: tries } : {}), ...(declared ? { resources: { ...resources, ...(memoryMb !== undefined ? { memoryMb } : {}) } } : {}) };
            if (!signal.aborted && error instanceof StepOutOfMemory && memoryMb !== undefined) {
              const next = retryMemoryMb(memoryMb, tries, memoryCap);
              if (next === undefined) return fail(`ran out of memory at ${memoryMb} MB after ${tries} attempt${tries === 1 ? '' : 's'} (step ${step.name})`, { ...failed, attempts: tries });
              const time = new Date().toISOString();
              const note = `ran out of memory at ${memoryMb} MB; trying again with ${next} MB (try ${tries + 1} of at most ${maxMemoryAttempts})`;
              await appendFile(runLogFile, `${JSON.stringify({ timestamp: time, level: 'warn', message: `--- ${note} ---`, step: step.name })}\n`);
              // Written to the journal directly: EngineEvents has no event for a retry yet.
              runDir.appendJournal({ time, attempt, event: 'step:retry', step: step.name, protocol: protocol.id, key, try: tries + 1, reason: `ran out of memory at ${memoryMb} MB`, memoryMb: next });
              memoryMb = next;
              tries++;
              workspace = await store.createWorkspace(key);
              continue;
            }
            const message = signal.aborted ? 'interrupted' : error instanceof Error ? error.message : String(error);
            return fail(message, { ...failed, inputError: (error as { name?: string }).name === 'VrsInputError' || (error as { inputError?: boolean }).inputError === true });
          }
        }
        const durationMs = performance.now() - begin;
        const peakRssBytes = sampler.stop();
        const material = await stepKeyMaterial(protocol, values, inputs, store.digests, codeDigests);
        const manifest: StepManifest = {
          format: storeFormat,
          key,
          material,
          step: step.name,
          workflow: workflow.name,
          inputs: Object.fromEntries(Object.entries(inputs).map(([port, refs]) => [port, refs.map((ref) => ({ from: `${ref.producer.step}.${ref.producer.port}`, digest: ref.digest }))])),
          outputs: result.outputs,
          engine: { version: engineVersion, node: process.version },
          host: hostname(),
          startedAt,
          finishedAt: new Date().toISOString(),
          durationMs,
          peakRssBytes,
          log: 'step.log',
        };
        let stored;
        try {
          stored = await store.commit(workspace, manifest, { replace: isForced });
        } catch (error) {
          // A result that cannot be stored must not pass for a success (Nextflow #7471).
          await store.discard(workspace);
          return fail(`could not store the results: ${(error as Error).message}`, { key, durationMs });
        }
        const outputs = outputRefs(step.name, stored.dir, stored.manifest.outputs);
        // Only what the store holds as computed here (the digests agree) is handed on from memory.
        const storedDigests = Object.fromEntries(Object.entries(stored.manifest.outputs).filter(([port, record]) => result.outputs[port]?.digest === record.digest).map(([port, record]) => [port, record.digest]));
        handoff.offer(step.name, result.shared, storedDigests);
        finishStep(step, stored.dir, stored.manifest.outputs);
        reports.set(step.name, {
          step: step.name,
          protocol: protocol.id,
          outcome: 'success',
          key,
          dir: stored.dir,
          outputs: outputPaths(outputs),
          durationMs,
          peakRssBytes,
          ...(tries > 1 ? { attempts: tries } : {}),
          ...(declared ? { resources: { ...resources, ...(memoryMb !== undefined ? { memoryMb } : {}) } } : {}),
        });
        timings.record(protocol.id, durationMs);
        events.emit('step:success', { step: step.name, protocol: protocol.id, key, dir: stored.dir, durationMs, peakRssBytes });
        return { outcome: 'success', key, dir: stored.dir, outputs };
      } finally {
        sampler.stop();
        release();
      }
    };

    /** A step whose result is in the store: linked and published, not run. */
    const takeStored = (step: WorkflowStep, protocolId: string, cached: StoredStep): StepState => {
      // The stored entry's own key (another one than the step's key when taken by storedDespiteCode).
      const storedKey = cached.manifest.key;
      const outputs = outputRefs(step.name, cached.dir, cached.manifest.outputs);
      finishStep(step, cached.dir, cached.manifest.outputs);
      reports.set(step.name, { step: step.name, protocol: protocolId, outcome: 'cached', key: storedKey, dir: cached.dir, outputs: outputPaths(outputs) });
      events.emit('step:cached', { step: step.name, protocol: protocolId, key: storedKey, dir: cached.dir, producedAt: cached.manifest.finishedAt });
      return { outcome: 'cached', key: storedKey, dir: cached.dir, outputs };
    };

    /**
     * With storedOnly (vrs report): the step's recorded result when only the protocol's code
     * digest differs (same protocol, version, params and inputs), so that re-rendering a report
     * after an upgrade or an edit of the code still recomputes nothing.
     */
    const storedDespiteCode = (name: string, key: string) => {
      const recordedKey = previous?.steps[name]?.key;
      const stored = recordedKey && recordedKey !== key ? store.lookup(recordedKey) : undefined;
      if (!stored) return undefined;
      const withoutCode = ({ code: _code, ...rest }: StepManifest['material']) => canonicalJson(rest);
      const now = materials.get(name);
      return now && withoutCode(stored.manifest.material) === withoutCode(now) ? stored : undefined;
    };
    const materials = new Map<string, StepManifest['material']>();

    const finishStep = (step: WorkflowStep, dir: string, records: Record<string, ArtifactRecord>) => {
      runDir.linkStep(step.name, dir);
      for (const [port, target] of Object.entries(step.publish)) {
        const artifact = records[port];
        if (!artifact) continue;
        // Recorded before the copy, so that a kill during it still leaves the file known as the run's.
        const normalized = normalizeTarget(runDir, target);
        if (!record.published!.includes(normalized)) {
          record.published!.push(normalized);
          runDir.writeRecord(record);
        }
        published.push(runDir.publish(join(dir, artifact.path), target));
      }
    };

    const finals = await Promise.all(selected.map(async (name) => [name, await settle(name)] as const)).finally(() => {
      handoff.clear();
      void workers.close();
    });
    const counts: Record<StepOutcome, number> = { cached: 0, success: 0, failed: 0, skipped: 0 };
    const outcomes: Record<string, StepOutcome> = {};
    for (const [name, state] of finals) {
      counts[state.outcome]++;
      outcomes[name] = state.outcome;
      record.steps[name] = { outcome: state.outcome, ...(state.key ? { key: state.key } : {}) };
    }
    const status = signal.aborted ? 'interrupted' : counts.failed + counts.skipped > 0 ? 'failed' : 'success';
    const durationMs = performance.now() - started;
    events.emit('run:end', { status, durationMs, counts, steps: outcomes });
    record.status = status;
    record.updatedAt = new Date().toISOString();
    runDir.writeRecord(record);
    return {
      runDir: runDir.dir,
      workflow: workflow.name,
      attempt,
      status,
      durationMs,
      counts,
      steps: workflow.steps.filter((step) => reports.has(step.name)).map((step) => reports.get(step.name)!),
      published,
      ...(notes.length > 0 ? { notes } : {}),
    };
  } finally {
    runDir.releaseLock();
  }
}

function outputRefs(step: string, dir: string, records: Record<string, ArtifactRecord>): Record<string, ArtifactRef> {
  return Object.fromEntries(Object.entries(records).map(([port, record]) => [port, { kind: record.kind, path: join(dir, record.path), digest: record.digest, producer: { step, port } }]));
}

function outputPaths(refs: Record<string, ArtifactRef>): Record<string, string> {
  return Object.fromEntries(Object.entries(refs).map(([port, ref]) => [port, ref.path]));
}

/** Folder entries of the run folder itself, never removed as another workflow's published files. */
const RUN_FOLDER_ENTRIES = new Set(['run.json', 'run.lock', 'journal.jsonl', 'workflow.yaml', 'workflow-sources', 'logs', 'steps', 'store']);

/**
 * Removes what a run of another workflow left in the folder, except the store: its step links and
 * the files it published (`own`: its record's list, or its workflow copy's publish targets).
 */
function forgetOtherWorkflow(runDir: RunDir, own: ReadonlySet<string>): void {
  rmSync(join(runDir.dir, 'steps'), { recursive: true, force: true });
  for (const target of own) {
    const path = resolve(runDir.dir, target);
    const top = path.slice(runDir.dir.length + 1).split('/')[0]!;
    if (path.startsWith(`${runDir.dir}/`) && !RUN_FOLDER_ENTRIES.has(top)) rmSync(path, { recursive: true, force: true });
  }
  rmSync(join(runDir.dir, 'workflow-sources'), { recursive: true, force: true });
}

/** The names of the path params whose file is `path` or lies inside it. */
function inputsWithin(path: string, workflow: Workflow, params: Record<string, AnyParamValue>): string[] {
  return Object.entries(workflow.params)
    .filter(([name, spec]) => spec.type === 'path' && typeof params[name] === 'string')
    .map(([name]) => name)
    .filter((name) => {
      const file = resolve(params[name] as string);
      return file === path || file.startsWith(`${path}/`);
    });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function writeWorkflowCopy(runDir: RunDir, workflow: Workflow): void {
  writeFileSync(runDir.workflowFile, flattenWorkflow(workflow));
  const sources = join(runDir.dir, 'workflow-sources');
  mkdirSync(sources, { recursive: true });
  workflow.files.forEach((file, index) => copyFileSync(file, join(sources, `${index}-${basename(file)}`)));
}
