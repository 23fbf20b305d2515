/**
 * JSON Schema (draft-07) of a workflow file. Structure only; what depends on the installed
 * protocols (names, kinds, parameter types) is checked afterwards by resolveWorkflow.
 */
export const workflowSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cryo-vrs/workflow.schema.json',
  title: 'cryo-vrs workflow',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1, description: 'Format version of this file.' },
    name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
    description: { type: 'string' },
    include: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Workflow files whose params and steps join this one (paths relative to this file).' },
    params: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { $ref: '#/definitions/param' },
    },
    steps: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { $ref: '#/definitions/step' },
    },
  },
  definitions: {
    param: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: ['number', 'integer', 'string', 'boolean', 'path', 'number[]', 'string[]'] },
        required: { type: 'boolean' },
        default: {},
        description: { type: 'string' },
        min: { type: 'number' },
        max: { type: 'number' },
        enum: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
    },
    step: {
      type: 'object',
      additionalProperties: false,
      required: ['protocol'],
      properties: {
        protocol: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        params: { type: 'object' },
        inputs: {
          type: 'object',
          propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          additionalProperties: {
            anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
          },
        },
        publish: {
          type: 'object',
          description: 'Output port → path inside the run folder where that output is copied.',
          additionalProperties: { type: 'string', minLength: 1 },
        },
        resources: { $ref: '#/definitions/resources' },
      },
    },
    resources: {
      type: 'object',
      description: "What one run of the step may use; each field overrides the protocol's declaration.",
      additionalProperties: false,
      properties: {
        threads: { type: 'integer', minimum: 1, description: 'Threads its parallel kernels may use.' },
        memoryMb: { type: 'number', exclusiveMinimum: 0, description: 'Memory in MB (locally: the JavaScript heap of a worker step).' },
        timeLimitSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Wall-clock seconds after which the step is stopped and fails.' },
      },
    },
  },
} as const;
