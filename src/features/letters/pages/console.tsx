/** Console pages of courtesy letters: the print queue, one letter, the visits, the templates, the settings. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi, formatVi } from '../../../core/calendar/index.ts';
import { letterMessages, type LetterKey } from '../messages.ts';
import {
  LETTER_STATUSES,
  PLACEHOLDERS,
  TITLES,
  addresseeOf,
  awaitsHandover,
  canRecordHandover,
  canSignDigitally,
  flagsMissingNames,
  hasCompleteNames,
  isDeclined,
  isEditable,
  kindKeyOf,
  statusBadgeClass,
  type LetterKind,
  type Template,
} from '../model.ts';
import type { LetterSettings, LetterView } from '../service.ts';
import { dossierHref } from '../../dossiers/index.ts';

export interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}
interface Flash {
  ok: string | null;
  errors: string[];
  okVars?: Record<string, string | number>;
}

const when = (iso: string | null) => (iso ? formatInstantVi(new Date(iso)) : '—');
const q = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');
const href = (path: string, lang: Lang) => `${path}${q(lang)}`;

function Tabs({ lang, current }: { lang: Lang; current: 'queue' | 'followups' | 'templates' | 'settings' }) {
  const t = translator(letterMessages, lang);
  const tabs = [
    ['queue', '/console/letters', t('tabQueue')],
    ['followups', '/console/letters/follow-ups', t('tabFollowups')],
    ['templates', '/console/letters/templates', t('tabTemplates')],
    ['settings', '/console/letters/settings', t('tabSettings')],
  ] as const;
  return (
    <nav class="site-nav" aria-label={t('title')}>
      <ul class="link-grid">
        {tabs.map(([k, h, label]) => (
          <li>
            <a href={href(h, lang)} aria-current={k === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FlashBox({ lang, flash }: { lang: Lang; flash: Flash }) {
  const t = translator(letterMessages, lang);
  return (
    <>
      {flash.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${flash.ok}` as LetterKey, flash.okVars)}
        </p>
      ) : null}
      {flash.errors.length ? (
        <div class="error-summary" role="alert" data-testid="errors">
          <h2>{t('errors')}</h2>
          <ul>
            {flash.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function StatusBadge({ l, lang }: { l: LetterView; lang: Lang }) {
  const t = translator(letterMessages, lang);
  return (
    <span class={statusBadgeClass(l.status)} data-status={l.status}>
      {t(`status_${l.status}` as LetterKey)}
    </span>
  );
}

function StatusFilter(p: { lang: Lang; status: string | null; counts: Record<string, number> }) {
  const t = translator(letterMessages, p.lang);
  return (
    <p>
      <a href={href('/console/letters', p.lang)} aria-current={p.status === null ? 'page' : undefined}>
        {t('filterAll')}
      </a>
      {LETTER_STATUSES.map((s) => (
        <>
          {' · '}
          <a
            href={`/console/letters?status=${s}${p.lang === 'en' ? '&lang=en' : ''}`}
            aria-current={p.status === s ? 'page' : undefined}
            data-count={s}
          >
            {t(`status_${s}` as LetterKey)} ({p.counts[s] ?? 0})
          </a>
        </>
      ))}
    </p>
  );
}

function PrintAll(p: { lang: Lang; csrf: string; waiting: number }) {
  const t = translator(letterMessages, p.lang);
  return p.waiting ? (
    <form method="post" action={href('/console/letters/print-all', p.lang)} class="inline">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <button type="submit" data-testid="print-all">
        {t('printAll', { n: p.waiting })}
      </button>
    </form>
  ) : (
    <p class="muted">{t('printAllNone')}</p>
  );
}

function QueueTable({ lang, items }: { lang: Lang; items: LetterView[] }) {
  const t = translator(letterMessages, lang);
  return (
    <div class="table-scroll">
      <table data-testid="letters">
        <thead>
          <tr>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colNames')}</th>
            <th scope="col" class="nowrap">
              {t('colDossier')}
            </th>
            <th scope="col" class="nowrap">
              {t('colNumber')}
            </th>
            <th scope="col" class="nowrap">
              {t('colStatus')}
            </th>
            <th scope="col" class="nowrap">
              {t('colPrepared')}
            </th>
            <th scope="col" class="nowrap">
              {t('colActions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((l) => (
            <tr data-id={String(l.id)} data-kind={l.kind}>
              <td>{t(`kind_${l.kind}` as LetterKey)}</td>
              <td>
                {addresseeOf(l)}
                {flagsMissingNames(l) ? <span class="block field-error">{t('missingNames')}</span> : null}
              </td>
              <td class="nowrap">{l.dossierCode}</td>
              <td class="nowrap">{l.number ?? '—'}</td>
              <td class="nowrap">
                <StatusBadge l={l} lang={lang} />
              </td>
              <td class="nowrap">{when(l.preparedAt)}</td>
              <td>
                <a href={href(`/console/letters/${l.id}`, lang)}>{t('open')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LettersQueuePage(
  p: Shell & Flash & { items: LetterView[]; counts: Record<string, number>; status: string | null; waiting: number },
) {
  const t = translator(letterMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <Tabs lang={p.lang} current="queue" />
      <p class="muted">{t('intro')}</p>
      <FlashBox lang={p.lang} flash={p} />
      <StatusFilter lang={p.lang} status={p.status} counts={p.counts} />
      <PrintAll lang={p.lang} csrf={p.csrf} waiting={p.waiting} />
      {p.items.length ? <QueueTable lang={p.lang} items={p.items} /> : <p class="muted">{t('none')}</p>}
    </ConsoleLayout>
  );
}

function TitleSelect({
  name,
  value,
  lang,
  id,
  disabled,
}: {
  name: string;
  value: string;
  lang: Lang;
  id: string;
  disabled: boolean;
}) {
  const t = translator(letterMessages, lang);
  return (
    <select id={id} name={name} disabled={disabled}>
      {TITLES.map((x) => (
        <option value={x} selected={x === value}>
          {x || t('noTitle')}
        </option>
      ))}
    </select>
  );
}

type LetterProps = Shell & Flash & { letter: LetterView; nowLocal: string };
const letterBase = (l: LetterView) => `/console/letters/${l.id}`;

/** Status, number, dossier; handed over or declined; the files (PDF, DOCX, digital signature). */
function LetterFacts({ lang, l }: { lang: Lang; l: LetterView }) {
  const t = translator(letterMessages, lang);
  const base = letterBase(l);
  return (
    <>
      <p>
        <StatusBadge l={l} lang={lang} />{' '}
        {l.number ? (
          <strong data-testid="number">
            {t('colNumber')}: {l.number}
          </strong>
        ) : null}{' '}
        · <a href={href(dossierHref(l.dossierCode), lang)}>{l.dossierCode}</a>
      </p>
      {l.status === 'handed_over' ? (
        <p data-testid="handed">
          {t('handedOver', { at: when(l.handedOverAt), by: l.handedOverBy ?? '' })} {l.handoverNote ?? ''}{' '}
          {l.evidence ? <a href={`${base}/evidence`}>{t('evidence')}</a> : null}
        </p>
      ) : null}
      {isDeclined(l) ? (
        <p class="notice" data-testid="declined">
          {t('declined', { at: when(l.declinedAt), reason: l.declinedReason ?? '' })}
        </p>
      ) : null}
      {!isDeclined(l) ? (
        <p>
          <a class="button" href={`${base}/letter.pdf`} target="_blank" data-testid="pdf">
            {l.number ? t('pdf') : t('preview')}
          </a>{' '}
          <a class="button" href={`${base}/letter.docx`} data-testid="docx">
            {t('docx')}
          </a>
          {canSignDigitally(l) ? (
            <>
              {' '}
              <a class="button" href={`/console/signing?kind=letter&ref=${String(l.id)}`} data-testid="sign">
                {t('signDigitally')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/** The two people's kinship terms and names (read-only once handed over or declined). */
function NamesForm({ lang, csrf, l }: { lang: Lang; csrf: string; l: LetterView }) {
  const t = translator(letterMessages, lang);
  const editable = isEditable(l);
  const kindKey = kindKeyOf(l.kind);
  return (
    <form method="post" action={href(`${letterBase(l)}/names`, lang)} class="card stack" data-testid="names-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="version" value={String(l.version)} />
      {(['A', 'B'] as const).map((k) => (
        <fieldset>
          <legend>{t(`person_${k === 'A' ? 'a' : 'b'}_${kindKey}` as LetterKey)}</legend>
          <div class="row2">
            <div class="field">
              <label for={`title${k}`}>{t('titleLabel')}</label>
              <TitleSelect
                id={`title${k}`}
                name={`title${k}`}
                value={k === 'A' ? l.names.titleA : l.names.titleB}
                lang={lang}
                disabled={!editable}
              />
            </div>
            <div class="field">
              <label for={`name${k}`}>{t('nameLabel')}</label>
              <input
                id={`name${k}`}
                name={`name${k}`}
                type="text"
                maxLength={120}
                autocomplete="off"
                value={k === 'A' ? l.names.nameA : l.names.nameB}
                disabled={!editable}
              />
            </div>
          </div>
        </fieldset>
      ))}
      {editable ? <button type="submit">{t('save')}</button> : null}
    </form>
  );
}

function PrintForm({ lang, csrf, l }: { lang: Lang; csrf: string; l: LetterView }) {
  const t = translator(letterMessages, lang);
  return (
    <form method="post" action={href(`${letterBase(l)}/print`, lang)} class="inline">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" data-testid="print" disabled={!hasCompleteNames(l)}>
        {l.status === 'prepared' ? t('print') : t('reprint')}
      </button>
      {hasCompleteNames(l) ? null : <span class="field-error"> {t('missingNames')}</span>}
    </form>
  );
}

function HandoverForm(p: { lang: Lang; csrf: string; l: LetterView; nowLocal: string; userName: string }) {
  const t = translator(letterMessages, p.lang);
  return (
    <form
      method="post"
      action={href(`${letterBase(p.l)}/handover`, p.lang)}
      enctype="multipart/form-data"
      class="card stack"
      data-testid="handover-form"
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      <div class="field">
        <label for="at">{t('handoverAt')}</label>
        <input id="at" name="at" type="datetime-local" value={p.nowLocal} max={p.nowLocal} />
      </div>
      <div class="field">
        <label for="by">{t('handoverBy')}</label>
        <input id="by" name="by" type="text" maxLength={120} value={p.userName} />
      </div>
      <div class="field">
        <label for="note">{t('handoverNote')}</label>
        <input id="note" name="note" type="text" maxLength={500} />
      </div>
      <div class="field">
        <label for="file">{t('handoverPhoto')}</label>
        <input id="file" name="file" type="file" accept="image/jpeg,image/png,application/pdf" />
      </div>
      <button type="submit">{t('handoverSave')}</button>
    </form>
  );
}

function DeclineForm({ lang, csrf, l }: { lang: Lang; csrf: string; l: LetterView }) {
  const t = translator(letterMessages, lang);
  return (
    <details class="action">
      <summary>{t('declineTitle')}</summary>
      <form method="post" action={href(`${letterBase(l)}/decline`, lang)} class="stack" data-testid="decline-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <p class="hint">{t('declineHint')}</p>
        <div class="field">
          <label for="reason">{t('declineReason')}</label>
          <textarea id="reason" name="reason" rows={2} maxLength={500} required />
        </div>
        <button type="submit" class="danger">
          {t('declineSave')}
        </button>
      </form>
    </details>
  );
}

export function LetterPage(p: LetterProps) {
  const t = translator(letterMessages, p.lang);
  const l = p.letter;
  const f = l.followUp;
  const title = t('letterTitle', { kind: t(`kind_${l.kind}` as LetterKey), code: l.dossierCode });
  return (
    <ConsoleLayout {...p} title={title}>
      <p>
        <a href={href('/console/letters', p.lang)}>{t('back')}</a>
      </p>
      <h1>{title}</h1>
      <FlashBox lang={p.lang} flash={p} />
      <LetterFacts lang={p.lang} l={l} />

      <h2>{t('namesTitle')}</h2>
      <p class="hint">{t('namesHint')}</p>
      <NamesForm lang={p.lang} csrf={p.csrf} l={l} />
      {isEditable(l) ? <PrintForm lang={p.lang} csrf={p.csrf} l={l} /> : null}

      {awaitsHandover(l) ? (
        <>
          <h2>{t('handoverTitle')}</h2>
          {canRecordHandover(l) ? (
            <HandoverForm lang={p.lang} csrf={p.csrf} l={l} nowLocal={p.nowLocal} userName={p.userName} />
          ) : (
            <p class="muted">{t('handoverNeedsPrint')}</p>
          )}
          <DeclineForm lang={p.lang} csrf={p.csrf} l={l} />
        </>
      ) : null}

      {f ? (
        <>
          <h2 id="follow-up">{t('followupTitle')}</h2>
          <FollowupForm lang={p.lang} csrf={p.csrf} f={f} />
        </>
      ) : null}
    </ConsoleLayout>
  );
}

function FollowupForm({ lang, csrf, f }: { lang: Lang; csrf: string; f: NonNullable<LetterView['followUp']> }) {
  const t = translator(letterMessages, lang);
  if (f.status !== 'open')
    return (
      <p data-testid="followup-status">
        {t(`fu_${f.status}` as LetterKey)}
        {f.assignee ? ` — ${f.assignee}` : ''}
        {f.plannedDate ? `, ${formatVi(f.plannedDate)}` : ''}
        {f.note ? `. ${f.note}` : ''}
      </p>
    );
  return (
    <form
      method="post"
      action={href(`/console/letters/follow-ups/${f.id}`, lang)}
      class="card stack"
      data-testid="followup-form"
    >
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="visit" value="0" />
      <input type="hidden" name="offering" value="0" />
      <label>
        <input type="checkbox" name="visit" value="1" checked={f.visit} /> {t('visit')}
      </label>
      <label>
        <input type="checkbox" name="offering" value="1" checked={f.offering} /> {t('offering')}
      </label>
      <div class="field">
        <label for={`as-${f.id}`}>{t('assignee')}</label>
        <input id={`as-${f.id}`} name="assignee" type="text" maxLength={200} value={f.assignee} />
      </div>
      <div class="field">
        <label for={`pd-${f.id}`}>{t('plannedDate')}</label>
        <input id={`pd-${f.id}`} name="plannedDate" type="date" value={f.plannedDate ?? ''} />
      </div>
      <div class="field">
        <label for={`nt-${f.id}`}>{t('note')}</label>
        <input id={`nt-${f.id}`} name="note" type="text" maxLength={1000} value={f.note} />
      </div>
      <label>
        <input type="checkbox" name="done" value="1" /> {t('markDone')}
      </label>
      <button type="submit">{t('save')}</button>
    </form>
  );
}

export type FollowupItem = NonNullable<LetterView['followUp']> & {
  letterId: number;
  dossierCode: string;
  family: string;
  deceased: string;
};

export function FollowupsPage(p: Shell & Flash & { items: FollowupItem[] }) {
  const t = translator(letterMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('followupTitle')}>
      <h1>{t('title')}</h1>
      <Tabs lang={p.lang} current="followups" />
      <p class="muted">{t('followupsIntro')}</p>
      <FlashBox lang={p.lang} flash={p} />
      {p.items.length ? (
        <div class="table-scroll">
          <table data-testid="followups">
            <thead>
              <tr>
                <th scope="col" class="nowrap">
                  {t('colFamily')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colDeceased')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colWhat')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colWho')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colWhen')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colStatus')}
                </th>
                <th scope="col" class="nowrap">
                  {t('colActions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((f) => (
                <tr data-id={String(f.id)} data-status={f.status}>
                  <td class="nowrap">
                    {f.family}
                    <span class="block muted">{f.dossierCode}</span>
                  </td>
                  <td class="nowrap">{f.deceased || '—'}</td>
                  <td>
                    {[f.visit ? t('visit') : '', f.offering ? t('offering') : '']
                      .filter(Boolean)
                      .map((x, i) => (i ? x.toLocaleLowerCase(p.lang) : x))
                      .join(', ') || '—'}
                  </td>
                  <td>{f.assignee || '—'}</td>
                  <td class="nowrap">{f.plannedDate ? formatVi(f.plannedDate) : '—'}</td>
                  <td class="nowrap">
                    {t(`fu_${f.status}` as LetterKey)}
                    {f.doneAt ? <span class="block muted">{when(f.doneAt)}</span> : null}
                  </td>
                  <td>
                    <a href={href(`/console/letters/${f.letterId}#follow-up`, p.lang)}>{t('open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t('noFollowups')}</p>
      )}
    </ConsoleLayout>
  );
}

type TemplateItem = Template & { kind: LetterKind; custom: boolean };

/** One template's form (title, addressee, body, recipients), preview and reset. */
function TemplateSection(p: { lang: Lang; csrf: string; canEdit: boolean; tpl: TemplateItem; values: Template }) {
  const t = translator(letterMessages, p.lang);
  const { tpl, values: v } = p;
  const base = `/console/letters/templates/${tpl.kind}`;
  return (
    <section id={tpl.kind}>
      <h2>
        {t(`kind_${tpl.kind}` as LetterKey)} <span class="badge">{tpl.custom ? t('tplCustom') : t('tplDefault')}</span>
      </h2>
      <form method="post" action={href(base, p.lang)} class="card stack" data-testid={`template-${tpl.kind}`}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="field">
          <label for={`${tpl.kind}-title`}>{t('tplTitle')}</label>
          <input
            id={`${tpl.kind}-title`}
            name="title"
            type="text"
            maxLength={120}
            value={v.title}
            disabled={!p.canEdit}
          />
        </div>
        <div class="field">
          <label for={`${tpl.kind}-addressee`}>{t('tplAddressee')}</label>
          <input
            id={`${tpl.kind}-addressee`}
            name="addressee"
            type="text"
            maxLength={300}
            value={v.addressee}
            disabled={!p.canEdit}
          />
        </div>
        <div class="field">
          <label for={`${tpl.kind}-body`}>{t('tplBody')}</label>
          <textarea id={`${tpl.kind}-body`} name="body" rows={10} maxLength={6000} disabled={!p.canEdit}>
            {v.body}
          </textarea>
        </div>
        <div class="field">
          <label for={`${tpl.kind}-rec`}>{t('tplRecipients')}</label>
          <textarea id={`${tpl.kind}-rec`} name="recipients" rows={3} maxLength={600} disabled={!p.canEdit}>
            {v.recipients}
          </textarea>
        </div>
        <p>
          {p.canEdit ? <button type="submit">{t('save')}</button> : null}{' '}
          <button
            type="submit"
            class="secondary"
            formaction={`${base}/preview.pdf`}
            formtarget="_blank"
            disabled={!p.canEdit}
          >
            {t('tplPreview')}
          </button>{' '}
          <a href={`${base}/preview.pdf`} target="_blank">
            {t('preview')}
          </a>
        </p>
      </form>
      {p.canEdit && tpl.custom ? (
        <form method="post" action={href(`${base}/reset`, p.lang)} class="inline">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="secondary">
            {t('tplReset')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function TemplatesPage(
  p: Shell & Flash & { templates: TemplateItem[]; canEdit: boolean; draft?: { kind: string; values: Template } },
) {
  const t = translator(letterMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('tabTemplates')}>
      <h1>{t('title')}</h1>
      <Tabs lang={p.lang} current="templates" />
      <p class="muted">{t('templatesIntro', { list: PLACEHOLDERS.map((x) => `{${x}}`).join(', ') })}</p>
      {p.canEdit ? null : <p class="notice">{t('readOnly')}</p>}
      <FlashBox lang={p.lang} flash={p} />
      {p.templates.map((tpl) => (
        <TemplateSection
          lang={p.lang}
          csrf={p.csrf}
          canEdit={p.canEdit}
          tpl={tpl}
          values={p.draft?.kind === tpl.kind ? p.draft.values : tpl}
        />
      ))}
    </ConsoleLayout>
  );
}

export function SettingsPage(p: Shell & Flash & { settings: LetterSettings; canEdit: boolean; leader: string }) {
  const t = translator(letterMessages, p.lang);
  const s = p.settings;
  const dis = !p.canEdit;
  return (
    <ConsoleLayout {...p} title={t('tabSettings')}>
      <h1>{t('title')}</h1>
      <Tabs lang={p.lang} current="settings" />
      <p class="muted">{t('settingsIntro', { leader: p.leader })}</p>
      {p.canEdit ? null : <p class="notice">{t('readOnly')}</p>}
      <FlashBox lang={p.lang} flash={p} />
      <form
        method="post"
        action={href('/console/letters/settings', p.lang)}
        class="card stack"
        data-testid="settings-form"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="field">
          <label for="marriage">{t('trigMarriage')}</label>
          <textarea id="marriage" name="marriage" rows={2} disabled={dis}>
            {s.triggers.marriage.join(', ')}
          </textarea>
        </div>
        <div class="field">
          <label for="birth">{t('trigBirth')}</label>
          <textarea id="birth" name="birth" rows={2} disabled={dis}>
            {s.triggers.birth.join(', ')}
          </textarea>
        </div>
        <div class="field">
          <label for="death">{t('trigDeath')}</label>
          <textarea id="death" name="death" rows={2} disabled={dis}>
            {s.triggers.death.join(', ')}
          </textarea>
        </div>
        <div class="field">
          <label for="symbol">{t('symbol')}</label>
          <input id="symbol" name="symbol" type="text" maxLength={30} value={s.symbol} disabled={dis} />
        </div>
        <div class="field">
          <label for="signPrefix">{t('signPrefix')}</label>
          <select id="signPrefix" name="signPrefix" disabled={dis}>
            {(['', 'none', 'TM.', 'KT.'] as const).map((x) => (
              <option value={x} selected={s.signPrefix === x}>
                {t(`sign_${x || 'auto'}` as LetterKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="signAuthority">{t('signAuthority')}</label>
          <input
            id="signAuthority"
            name="signAuthority"
            type="text"
            maxLength={120}
            value={s.signAuthority}
            disabled={dis}
          />
        </div>
        {p.canEdit ? <button type="submit">{t('save')}</button> : null}
      </form>
    </ConsoleLayout>
  );
}
