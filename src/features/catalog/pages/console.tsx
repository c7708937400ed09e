/** Console pages of the catalogue: list and imports, review of a draft, edit form. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVnd } from '../../../core/text/index.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import { catalogMessages } from '../messages.ts';
import {
  mainFee,
  timeLimitText,
  TIME_UNITS,
  ONLINE_LEVELS,
  STATUSES,
  LEVELS,
  type ProcedureData,
  type DiffSummary,
  canDecideImport,
  isMissingFromFile,
  isStaleWarning,
  showsFieldChanges,
} from '../model.ts';
import type { ProcedureForm } from '../form.ts';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

function Errors({ errors, lang }: { errors: string[]; lang: Lang }) {
  const t = translator(catalogMessages, lang);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{t('errors')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export interface ImportRow {
  id: number;
  source_name: string;
  created_at: string;
  status: string;
  summary: DiffSummary;
}

/** What the catalogue's console page shows (catalog/view-models.ts builds it). */
export interface CatalogConsoleView {
  fields: { name: string; procedures: ProcedureData[] }[];
  imports: ImportRow[];
  canManage: boolean;
  errors: string[];
  /** Valid confirmations by code (who checked the fees and limits of the published version, when). */
  confirmations?: ReadonlyMap<string, { at: string; by: string }>;
  canConfirm?: boolean;
  flash?: string | null;
}

function ImportForm({ lang, csrf }: { lang: Lang; csrf: string }) {
  const t = translator(catalogMessages, lang);
  return (
    <>
      <form method="post" action="/console/catalog/imports" enctype="multipart/form-data" class="card stack">
        <h2>{t('importTitle')}</h2>
        <p class="muted">{t('importHelp')}</p>
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="file">{t('file')}</label>
        <input id="file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required />
        <label>
          <input type="checkbox" name="partial" value="1" /> {t('partial')}
        </label>
        <button type="submit">{t('upload')}</button>
      </form>
      <p>
        <a class="button" href="/console/catalog/procedures/new">
          {t('newProcedure')}
        </a>
      </p>
    </>
  );
}

