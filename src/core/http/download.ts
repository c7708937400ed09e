/** The one Content-Disposition for files the product sends (RFC 6266). */
import { stripDiacritics } from '../text/index.ts';

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (or `inline; …`): Vietnamese names survive in
 * browsers, old clients get an ASCII name without diacritics.
 */
export function contentDisposition(name: string, inline = false): string {
  const ascii = stripDiacritics(name).replace(/[^A-Za-z0-9._ -]/g, '_') || 'tep';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
