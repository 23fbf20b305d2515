import type { CampaignEntry } from './readCampaignFile.js';

/** What `vrs validate` takes, as a campaign row gives it (the CLI's ValidationOptions). */
export interface EntryValidationOptions {
  map?: string;
  half1?: string;
  half2?: string;
  model?: string;
  threshold?: number;
  resolution?: number;
  voxel?: number;
  emdb?: string;
  archive?: string;
  emdbHeader?: string;
  expectedMassKDa?: number;
  compatibility?: 'corrected' | 'original';
}

/** The row's validation options; the campaign's archive folder applies to rows with an EMDB id. */
export function entryValidationOptions(entry: CampaignEntry, archive: string | undefined): EntryValidationOptions {
  const f = entry.fields;
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const options: EntryValidationOptions = {
    map: f.map,
    half1: f.half1,
    half2: f.half2,
    model: f.model,
    threshold: number(f.threshold),
    resolution: number(f.resolution),
    voxel: number(f.voxel),
    emdb: f.emdb,
    archive: f.emdb !== undefined ? archive : undefined,
    emdbHeader: f.emdb_header,
    expectedMassKDa: number(f.expected_mass),
    compatibility: f.compatibility as EntryValidationOptions['compatibility'],
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as EntryValidationOptions;
}

const FLAGS: Record<keyof EntryValidationOptions, string> = {
  map: '--map',
  half1: '--half1',
  half2: '--half2',
  model: '--model',
  threshold: '--threshold',
  resolution: '--resolution',
  voxel: '--voxel',
  emdb: '--emdb',
  archive: '--archive',
  emdbHeader: '--emdb-header',
  expectedMassKDa: '--expected-mass',
  compatibility: '--compatibility',
};

/** The same options as `vrs validate` arguments (numbers printed exactly, as JSON does). */
export function validateArguments(options: EntryValidationOptions): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(options) as [keyof EntryValidationOptions, string | number][]) {
    args.push(FLAGS[key], String(value));
  }
  return args;
}
