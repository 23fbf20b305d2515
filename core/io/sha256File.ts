import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileAccessError } from './ByteSource.js';

/** SHA-256 (hex) of a file's bytes as stored, streamed so a large map is never held in memory twice. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (err) {
    throw fileAccessError(err, path);
  }
  return hash.digest('hex');
}
