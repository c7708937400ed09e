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
import { PAYMENT_METHODS, RETURN_METHODS, type DossierAction } from '../model.ts';
import type { DossierEvent, DossierView } from '../service.ts';
import { deskMessages, type DeskKey } from '../messages.ts';
import { dayMessages } from '../workflow/day-messages.ts';
import {
  atTime,
  dateTime,
  described,
  ErrorSummary,
  FieldMessage,
  formHref,
  StatusBadge,
  statusLabel,
  type FieldError,
  type Shell,
} from './common.tsx';

import { feeText } from '../intake/fees.ts';

export interface FormLink {
  n: '01' | '02' | '03' | '04' | '05' | '06';
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

function ActionForm(p: {
  code: string;
  action: DossierAction;
  csrf: string;
  version: number;
  lang: Lang;
  open: boolean;
  children?: ComponentChildren;
  danger?: boolean;
}) {
  const t = translator(deskMessages, p.lang);
  return (
    <details class="action" id={`act-${p.action}`} open={p.open} data-action={p.action}>
      <summary>{t(`act_${p.action}`)}</summary>
      <form
        method="post"
        action={`/console/dossiers/${encodeURIComponent(p.code)}/actions/${p.action}${p.lang === 'en' ? '?lang=en' : ''}`}
        class="stack"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        {p.children}
        <button type="submit" class={p.danger ? 'danger' : undefined}>
          {t(`btn_${p.action}`)}
        </button>
      </form>
    </details>
  );
}

export function DossierPage(p: DossierPageProps) {
  const t = translator(deskMessages, p.lang);
  const dt = translator(dayMessages, p.lang);
  const d = p.dossier;
  const e = p.errors;
  const val = (a: DossierAction, k: string, dflt = ''): string => {
    if (p.submitted?.action !== a) return dflt;
    const v = p.submitted.values[k];
    return typeof v === 'string' ? v : dflt;
  };
  const vals = (a: DossierAction, k: string): string[] => {
    if (p.submitted?.action !== a) return [];
    const v = p.submitted.values[k];
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  };
  const firstError = e.find((x) => x.field)?.field;
  const input = (
    a: DossierAction,
    k: string,
    label: string,
    o: {
      type?: 'text' | 'date' | 'time';
      required?: boolean;
      area?: boolean;
      hint?: string;
      list?: string;
      value?: string;
      inputmode?: 'numeric';
    } = {},
  ) => {
    const id = `${a}-${k}`;
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {o.hint ? (
          <p class="hint" id={`${id}-hint`}>
            {o.hint}
          </p>
        ) : null}
        <FieldMessage id={id} errors={e} />
        {o.area ? (
          <textarea
            id={id}
            name={k}
            rows={3}
            required={o.required}
            autofocus={firstError === id}
            {...described(id, e, !!o.hint)}
          >
            {val(a, k, o.value ?? '')}
          </textarea>
        ) : (
          <input
            id={id}
            name={k}
            type={o.type ?? 'text'}
            value={val(a, k, o.value ?? '')}
            required={o.required}
            list={o.list}
            inputMode={o.inputmode}
            autocomplete="off"
            autofocus={firstError === id}
            {...described(id, e, !!o.hint)}
          />
        )}
      </div>
    );
  };
  const forms: Record<DossierAction, () => ComponentChildren> = {
    accept: () => null,
    refuse: () => input('refuse', 'reason', t('reason'), { area: true, required: true }),
    guide: () => (
      <>
        {input('guide', 'reason', t('reason'), { area: true, required: true })}
        {input('guide', 'missing', t('missingList'), { area: true })}
      </>
    ),
    handoff: () => (
      <>
        <div class="field">
          <label for="handoff-toUserId">{dt('handoffUser')}</label>
          <FieldMessage id="handoff-toUserId" errors={e} />
          <select id="handoff-toUserId" name="toUserId" autofocus={firstError === 'handoff-toUserId'}>
            <option value="">{dt('handoffUserNone')}</option>
            {(p.handoffUsers ?? []).map((u) => (
              <option value={String(u.id)} selected={val('handoff', 'toUserId', '') === String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {input('handoff', 'to', dt('handoffUnit'), { list: 'handoff-people', hint: dt('handoffUnitHint') })}
        <datalist id="handoff-people">
          {p.handoffSuggestions.map((s) => (
            <option value={s} />
          ))}
        </datalist>
        {input('handoff', 'note', t('note'))}
      </>
    ),
    request_supplement: () => (
      <>
        {d.supplementCount >= 1 ? <p class="notice">{t('supplementWarn')}</p> : null}
        {input('request_supplement', 'reason', t('reason'), { area: true, required: true })}
        {d.components.length ? (
          <fieldset>
            <legend>{t('supplementWhat')}</legend>
            {d.components.map((c) => (
              <label class="choice">
                <input
                  type="checkbox"
                  name="what"
                  value={c.name}
                  checked={vals('request_supplement', 'what').includes(c.name)}
                />{' '}
                {c.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        {input('request_supplement', 'other', t('supplementOther'), { area: true })}
      </>
    ),
    complete_supplement: () => input('complete_supplement', 'note', t('note')),
    request_payment: () => (
      <>
        {input('request_payment', 'amount', t('amount'), { required: true, inputmode: 'numeric' })}
        {input('request_payment', 'note', t('note'))}
      </>
    ),
    confirm_payment: () => (
      <>
        <div class="field">
          <label for="confirm_payment-method">{t('payMethod')}</label>
          <FieldMessage id="confirm_payment-method" errors={e} />
          <select id="confirm_payment-method" name="method">
            {PAYMENT_METHODS.map((m) => (
              <option
                value={m}
                selected={val('confirm_payment', 'method', d.channel === 'online' ? 'online' : 'cash') === m}
              >
                {t(`pay_${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="confirm_payment-gateway">{t('payGateway')}</label>
          <select id="confirm_payment-gateway" name="gateway">
            {(['dvcqg', 'local'] as const).map((g) => (
              <option value={g} selected={val('confirm_payment', 'gateway', 'dvcqg') === g}>
                {t(`gateway_${g}`)}
              </option>
            ))}
          </select>
        </div>
        {input('confirm_payment', 'reference', t('payReference'))}
        {input('confirm_payment', 'note', t('note'))}
      </>
    ),
    mark_processed: () => (
      <>
        {input('mark_processed', 'result', t('result'), { area: true })}
        <label class="choice">
          <input
            type="checkbox"
            id="mark_processed-electronic"
            name="electronic"
            value="1"
            checked={val('mark_processed', 'electronic') === '1'}
            aria-describedby="mark_processed-electronic-hint"
          />{' '}
          {t('electronic')}
        </label>
        <p class="hint" id="mark_processed-electronic-hint">
          {t('electronicHint')}
        </p>
        <FieldMessage id="mark_processed-electronic" errors={e} />
      </>
    ),
    return_result: () => (
      <div class="field">
        <label for="return_result-method">{t('method')}</label>
        <FieldMessage id="return_result-method" errors={e} />
        <select id="return_result-method" name="method">
          {RETURN_METHODS.map((m) => (
            <option
              value={m}
              selected={val('return_result', 'method', d.channel === 'online' ? 'online' : 'desk') === m}
            >
              {t(`method_${m}`)}
            </option>
          ))}
        </select>
      </div>
    ),
    withdraw: () => (
      <>
        <p class="hint">{t('withdrawConfirm')}</p>
        {input('withdraw', 'reason', t('reasonOptional'), { area: true })}
      </>
    ),
    stop: () => input('stop', 'reason', t('reason'), { area: true, required: true }),
    extend: () => (
      <>
        <p class="hint">
          {t('extendHint', { n: p.extendDefault.days, current: atTime(d.extendedDueAt ?? d.dueAt, p.lang) })}
        </p>
        {input('extend', 'reason', t('reason'), { area: true, required: true })}
        <div class="row2">
          {input('extend', 'date', t('newDate'), { type: 'date', required: true, value: p.extendDefault.date })}
          {input('extend', 'time', t('newTime'), { type: 'time', required: true, value: p.extendDefault.time })}
        </div>
      </>
    ),
  };
  const danger = new Set<DossierAction>(['refuse', 'withdraw', 'stop']);
  return (
    <ConsoleLayout {...p} title={t('dossierTitle', { code: d.code })}>
      <p class="crumbs">
        <a href="/console/dossiers">{t('back')}</a>
      </p>
      <h1>
        {t('dossierTitle', { code: d.code })} <StatusBadge status={d.status} lang={p.lang} />
      </h1>
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
      <ErrorSummary errors={e} lang={p.lang} />
      {/* The receipt only for a received dossier: a refusal prints form 03 (issue 11). */}
      {p.forms.some((f) => f.n === '01') ? (
        <p class="receipt-line">
          <a
            class="button big"
            href={formHref(d.code, '01')}
            accesskey="i"
            aria-keyshortcuts="Alt+I"
            autofocus={p.justReceived && !e.length}
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
      <div class="desk-grid">
        <div class="desk-main">
          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title" class="visually-hidden">
              {t('dossierTitle', { code: d.code })}
            </h2>
            <dl class="facts" data-testid="facts">
              <dt>{t('status')}</dt>
              <dd data-testid="status">{statusLabel(d.status, p.lang)}</dd>
              <dt>{t('procedure')}</dt>
              <dd>
                {d.procedureName} <span class="muted">({d.procedureCode})</span>
              </dd>
              <dt>{t('field')}</dt>
              <dd>{d.field}</dd>
              <dt>{t('applicant')}</dt>
              <dd data-testid="applicant">
                {who(d.applicant, p.lang)}
                {contact(d.applicant) ? <span class="block muted">{contact(d.applicant)}</span> : null}
              </dd>
              {d.owner ? (
                <>
                  <dt>{t('owner')}</dt>
                  <dd>
                    {who(d.owner, p.lang)}
                    {d.owner.address ? <span class="block muted">{d.owner.address}</span> : null}
                  </dd>
                </>
              ) : null}
              <dt>{t('receivedAt')}</dt>
              <dd>
                {dateTime(d.receivedAt)} <span class="muted">· {t(`channel_${d.channel}`)}</span>
              </dd>
              <dt>{t('dueAt')}</dt>
              <dd data-testid="due">
                {d.noAppointment ? t('noAppointment') : atTime(d.dueAt, p.lang)}{' '}
                {d.sameDay ? <span class="badge ok same-day">{t('sameDay')}</span> : null}
                {d.clock?.state === 'paused' ? <span class="badge">{t('clockPaused')}</span> : null}
              </dd>
              {d.extendedDueAt ? (
                <>
                  <dt>{t('extendedDueAt')}</dt>
                  <dd data-testid="extended-due">{atTime(d.extendedDueAt, p.lang)}</dd>
                </>
              ) : null}
              {!d.noAppointment && d.effectiveDueAt !== d.dueAt && d.supplementCount ? (
                <>
                  <dt>{t('effectiveDueAt')}</dt>
                  <dd>{atTime(d.effectiveDueAt, p.lang)}</dd>
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
                    {[
                      d.processedAt ? dateTime(d.processedAt) : '',
                      d.flags.electronicResult ? t('electronicResult') : '',
                    ]
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
          <AttachmentsSection lang={p.lang} csrf={p.csrf} dossier={d} events={p.events} />
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
                {p.events.map((ev) => (
                  <tr data-action={ev.action}>
                    <td class="nowrap">{dateTime(ev.at)}</td>
                    <td data-label={t('colAction')}>
                      {t(`ev_${ev.action}` as DeskKey) ?? ev.action}
                      {ev.toStatus !== null &&
                      ev.toStatus !== ev.fromStatus &&
                      statusLabel(ev.toStatus, p.lang) !== t(`ev_${ev.action}` as DeskKey) ? (
                        <span class="block muted">→ {statusLabel(ev.toStatus, p.lang)}</span>
                      ) : null}
                    </td>
                    <td data-label={t('colActor')}>{ev.actor}</td>
                    <td data-label={t('colNotes')}>
                      {notesOf(ev, p.lang).map((n) => (
                        <span class="block">{n}</span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <aside class="desk-side">
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">{t('actionsTitle')}</h2>
            {p.actions.length === 0 ? (
              <p class="muted" data-testid="no-actions">
                {t('noActions')}
              </p>
            ) : null}
            <div data-testid="actions">
              {p.actions.map((a) => (
                <ActionForm
                  code={d.code}
                  action={a}
                  csrf={p.csrf}
                  version={d.version}
                  lang={p.lang}
                  open={p.openAction === a}
                  danger={danger.has(a)}
                >
                  {forms[a]()}
                </ActionForm>
              ))}
            </div>
          </section>
          {p.extra}
          <section aria-labelledby="forms-title">
            <h2 id="forms-title">{t('formsTitle')}</h2>
            <ul class="forms-list" data-testid="forms">
              {p.forms.map((f) => (
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
                    {p.lang === 'vi'
                      ? 'Tờ khai điền sẵn thông tin người yêu cầu'
                      : 'Declaration pre-filled with the applicant'}
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
        </aside>
      </div>
    </ConsoleLayout>
  );
}
