import { isArtifactKind } from './ArtifactKind.js';
import type { ParamSpecs } from './ParamSpec.js';
import type { InputPortSpecs, OutputPortSpecs } from './PortSpec.js';
import type { Protocol, ProtocolSpec } from './Protocol.js';
import { checkStepResources } from './StepResources.js';
import { checkParamValue } from './validateParams.js';

const protocolIdPattern = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)+$/;
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const paramTypes = new Set(['number', 'integer', 'string', 'boolean', 'path', 'number[]', 'string[]']);

/**
 * Declares a protocol. The declaration is checked now (ids, kinds, defaults), so a broken plugin
 * fails when it loads, naming the protocol, rather than in the middle of a run.
 */
export function defineProtocol<const P extends ParamSpecs, const I extends InputPortSpecs, const O extends OutputPortSpecs>(
  spec: ProtocolSpec<P, I, O>,
): Protocol<P, I, O> {
  const problems = checkProtocolSpec(spec);
  if (problems.length > 0) {
    throw new Error(`invalid protocol ${JSON.stringify(spec.id)}:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze({ ...spec, execution: spec.execution ?? 'main', ...(spec.resources ? { resources: Object.freeze({ ...spec.resources }) } : {}) });
}

function checkProtocolSpec(spec: ProtocolSpec<ParamSpecs, InputPortSpecs, OutputPortSpecs>): string[] {
  const problems: string[] = [];
  if (typeof spec.id !== 'string' || !protocolIdPattern.test(spec.id)) {
    problems.push('id must be namespaced, like "vrs.hardMask" (letters, digits, _ and -, parts separated by dots)');
  }
  if (typeof spec.version !== 'string' || spec.version.trim() === '') problems.push('version must be a non-empty string');
  if (typeof spec.title !== 'string' || spec.title.trim() === '') problems.push('title must be a non-empty string');
  if (typeof spec.run !== 'function') problems.push('run must be a function');
  if (spec.execution !== undefined && spec.execution !== 'main' && spec.execution !== 'worker') {
    problems.push('execution must be "main" or "worker"');
  }
  for (const [name, param] of Object.entries(spec.params ?? {})) {
    if (!namePattern.test(name)) problems.push(`param name ${JSON.stringify(name)} is not an identifier`);
    if (!paramTypes.has(param.type)) {
      problems.push(`param ${name}: unknown type ${JSON.stringify(param.type)}`);
      continue;
    }
    if (param.default !== undefined) {
      const bad = checkParamValue(param, param.default);
      if (bad) problems.push(`param ${name}: default does not fit: ${bad}`);
    }
  }
  for (const [direction, ports] of [['input', spec.inputs ?? {}], ['output', spec.outputs ?? {}]] as const) {
    for (const [name, port] of Object.entries(ports)) {
      if (!namePattern.test(name)) problems.push(`${direction} name ${JSON.stringify(name)} is not an identifier`);
      if (!isArtifactKind(port.kind)) problems.push(`${direction} ${name}: unknown artifact kind ${JSON.stringify(port.kind)}`);
    }
  }
  problems.push(...checkStepResources(spec.resources));
  if (spec.costHint !== undefined && !(typeof spec.costHint === 'number' && Number.isFinite(spec.costHint) && spec.costHint > 0)) {
    problems.push(`costHint must be a positive number, got ${JSON.stringify(spec.costHint)}`);
  }
  if (spec.section && !(spec.section.id && spec.section.title && spec.section.level)) {
    problems.push('section needs id, level and title');
  }
  return problems;
}
