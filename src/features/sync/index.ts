/** What other features may use of the DVCQG sync (import boundary: only through this file). */
export { enqueueSyncForDossierEvent, dossierSync } from './service.ts';
export { startSyncJobs } from './job.ts';
export { registerSyncRoutes } from './routes.ts';
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export { syncDossierPanel } from './panel.ts';
