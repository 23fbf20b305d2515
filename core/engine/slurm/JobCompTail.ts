import { watch, type FSWatcher } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseSlurmRecord } from './parseSlurmRecord.js';

/**
 * Follows Slurm's job-completion file (jobcomp/filetxt): one line per finished job, appended by
 * slurmctld. Watches the file's folder (the file may not exist yet, or be rotated) and reads only
 * the bytes appended since the last read, so a long history costs nothing per event.
 */
export class JobCompTail {
  private offset = 0;
  private inode = -1;
  private partialLine = '';
  private watcher: FSWatcher | undefined;
  private reading: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly onRecords: (records: Map<string, string>[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts at the current end of the file: only jobs that finish from now on are reported. */
  async start(): Promise<void> {
    const info = await stat(this.path).catch(() => undefined);
    this.offset = info?.size ?? 0;
    this.inode = info?.ino ?? -1;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) this.readAppended();
    });
    this.watcher.on('error', (error) => this.onError(error));
    // A line written between stat() and watch() would otherwise wait for the next event.
    this.readAppended();
  }

  /** Reads what was appended since the last read; reads are serialised so lines stay in order. */
  readAppended(): void {
    this.reading = this.reading.then(() => this.readOnce()).catch((error: unknown) => this.onError(error));
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
  }

  private async readOnce(): Promise<void> {
    if (this.closed) return;
    const handle = await open(this.path, 'r').catch(() => undefined);
    if (!handle) return;
    try {
      const info = await handle.stat();
      if (info.ino !== this.inode || info.size < this.offset) {
        // Rotated or truncated: the new file's lines are all unread.
        this.inode = info.ino;
        this.offset = 0;
        this.partialLine = '';
      }
      if (info.size === this.offset) return;
      const buffer = Buffer.alloc(info.size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset += bytesRead;
      const text = this.partialLine + buffer.subarray(0, bytesRead).toString('utf8');
      const lines = text.split('\n');
      this.partialLine = lines.pop() ?? '';
      const records = lines.filter((line) => line.trim() !== '').map(parseSlurmRecord);
      if (records.length > 0 && !this.closed) this.onRecords(records);
    } finally {
      await handle.close();
    }
  }
}

/**
 * Every record of the job-completion file (the whole file is read: used only for jobs slurmctld no
 * longer knows, which is rare). An absent file has no records.
 */
export async function readJobCompRecords(path: string): Promise<Map<string, string>[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseSlurmRecord);
}
