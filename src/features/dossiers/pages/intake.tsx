/**
 * Intake at the desk (plan III.1.5, III.3.1): step 1 finds the procedure (GET ?q=), step 2 is the
 * full form for the chosen procedure (GET ?procedure=<code>) with its checklist prefilled and the
 * appointment the engine would give now. Works without JavaScript; the keyboard path is
 * type → Enter → Enter → type, Tab … → Enter.
 */
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { hasFixedLimit, timeLimitText, type ComponentRequirement, type ProcedureData } from '../../catalog/index.ts';
import { isNoAppointment } from '../workflow/clock.ts';
import { CHANNELS, PAYMENT_METHODS } from '../model.ts';
import { amountPer, computeFee, defaultQuantities, FEE_STATUSES, hasTiers, vnd } from '../intake/fees.ts';
import { deskMessages } from '../messages.ts';
import { atTime, described, ErrorSummary, FieldMessage, type FieldError, type Shell } from './common.tsx';
import { CCCD_SCRIPT_PATH, SCAN_MAX_LENGTH, ScanBox, scanFormAttrs } from './scan.tsx';

export interface ProcedureHit {
  code: string;
  name: string;
  field: string;
  timeLimit: ProcedureData['timeLimit'];
  sameDayEligible: boolean;
}

const langQ = (lang: Lang, sep: '?' | '&') => (lang === 'en' ? `${sep}lang=en` : '');

/** What the desk carries from step 1 to step 2: a queue ticket to link (`ve`) and a preset channel (`channel`, e.g. home). */
export interface IntakeCarry {
  ve: string;
  channel: string;
}

function carryQuery(c: IntakeCarry | undefined): string {
  return `${c?.ve ? `&ve=${encodeURIComponent(c.ve)}` : ''}${c?.channel ? `&channel=${encodeURIComponent(c.channel)}` : ''}`;
}

