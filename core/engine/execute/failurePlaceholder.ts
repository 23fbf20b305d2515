import type { SectionResult } from '../../report/index.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { hashBytes } from '../store/hashFile.js';
import type { WorkflowStep } from '../workflow/Workflow.js';

/** The section standing in for one a failed or skipped step would have produced. */
export function failurePlaceholder(producer: WorkflowStep, port: string, reason: string): ArtifactRef {
  const identity = producer.protocol.section;
  const section: SectionResult = {
    id: identity?.id ?? producer.name,
    level: identity?.level ?? '?',
    title: identity?.title ?? producer.protocol.title,
    method: producer.protocol.title,
    status: 'failed',
    reason: `could not be measured: ${reason}`,
    warnings: [],
    metrics: {},
  };
  return { kind: 'section', path: '', digest: hashBytes(canonicalJson(section)), producer: { step: producer.name, port }, failure: { reason, section } };
}
