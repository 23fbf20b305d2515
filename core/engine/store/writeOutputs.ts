import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeMap } from '../../io/index.js';
import type { SectionResult } from '../../report/index.js';
import { Volume } from '../../volume/index.js';
import type { OutputValue } from '../protocol/OutputValue.js';
import type { OutputPortSpecs } from '../protocol/PortSpec.js';
import { strictJsonStringify } from './canonicalJson.js';
import { hashBytes, hashFile } from './hashFile.js';
import type { ArtifactRecord, StoredFile } from './StepManifest.js';

const sectionStatuses = new Set(['ok', 'warnings', 'not-applicable', 'failed', 'no-criteria']);
const safeFileName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Writes a protocol's returned outputs into `entryDir/outputs` and describes them. Everything is
 * checked first — every required port present, no unknown port, each value of its declared kind
 * and well formed — so a protocol that returns something wrong fails loudly, naming the port.
 */
export async function writeOutputs(
  protocolId: string,
  specs: OutputPortSpecs,
  outputs: Readonly<Record<string, OutputValue | undefined>>,
  entryDir: string,
): Promise<Record<string, ArtifactRecord>> {
  const fail = (port: string, message: string): never => {
    throw new Error(`${protocolId} returned a bad output "${port}": ${message}`);
  };
  if (!outputs || typeof outputs !== 'object') throw new Error(`${protocolId}: run() must return an object of outputs`);
  for (const port of Object.keys(outputs)) {
    if (!Object.hasOwn(specs, port) && outputs[port] !== undefined) fail(port, `not a declared output (outputs: ${Object.keys(specs).join(', ') || 'none'})`);
  }
  const dir = join(entryDir, 'outputs');
  await mkdir(dir, { recursive: true });
  const records: Record<string, ArtifactRecord> = {};
  for (const [port, spec] of Object.entries(specs)) {
    const output = outputs[port];
    if (output === undefined) {
      if (!spec.optional) fail(port, 'missing (the output is not optional)');
      continue;
    }
    if (output.kind !== spec.kind) fail(port, `declared ${spec.kind}, returned ${String(output.kind)}`);
    const files: StoredFile[] = [];
    const addFile = async (relative: string, bytes?: Uint8Array): Promise<StoredFile> => {
      const file = join(entryDir, relative);
      const stored: StoredFile = bytes
        ? { name: relative, size: bytes.byteLength, sha256: hashBytes(bytes) }
        : { name: relative, size: (await stat(file)).size, sha256: await hashFile(file) };
      files.push(stored);
      return stored;
    };
    let path: string;
    switch (output.kind) {
      case 'volume':
      case 'mask': {
        const volume = output.value;
        if (!(volume instanceof Volume)) fail(port, 'value is not a Volume');
        const wantMask = output.kind === 'mask';
        if (wantMask !== volume.data instanceof Uint8Array || (!wantMask && !(volume.data instanceof Float32Array))) {
          fail(port, wantMask ? 'a mask holds a Uint8Array (0/1)' : 'a volume holds a Float32Array');
        }
        if (wantMask) {
          const data = volume.data;
          for (let i = 0; i < data.length; i++) if (data[i]! > 1) fail(port, `mask voxel ${i} is ${data[i]}; a mask holds 0 and 1 only`);
        }
        path = `outputs/${port}.mrc`;
        const written = await writeMap(join(entryDir, path), volume, { mode: wantMask ? 0 : 2, labels: [`cryo-vrs ${protocolId} ${port}`] });
        files.push({ name: path, size: written.size, sha256: written.sha256 });
        break;
      }
      case 'json':
      case 'table': {
        if (output.value === undefined) fail(port, 'value is undefined');
        path = `outputs/${port}.json`;
        const bytes = jsonBytes(output.value, (message) => fail(port, message));
        await writeFile(join(entryDir, path), bytes);
        await addFile(path, bytes);
        break;
      }
      case 'figure': {
        const { png, caption } = output.value ?? {};
        if (!(png instanceof Uint8Array) || !isPng(png)) fail(port, 'figure.png must be PNG bytes');
        if (typeof caption !== 'string') fail(port, 'figure.caption must be a string');
        path = `outputs/${port}`;
        await mkdir(join(entryDir, path));
        await writeFile(join(entryDir, path, 'figure.png'), png!);
        await addFile(`${path}/figure.png`, png);
        const captionBytes = jsonBytes({ caption }, (message) => fail(port, message));
        await writeFile(join(entryDir, path, 'figure.json'), captionBytes);
        await addFile(`${path}/figure.json`, captionBytes);
        break;
      }
      case 'section': {
        const section = output.value;
        checkSection(section, (message) => fail(port, message));
        const pictures = output.files ?? {};
        for (const [name, bytes] of Object.entries(pictures)) {
          if (!safeFileName.test(name) || name === 'section.json') fail(port, `file name ${JSON.stringify(name)} is not a plain file name`);
          if (!(bytes instanceof Uint8Array)) fail(port, `file ${name} is not bytes`);
        }
        for (const figure of section.figures ?? []) {
          for (const panel of figure.panels) {
            if (!Object.hasOwn(pictures, panel.file)) fail(port, `figure ${figure.id} shows ${panel.file}, which is not among the section's files`);
          }
        }
        path = `outputs/${port}`;
        await mkdir(join(entryDir, path));
        const sectionBytes = jsonBytes(section, (message) => fail(port, message));
        await writeFile(join(entryDir, path, 'section.json'), sectionBytes);
        await addFile(`${path}/section.json`, sectionBytes);
        for (const name of Object.keys(pictures).sort()) {
          await writeFile(join(entryDir, path, name), pictures[name]!);
          await addFile(`${path}/${name}`, pictures[name]);
        }
        break;
      }
      case 'file':
      case 'model': {
        const value = output.value;
        const name = value?.name;
        if (typeof name !== 'string' || !safeFileName.test(name)) fail(port, `file name ${JSON.stringify(name)} is not a plain file name`);
        path = `outputs/${port}/${name}`;
        await mkdir(join(entryDir, 'outputs', port));
        if ('bytes' in value) {
          if (!(value.bytes instanceof Uint8Array)) fail(port, 'bytes must be a Uint8Array');
          await writeFile(join(entryDir, path), value.bytes);
          await addFile(path, value.bytes);
        } else if (typeof value.path === 'string') {
          if ((await stat(value.path)).isDirectory()) {
            // A folder (e.g. the report's figures/): copied whole, every file recorded, so it is
            // verified and published like a single file.
            for (const relative of await folderFiles(value.path, (message) => fail(port, message))) {
              await mkdir(dirname(join(entryDir, path, relative)), { recursive: true });
              await copyFile(join(value.path, relative), join(entryDir, path, relative));
              await addFile(`${path}/${relative}`);
            }
          } else {
            await copyFile(value.path, join(entryDir, path));
            await addFile(path);
          }
        } else {
          fail(port, 'give either bytes or path');
        }
        break;
      }
      default:
        fail(port, `unknown kind ${String((output as { kind: unknown }).kind)}`);
    }
    records[port] = { kind: spec.kind, path: path!, digest: artifactDigest(files), files };
  }
  return records;
}

