/** What other features may use of the one-stop desk. */
export { attach } from './attachments.ts';
