import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { newRunId, type DataFolder } from './DataFolder.js';
import { receiveSubmission, tooLarge } from './receiveSubmission.js';
import type { RunCatalog } from './RunCatalog.js';
import type { RunQueue } from './RunQueue.js';
import { runValidationWorker } from './runValidationWorker.js';
import type { RunState, UploadedInput } from './RunState.js';
import { ServeError } from './ServeError.js';
import { validationOptionsOf } from './validationOptionsOf.js';

export interface SubmitContext {
  data: DataFolder;
  catalog: RunCatalog;
  queue: RunQueue;
  /** Plugin modules of the server's protocol registry. */
  modules: readonly string[];
  maxUploadMb: number;
  /** EMDB archive folder: submissions may name an entry (field `emdb`) instead of uploading its files. */
  archive?: string;
}

/**
 * A submission: uploads streamed to a fresh folder, then every check of `vrs validate` on them
 * (planValidation), then a queued run. Any refusal removes the upload folder, so a bad submission
 * leaves nothing behind; the message names the form field instead of the server's path.
 */
export async function submitRun(request: FastifyRequest, context: SubmitContext): Promise<string> {
  const id = newRunId();
  const uploadDir = context.data.uploadDir(id);
  let inputs: UploadedInput[] = [];
  try {
    const submission = await receiveSubmission(request, uploadDir, context.maxUploadMb);
    inputs = submission.inputs;
    const emdb = (submission.fields.emdb ?? '').trim() || undefined;
    if (emdb !== undefined && context.archive === undefined) throw new ServeError(400, 'emdb: this server has no EMDB archive folder (vrs serve --archive DIR); upload the map instead');
    if (emdb !== undefined && !/^(EMD[-_]?)?\d{4,6}$/i.test(emdb)) throw new ServeError(400, `emdb: expected an EMDB id such as EMD-1997, got ${JSON.stringify(emdb.slice(0, 40))}`);
    if (!inputs.some((input) => input.field === 'map') && emdb === undefined) throw new ServeError(400, 'map: give the map (MRC/CCP4, optionally gzipped), or an EMDB id');
    const threshold = optionalNumber(submission.fields.threshold, 'threshold', false);
    const resolution = optionalNumber(submission.fields.resolution, 'resolution', true);
    const title = (submission.fields.title ?? '').trim().slice(0, 300);
    const draft = { id, inputs, ...(threshold !== undefined ? { threshold } : {}), ...(resolution !== undefined ? { resolution } : {}), ...(emdb !== undefined ? { emdb } : {}) };
    // Planned off the event loop: the checks read whole maps.
    const planned = await runValidationWorker({
      kind: 'plan',
      modules: [...context.modules],
      options: validationOptionsOf(draft, context.data, context.archive),
      title,
      cwd: context.data.dir,
      runDir: context.data.runDir(id),
      store: context.data.store,
    }).done;
    if (planned.type === 'error') throw planned.inputError ? new ServeError(400, namedByField(planned.message, uploadDir, inputs)) : new Error(planned.message);
    if (planned.type !== 'planned') throw new Error('the validation could not be planned');
    const state: RunState = {
      ...draft,
      title: title || (inputs.find((input) => input.field === 'map')?.originalName ?? emdb ?? id),
      ...(title ? { reportTitle: title } : {}),
      status: 'queued',
      createdAt: new Date().toISOString(),
      levels: planned.levels,
      notes: planned.notes.map((note) => namedByField(note, uploadDir, inputs)),
      steps: {},
    };
    // The run folder is the engine's; it is created here to hold the server's state file.
    mkdirSync(context.data.runDir(id), { recursive: true });
    context.catalog.add(state);
    context.queue.enqueue(id);
    return id;
  } catch (error) {
    rmSync(uploadDir, { recursive: true, force: true });
    throw asServeError(error, uploadDir, inputs, context.maxUploadMb);
  }
}

function asServeError(error: unknown, uploadDir: string, inputs: UploadedInput[], maxUploadMb: number): ServeError {
  if (error instanceof ServeError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge((error as { part?: { fieldname?: string } }).part?.fieldname, maxUploadMb);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new ServeError(413, `too many parts in the form: ${(error as Error).message}`);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ServeError(415, (error as Error).message);
  if (typeof (error as { statusCode?: number }).statusCode === 'number' && (error as { statusCode: number }).statusCode < 500) {
    return new ServeError((error as { statusCode: number }).statusCode, (error as Error).message);
  }
  // An error that is not the input's fault: said without the server's paths.
  return new ServeError(500, `the submission could not be checked: ${namedByField((error as Error).message, uploadDir, inputs)}`);
}

/** The text with every uploaded file's path replaced by its form field and the user's file name. */
function namedByField(text: string, uploadDir: string, inputs: UploadedInput[]): string {
  let named = text;
  for (const input of inputs) named = named.split(join(uploadDir, input.file)).join(`${input.field} (${input.originalName})`);
  return named.split(uploadDir).join('upload');
}

function optionalNumber(text: string | undefined, field: string, positive: boolean): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ServeError(400, `${field}: expects a number, got ${JSON.stringify(text.slice(0, 40))}`);
  if (positive && !(value > 0)) throw new ServeError(400, `${field}: must be positive, got ${text.slice(0, 40)}`);
  return value;
}
