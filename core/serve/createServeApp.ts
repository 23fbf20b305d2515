import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ProtocolRegistry } from '../engine/index.js';
import { checkAccess, LOOPBACK_NAMES } from './checkAccess.js';
import { DataFolder, isRunId, newRunId } from './DataFolder.js';
import { runPage } from './pages/runPage.js';
import { runsPage } from './pages/runsPage.js';
import { submitPage } from './pages/submitPage.js';
import { RunCatalog } from './RunCatalog.js';
import type { RunEvent } from './RunEvents.js';
import { RunQueue } from './RunQueue.js';
import type { RunState } from './RunState.js';
import { ServeError } from './ServeError.js';
import { publishedFiles, serveRunFile } from './serveRunFile.js';
import { submitRun } from './submitRun.js';

export interface ServeAppOptions {
  registry: ProtocolRegistry;
  /** The data folder: uploads, run folders, the shared store. */
  data: string;
  /** Runs at once. */
  jobs: number;
  /** Steps at once within a run (default: the engine's, the available cores). */
  stepJobs?: number;
  /** Largest accepted file, in MB. */
  maxUploadMb: number;
  /** Access token; none: open to whoever reaches the address. */
  token?: string;
  /** EMDB archive folder: submissions may name an entry of it instead of uploading files. */
  archive?: string;
  /** The address the server listens on (Host names answered without a token besides loopback ones). */
  host?: string;
}

export interface ServeApp {
  app: FastifyInstance;
  catalog: RunCatalog;
  queue: RunQueue;
}

/** Heartbeat of event streams, so proxies and browsers keep an idle stream open. */
const HEARTBEAT_MS = 15_000;

/**
 * The web application of `vrs serve`: the JSON API, the pages and the run queue over one data
 * folder. Runs left queued or interrupted by an earlier server are queued again at once.
 */
