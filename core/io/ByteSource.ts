import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { createGunzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { VrsInputError } from '../errors/index.js';

/** Bytes per read call; large enough to amortise syscalls, small enough to keep scratch memory low. */
const CHUNK_BYTES = 16 << 20;

/** The bytes of a file, decompressed when it is gzip, hashed as they are read. */
export interface ByteSource {
  readonly path: string;
  /** True when the file is gzip (detected by its magic bytes, not its name). */
  readonly compressed: boolean;
  /** Number of bytes the source yields when known up front (plain files); undefined for gzip. */
  readonly size: number | undefined;
  /** Fills `target` from the current position; returns how many bytes were read (fewer only at the end). */
  readInto(target: Uint8Array): Promise<number>;
  /** Discards up to `n` bytes (still hashed); returns how many were discarded. */
  skip(n: number): Promise<number>;
  /** Reads the rest of the data (still hashed); returns how many bytes were left. */
  drain(): Promise<number>;
  /** Digests of everything read so far; complete after `drain()`. */
  digests(): { sha256: string; sha256Decompressed?: string };
  close(): Promise<void>;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function fileAccessError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new VrsInputError('file not found', path);
  if (code === 'EISDIR') return new VrsInputError('is a directory, not a file', path);
  if (code === 'EACCES' || code === 'EPERM') return new VrsInputError('permission denied', path);
  return err;
}

function gzipError(err: unknown, path: string): unknown {
  if (err instanceof VrsInputError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new VrsInputError(`gzip data is corrupt or truncated (${(err as Error).message})`, path, 'gzip');
  }
  return fileAccessError(err, path);
}

class PlainFileSource implements ByteSource {
  readonly compressed = false;
  private position = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async readInto(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      const want = Math.min(CHUNK_BYTES, target.length - filled);
      const { bytesRead } = await this.handle.read(target, filled, want, this.position);
      if (bytesRead === 0) break;
      this.hash.update(target.subarray(filled, filled + bytesRead));
      filled += bytesRead;
      this.position += bytesRead;
    }
    return filled;
  }

  async skip(n: number): Promise<number> {
    const scratch = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(n, 1)));
    let skipped = 0;
    while (skipped < n) {
      const got = await this.readInto(scratch.subarray(0, Math.min(scratch.length, n - skipped)));
      if (got === 0) break;
      skipped += got;
    }
    return skipped;
  }

  drain(): Promise<number> {
    return this.skip(Number.MAX_SAFE_INTEGER);
  }

  digests(): { sha256: string } {
    return { sha256: this.hash.copy().digest('hex') };
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

class GzipFileSource implements ByteSource {
  readonly compressed = true;
  readonly size = undefined;
  private readonly rawHash: Hash = createHash('sha256');
  private readonly hash: Hash = createHash('sha256');
  private readonly file: ReturnType<typeof createReadStream>;
  private readonly gunzip = createGunzip();
  private readonly chunks: AsyncIterator<Buffer>;
  private pending: Buffer | undefined;
  private pendingOffset = 0;
  private ended = false;

  constructor(readonly path: string) {
    this.file = createReadStream(path, { highWaterMark: 1 << 20 });
    this.file.on('data', (chunk) => this.rawHash.update(chunk as Buffer));
    this.file.on('error', (err) => this.gunzip.destroy(err));
    this.file.pipe(this.gunzip);
    this.chunks = this.gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async nextChunk(): Promise<boolean> {
    if (this.ended) return false;
    let step: IteratorResult<Buffer>;
    try {
      step = await this.chunks.next();
    } catch (err) {
      throw gzipError(err, this.path);
    }
    if (step.done) {
      this.ended = true;
      return false;
    }
    this.hash.update(step.value);
    this.pending = step.value;
    this.pendingOffset = 0;
    return true;
  }

  private async consume(n: number, target: Uint8Array | undefined): Promise<number> {
    let done = 0;
    while (done < n) {
      if (!this.pending || this.pendingOffset >= this.pending.length) {
        if (!(await this.nextChunk())) break;
      }
      const pending = this.pending!;
      const take = Math.min(n - done, pending.length - this.pendingOffset);
      if (target) target.set(pending.subarray(this.pendingOffset, this.pendingOffset + take), done);
      this.pendingOffset += take;
      done += take;
    }
    return done;
  }

  readInto(target: Uint8Array): Promise<number> {
    return this.consume(target.length, target);
  }

  skip(n: number): Promise<number> {
    return this.consume(n, undefined);
  }

  drain(): Promise<number> {
    return this.consume(Number.MAX_SAFE_INTEGER, undefined);
  }

  digests(): { sha256: string; sha256Decompressed: string } {
    return { sha256: this.rawHash.copy().digest('hex'), sha256Decompressed: this.hash.copy().digest('hex') };
  }

  async close(): Promise<void> {
    this.file.destroy();
    this.gunzip.destroy();
  }
}

/** Opens a file for sequential reading, transparently gunzipping when its first bytes are the gzip magic. */
export async function openByteSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileAccessError(err, path);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new VrsInputError('is a directory, not a file', path);
    const magic = new Uint8Array(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    if (bytesRead === 2 && isGzip(magic)) {
      await handle.close();
      return new GzipFileSource(path);
    }
    return new PlainFileSource(path, handle, stat.size);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw fileAccessError(err, path);
  }
}

const gunzipAsync = promisify(gunzip);

/** A whole file in memory (decompressed when gzip) with its digests; for small inputs such as models. */
export async function readFileBytes(path: string): Promise<{ bytes: Uint8Array; compressed: boolean; sha256: string; sha256Decompressed?: string }> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw fileAccessError(err, path);
  }
  const sha256 = createHash('sha256').update(raw).digest('hex');
  if (!isGzip(raw)) return { bytes: raw, compressed: false, sha256 };
  let bytes: Buffer;
  try {
    bytes = await gunzipAsync(raw);
  } catch (err) {
    throw gzipError(err, path);
  }
  return { bytes, compressed: true, sha256, sha256Decompressed: createHash('sha256').update(bytes).digest('hex') };
}
