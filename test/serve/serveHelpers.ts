// Helpers of the `vrs serve` tests: the real server as a child process, and small phantom maps.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeMap } from '../../core/io/index.js';
import { phantomMap } from '../../core/phantom/index.js';
import type { RunState } from '../../core/serve/index.js';
import { finished, spawnCli, waitFor, type CliResult } from '../engine/helpers.js';

export interface RunningServer {
  url: string;
  child: ReturnType<typeof spawnCli>;
  ended: Promise<CliResult>;
}

/** Starts `vrs serve` on a free port over `data`, from the sources; resolves once it listens. */
export async function startServer(data: string, extra: string[] = []): Promise<RunningServer> {
  const child = spawnCli(['serve', '--port', '0', '--data', data, ...extra]);
  const ended = finished(child);
  let url: string | undefined;
  await waitFor(
    () => {
      const match = /listening on (http:\/\/\S+)/.exec(child.output().stdout);
      if (match) url = match[1];
      if (child.exitCode !== null) throw new Error(`vrs serve ended: ${child.output().stderr}`);
      return url !== undefined;
    },
    60_000,
    'the server to listen',
  );
  return { url: url!, child, ended };
}

/** A 40³ phantom map (2 Å voxels) written with the project's writer, and its suggested threshold. */
export async function phantomFile(dir: string, seed: number): Promise<{ file: string; threshold: number }> {
  const { volume, truth } = phantomMap({ dims: [40, 40, 40], voxelSize: 2, seed });
  const file = join(dir, `phantom-${seed}.mrc`);
  if (!existsSync(file)) await writeMap(file, volume);
  return { file, threshold: truth.suggestedThreshold };
}

export async function runState(url: string, id: string): Promise<RunState> {
  const response = await fetch(`${url}/api/runs/${id}`);
  if (response.status !== 200) throw new Error(`GET /api/runs/${id}: ${response.status}`);
  return (await response.json()) as RunState;
}

/** Polls the API until the run has ended (done or failed). */
export async function waitForEnd(url: string, id: string, timeoutMs: number): Promise<RunState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await runState(url, id);
    if (state.status === 'done' || state.status === 'failed') return state;
    if (Date.now() > end) throw new Error(`run ${id} still ${state.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