export async function createServeApp(options: ServeAppOptions): Promise<ServeApp> {
  const data = new DataFolder(options.data);
  const catalog = new RunCatalog(data);
  const queue = new RunQueue(catalog, options.registry.modules, options.jobs, options.stepJobs, options.archive);
  const app = Fastify({ logger: false, trustProxy: false, forceCloseConnections: true });
  const allowedHosts = new Set([...LOOPBACK_NAMES, ...(options.host ? [options.host.toLowerCase()] : [])]);
  // The run page's Resume button posts an empty form: accepted, its body is not read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));
  await app.register(multipart, {
    limits: { fileSize: options.maxUploadMb * 1024 * 1024, files: 5, fields: 10, parts: 16, fieldSize: 4096, headerPairs: 200 },
  });

  app.addHook('onRequest', async (request, reply) => {
    if (checkAccess(request, reply, options.token, allowedHosts)) return reply;
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    return undefined;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error instanceof ServeError ? error.statusCode : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    void reply.code(status).send({ error: status === 500 ? `internal error: ${error.message}` : error.message });
  });
  app.setNotFoundHandler((_request, reply) => void reply.code(404).send({ error: 'no such page' }));

  const page = (reply: FastifyReply, render: (nonce: string) => string) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'`)
      .send(render(nonce));
  };
  const runOf = (id: string): RunState => {
    const run = isRunId(id) ? catalog.get(id) : undefined;
    if (!run) throw new ServeError(404, `no run ${JSON.stringify(id.slice(0, 40))}`);
    return run;
  };

  // JSON API
  app.post('/api/runs', async (request, reply) => {
    const id = await submitRun(request, { data, catalog, queue, modules: options.registry.modules, maxUploadMb: options.maxUploadMb, ...(options.archive ? { archive: options.archive } : {}) });
    return reply.code(201).header('location', `/api/runs/${id}`).send({ id });
  });
  app.get('/api/runs', async () => ({ runs: catalog.list().map(summaryOf) }));
  app.get<{ Params: { id: string } }>('/api/runs/:id', async (request) => {
    const run = runOf(request.params.id);
    const position = queue.position(run.id);
    return { ...run, ...(position !== undefined ? { queuePosition: position } : {}), published: publishedFiles(data, run.id) };
  });
  app.get<{ Params: { id: string; name: string } }>('/api/runs/:id/:name', async (request, reply) => {
    const { name } = request.params;
    if (name !== 'report.json' && name !== 'report.html' && name !== 'report.pdf') throw new ServeError(404, 'no such page');
    const run = runOf(request.params.id);
    if (!serveRunFile(reply, data, run.id, name)) throw new ServeError(404, `${name}: the run has no report yet (status ${run.status})`);
    return reply;
  });
  app.get<{ Params: { id: string; '*': string } }>('/api/runs/:id/files/*', async (request, reply) => {
    const run = runOf(request.params.id);
    if (!serveRunFile(reply, data, run.id, request.params['*'])) throw new ServeError(404, 'no such published file in this run');
    return reply;
  });
  app.get<{ Params: { id: string } }>('/api/runs/:id/events', (request, reply) => {
    const run = runOf(request.params.id);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    const send = (event: RunEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    // What happened before the subscriber came, then every change as it happens.
    for (const [step, state] of Object.entries(run.steps)) send({ type: 'step', step, state });
    send({ type: 'status', status: run.status, ...(run.score ? { score: run.score } : {}), ...(run.error ? { error: run.error } : {}) });
    // A run that has ended sends nothing more: the stream ends, so a script following it returns.
    if (run.status === 'done' || run.status === 'failed') {
      raw.end();
      return;
    }
    const unsubscribe = catalog.events.subscribe(run.id, (event) => {
      send(event);
      if (event.type === 'status' && (event.status === 'done' || event.status === 'failed')) raw.end();
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  const resume = (id: string): RunState => {
    const run = runOf(id);
    if (run.status !== 'failed') throw new ServeError(409, `the run is ${run.status}: only a failed run can be resumed`);
    catalog.update(run.id, { status: 'queued', endedAt: undefined, error: undefined });
    queue.enqueue(run.id);
    return run;
  };
  app.post<{ Params: { id: string } }>('/api/runs/:id/resume', async (request, reply) => reply.code(202).send({ id: resume(request.params.id).id, status: 'queued' }));

  /** A new run of a finished run's inputs (its uploads copied), queued. */
  const rerun = async (id: string): Promise<string> => {
    const run = runOf(id);
    if (run.status !== 'done' && run.status !== 'failed') throw new ServeError(409, `the run is ${run.status}: only a finished run can be run again`);
    const copy = newRunId();
    mkdirSync(data.uploadDir(copy), { recursive: true });
    try {
      for (const input of run.inputs) await copyFile(join(data.uploadDir(run.id), input.file), join(data.uploadDir(copy), input.file));
      mkdirSync(data.runDir(copy), { recursive: true });
      const { startedAt: _started, endedAt: _ended, score: _score, error: _error, ...inputs } = run;
      catalog.add({ ...inputs, id: copy, status: 'queued', createdAt: new Date().toISOString(), steps: {} });
    } catch (error) {
      rmSync(data.uploadDir(copy), { recursive: true, force: true });
      rmSync(data.runDir(copy), { recursive: true, force: true });
      throw error;
    }
    queue.enqueue(copy);
    return copy;
  };
  app.post<{ Params: { id: string } }>('/api/runs/:id/rerun', async (request, reply) => reply.code(201).send({ id: await rerun(request.params.id) }));

  // Pages
  app.post<{ Params: { id: string } }>('/runs/:id/resume', async (request, reply) => reply.redirect(`/runs/${resume(request.params.id).id}`, 303));
  app.post<{ Params: { id: string } }>('/runs/:id/rerun', async (request, reply) => reply.redirect(`/runs/${await rerun(request.params.id)}`, 303));
  app.get('/', async (_request, reply) => page(reply, (nonce) => submitPage(nonce, options.maxUploadMb, options.archive !== undefined)));
  app.get<{ Querystring: { q?: string } }>('/runs', async (request, reply) => {
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
    return page(reply, (nonce) => runsPage(catalog.list(), query, nonce));
  });
  app.get<{ Params: { id: string } }>('/runs/:id', async (request, reply) => {
    const run = runOf(request.params.id);
    return page(reply, (nonce) => runPage(run, publishedFiles(data, run.id), nonce));
  });

  return { app, catalog, queue };
}

function summaryOf(run: RunState) {
  return {
    id: run.id,
    title: run.title,
    status: run.status,
    map: run.inputs.find((input) => input.field === 'map')?.originalName,
    levels: run.levels,
    createdAt: run.createdAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.endedAt ? { endedAt: run.endedAt } : {}),
    ...(run.score ? { score: run.score } : {}),
  };
}
