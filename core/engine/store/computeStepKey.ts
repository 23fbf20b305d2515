import { canonicalJson } from './canonicalJson.js';
import { hashBytes } from './hashFile.js';
import type { StepKeyMaterial } from './StepManifest.js';

/** The cache key of a step: SHA-256 of its key material in canonical JSON. */
export function computeStepKey(material: StepKeyMaterial): string {
  return hashBytes(canonicalJson(material));
}
