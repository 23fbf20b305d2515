import { createReadStream, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyReply } from 'fastify';
import { RunDir } from '../engine/index.js';
import type { DataFolder } from './DataFolder.js';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
};

/** A run-folder path as the engine publishes them: plain names, no `..`, no leading slash. */
const PUBLISHED_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The files a run published (report, figures, maps), relative to its run folder. */
export function publishedFiles(data: DataFolder, id: string): string[] {
  try {
    return (new RunDir(data.runDir(id)).readRecord()?.published ?? []).filter((file) => PUBLISHED_PATH.test(file));
  } catch {
    return [];
  }
}

/**
 * Sends a file of a run folder: only a published file, only when its real path (links followed)
 * lies inside the data folder. Returns false when there is no such file to send.
 */
export function serveRunFile(reply: FastifyReply, data: DataFolder, id: string, file: string): boolean {
  if (!PUBLISHED_PATH.test(file) || !publishedFiles(data, id).includes(file)) return false;
  let real: string;
  try {
    real = realpathSync(join(data.runDir(id), file));
    if (!real.startsWith(realpathSync(data.dir) + sep) || !statSync(real).isFile()) return false;
  } catch {
    return false;
  }
  const extension = file.split('.').pop() ?? '';
  void reply.type(CONTENT_TYPES[extension] ?? 'application/octet-stream');
  if (extension === 'html') {
    // The report is shown inside the run page: no script, no network, nothing but its own styles and inline figures.
    void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox");
  } else if (extension !== 'json' && extension !== 'pdf') {
    void reply.header('content-disposition', `attachment; filename="${file.split('/').pop()}"`);
  }
  void reply.send(createReadStream(real));
  return true;
}