function ImportsTable({ lang, imports }: { lang: Lang; imports: ImportRow[] }) {
  const t = translator(catalogMessages, lang);
  return (
    <table data-testid="imports">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('source')}</th>
          <th>{t('created')}</th>
          <th>{t('status')}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {imports.map((i) => (
          <tr>
            <td>{i.id}</td>
            <td>{i.source_name}</td>
            <td>{formatInstantVi(new Date(i.created_at))}</td>
            <td>
              <span class={`badge ${i.status === 'draft' ? 'warn' : i.status === 'published' ? 'ok' : ''}`}>
                {t(i.status === 'draft' ? 'draft' : i.status === 'published' ? 'published' : 'discarded')}
              </span>{' '}
              <span class="muted">{t('summary', i.summary)}</span>
            </td>
            <td>
              <a href={`/console/catalog/imports/${i.id}`}>{t('review')}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConfirmCell(p: {
  lang: Lang;
  csrf: string;
  code: string;
  conf: { at: string; by: string } | undefined;
  canConfirm: boolean;
}) {
  const t = translator(catalogMessages, p.lang);
  return (
    <td data-testid={`confirm-${p.code}`}>
      {p.conf ? (
        <span class="badge ok">
          {t('confirmedBy', { date: formatInstantVi(new Date(p.conf.at)), name: p.conf.by })}
        </span>
      ) : (
        <span class="badge warn">{t('notConfirmed')}</span>
      )}
      {p.canConfirm ? (
        <form method="post" action={`/console/catalog/procedures/${p.code}/confirm`} class="inline">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label class="visually-hidden" for={`src-${p.code}`}>
            {t('confirmSource')}
          </label>
          <input id={`src-${p.code}`} name="source" type="text" maxLength={300} placeholder={t('confirmSource')} />
          <button type="submit" title={t('confirmHelp')}>
            {t('confirmButton')}
          </button>
        </form>
      ) : null}
    </td>
  );
}

function FieldSection(p: Shell & CatalogConsoleView & { field: { name: string; procedures: ProcedureData[] } }) {
  const t = translator(catalogMessages, p.lang);
  return (
    <section>
      <h3>{p.field.name}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('code')}</th>
            <th>{t('name')}</th>
            <th>{t('timeLimit')}</th>
            <th>{t('fee')}</th>
            <th>{t('confirmHead')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {p.field.procedures.map((pr) => {
            const fee = mainFee(pr);
            return (
              <tr>
                <td>{pr.code}</td>
                <td>
                  {pr.name} {pr.sameDayEligible ? <span class="badge ok">{t('sameDay')}</span> : null}
                </td>
                <td>{timeLimitText(pr.timeLimit, p.lang)}</td>
                <td>{fee === null ? t('free') : formatVnd(fee)}</td>
                <ConfirmCell
                  lang={p.lang}
                  csrf={p.csrf}
                  code={pr.code}
                  conf={p.confirmations?.get(pr.code)}
                  canConfirm={p.canConfirm === true}
                />
                <td>{p.canManage ? <a href={`/console/catalog/procedures/${pr.code}/edit`}>{t('edit')}</a> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function CatalogConsolePage(p: Shell & CatalogConsoleView) {
  const t = translator(catalogMessages, p.lang);
  const total = p.fields.reduce((n, f) => n + f.procedures.length, 0);
  return (
    <ConsoleLayout {...p} title={t('consoleTitle')}>
      <h1>{t('consoleTitle')}</h1>
      <p class="muted">{t('consoleIntro')}</p>
      {p.flash ? (
        <p class="status" role="status">
          {p.flash}
        </p>
      ) : null}
      <Errors errors={p.errors} lang={p.lang} />
      <p>
        <a href="/console/catalog/guidance">{t('guidanceLink')}</a>
      </p>
      {p.canManage ? <ImportForm lang={p.lang} csrf={p.csrf} /> : null}
      <h2>{t('imports')}</h2>
      <ImportsTable lang={p.lang} imports={p.imports} />
      <h2>{t('count', { n: total })}</h2>
      {p.fields.map((f) => (
        <FieldSection {...p} field={f} />
      ))}
    </ConsoleLayout>
  );
}

export interface ReviewItem {
  code: string;
  kind: 'new' | 'changed' | 'abolished' | 'unchanged';
  data: ProcedureData | null;
  before: ProcedureData | null;
  changedFields: (keyof ProcedureData)[];
  stale: boolean;
}

/** A field's value as staff read it in the review table. */
function show(field: keyof ProcedureData, p: ProcedureData | null, lang: Lang): string {
  if (!p) return '—';
  const v = p[field];
  switch (field) {
    case 'timeLimit':
      return [timeLimitText(p.timeLimit, lang), p.timeLimit.note].filter(Boolean).join('\n');
    case 'fees':
      return (
        p.fees
          .map(
            (f) =>
              `${f.name}: ${formatVnd(f.amount)}${f.per ? ` (${f.per})` : ''}${f.condition ? ` — ${f.condition}` : ''}`,
          )
          .join('\n') || '—'
      );
    case 'components':
      return (
        p.components
          .map(
            (c) =>
              `${c.name} — ${c.originals} ${lang === 'vi' ? 'bản chính' : 'original(s)'}, ${c.copies} ${lang === 'vi' ? 'bản sao' : 'cop(ies)'}${c.form?.name ? ` (${c.form.name})` : ''}`,
          )
          .join('\n') || '—'
      );
    case 'announcement':
      return p.announcement ? `${p.announcement.decision}, ${p.announcement.date.split('-').reverse().join('/')}` : '—';
    case 'level':
      return translator(catalogMessages, lang)(`level_${p.level}`);
    case 'status':
      return translator(
        catalogMessages,
        lang,
      )(p.status === 'in_force' ? 'inForce' : p.status === 'amended' ? 'amended' : 'abolishedStatus');
    case 'onlineLevel':
      return translator(catalogMessages, lang)(`online_${p.onlineLevel}`);
    case 'effectiveFrom':
      return p.effectiveFrom ? p.effectiveFrom.split('-').reverse().join('/') : '—';
    default:
      if (v === null || v === undefined || v === '') return '—';
      if (Array.isArray(v)) return v.join('\n') || '—';
      return String(v);
  }
}

const FIELD_LABELS: Partial<Record<keyof ProcedureData, keyof typeof catalogMessages.vi>> = {
  code: 'code',
  name: 'name',
  field: 'field',
  level: 'level',
  implementingBody: 'implementingBody',
  applicants: 'applicants',
  timeLimit: 'timeLimit',
  fees: 'fees',
  components: 'components',
  steps: 'steps',
  resultType: 'resultType',
  onlineLevel: 'onlineLevel',
  legalBasis: 'legalBasis',
  sameDayEligible: 'sameDay',
  status: 'statusLabel',
  announcement: 'announcement',
  effectiveFrom: 'effectiveFrom',
};

function ReviewItemSection({ lang, i, status }: { lang: Lang; i: ReviewItem; status: string }) {
  const t = translator(catalogMessages, lang);
  const kindLabel = { new: t('kindNew'), changed: t('kindChanged'), abolished: t('kindAbolished'), unchanged: '' };
  const fee = i.data ? mainFee(i.data) : null;
  return (
    <section class="card" data-kind={i.kind} data-code={i.code}>
      <h2>
        <span class={`badge ${i.kind === 'abolished' ? 'warn' : 'ok'}`}>{kindLabel[i.kind]}</span> {i.code} —{' '}
        {(i.data ?? i.before)?.name}
      </h2>
      {isStaleWarning(i, status) ? <p class="notice">{t('stale')}</p> : null}
      {showsFieldChanges(i) ? (
        <table>
          <thead>
            <tr>
              <th></th>
              <th>{t('before')}</th>
              <th>{t('after')}</th>
            </tr>
          </thead>
          <tbody>
            {i.changedFields.map((f) => (
              <tr>
                <th scope="row" class="nowrap" data-field={f}>
                  {FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f}
                </th>
                <td class="pre">{show(f, i.before, lang)}</td>
                <td class="pre">{show(f, i.data, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {isMissingFromFile(i) ? <p class="muted">{t('missing')}</p> : null}
      {i.kind === 'new' && i.data ? (
        <p>
          {i.data.field} · {timeLimitText(i.data.timeLimit, lang)} · {fee === null ? t('free') : formatVnd(fee)}
        </p>
      ) : null}
    </section>
  );
}

function DecisionForms({ lang, csrf, id }: { lang: Lang; csrf: string; id: number }) {
  const t = translator(catalogMessages, lang);
  return (
    <div>
      <form method="post" action={`/console/catalog/imports/${id}/publish`} class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">{t('publish')}</button>
      </form>{' '}
      <form method="post" action={`/console/catalog/imports/${id}/discard`} class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="secondary">
          {t('discard')}
        </button>
      </form>
    </div>
  );
}

/** What the review page of a draft shows (catalog/view-models.ts builds it). */
export interface ImportReviewView {
  id: number;
  source: string;
  status: string;
  summary: DiffSummary;
  items: ReviewItem[];
  canPublish: boolean;
  errors: string[];
}

export function ImportReviewPage(p: Shell & ImportReviewView) {
  const t = translator(catalogMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('reviewTitle', { id: p.id, source: p.source })}>
      <p>
        <a href="/console/catalog">{t('back')}</a>
      </p>
      <h1>{t('reviewTitle', { id: p.id, source: p.source })}</h1>
      <p>
        <span
          class={`badge ${p.status === 'draft' ? 'warn' : p.status === 'published' ? 'ok' : ''}`}
          data-testid="import-status"
        >
          {t(p.status === 'draft' ? 'draft' : p.status === 'published' ? 'published' : 'discarded')}
        </span>{' '}
        <span data-testid="import-summary">{t('summary', p.summary)}</span>
      </p>
      <Errors errors={p.errors} lang={p.lang} />
      {p.items.length === 0 ? <p>{t('noChanges')}</p> : null}
      {p.items.map((i) => (
        <ReviewItemSection lang={p.lang} i={i} status={p.status} />
      ))}
      {canDecideImport(p.status, p.canPublish) ? <DecisionForms lang={p.lang} csrf={p.csrf} id={p.id} /> : null}
    </ConsoleLayout>
  );
}

type FormValues = ProcedureForm;

function TextInput(p: { f: FormValues; name: string; label: string; required?: boolean; help?: string }) {
  return (
    <>
      <label for={p.name}>{p.label}</label>
      {p.help ? <p class="muted">{p.help}</p> : null}
      <input id={p.name} name={p.name} type="text" value={p.f[p.name] ?? ''} required={p.required} />
    </>
  );
}

function TextArea(p: { f: FormValues; name: string; label: string; help?: string }) {
  return (
    <>
      <label for={p.name}>{p.label}</label>
      {p.help ? <p class="muted">{p.help}</p> : null}
      <textarea id={p.name} name={p.name} rows={5}>
        {p.f[p.name] ?? ''}
      </textarea>
    </>
  );
}

function Select(p: { f: FormValues; name: string; label: string; options: [string, string][] }) {
  return (
    <>
      <label for={p.name}>{p.label}</label>
      <select id={p.name} name={p.name}>
        {p.options.map(([v, l]) => (
          <option value={v} selected={p.f[p.name] === v}>
            {l}
          </option>
        ))}
      </select>
    </>
  );
}

/** Values the form does not edit, carried over unchanged. */
const CARRIED = [
  'localCode',
  'coordinatingBodies',
  'sets',
  'channels',
  'announcementDecision',
  'announcementDate',
  'effectiveFrom',
  'portalUrl',
  'unverified',
] as const;

/** The first half of the form: who, what and how long. */
function IdentityInputs({ lang, f, isNew, fields }: { lang: Lang; f: FormValues; isNew: boolean; fields: string[] }) {
  const t = translator(catalogMessages, lang);
  return (
    <>
      {isNew ? (
        <TextInput f={f} name="code" label={t('code')} required help="1.000656" />
      ) : (
        <input type="hidden" name="code" value={f.code} />
      )}
      <TextInput f={f} name="name" label={t('name')} required />
      <label for="field">{t('field')}</label>
      <input id="field" name="field" type="text" list="fields" value={f.field ?? ''} required />
      <datalist id="fields">
        {fields.map((x) => (
          <option value={x} />
        ))}
      </datalist>
      <Select f={f} name="level" label={t('level')} options={LEVELS.map((l) => [l, t(`level_${l}`)])} />
      <TextInput f={f} name="implementingBody" label={t('implementingBody')} />
      <TextInput f={f} name="applicants" label={t('applicants')} />
      <TextInput f={f} name="amount" label={t('amount')} />
      <Select f={f} name="unit" label={t('unit')} options={TIME_UNITS.map((u) => [u, t(`unit_${u}`)])} />
      <label>
        <input type="checkbox" name="cutoff" value="1" checked={f.cutoff === '1'} /> {t('cutoff')}
      </label>
      <TextInput f={f} name="note" label={t('note')} />
    </>
  );
}

/** The second half of the form: steps, papers, fees, law, result, status. */
function ContentInputs({ lang, f }: { lang: Lang; f: FormValues }) {
  const t = translator(catalogMessages, lang);
  return (
    <>
      <TextArea f={f} name="steps" label={t('steps')} help={t('linesHelp')} />
      <TextArea f={f} name="components" label={t('components')} help={t('componentsHelp')} />
      <TextArea f={f} name="fees" label={t('fees')} help={t('feesHelp')} />
      <TextArea f={f} name="legalBasis" label={t('legalBasis')} help={t('linesHelp')} />
      <TextInput f={f} name="resultType" label={t('resultType')} />
      <Select
        f={f}
        name="onlineLevel"
        label={t('onlineLevel')}
        options={ONLINE_LEVELS.map((o) => [o, t(`online_${o}`)])}
      />
      <label>
        <input type="checkbox" name="sameDayEligible" value="1" checked={f.sameDayEligible === '1'} />{' '}
        {t('sameDayEligible')}
      </label>
      <Select
        f={f}
        name="status"
        label={t('statusLabel')}
        options={STATUSES.map((s) => [
          s,
          t(s === 'in_force' ? 'inForce' : s === 'amended' ? 'amended' : 'abolishedStatus'),
        ])}
      />
      {CARRIED.map((k) => (
        <input type="hidden" name={k} value={f[k] ?? ''} />
      ))}
    </>
  );
}

/** What the procedure form shows (catalog/view-models.ts builds it). */
export interface ProcedureEditView {
  isNew: boolean;
  form: ProcedureForm;
  fields: string[];
  errors: string[];
}

export function ProcedureEditPage(p: Shell & ProcedureEditView) {
  const t = translator(catalogMessages, p.lang);
  const f = p.form;
  return (
    <ConsoleLayout {...p} title={p.isNew ? t('newTitle') : t('editTitle', { code: f.code ?? '' })}>
      <p>
        <a href="/console/catalog">{t('back')}</a>
      </p>
      <h1>{p.isNew ? t('newTitle') : t('editTitle', { code: f.code ?? '' })}</h1>
      <Errors errors={p.errors} lang={p.lang} />
      <form
        method="post"
        action={p.isNew ? '/console/catalog/procedures/new' : `/console/catalog/procedures/${f.code}/edit`}
        class="stack wide"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <IdentityInputs lang={p.lang} f={f} isNew={p.isNew} fields={p.fields} />
        <ContentInputs lang={p.lang} f={f} />
        <button type="submit">{t('saveDraft')}</button>
      </form>
    </ConsoleLayout>
  );
}

export function GuidanceConsolePage(
  p: Shell & { json: string; custom: boolean; updatedAt: string | null; errors: string[]; flash: string | null },
) {
  const t = translator(catalogMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('guidanceTitle')}>
      <h1>{t('guidanceTitle')}</h1>
      <p class="muted">{t('guidanceIntro')}</p>
      {p.flash ? (
        <p class="status" role="status">
          {p.flash}
        </p>
      ) : null}
      <Errors errors={p.errors} lang={p.lang} />
      <p data-testid="guidance-state">
        {p.custom && p.updatedAt
          ? t('guidanceCustom', { date: formatInstantVi(new Date(p.updatedAt)) })
          : t('guidanceDefault')}
      </p>
      <form method="post" action="/console/catalog/guidance" class="card">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="topics">{t('guidanceTitle')}</label>
        <textarea id="topics" name="topics" rows={30} cols={100} spellcheck={false}>
          {p.json}
        </textarea>
        <p>
          <button type="submit" name="action" value="save">
            {t('guidanceSave')}
          </button>{' '}
          <button type="submit" name="action" value="reset" class="secondary">
            {t('guidanceReset')}
          </button>
        </p>
      </form>
    </ConsoleLayout>
  );
}
