export { CampaignLedger, type EntryState, type LedgerRow } from './CampaignLedger.js';
export type { CampaignExecutor, EntryJob, EntryOutcome, ExecutorHooks } from './CampaignExecutor.js';
export { cancelCampaignJobs } from './cancelCampaignJobs.js';
export { createCampaignExecutor } from './createCampaignExecutor.js';
export { LocalExecutor } from './LocalExecutor.js';
export { DEFAULT_ENTRY_MEMORY_MB, SlurmExecutor } from './SlurmExecutor.js';
export { campaignColumns, readCampaignFile, type CampaignEntry } from './readCampaignFile.js';
export { runCampaign, type CampaignResult, type CampaignRunOptions, type PlannedEntry } from './runCampaign.js';