export function IntakeSearchPage(
  p: Shell & { q: string; hits: ProcedureHit[]; total: number; errors: FieldError[]; carry?: IntakeCarry },
) {
  const t = translator(deskMessages, p.lang);
  const searched = p.q !== '';
  return (
    <ConsoleLayout {...p} title={t('intakeTitle')}>
      <h1>{t('intakeTitle')}</h1>
      <ErrorSummary errors={p.errors} lang={p.lang} />
      <h2 class="step">{t('intakeStep1')}</h2>
      <form method="get" action="/console/dossiers/new" class="search" role="search">
        <label for="q">{t('searchLabel')}</label>
        <p class="hint" id="q-hint">
          {t('searchHint')}
        </p>
        <div class="search-row">
          <input
            type="search"
            id="q"
            name="q"
            value={p.q}
            maxLength={200}
            aria-describedby="q-hint"
            autocomplete="off"
            enterkeyhint="search"
            autofocus={!searched || p.hits.length === 0}
          />
          <button type="submit">{t('searchButton')}</button>
        </div>
        {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        {p.carry?.ve ? <input type="hidden" name="ve" value={p.carry.ve} /> : null}
        {p.carry?.channel ? <input type="hidden" name="channel" value={p.carry.channel} /> : null}
      </form>
      <section class="results" aria-live="polite">
        {searched ? (
          <h2 data-testid="result-count">{t('resultsFor', { q: p.q, n: p.total })}</h2>
        ) : (
          <h2>{t('catalogueTitle')}</h2>
        )}
        {searched && p.total === 0 ? <p class="notice">{t('noResults')}</p> : null}
        <ol class="procs" data-testid="procedure-results">
          {p.hits.map((h, i) => (
            <li class="proc" data-code={h.code}>
              <h3>
                <a
                  href={`/console/dossiers/new?procedure=${encodeURIComponent(h.code)}${carryQuery(p.carry)}${langQ(p.lang, '&')}`}
                  autofocus={searched && i === 0}
                >
                  {h.name}
                </a>
              </h3>
              <p class="meta">
                <span>{h.code}</span>
                <span>{h.field}</span>
                <span>
                  {t('timeLimit')}: {timeLimitText(h.timeLimit, p.lang)}
                </span>
                {h.sameDayEligible ? <span class="badge ok same-day">{t('sameDayEligible')}</span> : null}
              </p>
            </li>
          ))}
        </ol>
        {p.total > p.hits.length ? <p class="muted">{t('resultsMore', { shown: p.hits.length })}</p> : null}
      </section>
    </ConsoleLayout>
  );
}

/** What the officer typed, kept as strings so a failed submission shows it again unchanged. */
export interface IntakeForm {
  procedureCode: string;
  kind: 'citizen' | 'organization';
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  orgName: string;
  taxCode: string;
  ownerName: string;
  ownerId: string;
  ownerAddress: string;
  channel: string;
  sets: string;
  subject: string;
  components: {
    name: string;
    requirement: ComponentRequirement;
    received: boolean;
    shown: boolean;
    originals: string;
    certified: string;
    copies: string;
  }[];
  /** Fee at intake: quantities of the plain items (by index), pages × copies for per-page items, status, method, receipt. */
  fee: {
    items: Record<number, string>;
    pages: string;
    copies: string;
    status: string;
    method: string;
    receipt: string;
  };
  /** The queue ticket being served (its id), linked to the dossier once taken. */
  ve?: string;
  /** Where a scanned CCCD fills in: the applicant (default) or the owner. */
  scanTarget?: 'applicant' | 'owner';
}

export function blankIntakeForm(p: ProcedureData): IntakeForm {
  return {
    procedureCode: p.code,
    kind: 'citizen',
    fullName: '',
    idNumber: '',
    phone: '',
    email: '',
    address: '',
    orgName: '',
    taxCode: '',
    ownerName: '',
    ownerId: '',
    ownerAddress: '',
    channel: 'direct',
    sets: String(p.sets || 1),
    subject: '',
    // Optional components start unticked (they apply only in their case); shown ones are ticked as shown.
    components: p.components.map((c) => {
      const requirement = c.requirement ?? 'required';
      return {
        name: c.name,
        requirement,
        received: requirement !== 'optional',
        shown: requirement === 'shown',
        originals: String(c.originals),
        certified: String(c.certifiedCopies ?? 0),
        copies: String(c.copies),
      };
    }),
    fee: (() => {
      const q = defaultQuantities(p.fees);
      return {
        items: Object.fromEntries(p.fees.map((f, i) => [i, f.tier ? '' : String(q.items[i] ?? 0)])),
        pages: hasTiers(p.fees) ? String(q.pages) : '',
        copies: hasTiers(p.fees) ? String(q.copies) : '',
        status: computeFee(p.fees, q).total > 0 ? 'paid' : 'exempt',
        method: 'cash',
        receipt: '',
      };
    })(),
  };
}

/** For civil-status procedures, who the "owner" is (the courtesy letters name this person). */
function ownerHint(procedure: string, lang: Lang): string | null {
  const en = lang === 'en';
  if (/kết hôn/i.test(procedure))
    return en
      ? 'For a marriage: the other partner (named on the congratulation letter).'
      : 'Đăng ký kết hôn: ghi họ tên người kia (vợ hoặc chồng) — dùng cho thư chúc mừng.';
  if (/khai sinh/i.test(procedure))
    return en
      ? 'For a birth: the child (named on the congratulation letter).'
      : 'Đăng ký khai sinh: ghi họ tên cháu bé — dùng cho thư chúc mừng.';
  if (/khai tử/i.test(procedure))
    return en
      ? 'For a death: the deceased (named on the condolence letter).'
      : 'Đăng ký khai tử: ghi họ tên người đã mất — dùng cho thư chia buồn.';
  return null;
}

export interface AppointmentPreview {
  dueAt: string;
  sameDay: boolean;
}

type IntakeFormProps = Shell & {
  procedure: ProcedureData;
  form: IntakeForm;
  errors: FieldError[];
  preview: AppointmentPreview;
  sameDayDays: string;
  cutoff: string;
  /** Today in Vietnam (YYYY-MM-DD): a scanned card cannot be born or issued after it. */
  today?: string;
  /** What the last CCCD scan did (the server read it when the form was sent without the script). */
  scanNotice?: { ok: boolean; text: string } | null;
};

interface TextOptions {
  type?: 'text' | 'tel' | 'email' | 'number';
  required?: boolean;
  hint?: string;
  autofocus?: boolean;
  inputmode?: string;
  autocomplete?: string;
  maxLength?: number;
}

/** The form as typed, its errors and the first field in error (it takes the focus; otherwise the applicant's name). */
interface Typed {
  f: IntakeForm;
  e: FieldError[];
  firstError: string | undefined;
  lang: Lang;
}

function TextField({
  x,
  id,
  label,
  o = {},
}: {
  x: Typed;
  id: keyof IntakeForm & string;
  label: string;
  o?: TextOptions;
}) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {o.hint ? (
          <>
            {' '}
            <span class="label-hint" id={`${id}-hint`}>
              {o.hint}
            </span>
          </>
        ) : null}
      </label>
      <FieldMessage id={id} errors={x.e} />
      <input
        id={id}
        name={id}
        type={(o.type ?? 'text') as 'text'}
        value={x.f[id] as string}
        required={o.required}
        autofocus={o.autofocus}
        inputMode={o.inputmode as 'numeric' | 'tel' | 'email' | undefined}
        autocomplete={o.autocomplete ?? 'off'}
        maxLength={o.maxLength === undefined ? undefined : Math.max(o.maxLength, SCAN_MAX_LENGTH)}
        {...described(id, x.e)}
      />
    </div>
  );
}

