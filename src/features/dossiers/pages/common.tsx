/** Pieces shared by the desk pages: the console shell props, the error summary, date formats, form links. */
import type { ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatHm, formatVi, toLocal } from '../../../core/calendar/index.ts';
import { STATUS_LABELS, type Status } from '../model.ts';
import { deskMessages } from '../messages.ts';

export interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

/** A message tied to the input it is about (`field` is the input's id), or to the page (no field). */
export interface FieldError {
  field?: string;
  message: string;
}

/** "27/11/2026 17:00" (Vietnam time), as in the timeline. */
export function dateTime(iso: string): string {
  const l = toLocal(new Date(iso));
  return `${formatVi(l.date)} ${formatHm(l.minute)}`;
}

/** "17:00 ngày 27/11/2026" / "17:00 on 27/11/2026", as on the receipt. */
export function atTime(iso: string, lang: Lang): string {
  const l = toLocal(new Date(iso));
  return translator(deskMessages, lang)('atTime', { hm: formatHm(l.minute), date: formatVi(l.date) });
}

export function statusLabel(s: number, lang: Lang): string {
  return STATUS_LABELS[s as Status]?.[lang] ?? String(s);
}

/** Colour of a status badge: open work, waiting on the citizen, done, ended. */
export function statusClass(s: number): string {
  if (s === 9 || s === 10) return 'badge ok';
  if (s === 5 || s === 6 || s === 1) return 'badge warn';
  if (s === 3 || s === 7 || s === 8) return 'badge ended';
  return 'badge';
}

export function StatusBadge({ status, lang }: { status: number; lang: Lang }) {
  return (
    <span class={statusClass(status)} data-status={status}>
      {statusLabel(status, lang)}
    </span>
  );
}

/** Where the legal forms of a dossier are printed (rendered by the forms feature). */
export function formHref(code: string, n: '01' | '02' | '03' | '04' | '05' | '06'): string {
  return `/console/dossiers/${encodeURIComponent(code)}/forms/${n}.pdf`;
}

export function dossierHref(code: string): string {
  return `/console/dossiers/${encodeURIComponent(code)}`;
}

/** The GOV.UK-style error summary: each message links to its input. */
export function ErrorSummary({ errors, lang }: { errors: FieldError[]; lang: Lang }) {
  if (!errors.length) return null;
  const t = translator(deskMessages, lang);
  return (
    <div class="error-summary" role="alert" tabindex={-1} data-testid="errors">
      <h2>{t('errors')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** The message shown under an input, when there is one. */
export function FieldMessage({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}

/** aria-describedby / aria-invalid for an input with a hint and perhaps an error. */
export function described(
  id: string,
  errors: FieldError[],
  hint = false,
): { 'aria-describedby'?: string; 'aria-invalid'?: 'true' } {
  const ids = [hint ? `${id}-hint` : '', errors.some((e) => e.field === id) ? `${id}-error` : ''].filter(Boolean);
  return {
    ...(ids.length ? { 'aria-describedby': ids.join(' ') } : {}),
    ...(errors.some((e) => e.field === id) ? { 'aria-invalid': 'true' as const } : {}),
  };
}
