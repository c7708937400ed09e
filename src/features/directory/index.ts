/** What other features may use of this feature (import boundary: only through this file). */
export { telHref, type StaffContact } from './model.ts';
export { publicContacts, saveContact } from './service.ts';
