import { canonicalJson } from '../store/canonicalJson.js';
import type { StepKeyMaterial } from '../store/StepManifest.js';

/**
 * Why a step's key differs from the one it had before, as short sentences:
 * "protocol version 1 → 2", "param threshold: 0.5 → 0.7", "input map changed".
 */
export function explainKeyChange(before: StepKeyMaterial, now: StepKeyMaterial): string[] {
  const reasons: string[] = [];
  if (before.format !== now.format) reasons.push(`store format ${before.format} → ${now.format}`);
  if (before.protocol !== now.protocol) reasons.push(`protocol ${before.protocol} → ${now.protocol}`);
  if (before.version !== now.version) reasons.push(`protocol version ${before.version} → ${now.version}`);
  if (before.code !== now.code) reasons.push(before.code === undefined ? 'protocol code not recorded before (stored by an earlier vrs)' : 'protocol code changed (its module or a file it imports)');
  for (const name of union(Object.keys(before.params), Object.keys(now.params))) {
    const a = before.params[name];
    const b = now.params[name];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    if (isFileParam(a) && isFileParam(b)) {
      reasons.push(a.sha256 !== b.sha256 ? `file param ${name}: content of ${b.file} changed` : `file param ${name}: ${a.file} → ${b.file}`);
    } else {
      reasons.push(`param ${name}: ${show(a)} → ${show(b)}`);
    }
  }
  for (const port of union(Object.keys(before.inputs), Object.keys(now.inputs))) {
    const a = before.inputs[port] ?? [];
    const b = now.inputs[port] ?? [];
    if (a.join() === b.join()) continue;
    reasons.push(a.length !== b.length ? `input ${port}: ${a.length} → ${b.length} artifacts` : `input ${port} changed`);
  }
  return reasons.length > 0 ? reasons : ['key changed'];
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function isFileParam(value: unknown): value is { file: string; sha256: string } {
  return !!value && typeof value === 'object' && 'sha256' in value && 'file' in value;
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}
