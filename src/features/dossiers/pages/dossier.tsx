/**
 * One dossier for staff: the facts (full personal data: staff only), the legal forms that apply,
 * a form per workflow action the actor may take in the current status, and the timeline of
 * events. The likely next step is open; the others fold into <details> (no JavaScript needed).
 */
import { declarationFor } from '../../boards/index.ts';
import { AttachmentsSection } from './attachments.tsx';
import type { ComponentChildren } from 'preact';
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVnd } from '../../../core/text/index.ts';
import type { DossierAction, PrintableForm } from '../model.ts';
import type { DossierEvent, DossierView } from '../service.ts';
import { deskMessages, type DeskKey } from '../messages.ts';
import {
  atTime,
  dateTime,
  ErrorSummary,
  formHref,
  StatusBadge,
  statusLabel,
  type FieldError,
  type Shell,
} from './common.tsx';

import { feeText } from '../intake/fees.ts';
import { ActionsSection } from './dossier-actions.tsx';

export interface FormLink {
  n: PrintableForm;
  label: DeskKey;
}

export type DossierPageProps = Shell & {
  /** Extra sections of the side column (the apology letters). */
  extra?: ComponentChildren;
  dossier: DossierView;
  events: DossierEvent[];
  forms: FormLink[];
  actions: DossierAction[];
  /** The action whose form is shown open (the likely next step, or the one just submitted). */
  openAction: DossierAction | null;
  /** What was typed in the submitted form, and its problems (400) or the page-level message (409). */
  submitted: { action: DossierAction; values: Record<string, string | string[]> } | null;
  errors: FieldError[];
  flash: string | null;
  justReceived: boolean;
  handoffSuggestions: string[];
  /** Officers of the centre a dossier can be handed to (the holder is a user, "Của tôi"). */
  handoffUsers?: { id: number; name: string }[];
  extendDefault: { date: string; time: string; days: number };
};

function who(a: DossierView['applicant'], lang: Lang): string {
  const t = translator(deskMessages, lang);
  const parts = [a.kind === 'organization' && a.orgName ? `${a.orgName} (${a.fullName})` : a.fullName];
  if (a.idNumber) parts.push(`${t('idShort')} ${a.idNumber}`);
  if (a.taxCode) parts.push(`${t('taxShort')} ${a.taxCode}`);
  return parts.join(' · ');
}

function contact(a: DossierView['applicant']): string {
  return [a.phone, a.email, a.address].filter(Boolean).join(' · ');
}

/** The notes column of the timeline, in words. */
function notesOf(e: DossierEvent, lang: Lang): string[] {
  const t = translator(deskMessages, lang);
  const d = e.data;
  const s = (k: string) => (typeof d[k] === 'string' ? d[k] : '');
  const out: string[] = [];
  switch (e.action) {
    case 'received':
      if (s('dueAt')) out.push(t('note_due', { at: atTime(s('dueAt'), lang) }));
      if (s('channel'))
        out.push(t('note_channel', { channel: t(`channel_${s('channel')}` as DeskKey) ?? s('channel') }));
      break;
    case 'accept':
      if (s('dueAt')) out.push(t('note_due', { at: atTime(s('dueAt'), lang) }));
      break;
    case 'handoff':
      if (s('to')) out.push(t('note_to', { to: s('to') }));
      if (d.onTime === false) out.push(t('note_lateHandoff'));
      break;
    case 'guide':
    case 'request_supplement':
      if (Array.isArray(d.components) && d.components.length)
        out.push(t('note_components', { list: (d.components as string[]).join('; ') }));
      if (d.countsAsLate === true) out.push(t('note_late'));
      break;
    case 'request_payment':
      if (typeof d.amount === 'number') out.push(t('note_amount', { amount: formatVnd(d.amount) }));
      break;
    case 'confirm_payment':
      if (s('method')) out.push(t('note_payMethod', { method: t(`pay_${s('method')}` as DeskKey) ?? s('method') }));
      if (s('reference')) out.push(t('note_payReference', { ref: s('reference') }));
      break;
    case 'mark_processed':
      if (s('result')) out.push(t('note_result', { result: s('result') }));
      break;
    case 'return_result':
      if (s('method')) out.push(t('note_method', { method: t(`method_${s('method')}` as DeskKey) ?? s('method') }));
      break;
    case 'extend':
      if (s('after'))
        out.push(
          t('note_newDue', { at: atTime(s('after'), lang), before: s('before') ? atTime(s('before'), lang) : '—' }),
        );
      break;
  }
  if (s('reason')) out.push(t('note_reason', { reason: s('reason') }));
  if (s('note')) out.push(s('note'));
  return out;
}

interface Facts {
  d: DossierView;
  lang: Lang;
}