/** The procedure chosen and the appointment it would get if received now. */
function ProcedureHead(p: IntakeFormProps) {
  const t = translator(deskMessages, p.lang);
  return (
    <section class="card intake-head">
      <h2 class="step">{t('intakeStep2')}</h2>
      <p class="proc-name" data-testid="procedure">
        <strong>{p.procedure.name}</strong>{' '}
        <span class="muted">
          ({p.procedure.code} · {p.procedure.field} · {timeLimitText(p.procedure.timeLimit, p.lang)})
        </span>
      </p>
      <p class="appt-preview" data-testid="appointment-preview">
        <strong>
          {t('preview', {
            at: isNoAppointment(p.preview.dueAt) ? t('noAppointment') : atTime(p.preview.dueAt, p.lang),
          })}
        </strong>
        {p.preview.sameDay ? (
          <>
            {' '}
            <span class="badge ok same-day">{t('sameDayNow')}</span>
          </>
        ) : null}
      </p>
      {p.procedure.sameDayEligible && !p.preview.sameDay && p.sameDayDays ? (
        <p class="hint">{t('sameDayOther', { days: p.sameDayDays, cutoff: p.cutoff })}</p>
      ) : null}
      <p class="hint">{t('previewNote')}</p>
      <p>
        <a href={`/console/dossiers/new${p.lang === 'en' ? '?lang=en' : ''}`}>{t('changeProcedure')}</a>
      </p>
    </section>
  );
}

function ApplicantFieldset({ x }: { x: Typed }) {
  const t = translator(deskMessages, x.lang);
  const fe = x.firstError;
  return (
    <fieldset>
      <legend>{t('applicantTitle')}</legend>
      <TextField
        x={x}
        id="fullName"
        label={t('fullName')}
        o={{ required: true, autofocus: !fe || fe === 'fullName', maxLength: 120, autocomplete: 'off' }}
      />
      <div class="row2">
        <TextField
          x={x}
          id="idNumber"
          label={t('idNumber')}
          o={{ hint: t('idNumberHint'), inputmode: 'numeric', maxLength: 12, autofocus: fe === 'idNumber' }}
        />
        <TextField
          x={x}
          id="phone"
          label={t('phone')}
          o={{ type: 'tel', inputmode: 'tel', maxLength: 20, autofocus: fe === 'phone' }}
        />
      </div>
      <TextField x={x} id="email" label={t('email')} o={{ type: 'email', maxLength: 120, autofocus: fe === 'email' }} />
      <TextField x={x} id="address" label={t('address')} o={{ maxLength: 300 }} />
    </fieldset>
  );
}