/** One file: its own SHA-256. Several: SHA-256 of "name<NUL>digest" lines, names relative to the artifact. */
export function artifactDigest(files: readonly StoredFile[]): string {
  if (files.length === 1) return files[0]!.sha256;
  const lines = files.map((file) => `${basename(file.name)}\0${file.sha256}\n`).sort();
  return hashBytes(lines.join(''));
}

/** Every file under `root` (relative paths, sorted); each name a plain file name, no links. */
async function folderFiles(root: string, fail: (message: string) => never): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (!safeFileName.test(entry.name)) fail(`file name ${JSON.stringify(name)} in the folder is not a plain file name`);
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) found.push(name);
      else fail(`${JSON.stringify(name)} in the folder is neither a file nor a folder`);
    }
  };
  await walk('');
  return found;
}

function jsonBytes(value: unknown, fail: (message: string) => never): Uint8Array {
  try {
    return new TextEncoder().encode(`${strictJsonStringify(value, 2)}\n`);
  } catch (error) {
    return fail((error as Error).message);
  }
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function checkSection(section: SectionResult, fail: (message: string) => never): asserts section is SectionResult {
  if (!section || typeof section !== 'object') fail('a section must be a SectionResult object');
  for (const field of ['id', 'level', 'title', 'method'] as const) {
    if (typeof section[field] !== 'string') fail(`section.${field} must be a string`);
  }
  if (!sectionStatuses.has(section.status)) fail(`section.status must be one of ${[...sectionStatuses].join(', ')}, got ${JSON.stringify(section.status)}`);
  if (!Array.isArray(section.warnings) || !section.warnings.every((warning) => typeof warning === 'string')) fail('section.warnings must be a list of strings');
  if (!section.metrics || typeof section.metrics !== 'object' || Array.isArray(section.metrics)) fail('section.metrics must be an object');
  if ((section.status === 'failed' || section.status === 'not-applicable') && !section.reason) fail(`a section with status ${section.status} needs a reason`);
}
