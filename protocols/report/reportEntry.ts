import { basename } from 'node:path';
import { VrsInputError, type ReportEntry } from '../../core/index.js';
import type { MapInfo } from '../preprocessing/import-map/MapInfo.js';

/** Facts about the entry that the workflow passes to the report step as parameters. */
export interface EntryParams {
  /** Absolute path of the map (only its base name is used: when the import failed). */
  map?: string | undefined;
  threshold?: number | undefined;
  resolution?: number | undefined;
  title?: string | undefined;
  emdbId?: string | undefined;
  pdbId?: string | undefined;
  authors?: readonly string[] | undefined;
  /** Facts from the EMDB header (vrs validate --emdb-header), shown in the front matter. */
  depositionDate?: string | undefined;
  fittedModels?: readonly string[] | undefined;
  symmetry?: string | undefined;
  resolutionMethod?: string | undefined;
  /** Molecular weight of the sample, kDa. */
  expectedMassKDa?: number | undefined;
  /** Absolute paths of the half maps (level 1; only their base names are recorded). */
  half1?: string | undefined;
  half2?: string | undefined;
  /** Absolute path of the atomic model (level A; only its base name is recorded). */
  model?: string | undefined;
}

/**
 * The report's front matter (`entry`) and the run's recorded `inputs`, from what vrs.importMap
 * found (`info`, absent when the map could not be read) and the step's parameters. Strings are
 * kept exactly as typed: the renderers escape them.
 */
export function reportEntry(info: MapInfo | undefined, params: EntryParams): { entry: ReportEntry; inputs: Record<string, unknown> } {
  if (params.resolution !== undefined && !(params.resolution > 0)) {
    throw new VrsInputError(`the reported resolution must be a positive number of Å, got ${params.resolution}`, 'report step', 'resolution');
  }
  const mapFile = info?.fileName ?? (params.map ? basename(params.map) : 'unknown map');
  const entry: ReportEntry = {
    ...(nonEmpty(params.title) ? { title: params.title } : {}),
    mapFile,
    ...(info ? { sha256: info.sha256, voxelSize: [...info.voxelSize], dims: [...info.dims] } : {}),
    ...(params.threshold !== undefined ? { threshold: params.threshold } : {}),
    resolution: params.resolution ?? null,
    ...(nonEmpty(params.emdbId) ? { emdbId: params.emdbId } : {}),
    ...(nonEmpty(params.pdbId) ? { pdbId: params.pdbId } : {}),
    ...(params.authors && params.authors.length > 0 ? { authors: [...params.authors] } : {}),
    ...(nonEmpty(params.depositionDate) ? { depositionDate: params.depositionDate } : {}),
    ...(params.fittedModels && params.fittedModels.length > 0 ? { fittedModels: [...params.fittedModels] } : {}),
    ...(nonEmpty(params.symmetry) ? { symmetry: params.symmetry } : {}),
    ...(nonEmpty(params.resolutionMethod) ? { resolutionMethod: params.resolutionMethod } : {}),
    ...(params.expectedMassKDa !== undefined && params.expectedMassKDa > 0 ? { expectedMassKDa: params.expectedMassKDa } : {}),
  };
  const inputs: Record<string, unknown> = {
    map: mapFile,
    ...(info ? { sha256: info.sha256, voxelSize: info.voxelSize, dims: info.dims } : {}),
    ...(params.threshold !== undefined ? { threshold: params.threshold } : {}),
    ...(params.resolution !== undefined ? { resolution: params.resolution } : {}),
    ...(params.half1 && params.half2 ? { halfMaps: [basename(params.half1), basename(params.half2)] } : {}),
    ...(params.model ? { model: basename(params.model) } : {}),
    ...(params.expectedMassKDa !== undefined ? { expectedMassKDa: params.expectedMassKDa } : {}),
  };
  return { entry, inputs };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