function OrgAndOwnerFieldsets({ x, procedureName }: { x: Typed; procedureName: string }) {
  const t = translator(deskMessages, x.lang);
  const fe = x.firstError;
  const hint = ownerHint(procedureName, x.lang);
  return (
    <>
      <fieldset>
        <legend>{t('orgTitle')}</legend>
        <div class="choices" role="radiogroup" aria-label={t('kind')}>
          <label class="choice">
            <input type="radio" name="kind" value="citizen" checked={x.f.kind !== 'organization'} /> {t('kindCitizen')}
          </label>
          <label class="choice">
            <input type="radio" name="kind" value="organization" checked={x.f.kind === 'organization'} /> {t('kindOrg')}
          </label>
        </div>
        <TextField x={x} id="orgName" label={t('orgName')} o={{ maxLength: 300, autofocus: fe === 'orgName' }} />
        <TextField
          x={x}
          id="taxCode"
          label={t('taxCode')}
          o={{ inputmode: 'numeric', maxLength: 20, autofocus: fe === 'taxCode' }}
        />
      </fieldset>
      <fieldset>
        <legend>{t('ownerTitle')}</legend>
        {hint ? (
          <p class="hint" data-testid="owner-hint">
            {hint}
          </p>
        ) : null}
        <TextField x={x} id="ownerName" label={t('ownerName')} o={{ maxLength: 120, autofocus: fe === 'ownerName' }} />
        <div class="row2">
          <TextField
            x={x}
            id="ownerId"
            label={t('ownerId')}
            o={{ inputmode: 'numeric', maxLength: 12, autofocus: fe === 'ownerId' }}
          />
          <TextField x={x} id="ownerAddress" label={t('ownerAddress')} o={{ maxLength: 300 }} />
        </div>
      </fieldset>
    </>
  );
}

/** One count of a component (originals, certified copies, photocopies). */
function CountInput({
  x,
  id,
  label,
  name,
  value,
}: {
  x: Typed;
  id: string;
  label: string;
  name: string;
  value: string;
}) {
  return (
    <div>
      <label for={id}>
        {label}
        <span class="visually-hidden"> — {name}</span>
      </label>
      <input
        id={id}
        name={id}
        type="number"
        min={0}
        max={100}
        step={1}
        value={value}
        {...described(id, x.e)}
        autofocus={x.firstError === id}
      />
    </div>
  );
}

function ComponentRow({ x, c, i }: { x: Typed; c: IntakeForm['components'][number]; i: number }) {
  const t = translator(deskMessages, x.lang);
  return (
    <div class="comp" data-testid="component">
      <input type="hidden" name={`c${i}_name`} value={c.name} />
      <input type="hidden" name={`c${i}_req`} value={c.requirement} />
      <label class="choice comp-name">
        <input type="checkbox" name={`c${i}_got`} value="1" checked={c.received} /> {c.name}{' '}
        <span class={`badge req-${c.requirement}`} data-testid="requirement">
          {t(`requirement_${c.requirement}`)}
        </span>
      </label>
      <label class="choice comp-shown">
        <input type="checkbox" name={`c${i}_shown`} value="1" checked={c.shown} /> {t('shownOnly')}
      </label>
      <div class="comp-counts">
        <CountInput x={x} id={`c${i}_o`} label={t('originals')} name={c.name} value={c.originals} />
        <CountInput x={x} id={`c${i}_c`} label={t('certifiedCopies')} name={c.name} value={c.certified} />
        <CountInput x={x} id={`c${i}_p`} label={t('photocopies')} name={c.name} value={c.copies} />
      </div>
      <FieldMessage id={`c${i}_o`} errors={x.e} />
      <FieldMessage id={`c${i}_c`} errors={x.e} />
      <FieldMessage id={`c${i}_p`} errors={x.e} />
    </div>
  );
}

