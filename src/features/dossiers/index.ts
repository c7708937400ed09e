/** The dossiers feature's contract for other features (import boundary: only through this file). */
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
} from './clock.ts';
