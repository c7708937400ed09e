/**
 * The one e-mail address check of the product (applicants, staff directory, centre contacts,
 * feedback, notifications): one address, no display name, no spaces or list separators, a dot in
 * the domain. Deliverability is the mail server's business.
 */
const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL_RE.test(s);
}
