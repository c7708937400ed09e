/**
 * Public transparency pages of a centre (plan III.1, III.3.1, III.4, III.5.2): the procedure list
 * with search, one procedure with its QR code and history, fees, directory, commitments, recent
 * changes, and the embeddable list for the commune's portal. Server HTML only: readable with
 * JavaScript off, no inline styles or scripts (the CSP forbids both), printable.
 */
import type { ComponentChildren } from 'preact';
import { PublicLayout, type SiteNav } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVnd, weekdayName } from '../../../core/text/index.ts';
import { formatVi, toLocal } from '../../../core/calendar/index.ts';
import type { PublicCenter } from '../../centers/index.ts';
import type { StaffContact } from '../../directory/index.ts';
import { telHref } from '../../directory/index.ts';
import type { CenterTexts } from '../../commitments/index.ts';
import { feeUnit } from '../../boards/index.ts';
import {
  abolitionDate,
  isAbolished,
  showsSameDayBox,
  timeLimitText,
  type FeeItem,
  type ProcedureData,
} from '../model.ts';
import type { ChangeEntry, HistoryEntry } from '../service.ts';
import type { Confirmation, GuidanceBox } from '../review-service.ts';
import { fieldWords, joinWords, publicMessages, type PublicKey } from '../public-messages.ts';

type T = (key: PublicKey, vars?: Record<string, string | number>) => string;
const tr = (lang: Lang): T => translator(publicMessages, lang);

// ---- Paths (Vietnamese slugs without diacritics) ----

export const publicPaths = {
  home: (slug: string) => `/${slug}`,
  list: (slug: string) => `/${slug}/thu-tuc`,
  procedure: (slug: string, code: string) => `/${slug}/thu-tuc/${encodeURIComponent(code)}`,
  fees: (slug: string) => `/${slug}/le-phi`,
  directory: (slug: string) => `/${slug}/danh-ba`,
  commitments: (slug: string) => `/${slug}/cam-ket`,
  changes: (slug: string) => `/${slug}/thay-doi`,
  tv: (slug: string) => `/${slug}/man-hinh`,
  embed: (slug: string) => `/${slug}/nhung/thu-tuc`,
  lookup: (slug: string) => `/${slug}/tra-cuu`,
  results: (slug: string) => `/${slug}/ket-qua`,
  feedback: (slug: string) => `/${slug}/phan-anh`,
  homeService: (slug: string) => `/${slug}/ho-tro-tai-nha`,
};

export type NavKey =
  | 'home'
  | 'procedures'
  | 'fees'
  | 'directory'
  | 'commitments'
  | 'changes'
  | 'lookup'
  | 'results'
  | 'feedback'
  | 'homeService';

/** The centre's navigation bar (Trang chủ, Thủ tục, Lệ phí, Danh bạ, Cam kết, Thay đổi). */
export function centerNav(slug: string, lang: Lang, current: NavKey | null): SiteNav {
  const t = tr(lang);
  const items: [NavKey, string, PublicKey][] = [
    ['home', publicPaths.home(slug), 'navHome'],
    ['procedures', publicPaths.list(slug), 'navProcedures'],
    ['fees', publicPaths.fees(slug), 'navFees'],
    ['directory', publicPaths.directory(slug), 'navDirectory'],
    ['commitments', publicPaths.commitments(slug), 'navCommitments'],
    ['changes', publicPaths.changes(slug), 'navChanges'],
    ['results', publicPaths.results(slug), 'navResults'],
    ['lookup', publicPaths.lookup(slug), 'navLookup'],
    ['homeService', publicPaths.homeService(slug), 'navHomeService'],
    ['feedback', publicPaths.feedback(slug), 'navFeedback'],
  ];
  return {
    label: t('navLabel'),
    items: items.map(([k, href, label]) => ({ href, label: t(label), current: k === current })),
  };
}

// ---- Small formatting helpers ----

/** dd/MM/yyyy of an instant, in Vietnam time. */
export function dateVi(iso: string): string {
  return formatVi(toLocal(new Date(iso)).date);
}

/** One fee item's amount: "2.000 đ/trang", "50.000 đ", or "Miễn" when 0. */
export function feeText(f: FeeItem, lang: Lang): string {
  if (f.amount <= 0) return tr(lang)('free');
  const unit = feeUnit(f.per);
  return unit ? `${formatVnd(f.amount)}/${unit}` : formatVnd(f.amount);
}

