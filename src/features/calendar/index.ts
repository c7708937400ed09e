/** What other features may use from the calendar room. */
export { calendarOf } from './service.ts';