/** Who, what and when the dossier was received. */
function PartyFacts({ d, lang }: Facts) {
  const t = translator(deskMessages, lang);
  return (
    <>
      <dt>{t('status')}</dt>
      <dd data-testid="status">{statusLabel(d.status, lang)}</dd>
      <dt>{t('procedure')}</dt>
      <dd>
        {d.procedureName} <span class="muted">({d.procedureCode})</span>
      </dd>
      <dt>{t('field')}</dt>
      <dd>{d.field}</dd>
      <dt>{t('applicant')}</dt>
      <dd data-testid="applicant">
        {who(d.applicant, lang)}
        {contact(d.applicant) ? <span class="block muted">{contact(d.applicant)}</span> : null}
      </dd>
      {d.owner ? (
        <>
          <dt>{t('owner')}</dt>
          <dd>
            {who(d.owner, lang)}
            {d.owner.address ? <span class="block muted">{d.owner.address}</span> : null}
          </dd>
        </>
      ) : null}
      <dt>{t('receivedAt')}</dt>
      <dd>
        {dateTime(d.receivedAt)} <span class="muted">· {t(`channel_${d.channel}`)}</span>
      </dd>
    </>
  );
}

/** The appointment, as re-appointed and as moved by supplement waits, and the clock's verdict. */
function DueFacts({ d, lang }: Facts) {
  const t = translator(deskMessages, lang);
  return (
    <>
      <dt>{t('dueAt')}</dt>
      <dd data-testid="due">
        {d.noAppointment ? t('noAppointment') : atTime(d.dueAt, lang)}{' '}
        {d.sameDay ? <span class="badge ok same-day">{t('sameDay')}</span> : null}
        {d.clock?.state === 'paused' ? <span class="badge">{t('clockPaused')}</span> : null}
      </dd>
      {d.extendedDueAt ? (
        <>
          <dt>{t('extendedDueAt')}</dt>
          <dd data-testid="extended-due">{atTime(d.extendedDueAt, lang)}</dd>
        </>
      ) : null}
      {!d.noAppointment && d.effectiveDueAt !== d.dueAt && d.supplementCount ? (
        <>
          <dt>{t('effectiveDueAt')}</dt>
          <dd>{atTime(d.effectiveDueAt, lang)}</dd>
        </>
      ) : null}
      {d.verdict ? (
        <>
          <dt>{t('verdict')}</dt>
          <dd>
            <span
              class={`badge ${d.verdict === 'late' || d.verdict === 'overdue' ? 'late' : 'ok'}`}
              data-testid="verdict"
            >
              {t(`verdict_${d.verdict}`)}
            </span>
          </dd>
        </>
      ) : null}
    </>
  );
}

/** Who holds it, supplements, the result, the fee, how it was returned. */
function ProgressFacts({ d, lang }: Facts) {
  const t = translator(deskMessages, lang);
  return (
    <>
      <dt>{t('holder')}</dt>
      <dd data-testid="holder">{d.holder ?? t('holderDesk')}</dd>
      {d.supplementCount ? (
        <>
          <dt>{t('supplementCount')}</dt>
          <dd>{d.supplementCount}</dd>
        </>
      ) : null}
      {d.processedAt || d.flags.electronicResult ? (
        <>
          <dt>{t('processedAt')}</dt>
          <dd>
            {[d.processedAt ? dateTime(d.processedAt) : '', d.flags.electronicResult ? t('electronicResult') : '']
              .filter(Boolean)
              .join(' · ')}
          </dd>
        </>
      ) : null}
      {d.fee ? (
        <>
          <dt>{t('fee')}</dt>
          <dd data-testid="fee">{feeText(d.fee)}</dd>
        </>
      ) : null}
      {d.returnMethod ? (
        <>
          <dt>{t('returnMethod')}</dt>
          <dd>
            {t(`method_${d.returnMethod}` as DeskKey)}
            {d.returnedAt ? ` · ${dateTime(d.returnedAt)}` : ''}
          </dd>
        </>
      ) : null}
    </>
  );
}