function DetailsFieldset({ x }: { x: Typed }) {
  const t = translator(deskMessages, x.lang);
  return (
    <fieldset>
      <legend>{t('detailsTitle')}</legend>
      <div class="row2">
        <div class="field">
          <label for="channel">{t('channel')}</label>
          <FieldMessage id="channel" errors={x.e} />
          <select id="channel" name="channel">
            {CHANNELS.map((c) => (
              <option value={c} selected={x.f.channel === c}>
                {t(`channel_${c}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          x={x}
          id="sets"
          label={t('sets')}
          o={{ type: 'number', inputmode: 'numeric', autofocus: x.firstError === 'sets' }}
        />
      </div>
      <TextField x={x} id="subject" label={t('subject')} o={{ maxLength: 1000 }} />
    </fieldset>
  );
}

/** Not received: guidance (form 02) or a refusal (form 03), with the reason and what is missing. */
function NotReceived({ lang }: { lang: Lang }) {
  const t = translator(deskMessages, lang);
  return (
    <details class="action" data-testid="not-received">
      <summary>{t('notReceivedTitle')}</summary>
      <p class="muted">{t('notReceivedHelp')}</p>
      <label for="outcome-reason">{t('reason')}</label>
      <textarea id="outcome-reason" name="reason" rows={2} maxLength={1000}></textarea>
      <label for="outcome-missing">{t('missingList')}</label>
      <textarea id="outcome-missing" name="missing" rows={3} maxLength={3000}></textarea>
      <button type="submit" name="outcome" value="guide" class="secondary">
        {t('btn_guide')}
      </button>{' '}
      <button type="submit" name="outcome" value="refuse" class="secondary">
        {t('btn_refuse')}
      </button>
    </details>
  );
}

export function IntakeFormPage(p: IntakeFormProps) {
  const t = translator(deskMessages, p.lang);
  const f = p.form;
  const e = p.errors;
  const x: Typed = { f, e, firstError: e.find((y) => y.field)?.field, lang: p.lang };
  return (
    <ConsoleLayout {...p} title={t('intakeTitle')}>
      <h1>{t('intakeTitle')}</h1>
      <ErrorSummary errors={e} lang={p.lang} />
      <ProcedureHead {...p} />
      <form
        method="post"
        action="/console/dossiers/new"
        class="stack wide intake"
        data-testid="intake-form"
        {...scanFormAttrs(p.lang, p.today ?? '')}
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <ScanBox lang={p.lang} target={f.scanTarget ?? 'applicant'} notice={p.scanNotice ?? null} />
        <input type="hidden" name="procedureCode" value={f.procedureCode} />
        {f.ve ? <input type="hidden" name="ve" value={f.ve} /> : null}
        {hasFixedLimit(p.procedure.timeLimit) ? null : (
          <label data-testid="due-date">
            {t('dueDateField')}
            <input type="date" name="dueDate" />
          </label>
        )}
        <ApplicantFieldset x={x} />
        <OrgAndOwnerFieldsets x={x} procedureName={p.procedure.name} />
        <fieldset class="components">
          <legend>{t('componentsTitle')}</legend>
          <p class="hint">{t('componentsHint')}</p>
          {f.components.map((c, i) => (
            <ComponentRow x={x} c={c} i={i} />
          ))}
        </fieldset>
        <FeeFieldset fees={p.procedure.fees} fee={f.fee} errors={e} lang={p.lang} />
        <DetailsFieldset x={x} />
        <button type="submit" class="big">
          {t('submitIntake')}
        </button>
        <NotReceived lang={p.lang} />
      </form>
      <script src={CCCD_SCRIPT_PATH} defer></script>
    </ConsoleLayout>
  );
}

interface FeeProps {
  fees: ProcedureData['fees'];
  fee: IntakeForm['fee'];
  errors: FieldError[];
  lang: Lang;
}

/** The per-page items (certification): their rates, and pages × copies. */
function TierFields(p: FeeProps) {
  const t = translator(deskMessages, p.lang);
  const e = p.errors;
  return (
    <>
      <ul class="hint">
        {p.fees
          .filter((x) => x.tier)
          .map((x) => (
            <li>
              {x.name}: {amountPer(x.amount, x.per)}
              {x.capPerCopy ? ` — tối đa ${vnd(x.capPerCopy)}/bản` : ''}
            </li>
          ))}
      </ul>
      <div class="row2">
        <div class="field">
          <label for="fee_pages">{t('feePages')}</label>
          <FieldMessage id="fee_pages" errors={e} />
          <input id="fee_pages" name="fee_pages" type="number" min={0} step={1} value={p.fee.pages} />
        </div>
        <div class="field">
          <label for="fee_copies">{t('feeCopies')}</label>
          <FieldMessage id="fee_copies" errors={e} />
          <input id="fee_copies" name="fee_copies" type="number" min={0} step={1} value={p.fee.copies} />
        </div>
      </div>
    </>
  );
}

/** Paid or not, how, and the receipt number. */
function FeePayment(p: FeeProps) {
  const t = translator(deskMessages, p.lang);
  const e = p.errors;
  return (
    <>
      <div class="row2">
        <div class="field">
          <label for="fee_status">{t('feeStatus')}</label>
          <FieldMessage id="fee_status" errors={e} />
          <select id="fee_status" name="fee_status">
            {FEE_STATUSES.map((s) => (
              <option value={s} selected={p.fee.status === s}>
                {t(`feeStatus_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fee_method">{t('feeMethod')}</label>
          <FieldMessage id="fee_method" errors={e} />
          <select id="fee_method" name="fee_method">
            {PAYMENT_METHODS.map((m) => (
              <option value={m} selected={p.fee.method === m}>
                {t(`pay_${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="fee_receipt">{t('feeReceipt')}</label>
        <FieldMessage id="fee_receipt" errors={e} />
        <input id="fee_receipt" name="fee_receipt" type="text" maxLength={40} value={p.fee.receipt} />
      </div>
    </>
  );
}

/** The fee at intake: the procedure's fee items with a quantity each (pages × copies for per-page items), status, method, receipt. */
function FeeFieldset(p: FeeProps) {
  const t = translator(deskMessages, p.lang);
  const e = p.errors;
  if (!p.fees.some((x) => x.amount > 0))
    return (
      <fieldset data-testid="fee">
        <legend>{t('feeTitle')}</legend>
        <p class="hint">{t('feeNone')}</p>
      </fieldset>
    );
  return (
    <fieldset data-testid="fee">
      <legend>{t('feeTitle')}</legend>
      <p class="hint">{t('feeHint')}</p>
      {p.fees.map((x, i) =>
        x.tier ? null : (
          <div class="field">
            <label for={`fee_q${i}`}>
              {x.name} — {amountPer(x.amount, x.per)}
              {x.condition ? <span class="label-hint"> {x.condition}</span> : null}
            </label>
            <FieldMessage id={`fee_q${i}`} errors={e} />
            <input
              id={`fee_q${i}`}
              name={`fee_q${i}`}
              type="number"
              min={0}
              max={10000}
              step={1}
              value={p.fee.items[i] ?? '0'}
              {...described(`fee_q${i}`, e)}
            />
          </div>
        ),
      )}
      {hasTiers(p.fees) ? <TierFields {...p} /> : null}
      <FeePayment {...p} />
    </fieldset>
  );
}