/**
 * The fee shown in lists: the first item that costs something, noting when some cases are free
 * (e.g. a birth registered on time), or "Không thu".
 */
export function mainFeeText(p: ProcedureData, lang: Lang): string {
  const f = p.fees.find((x) => x.amount > 0);
  if (!f) return tr(lang)('noFee');
  return p.fees.some((x) => x.amount <= 0) ? `${feeText(f, lang)} ${tr(lang)('someFree')}` : feeText(f, lang);
}

/** "Thứ Ba và Thứ Sáu". */
export function sameDayDays(center: Pick<PublicCenter, 'sameDayWeekdays'>, lang: Lang): string {
  return joinWords(
    center.sameDayWeekdays.map((d) => weekdayName(d, lang)),
    lang,
  );
}

function SameDayBadge({ lang }: { lang: Lang }) {
  return <span class="badge ok same-day">{tr(lang)('sameDayBadge')}</span>;
}

function Page(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  title: string;
  nav: NavKey | null;
  children: ComponentChildren;
}) {
  return (
    <PublicLayout
      lang={p.lang}
      title={p.title}
      path={p.path}
      centerName={p.center.shortName}
      centerSlug={p.center.slug}
      siteNav={centerNav(p.center.slug, p.lang, p.nav)}
    >
      {p.children}
    </PublicLayout>
  );
}

// ---- Search form and list items (shared by the list, the embed and the home page) ----

export interface FieldFacet {
  name: string;
  slug: string;
  count: number;
}

export function SearchForm(p: {
  lang: Lang;
  action: string;
  q: string;
  fieldSlug: string | null;
  fields?: FieldFacet[];
  idPrefix?: string;
  target?: string;
}) {
  const t = tr(p.lang);
  const id = `${p.idPrefix ?? ''}q`;
  return (
    <form method="get" action={p.action} class="search" role="search" target={p.target}>
      <label for={id}>{t('searchLabel')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('searchHint')}
      </p>
      <div class="search-row">
        <input
          type="search"
          id={id}
          name="q"
          value={p.q}
          maxLength={200}
          aria-describedby={`${id}-hint`}
          autocomplete="off"
          enterkeyhint="search"
        />
        <button type="submit">{t('searchButton')}</button>
      </div>
      {p.fields ? (
        <>
          <label for={`${id}-field`}>{t('fieldLabel')}</label>
          <select id={`${id}-field`} name="linh-vuc">
            <option value="">{t('allFields')}</option>
            {p.fields.map((f) => (
              <option value={f.slug} selected={f.slug === p.fieldSlug}>
                {f.name} ({f.count})
              </option>
            ))}
          </select>
        </>
      ) : null}
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
    </form>
  );
}

export function ProcedureItem(p: { lang: Lang; slug: string; proc: ProcedureData; target?: string }) {
  const t = tr(p.lang);
  const x = p.proc;
  return (
    <li class="proc" data-code={x.code}>
      <h3 lang={p.lang === 'vi' ? undefined : 'vi'}>
        <a href={publicPaths.procedure(p.slug, x.code)} target={p.target}>
          {x.name}
        </a>
      </h3>
      <p class="meta">
        <span>
          {t('code')}: {x.code}
        </span>
        <span>{x.field}</span>
        <span>
          {t('timeLimit')}: {timeLimitText(x.timeLimit, p.lang)}
        </span>
        <span>
          {t('fee')}: {mainFeeText(x, p.lang)}
        </span>
        {x.sameDayEligible ? <SameDayBadge lang={p.lang} /> : null}
      </p>
    </li>
  );
}

// ---- Procedure list ----

export interface ListView {
  lang: Lang;
  path: string;
  center: PublicCenter;
  q: string;
  field: FieldFacet | null;
  fields: FieldFacet[];
  items: ProcedureData[];
  total: number;
  page: number;
  pages: number;
  /** "Not here" boxes for the query (matters handled elsewhere or abolished), shown above the results. */
  guidance?: GuidanceBox[];
}

const GUIDANCE_HEAD = {
  elsewhere: 'guidanceElsewhere',
  abolished: 'guidanceAbolished',
  partly: 'guidancePartly',
} as const;