/** The facts card: full personal data (staff only), the secret, the components received. */
function FactsCard({ d, lang }: Facts) {
  const t = translator(deskMessages, lang);
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title" class="visually-hidden">
        {t('dossierTitle', { code: d.code })}
      </h2>
      <dl class="facts" data-testid="facts">
        <PartyFacts d={d} lang={lang} />
        <DueFacts d={d} lang={lang} />
        <ProgressFacts d={d} lang={lang} />
        <dt>{t('lookupSecret')}</dt>
        <dd>
          <code data-testid="secret">{d.lookupSecret}</code>
        </dd>
        <dt>{t('sets')}</dt>
        <dd>{d.sets}</dd>
        {d.subject ? (
          <>
            <dt>{t('subjectShort')}</dt>
            <dd>{d.subject}</dd>
          </>
        ) : null}
      </dl>
      {d.components.length ? (
        <>
          <h3>{t('components')}</h3>
          <ul class="compact">
            {d.components.map((c) => (
              <li>
                {c.name} <span class="muted">— {t('countOf', { originals: c.originals, copies: c.copies })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Timeline({ events, lang }: { events: DossierEvent[]; lang: Lang }) {
  const t = translator(deskMessages, lang);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <table class="stack-table timeline" data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colAction')}</th>
            <th scope="col">{t('colActor')}</th>
            <th scope="col">{t('colNotes')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((ev) => (
            <tr data-action={ev.action}>
              <td class="nowrap">{dateTime(ev.at)}</td>
              <td data-label={t('colAction')}>
                {t(`ev_${ev.action}` as DeskKey) ?? ev.action}
                {ev.toStatus !== null &&
                ev.toStatus !== ev.fromStatus &&
                statusLabel(ev.toStatus, lang) !== t(`ev_${ev.action}` as DeskKey) ? (
                  <span class="block muted">→ {statusLabel(ev.toStatus, lang)}</span>
                ) : null}
              </td>
              <td data-label={t('colActor')}>{ev.actor}</td>
              <td data-label={t('colNotes')}>
                {notesOf(ev, lang).map((n) => (
                  <span class="block">{n}</span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The printable forms (the one rule, model.ts printableForms), the pre-filled declaration, certification. */
function FormsSection({ d, forms, lang }: { d: DossierView; forms: FormLink[]; lang: Lang }) {
  const t = translator(deskMessages, lang);
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{t('formsTitle')}</h2>
      <ul class="forms-list" data-testid="forms">
        {forms.map((f) => (
          <li>
            <a href={formHref(d.code, f.n)} data-form={f.n}>
              {t(f.label)}
            </a>{' '}
            <span class="muted">({t('pdf')})</span>
            {f.n === '04' ? (
              <>
                {' · '}
                <a href={`/console/signing?kind=form04&ref=${encodeURIComponent(d.code)}`} data-testid="sign-04">
                  {t('signDigitally')}
                </a>
              </>
            ) : null}
          </li>
        ))}
        {declarationFor(d.procedureCode) ? (
          <li>
            <a href={`/console/dossiers/${encodeURIComponent(d.code)}/to-khai.pdf`} data-form="to-khai">
              {lang === 'vi' ? 'Tờ khai điền sẵn thông tin người yêu cầu' : 'Declaration pre-filled with the applicant'}
            </a>{' '}
            <span class="muted">({t('pdf')})</span>
          </li>
        ) : null}
        {d.field === 'Chứng thực' ? (
          <li>
            <a href={`/console/certification?dossier=${encodeURIComponent(d.code)}`} data-testid="certify-copy">
              {t('certifyCopy')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** The flash messages and the big receipt link (a refusal prints form 03 instead: issue 11). */
function PageTop(p: DossierPageProps) {
  const t = translator(deskMessages, p.lang);
  const d = p.dossier;
  return (
    <>
      {p.justReceived ? (
        <p class="status" role="status" data-testid="flash">
          {t('justReceived', { code: d.code, secret: d.lookupSecret })}
        </p>
      ) : null}
      {p.flash ? (
        <p class="status" role="status" data-testid="flash">
          {p.flash}
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} lang={p.lang} />
      {/* The receipt only for a received dossier: a refusal prints form 03 (issue 11). */}
      {p.forms.some((f) => f.n === '01') ? (
        <p class="receipt-line">
          <a
            class="button big"
            href={formHref(d.code, '01')}
            accesskey="i"
            aria-keyshortcuts="Alt+I"
            autofocus={p.justReceived && !p.errors.length}
            data-testid="receipt-link"
          >
            {t('printReceipt')}
          </a>
        </p>
      ) : p.forms.some((f) => f.n === '03') ? (
        <p class="receipt-line">
          <a class="button big" href={formHref(d.code, '03')} data-testid="refusal-link">
            {t('form03')}
          </a>
        </p>
      ) : null}
    </>
  );
}

export function DossierPage(p: DossierPageProps) {
  const t = translator(deskMessages, p.lang);
  const d = p.dossier;
  return (
    <ConsoleLayout {...p} title={t('dossierTitle', { code: d.code })}>
      <p class="crumbs">
        <a href="/console/dossiers">{t('back')}</a>
      </p>
      <h1>
        {t('dossierTitle', { code: d.code })} <StatusBadge status={d.status} lang={p.lang} />
      </h1>
      <PageTop {...p} />
      <div class="desk-grid">
        <div class="desk-main">
          <FactsCard d={d} lang={p.lang} />
          <AttachmentsSection lang={p.lang} csrf={p.csrf} dossier={d} events={p.events} />
          <Timeline events={p.events} lang={p.lang} />
        </div>
        <aside class="desk-side">
          <ActionsSection {...p} />
          {p.extra}
          <FormsSection d={d} forms={p.forms} lang={p.lang} />
        </aside>
      </div>
    </ConsoleLayout>
  );
}
