/** What other features may use of the desk (import boundary: only through this file). */
export {
  subscribeDossierEvents,
  unsubscribeDossierEvents,
  dossierEventSubscribers,
  registerDossierPanel,
  registerCitizenLink,
  type DossierEventMessage,
  type DossierEventFacts,
  type DossierEventSubscriber,
  type DossierPanelContext,
  type CitizenLinkInput,
  type CitizenLinkProvider,
} from './hooks.ts';
export {
  dossierRow,
  receivedEvent,
  receivedEventData,
  dossierEventFacts,
  type NewDossier,
  type DossierRowValues,
} from './intake/rows.ts';
export { dossierIdOf, hoSoOfDossier, importHoSo, type ImportResult } from './dvcqg/dvcqg-service.ts';
export type { HoSo } from './dvcqg/dvcqg.ts';
export { deskHome, type DeskHome } from './workflow/day.ts';
export { STATUS_LABELS, normalisePhone, type Applicant, type Status } from './model.ts';
export { DeskHomeSections } from './pages/home.tsx';
export { attach } from './attachments/attachments.ts';
export { form04Document, markElectronicCopy } from './forms/signable.ts';
export { act, intake, getDossier, lookupPublic } from './service.ts';
export {
  dossierByCode,
  dossierEventsOf,
  procedureNameOfDossier,
  latestDossiers,
  type DossierRecord,
  type DossierEventRecord,
  dossiersInStatus,
} from './reads.ts';
export { checkFile, putBlob, readBlob, uploadsDir, sniff, MAX_BYTES } from './attachments/attachments.ts';
export {
  NO_APPOINTMENT,
  isNoAppointment,
  clockAt,
  monitorBucket,
  atRisk,
  type Clock,
  type ClockEvent,
  type ClockFacts,
  type ClockState,
  type Verdict,
  type MonitorBucket,
} from './workflow/clock.ts';
export { clockEventsByDossier } from './service.ts';
export { resultsBoard } from './workflow/board.ts';
export {
  SECRET_ALPHABET,
  STATUS,
  TRANSITIONS,
  appointmentFor,
  dayKey,
  dossierCode,
  maskPhone,
  type DossierAction,
} from './model.ts';
export {
  dateTime,
  described,
  ErrorSummary,
  FieldMessage,
  dossierHref,
  type FieldError,
  type Shell,
} from './pages/common.tsx';
export { contentDisposition, fileName, type ContentType } from './attachments/attachments.ts';
export { dossierParties, dossierEventData } from './reads.ts';
export { firstReappointedDossierCode } from './reads.ts';
export { dossierCountsByCenter, dossiersOfCitizen, anonymiseCitizenInDossiers, type CitizenDossier } from './reads.ts';
export { dossiersTakenBy, dossierCodesByIds, dossierContacts } from './reads.ts';