/** A "not here" box: what the matter is, why not here, where to go, and the related procedures here. */
function GuidanceNote(p: { lang: Lang; slug: string; box: GuidanceBox }) {
  const t = tr(p.lang);
  const b = p.box;
  const id = `guidance-${b.id}`;
  return (
    <section class={`guidance ${b.kind}`} aria-labelledby={id} data-testid="guidance" data-topic={b.id}>
      <p class="guidance-kind">{t(GUIDANCE_HEAD[b.kind])}</p>
      <h2 id={id}>{b.title}</h2>
      <p lang="vi">{b.text}</p>
      <p lang="vi">
        <strong>{t('guidanceWhere')}:</strong> {b.where}
      </p>
      {b.related.length ? (
        <>
          <p>
            <strong>{t('guidanceRelated')}:</strong>
          </p>
          <ul data-testid="guidance-related">
            {b.related.map((r) => (
              <li>
                <a href={publicPaths.procedure(p.slug, r.code)} lang="vi">
                  {r.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function listHref(slug: string, q: string, fieldSlug: string | null, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (fieldSlug) params.set('linh-vuc', fieldSlug);
  if (page > 1) params.set('trang', String(page));
  const s = params.toString();
  return `${publicPaths.list(slug)}${s ? `?${s}` : ''}`;
}

export function ProcedureListPage(p: ListView) {
  const t = tr(p.lang);
  const slug = p.center.slug;
  const summary =
    (p.q ? t('resultsFor', { q: p.q, n: p.total }) : t('resultsAll', { n: p.total })) +
    (p.field ? ` ${t('resultsInField', { field: p.field.name })}` : '');
  return (
    <Page lang={p.lang} path={p.path} center={p.center} title={t('listTitle')} nav="procedures">
      <h1>{t('listTitle')}</h1>
      <p class="lead">{t('listIntro')}</p>
      <SearchForm
        lang={p.lang}
        action={publicPaths.list(slug)}
        q={p.q}
        fieldSlug={p.field?.slug ?? null}
        fields={p.fields}
      />
      {(p.guidance ?? []).map((b) => (
        <GuidanceNote lang={p.lang} slug={slug} box={b} />
      ))}
      <div class="with-aside">
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title" data-testid="result-summary">
            {summary}
          </h2>
          {p.items.length ? (
            <ol class="procs" data-testid="results">
              {p.items.map((x) => (
                <ProcedureItem lang={p.lang} slug={slug} proc={x} />
              ))}
            </ol>
          ) : (
            <div class="notice" data-testid="no-results">
              <p>
                <strong>{t('noResults')}</strong>
              </p>
              <p>{t('noResultsHint')}</p>
              <p>
                <a href={publicPaths.list(slug)}>{t('clearSearch')}</a>
              </p>
            </div>
          )}
          {p.pages > 1 ? (
            <nav class="pager" aria-label={t('pagination')}>
              {p.page > 1 ? (
                <a href={listHref(slug, p.q, p.field?.slug ?? null, p.page - 1)} rel="prev">
                  {t('prevPage')}
                </a>
              ) : null}
              <span>{t('pageOf', { page: p.page, pages: p.pages })}</span>
              {p.page < p.pages ? (
                <a href={listHref(slug, p.q, p.field?.slug ?? null, p.page + 1)} rel="next">
                  {t('nextPage')}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>
        <aside aria-labelledby="fields-title" class="fields">
          <h2 id="fields-title">{t('fieldsTitle')}</h2>
          <ul class="field-list">
            {p.fields.map((f) => (
              <li>
                <a href={listHref(slug, p.q, f.slug, 1)} aria-current={p.field?.slug === f.slug ? 'true' : undefined}>
                  {f.name}
                </a>{' '}
                <span class="muted">({t('fieldCount', { n: f.count })})</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </Page>
  );
}

// ---- One procedure ----

export interface ProcedureView {
  lang: Lang;
  path: string;
  center: PublicCenter;
  proc: ProcedureData;
  history: HistoryEntry[];
  /** Absolute address of this page: what the QR code encodes. */
  url: string;
  qrSvg: string;
  portalUrl: string;
  /** The valid confirmation of the fees and limits, if any: replaces the warning for what it covers. */
  confirmed?: Confirmation | null;
  /** Fields still unverified after the confirmation (default: the record's own list). */
  unverified?: readonly string[];
}

function Section(p: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="proc-section" aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.children}
    </section>
  );
}

/** Adds an accessible name to the QR code's SVG (the markup comes from our own QR encoder). */
function labelledSvg(svg: string, label: string): string {
  const safe = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return svg.trim().replace(/^<svg\b/, `<svg role="img" aria-label="${safe}" focusable="false"`);
}

/** What every part of a procedure's page receives: the words, the record, the language of its texts. */
interface Part {
  t: T;
  x: ProcedureData;
  lang: Lang;
  /** 'vi' on an English page (the catalogue's texts are Vietnamese), else undefined. */
  vi: string | undefined;
}

function ProcedureFacts({ t, x, lang, vi }: Part) {
  const level =
    x.level === 'province' ? t('levelProvince') : x.level === 'vertical' ? t('levelVertical') : t('levelCommune');
  const online =
    x.onlineLevel === 'full' ? t('onlineFull') : x.onlineLevel === 'partial' ? t('onlinePartial') : t('onlineNone');
  const tl = timeLimitText(x.timeLimit, lang);
  return (
    <dl class="facts">
      <dt>{t('code')}</dt>
      <dd data-testid="code">
        {x.code}
        {x.localCode ? <span class="muted"> ({x.localCode})</span> : null}
      </dd>
      <dt>{t('fieldLabel')}</dt>
      <dd lang={vi}>{x.field}</dd>
      <dt>{t('level')}</dt>
      <dd>{level}</dd>
      {x.implementingBody ? (
        <>
          <dt>{t('implementingBody')}</dt>
          <dd lang={vi}>{x.implementingBody}</dd>
        </>
      ) : null}
      {x.coordinatingBodies.length ? (
        <>
          <dt>{t('coordinatingBodies')}</dt>
          <dd lang={vi}>{x.coordinatingBodies.join('; ')}</dd>
        </>
      ) : null}
      <dt>{t('timeLimitTitle')}</dt>
      <dd data-testid="time-limit">
        <strong>{tl}</strong>
        {x.timeLimit.note && x.timeLimit.note !== tl ? <span class="block muted">{x.timeLimit.note}</span> : null}
      </dd>
      <dt>{t('fee')}</dt>
      <dd>{mainFeeText(x, lang)}</dd>
      <dt>{t('onlineLevel')}</dt>
      <dd>{online}</dd>
    </dl>
  );
}

/** The head of the page: the facts, the same-day box, the portal link and the QR code. */
function ProcedureHead(p: Part & { view: ProcedureView }) {
  const { t, x, view } = p;
  const c = view.center;
  return (
    <div class="proc-head">
      <div>
        <ProcedureFacts {...p} />
        {showsSameDayBox(x) ? (
          <p class="same-day-box" data-testid="same-day">
            <SameDayBadge lang={p.lang} />{' '}
            {c.sameDayWeekdays.length
              ? t('sameDayText', { days: sameDayDays(c, p.lang), cutoff: c.sameDayCutoff })
              : t('sameDayNoDays')}
          </p>
        ) : null}
        {view.portalUrl ? (
          <p class="portal">
            <a href={view.portalUrl} rel="noopener external" data-testid="portal-link">
              {t('portalLink')}
            </a>
            <span class="block muted">{t('portalHint')}</span>
          </p>
        ) : null}
      </div>
      <figure class="qr" data-testid="qr">
        <div
          class="qr-code"
          dangerouslySetInnerHTML={{ __html: labelledSvg(view.qrSvg, t('qrLabel', { url: view.url })) }}
        />
        <figcaption>
          {t('qrCaption')}
          <span class="block qr-url">{view.url}</span>
        </figcaption>
      </figure>
    </div>
  );
}

/** The confirmation of the fees and limits, and the warning for what is still unverified. */
function Reliability({ t, x, lang, view }: Part & { view: ProcedureView }) {
  const unverified = view.unverified ?? x.unverified;
  return (
    <>
      {view.confirmed ? (
        <p class="confirmed" role="note" data-testid="confirmed">
          <strong>{t('confirmedOn', { date: dateVi(view.confirmed.at) })}</strong>
          <span class="block">{t('confirmedText')}</span>
        </p>
      ) : null}
      {unverified.length ? (
        <div class="notice" role="note" data-testid="unverified">
          <p>
            <strong>{t('unverifiedTitle')}</strong>
          </p>
          <p>{t('unverifiedText', { fields: fieldWords(unverified, lang) })}</p>
        </div>
      ) : null}
    </>
  );
}

function FormCell({ t, d, slug }: { t: T; d: ProcedureData['components'][number]; slug: string }) {
  return (
    <td data-label={t('form')}>
      {d.form ? (
        d.form.url ? (
          <a href={d.form.url} rel="noopener external">
            {d.form.name || d.form.code}
          </a>
        ) : (
          <span>{d.form.name}</span>
        )
      ) : (
        <span class="muted">{t('noForm')}</span>
      )}
      {d.form?.code && d.form.code !== d.form.name ? <span class="block muted">{d.form.code}</span> : null}
      {d.form?.file ? (
        <a class="block" href={`/${slug}/in/${d.form.file}.pdf`} data-testid="form-download" type="application/pdf">
          {t('formsDownload')} (PDF)
        </a>
      ) : null}
    </td>
  );
}

function ComponentsSection({ t, x, vi, slug }: Part & { slug: string }) {
  return (
    <Section title={t('components')} id="components">
      {x.components.length ? (
        <table class="stack-table" data-testid="components">
          <thead>
            <tr>
              <th scope="col">{t('componentName')}</th>
              <th scope="col" class="num">
                {t('originals')}
              </th>
              <th scope="col" class="num">
                {t('copies')}
              </th>
              <th scope="col">{t('form')}</th>
            </tr>
          </thead>
          <tbody>
            {x.components.map((d) => (
              <tr>
                <td data-label={t('componentName')} lang={vi}>
                  {d.name}
                  {d.note ? <span class="block muted">{d.note}</span> : null}
                </td>
                <td data-label={t('originals')} class="num">
                  {d.originals}
                </td>
                <td data-label={t('copies')} class="num">
                  {d.copies}
                </td>
                <FormCell t={t} d={d} slug={slug} />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <strong>{t('sets')}:</strong> {t('setsValue', { n: x.sets })}
      </p>
    </Section>
  );
}

function StepsSection({ t, x, vi }: Part) {
  const channel = { direct: t('channelDirect'), online: t('channelOnline'), postal: t('channelPostal') };
  if (!x.steps.length) return null;
  return (
    <Section title={t('steps')} id="steps">
      <ol class="steps" lang={vi}>
        {x.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      {x.channels.length ? (
        <p>
          <strong>{t('channels')}:</strong> {x.channels.map((ch) => channel[ch]).join('; ')}
        </p>
      ) : null}
    </Section>
  );
}

function FeesSection({ t, x, lang }: Part) {
  return (
    <Section title={t('fees')} id="fees">
      {x.fees.length ? (
        <table class="stack-table" data-testid="fees">
          <thead>
            <tr>
              <th scope="col">{t('feeItem')}</th>
              <th scope="col">{t('feeAmount')}</th>
              <th scope="col">{t('feeCondition')}</th>
            </tr>
          </thead>
          <tbody>
            {x.fees.map((f) => (
              <tr>
                <td data-label={t('feeItem')}>{f.name}</td>
                <td data-label={t('feeAmount')} class="amount">
                  {feeText(f, lang)}
                </td>
                <td data-label={t('feeCondition')}>
                  {f.condition}
                  {f.legalBasis ? <span class="block muted">{f.legalBasis}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('noFees')}</p>
      )}
    </Section>
  );
}

function LegalSection({ t, x, vi }: Part) {
  if (!x.legalBasis.length) return null;
  return (
    <Section title={t('legalBasis')} id="legal">
      <ul lang={vi}>
        {x.legalBasis.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
      {x.announcement ? (
        <p>
          {t('announcement')}:{' '}
          {t('announcementValue', { decision: x.announcement.decision, date: formatVi(x.announcement.date) })}
        </p>
      ) : null}
      {x.effectiveFrom ? (
        <p>
          {t('effectiveFrom')}: {formatVi(x.effectiveFrom)}
        </p>
      ) : null}
    </Section>
  );
}

function HistorySection({ t, lang, history }: { t: T; lang: Lang; history: HistoryEntry[] }) {
  if (!history.length) return null;
  return (
    <Section title={t('historyTitle')} id="history">
      <ul class="history" data-testid="history">
        {history.map((h) => (
          <li>
            <strong>{dateVi(h.publishedAt)}</strong> — {t('historyVersion', { n: h.version })}:{' '}
            {kindText(h.changeKind, t)}
            {h.changeKind === 'changed' && h.changedFields.length ? (
              <span class="block muted">{t('changedFields', { fields: fieldWords(h.changedFields, lang) })}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function ProcedurePage(p: ProcedureView) {
  const t = tr(p.lang);
  const x = p.proc;
  const c = p.center;
  const abolishedOn = abolitionDate(x, p.history);
  // The catalogue's texts are Vietnamese: marked so on an English page (screen readers, translation).
  const part: Part = { t, x, lang: p.lang, vi: p.lang === 'vi' ? undefined : 'vi' };
  return (
    <Page lang={p.lang} path={p.path} center={c} title={x.name} nav="procedures">
      <p class="crumbs no-print">
        <a href={publicPaths.list(c.slug)}>{t('backToList')}</a>
      </p>
      <h1 lang={part.vi}>{x.name}</h1>
      {isAbolished(x) ? (
        <div class="status closed" role="note" data-testid="abolished">
          <p>
            <strong>{t('abolishedTitle')}</strong>
          </p>
          <p>{t('abolishedText', { date: abolishedOn ? dateVi(abolishedOn) : '—' })}</p>
        </div>
      ) : null}
      <ProcedureHead {...part} view={p} />
      <Reliability {...part} view={p} />
      {x.applicants ? (
        <Section title={t('applicants')} id="applicants">
          <p lang={part.vi}>{x.applicants}</p>
        </Section>
      ) : null}
      <ComponentsSection {...part} slug={c.slug} />
      <StepsSection {...part} />
      <FeesSection {...part} />
      <Section title={t('resultType')} id="result">
        <p lang={part.vi}>{x.resultType || '—'}</p>
      </Section>
      <LegalSection {...part} />
      <HistorySection t={t} lang={p.lang} history={p.history} />
      <p class="muted no-print">{t('printHint')}</p>
    </Page>
  );
}

function kindText(kind: string, t: T): string {
  switch (kind) {
    case 'initial':
      return t('kindInitial');
    case 'new':
      return t('kindNew');
    case 'abolished':
      return t('kindAbolished');
    default:
      return t('kindChanged');
  }
}

export function ProcedureNotFoundPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  code: string;
  fields: FieldFacet[];
}) {
  const t = tr(p.lang);
  return (
    <Page lang={p.lang} path={p.path} center={p.center} title={t('notFoundTitle')} nav="procedures">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText', { code: p.code.slice(0, 40) })}</p>
      <SearchForm lang={p.lang} action={publicPaths.list(p.center.slug)} q="" fieldSlug={null} fields={p.fields} />
      <p>
        <a href={publicPaths.list(p.center.slug)}>{t('clearSearch')}</a>
      </p>
    </Page>
  );
}

// ---- Fees ----

export function FeesPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  fields: { name: string; slug: string; procedures: ProcedureData[] }[];
}) {
  const t = tr(p.lang);
  const slug = p.center.slug;
  return (
    <Page lang={p.lang} path={p.path} center={p.center} title={t('feesTitle')} nav="fees">
      <h1>{t('feesTitle')}</h1>
      <p class="lead">{t('feesIntro')}</p>
      <ul class="toc no-print">
        {p.fields.map((f) => (
          <li>
            <a href={`#${f.slug}`}>{f.name}</a>
          </li>
        ))}
      </ul>
      {p.fields.map((f) => (
        <section aria-labelledby={f.slug} class="fee-field">
          <h2 id={f.slug}>{f.name}</h2>
          <table class="fee-table" data-testid={`fees-${f.slug}`}>
            <thead>
              <tr>
                <th scope="col">{t('procedure')}</th>
                <th scope="col">{t('fee')}</th>
              </tr>
            </thead>
            <tbody>
              {f.procedures.map((x) => (
                <tr>
                  <td>
                    <a href={publicPaths.procedure(slug, x.code)}>{x.name}</a>{' '}
                    <span class="muted nowrap">({x.code})</span>
                  </td>
                  <td>
                    {x.fees.some((fee) => fee.amount > 0) ? (
                      <ul class="plain">
                        {x.fees.map((fee) => (
                          <li>
                            <span class="amount">{feeText(fee, p.lang)}</span>
                            {x.fees.length > 1 || fee.condition ? (
                              <span class="muted">
                                {' '}
                                — {x.fees.length > 1 ? fee.name : ''}
                                {x.fees.length > 1 && fee.condition ? '. ' : ''}
                                {fee.condition}
                              </span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span>{t('noFee')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Page>
  );
}

// ---- Directory ----

export function DirectoryPage(p: { lang: Lang; path: string; center: PublicCenter; contacts: StaffContact[] }) {
  const t = tr(p.lang);
  const c = p.center;
  return (
    <Page lang={p.lang} path={p.path} center={c} title={t('directoryTitle')} nav="directory">
      <h1>{t('directoryTitle')}</h1>
      <p class="lead">{t('directoryIntro')}</p>
      {c.phones.length ? (
        <section class="card" aria-labelledby="center-phones">
          <h2 id="center-phones">{t('centerPhones')}</h2>
          <ul class="plain phones">
            {c.phones.map((ph) => (
              <li>
                {ph.label}:{' '}
                <a class="tel" href={telHref(ph.number)}>
                  {ph.number}
                </a>
              </li>
            ))}
            {c.email ? (
              <li>
                {t('email')}: <a href={`mailto:${c.email}`}>{c.email}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <h2>{t('staff')}</h2>
      {p.contacts.length ? (
        <ul class="contacts" data-testid="contacts">
          {p.contacts.map((s) => (
            <li class="contact">
              <h3>{s.name}</h3>
              {s.title ? <p class="title">{s.title}</p> : null}
              <dl class="facts">
                {s.counter ? (
                  <>
                    <dt>{t('counter')}</dt>
                    <dd>{s.counter}</dd>
                  </>
                ) : null}
                {s.fields.length ? (
                  <>
                    <dt>{t('fieldsHandled')}</dt>
                    <dd>{s.fields.join(', ')}</dd>
                  </>
                ) : null}
                {s.phone ? (
                  <>
                    <dt>{t('phone')}</dt>
                    <dd>
                      <a class="tel" href={telHref(s.phone)} aria-label={`${t('call', { name: s.name })}: ${s.phone}`}>
                        {s.phone}
                      </a>
                    </dd>
                  </>
                ) : null}
                {s.email ? (
                  <>
                    <dt>{t('email')}</dt>
                    <dd>
                      <a href={`mailto:${s.email}`}>{s.email}</a>
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noContacts')}</p>
      )}
    </Page>
  );
}

// ---- Commitments ----

export function CommitmentsPage(p: { lang: Lang; path: string; center: PublicCenter; texts: CenterTexts }) {
  const t = tr(p.lang);
  const x = p.texts;
  const block = (key: PublicKey, id: string, items: string[], cls = '') => (
    <section class={`card commit ${cls}`} aria-labelledby={id}>
      <h2 id={id}>{t(key)}</h2>
      <ul>
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
    </section>
  );
  return (
    <Page lang={p.lang} path={p.path} center={p.center} title={t('commitmentsTitle')} nav="commitments">
      <h1>{t('commitmentsTitle')}</h1>
      {x.motto ? (
        <p class="motto" data-testid="motto">
          <span class="muted">{t('motto')}:</span> <strong>{x.motto}</strong>
        </p>
      ) : null}
      <p class="lead">{t('commitmentsIntro')}</p>
      <div class="commit-grid">
        {block('fourPlease', 'four-please', x.fourPlease)}
        {block('fourAlways', 'four-always', x.fourAlways)}
        {block('fourOnSpot', 'four-on-spot', x.fourOnSpot)}
      </div>
      {block('fiveNo', 'five-no', x.fiveNo, 'wide')}
      <section aria-labelledby="rules">
        <h2 id="rules">{t('rules')}</h2>
        <ol class="rules">
          {x.rules.map((r) => (
            <li>{r}</li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

// ---- Recent changes ----

export function ChangesPage(p: { lang: Lang; path: string; center: PublicCenter; changes: ChangeEntry[] }) {
  const t = tr(p.lang);
  const slug = p.center.slug;
  return (
    <Page lang={p.lang} path={p.path} center={p.center} title={t('changesTitle')} nav="changes">
      <h1>{t('changesTitle')}</h1>
      <p class="lead">{t('changesIntro')}</p>
      {p.changes.length ? (
        <ol class="changes plain" data-testid="changes">
          {p.changes.map((c) => (
            <li class={`change ${c.changeKind}`} data-kind={c.changeKind} data-code={c.code}>
              <p class="change-head">
                <span class={`badge ${c.changeKind === 'abolished' ? 'warn' : c.changeKind === 'new' ? 'ok' : ''}`}>
                  {kindText(c.changeKind, t)}
                </span>{' '}
                <time datetime={c.publishedAt}>{dateVi(c.publishedAt)}</time>
              </p>
              <p>
                <a href={publicPaths.procedure(slug, c.code)}>{c.name}</a>{' '}
                <span class="muted nowrap">
                  ({c.code} · {c.field})
                </span>
              </p>
              {c.changeKind === 'changed' && c.changedFields.length ? (
                <p class="muted">{t('changedFields', { fields: fieldWords(c.changedFields, p.lang) })}</p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="no-changes">{t('noChanges')}</p>
      )}
    </Page>
  );
}

// ---- Centre home: search box and links (used by centers/pages/public.tsx) ----

export function CenterHomeLinks(p: { lang: Lang; slug: string }) {
  const t = tr(p.lang);
  const links: [string, PublicKey, PublicKey][] = [
    [publicPaths.list(p.slug), 'homeProcedures', 'homeProceduresText'],
    [publicPaths.fees(p.slug), 'homeFees', 'homeFeesText'],
    [publicPaths.directory(p.slug), 'homeDirectory', 'homeDirectoryText'],
    [publicPaths.commitments(p.slug), 'homeCommitments', 'homeCommitmentsText'],
    [publicPaths.changes(p.slug), 'homeChanges', 'homeChangesText'],
  ];
  return (
    <>
      <section class="card home-search" aria-labelledby="home-search-title">
        <h2 id="home-search-title">{t('homeSearchTitle')}</h2>
        <SearchForm lang={p.lang} action={publicPaths.list(p.slug)} q="" fieldSlug={null} idPrefix="home-" />
      </section>
      <section aria-labelledby="home-links-title">
        <h2 id="home-links-title">{t('homeLinksTitle')}</h2>
        <ul class="link-grid">
          {links.map(([href, title, text]) => (
            <li>
              <a href={href}>{t(title)}</a>
              <span class="block muted">{t(text)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

// ---- Embeddable list (iframe on the commune's portal) ----

export function EmbedPage(p: {
  lang: Lang;
  center: PublicCenter;
  q: string;
  field: FieldFacet | null;
  fields: FieldFacet[];
  items: ProcedureData[];
  total: number;
  moreHref: string;
}) {
  const t = tr(p.lang);
  const slug = p.center.slug;
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${t('embedTitle')} · ${p.center.shortName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="embed">
        <main>
          <h1 class="embed-title">{t('embedTitle')}</h1>
          <SearchForm
            lang={p.lang}
            action={publicPaths.embed(slug)}
            q={p.q}
            fieldSlug={p.field?.slug ?? null}
            fields={p.fields}
            idPrefix="embed-"
          />
          <h2 class="result-line" data-testid="result-summary">
            {p.q ? t('resultsFor', { q: p.q, n: p.total }) : t('resultsAll', { n: p.total })}
          </h2>
          {p.items.length ? (
            <ol class="procs">
              {p.items.map((x) => (
                <ProcedureItem lang={p.lang} slug={slug} proc={x} target="_top" />
              ))}
            </ol>
          ) : (
            <div class="notice">
              <p>
                <strong>{t('noResults')}</strong>
              </p>
              <p>{t('noResultsHint')}</p>
            </div>
          )}
          {p.total > p.items.length ? (
            <p>
              <a href={p.moreHref} target="_top">
                {t('embedMore', { n: p.total })}
              </a>
            </p>
          ) : null}
          <p class="embed-foot">
            <a href={publicPaths.home(slug)} target="_top">
              {t('embedOpen')}: {p.center.name}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
