import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerScript {
  /** Absolute path of the worker module. */
  file: string;
  /** True when the module is TypeScript and needs the tsx bootstrap to start. */
  fromSources: boolean;
}

/**
 * Finds the worker module `name` that sits next to the module at `callerUrl` (pass
 * `import.meta.url`). Code runs both compiled (dist/…/x.js) and from TypeScript sources under
 * tsx or vitest (…/x.ts); a worker started from sources needs tsx's loader, compiled code does not.
 */
export function resolveWorkerScript(callerUrl: string, name: string): WorkerScript {
  const callerFile = fileURLToPath(callerUrl);
  const dir = callerFile.slice(0, callerFile.lastIndexOf('/') + 1);
  const base = name.replace(/\.(ts|js|mjs)$/, '');
  const fromSources = callerFile.endsWith('.ts');
  const candidates = fromSources ? [`${base}.ts`, `${base}.js`] : [`${base}.js`, `${base}.ts`];
  for (const candidate of candidates) {
    const file = dir + candidate;
    if (existsSync(file)) {
      return { file, fromSources: file.endsWith('.ts') };
    }
  }
  throw new Error(`worker module ${base} not found next to ${callerFile}`);
}

/** Starts the worker module `name` next to `callerUrl` (see resolveWorkerScript). */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const script = resolveWorkerScript(callerUrl, name);
  if (!script.fromSources) return new Worker(script.file, options);
  // The bootstrap reads the module URL from the last argv entry.
  return new Worker(bootstrapFile, { ...options, argv: [...(options.argv ?? []), pathToFileURL(script.file).href] });
}

const bootstrapFile = fileURLToPath(new URL('./tsWorkerBootstrap.mjs', import.meta.url));
