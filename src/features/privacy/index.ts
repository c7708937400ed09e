/** What others may use of the privacy feature (data-subject requests, retention). */
export { eraseCitizen, exportCitizen, pseudonym, type EraseResult } from './service.ts';
export { retentionPass, startRetentionJob } from './jobs.ts';
