/**
 * Typed parameters of protocols and workflows. `path` is a file name: the engine resolves it,
 * checks that it exists, and keys the step cache by the file's content (not by its location).
 */
export type ParamType = 'number' | 'integer' | 'string' | 'boolean' | 'path' | 'number[]' | 'string[]';

interface ParamSpecBase {
  description?: string;
  /** A value must be given (by the workflow or the user) when there is no default. */
  required?: boolean;
}

export interface NumberParamSpec extends ParamSpecBase {
  type: 'number' | 'integer';
  default?: number;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
}

export interface NumberListParamSpec extends ParamSpecBase {
  type: 'number[]';
  default?: readonly number[];
  /** Inclusive bounds for every element. */
  min?: number;
  max?: number;
}

export interface StringParamSpec extends ParamSpecBase {
  type: 'string';
  default?: string;
  /** Allowed values. */
  enum?: readonly string[];
}

export interface StringListParamSpec extends ParamSpecBase {
  type: 'string[]';
  default?: readonly string[];
  enum?: readonly string[];
}

export interface BooleanParamSpec extends ParamSpecBase {
  type: 'boolean';
  default?: boolean;
}

export interface PathParamSpec extends ParamSpecBase {
  type: 'path';
  default?: string;
}

export type ParamSpec =
  | NumberParamSpec
  | NumberListParamSpec
  | StringParamSpec
  | StringListParamSpec
  | BooleanParamSpec
  | PathParamSpec;

export type ParamSpecs = Record<string, ParamSpec>;

/** The TypeScript type of a parameter's value. */
export type ParamValue<S extends ParamSpec> = S extends { type: 'number' | 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'number[]' }
      ? number[]
      : S extends { type: 'string[]' }
        ? S extends { enum: readonly (infer E)[] }
          ? E[]
          : string[]
        : S extends { enum: readonly (infer E)[] }
          ? E
          : string;

type Guaranteed<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;

/** Validated parameter values as a protocol's `run` sees them (defaults applied). */
export type ParamValues<P extends ParamSpecs> = {
  readonly [K in keyof P]: Guaranteed<P[K]> extends true ? ParamValue<P[K]> : ParamValue<P[K]> | undefined;
};

/** Any validated parameter value. */
export type AnyParamValue = number | string | boolean | number[] | string[];
