/** Console report pages: the centre report with formulas and drill-down links, the drill-down list, the 766 scorecard, the province view. */
import { ConsoleLayout, PublicLayout, type ConsoleNavItem, type SiteNav } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import { STATUS_LABELS, type Status } from '../../dossiers/index.ts';
import { reportMessages, type ReportKey } from '../messages.ts';
import type { Figure, MonthlyStatistics } from '../statistics.ts';
import type { Scorecard } from '../scorecard.ts';
import { PERIOD_KINDS, periodQuery, type Period } from '../periods.ts';
import type { DrillResult, RankRow, ScoreYear, TrendPoint } from '../service.ts';
import { TARGET_KEYS, type TargetKey } from '../targets.ts';
import { PALETTE, buildChart, toSvg } from '../chart.ts';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

export function pct(v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  return `${(v * 100).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
}

export function valueText(f: Figure, lang: Lang): string {
  if (f.value === null) return '—';
  if (f.kind === 'rate') return pct(f.value, lang);
  if (f.kind === 'minutes')
    return f.value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return f.value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

const when = (iso: string | null) => (iso ? formatInstantVi(new Date(iso)) : '—');

export function drillHref(key: string, p: Period, page = 1): string {
  return `/console/reports/drill?key=${key}&${periodQuery(p)}${page > 1 ? `&page=${page}` : ''}`;
}

function PeriodPicker(p: { lang: Lang; period: Period; action: string }) {
  const t = translator(reportMessages, p.lang);
  const years: number[] = [];
  for (let y = p.period.year + 1; y >= p.period.year - 4; y--) years.push(y);
  return (
    <form method="get" action={p.action} class="card stack" data-testid="period-picker">
      <fieldset>
        <legend>{t('periodLegend')}</legend>
        <label for="period-kind">{t('periodLegend')}</label>
        <select id="period-kind" name="period">
          {PERIOD_KINDS.filter((k) => k !== 'custom').map((k) => (
            <option value={k} selected={p.period.kind === k}>
              {t(`kind_${k}` as ReportKey)}
            </option>
          ))}
        </select>
        <label for="period-year">{t('year')}</label>
        <select id="period-year" name="year">
          {years.map((y) => (
            <option value={String(y)} selected={y === p.period.year}>
              {y}
            </option>
          ))}
        </select>
        <label for="period-month">{t('month')}</label>
        <select id="period-month" name="month">
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option value={String(m)} selected={m === p.period.month}>
              {String(m).padStart(2, '0')}
            </option>
          ))}
        </select>
        <label for="period-quarter">{t('quarter')}</label>
        <select id="period-quarter" name="quarter">
          {[1, 2, 3, 4].map((q) => (
            <option value={String(q)} selected={q === p.period.quarter}>
              {q}
            </option>
          ))}
        </select>
        <button type="submit">{t('show')}</button>
      </fieldset>
    </form>
  );
}

function FigureRows(p: { figures: Figure[]; lang: Lang; period: Period; drill: boolean }) {
  const t = translator(reportMessages, p.lang);
  const link = (key: string | undefined, label: string) =>
    key && p.drill ? (
      <a href={drillHref(key, p.period)} data-drill={key}>
        {label}
      </a>
    ) : null;
  return (
    <>
      {p.figures.map((f) => {
        const below = f.kind === 'rate' && f.target !== undefined && f.value !== null && f.value < f.target;
        return (
          <tr data-figure={f.key}>
            <th scope="row">{f.label[p.lang]}</th>
            <td class="num nowrap" data-value>
              {f.kind === 'rate' ? <strong>{valueText(f, p.lang)}</strong> : valueText(f, p.lang)}
              {f.kind === 'rate' && f.denominator !== undefined ? (
                <span class="block muted">
                  {f.numerator}/{f.denominator}
                </span>
              ) : null}
              {f.value === null && f.source ? <span class="block muted">{t('noData')}</span> : null}
            </td>
            <td class="num nowrap">
              {f.target !== undefined ? (
                <>
                  {pct(f.target, p.lang)}
                  {f.value !== null ? (
                    <span class={below ? 'badge warn block' : 'badge ok block'}>
                      {below ? t('belowTarget') : t('metTarget')}
                    </span>
                  ) : null}
                </>
              ) : (
                ''
              )}
            </td>
            <td class="formula">{f.formula[p.lang]}</td>
            <td class="nowrap">
              {link(f.drill?.value, t('list'))}
              {f.drill?.numerator ? (
                <>
                  {link(f.drill.numerator, t('numerator'))}
                  {' · '}
                  {link(f.drill.denominator, t('denominator'))}
                </>
              ) : null}
            </td>
          </tr>
        );
      })}
    </>
  );
}

export function FiguresTable(p: { stats: MonthlyStatistics; lang: Lang; period: Period; drill: boolean }) {
  const t = translator(reportMessages, p.lang);
  const groups: [Figure['group'], ReportKey][] = [
    ['received', 'groupReceived'],
    ['outcome', 'groupOutcome'],
    ['rates', 'groupRates'],
    ['care', 'groupCare'],
  ];
  return (
    <div class="table-scroll">
      <table data-testid="figures" class="report-figures">
        <thead>
          <tr>
            <th scope="col">{t('colFigure')}</th>
            <th scope="col" class="num">
              {t('colValue')}
            </th>
            <th scope="col" class="num">
              {t('colTarget')}
            </th>
            <th scope="col">{t('colFormula')}</th>
            <th scope="col">{t('colDrill')}</th>
          </tr>
        </thead>
        {groups.map(([g, k]) => (
          <tbody data-group={g}>
            <tr>
              <th scope="colgroup" colSpan={5} class="group">
                {t(k)}
              </th>
            </tr>
            <FigureRows
              figures={p.stats.figures.filter((f) => f.group === g)}
              lang={p.lang}
              period={p.period}
              drill={p.drill}
            />
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function trendCharts(trend: TrendPoint[], lang: Lang, targets?: Partial<Record<TargetKey, number>>): string[] {
  const t = translator(reportMessages, lang);
  const labels = trend.map((x) => x.label.replace(/\/20(\d\d)$/, '/$1'));
  const a = buildChart({
    kind: 'bar',
    title: t('chartChannels'),
    labels,
    series: [
      { name: t('seriesDirect'), values: trend.map((x) => x.received - x.online), color: PALETTE[0]! },
      { name: t('seriesOnline'), values: trend.map((x) => x.online), color: PALETTE[1]! },
    ],
  });
  const b = buildChart({
    kind: 'line',
    percent: true,
    title: t('chartRates'),
    labels,
    target: targets?.digitisedRate ?? null,
    targetLabel: t('chartTarget'),
    series: [
      { name: t('seriesOnTime'), values: trend.map((x) => x.onTimeRate), color: PALETTE[2]! },
      { name: t('seriesFullOnline'), values: trend.map((x) => x.fullOnlineRate), color: PALETTE[1]! },
      { name: t('seriesDigitised'), values: trend.map((x) => x.digitisedRate), color: PALETTE[0]! },
      { name: t('seriesReuse'), values: trend.map((x) => x.reuseRate), color: PALETTE[3]! },
    ],
  });
  return [toSvg(a), toSvg(b)];
}

/** The "saved" notice and the list of errors of a form. */
function Flash(p: { lang: Lang; ok: boolean; errors: string[] }) {
  const t = translator(reportMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t('saved')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert">
          <h2>{t('errors')}</h2>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** XLSX and PDF links of a page (`base`.xlsx?`query`). */
function ExportLinks(p: { lang: Lang; base: string; query: string }) {
  const t = translator(reportMessages, p.lang);
  return (
    <p data-testid="exports">
      {t('exports')}:{' '}
      <a href={`${p.base}.xlsx?${p.query}`} download>
        {t('xlsx')}
      </a>{' '}
      ·{' '}
      <a href={`${p.base}.pdf?${p.query}`} download>
        {t('pdf')}
      </a>
    </p>
  );
}

/** The year's targets and the public headline opt-in (reports.manage). */
function TargetsForm(p: {
  lang: Lang;
  csrf: string;
  query: string;
  period: Period;
  figures: MonthlyStatistics['figures'];
  targets: Record<TargetKey, number>;
  slug: string;
  publicHeadline: boolean;
}) {
  const t = translator(reportMessages, p.lang);
  const q = p.query;
  return (
    <form method="post" action={`/console/reports/targets?${q}`} class="card stack" data-testid="targets-form">
      <h2>
        {t('targetsTitle')} {p.period.year}
      </h2>
      <p class="muted">{t('targetsIntro')}</p>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="year" value={String(p.period.year)} />
      {TARGET_KEYS.map((k) => {
        const f = p.figures.find((x) => x.key === k);
        return (
          <>
            <label for={`target-${k}`}>{f ? f.label[p.lang] : k} (%)</label>
            <input
              id={`target-${k}`}
              name={`target_${k}`}
              type="number"
              min="0"
              max="100"
              step="0.1"
              value={String(Math.round(p.targets[k] * 1000) / 10)}
            />
          </>
        );
      })}
      <label>
        <input type="checkbox" name="publicHeadline" value="on" checked={p.publicHeadline} />{' '}
        {t('publicHeadline', { slug: p.slug })}
      </label>
      {p.publicHeadline ? (
        <p>
          <a href={`/${p.slug}/so-lieu`}>{t('publicLink')}</a>
        </p>
      ) : null}
      <button type="submit">{t('save')}</button>
    </form>
  );
}

export function ReportPage(
  p: Shell & {
    period: Period;
    stats: MonthlyStatistics;
    scorecard: Scorecard;
    trend: TrendPoint[];
    canDrill: boolean;
    canManage: boolean;
    slug: string;
    targets: Record<TargetKey, number>;
    publicHeadline: boolean;
    ok: boolean;
    errors: string[];
  },
) {
  const t = translator(reportMessages, p.lang);
  const q = periodQuery(p.period);
  const charts = trendCharts(p.trend, p.lang, p.targets);
  return (
    <ConsoleLayout {...p} title={`${t('title')} – ${p.period.label[p.lang]}`}>
      <h1>
        {t('title')}: {p.period.label[p.lang]}
      </h1>
      <p class="muted">
        {p.centerName}. {t('asOf', { at: when(p.stats.asOf) })}
      </p>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <PeriodPicker lang={p.lang} period={p.period} action="/console/reports" />
      <p class="card" data-testid="score-766">
        {t('score766')}: <strong>{p.scorecard.score.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB')}</strong> /{' '}
        {p.scorecard.maxComputable} — <a href={`/console/reports/766?year=${p.period.year}`}>{t('open766')}</a>
      </p>
      <ExportLinks lang={p.lang} base="/console/reports/export" query={q} />
      <FiguresTable stats={p.stats} lang={p.lang} period={p.period} drill={p.canDrill} />
      <h2>{t('charts')}</h2>
      <div class="charts" data-testid="charts">
        {charts.map((svg) => (
          <figure class="chart" dangerouslySetInnerHTML={{ __html: svg }} />
        ))}
      </div>
      {p.canManage ? (
        <TargetsForm
          lang={p.lang}
          csrf={p.csrf}
          query={q}
          period={p.period}
          figures={p.stats.figures}
          targets={p.targets}
          slug={p.slug}
          publicHeadline={p.publicHeadline}
        />
      ) : null}
    </ConsoleLayout>
  );
}

const CHANNEL_TEXT: Record<string, { vi: string; en: string }> = {
  direct: { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Bưu chính', en: 'Postal' },
  home: { vi: 'Tại nhà', en: 'At home' },
};

export function DrillPage(p: Shell & { result: DrillResult; what: string }) {
  const t = translator(reportMessages, p.lang);
  const r = p.result;
  const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
  return (
    <ConsoleLayout {...p} title={t('drillTitle', { what: p.what })}>
      <p>
        <a href={`/console/reports?${periodQuery(r.period)}`}>{t('back')}</a>
      </p>
      <h1>{t('drillTitle', { what: p.what })}</h1>
      <p class="muted">
        {r.period.label[p.lang]}. {t('drillIntro', { total: r.total, page: r.page, pages })}
      </p>
      {r.rows.length ? (
        <div class="table-scroll">
          <table data-testid="drill">
            <thead>
              <tr>
                <th scope="col">{t('colCode')}</th>
                <th scope="col">{t('colProcedure')}</th>
                <th scope="col">{t('colChannel')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colReceived')}</th>
                <th scope="col">{t('colDue')}</th>
                <th scope="col">{t('colEnded')}</th>
                <th scope="col" class="num">
                  {t('colSupplements')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((d) => (
                <tr data-code={d.code}>
                  <td class="nowrap">
                    <a href={`/console/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</a>
                  </td>
                  <td>{d.procedureName}</td>
                  <td>{CHANNEL_TEXT[d.channel]?.[p.lang] ?? d.channel}</td>
                  <td>{STATUS_LABELS[d.status as Status]?.[p.lang] ?? d.status}</td>
                  <td class="nowrap">{when(d.receivedAt)}</td>
                  <td class="nowrap">{when(d.dueAt)}</td>
                  <td class="nowrap">{when(d.endedAt)}</td>
                  <td class="num">{d.supplementCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('none')}</p>
      )}
      <p>
        {r.page > 1 ? <a href={drillHref(r.key, r.period, r.page - 1)}>{t('prev')}</a> : null}
        {r.page > 1 && r.page < pages ? ' · ' : null}
        {r.page < pages ? <a href={drillHref(r.key, r.period, r.page + 1)}>{t('next')}</a> : null}
      </p>
    </ConsoleLayout>
  );
}

export function ScoreTable(p: { scorecard: Scorecard; lang: Lang }) {
  const t = translator(reportMessages, p.lang);
  const num = (x: number | null) =>
    x === null ? '—' : x.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  return (
    <div class="table-scroll">
      <table data-testid="scorecard">
        <thead>
          <tr>
            <th scope="col">{t('colIndicator')}</th>
            <th scope="col" class="num">
              {t('colMax')}
            </th>
            <th scope="col" class="num">
              {t('colRate')}
            </th>
            <th scope="col" class="num">
              {t('colScore')}
            </th>
            <th scope="col">{t('colFormula')}</th>
            <th scope="col">{t('colHint')}</th>
          </tr>
        </thead>
        <tbody>
          {p.scorecard.indicators.map((i) => (
            <tr data-indicator={i.id} class={i.computable ? '' : 'muted'}>
              <th scope="row">
                {i.computable ? '★ ' : ''}
                {i.id} {i.name[p.lang]}
                <span class="block muted">{i.group[p.lang]}</span>
              </th>
              <td class="num">{i.max}</td>
              <td class="num nowrap">
                {i.computable ? (
                  <>
                    {pct(i.rate, p.lang)}
                    {i.denominator !== undefined ? (
                      <span class="block muted">
                        {i.numerator}/{i.denominator}
                      </span>
                    ) : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td class="num">
                <strong>{i.computable ? num(i.score) : t('notComputable')}</strong>
              </td>
              <td>{i.formula[p.lang]}</td>
              <td>{i.hint?.[p.lang] ?? ''}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('total')}</th>
            <td class="num">{p.scorecard.maxComputable}</td>
            <td></td>
            <td class="num">
              <strong data-testid="score-total">{num(p.scorecard.score)}</strong>
            </td>
            <td colSpan={2}></td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Each computable indicator's score month by month, with the year's. */
function ScoreMonthsTable(p: { lang: Lang; data: ScoreYear }) {
  const d = p.data;
  const t = translator(reportMessages, p.lang);
  const months = d.months;
  const ids = d.total.scorecard.indicators.filter((i) => i.computable).map((i) => i.id);
  return (
    <div class="table-scroll">
      <table data-testid="score-months">
        <thead>
          <tr>
            <th scope="col">{t('colIndicator')}</th>
            {months.map((m) => (
              <th scope="col">{String(m.period.month).padStart(2, '0')}</th>
            ))}
            <th scope="col">{t('yearTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const name = d.total.scorecard.indicators.find((i) => i.id === id)!;
            const cell = (s: Scorecard) => {
              const i = s.indicators.find((x) => x.id === id);
              return i?.score === null || i?.score === undefined
                ? '—'
                : i.score.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
            };
            return (
              <tr>
                <th scope="row">
                  {id} {name.name[p.lang]} ({name.max})
                </th>
                {months.map((m) => (
                  <td>{cell(m.scorecard)}</td>
                ))}
                <td>
                  <strong>{cell(d.total.scorecard)}</strong>
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{t('total')}</th>
            {months.map((m) => (
              <td>
                <strong>{m.scorecard.score.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB')}</strong>
              </td>
            ))}
            <td>
              <strong>{d.total.scorecard.score.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB')}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function ScorecardPage(p: Shell & { data: ScoreYear }) {
  const t = translator(reportMessages, p.lang);
  const d = p.data;
  const months = d.months;
  const chart = toSvg(
    buildChart({
      kind: 'bar',
      title: `${t('monthByMonth')} ${d.year}`,
      labels: months.map((m) => String(m.period.month).padStart(2, '0')),
      series: [{ name: t('colScore'), values: months.map((m) => m.scorecard.score), color: PALETTE[0]! }],
    }),
  );
  return (
    <ConsoleLayout {...p} title={`${t('t766')} ${d.year}`}>
      <h1>
        {t('t766')} {d.year}
      </h1>
      <p class="muted">{t('t766Intro')}</p>
      <form method="get" action="/console/reports/766" class="inline">
        <label for="y766">{t('year')}</label>{' '}
        <input id="y766" name="year" type="number" min="2000" max="2100" value={String(d.year)} />{' '}
        <button type="submit">{t('show')}</button>
      </form>
      <ExportLinks lang={p.lang} base="/console/reports/766" query={`year=${d.year}`} />
      <h2>{t('monthByMonth')}</h2>
      <figure class="chart" dangerouslySetInnerHTML={{ __html: chart }} />
      <ScoreMonthsTable lang={p.lang} data={d} />
      <h2>
        {t('yearTotal')} {d.year}
      </h2>
      <ScoreTable scorecard={d.total.scorecard} lang={p.lang} />
    </ConsoleLayout>
  );
}

export function RankingTable(p: { ranking: RankRow[]; lang: Lang }) {
  const t = translator(reportMessages, p.lang);
  return (
    <div class="table-scroll">
      <table data-testid="ranking">
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('colRank')}
            </th>
            <th scope="col">{t('colCenter')}</th>
            <th scope="col" class="num">
              {t('colReceivedN')}
            </th>
            <th scope="col" class="num">
              {t('colOnTime')}
            </th>
            <th scope="col" class="num">
              {t('colFullOnline')}
            </th>
            <th scope="col" class="num">
              {t('colDigitised')}
            </th>
            <th scope="col" class="num">
              {t('colReuse')}
            </th>
            <th scope="col" class="num">
              {t('colPoints')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.ranking.map((r) => (
            <tr data-center={r.center.slug}>
              <td class="num">{r.rank}</td>
              <th scope="row">{r.center.name}</th>
              <td class="num">{r.counts.received}</td>
              <td class="num">{pct(r.onTimeRate, p.lang)}</td>
              <td class="num">{pct(r.fullOnlineRate, p.lang)}</td>
              <td class="num">{pct(r.digitisedRate, p.lang)}</td>
              <td class="num">{pct(r.reuseRate, p.lang)}</td>
              <td class="num">
                <strong>{r.score.toLocaleString(p.lang === 'vi' ? 'vi-VN' : 'en-GB')}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProvincePage(p: Shell & { period: Period; stats: MonthlyStatistics; ranking: RankRow[] }) {
  const t = translator(reportMessages, p.lang);
  const q = periodQuery(p.period);
  const chart = toSvg(
    buildChart({
      kind: 'bar',
      percent: true,
      title: t('colOnTime'),
      labels: p.ranking.map((r) => String(r.rank)),
      series: [{ name: t('colOnTime'), values: p.ranking.map((r) => r.onTimeRate), color: PALETTE[2]! }],
    }),
  );
  return (
    <ConsoleLayout {...p} title={`${t('provinceTitle')} – ${p.period.label[p.lang]}`}>
      <h1>
        {t('provinceTitle')}: {p.period.label[p.lang]}
      </h1>
      <p class="muted">{t('provinceIntro', { n: p.ranking.length, max: p.ranking[0]?.maxScore ?? 0 })}</p>
      <PeriodPicker lang={p.lang} period={p.period} action="/console/province" />
      <p data-testid="exports">
        {t('exports')}:{' '}
        <a href={`/console/province/export.xlsx?${q}`} download>
          {t('xlsx')}
        </a>{' '}
        ·{' '}
        <a href={`/console/province/export.pdf?${q}`} download>
          {t('pdf')}
        </a>
      </p>
      <RankingTable ranking={p.ranking} lang={p.lang} />
      <figure class="chart" dangerouslySetInnerHTML={{ __html: chart }} />
      <FiguresTable stats={p.stats} lang={p.lang} period={p.period} drill={false} />
    </ConsoleLayout>
  );
}

export function PublicFiguresPage(p: {
  lang: Lang;
  path: string;
  centerName: string;
  centerSlug: string;
  siteNav: SiteNav;
  month: { label: string; stats: MonthlyStatistics };
  year: { label: string; stats: MonthlyStatistics };
}) {
  const t = translator(reportMessages, p.lang);
  const keys = [
    'received',
    'resolved',
    'onTimeRate',
    'onlineRate',
    'fullOnlineRate',
    'digitisedRate',
    'reuseRate',
    'satisfactionRate',
    'homeVisits',
  ];
  const col = (s: MonthlyStatistics) =>
    keys.map((k) => s.figures.find((f) => f.key === k)).filter((f): f is Figure => !!f);
  const m = col(p.month.stats);
  const y = col(p.year.stats);
  return (
    <PublicLayout
      lang={p.lang}
      path={p.path}
      title={`${t('publicTitle')} – ${p.centerName}`}
      centerName={p.centerName}
      centerSlug={p.centerSlug}
      siteNav={p.siteNav}
    >
      <h1>{t('publicTitle')}</h1>
      <p class="muted">{t('publicIntro')}</p>
      <div class="table-scroll">
        <table data-testid="public-figures" class="stack-table">
          <thead>
            <tr>
              <th scope="col">{t('colFigure')}</th>
              <th scope="col" class="num">
                {t('thisMonth', { label: p.month.label })}
              </th>
              <th scope="col" class="num">
                {t('thisYear', { label: p.year.label })}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.map((f, i) => (
              <tr data-figure={f.key}>
                <th scope="row">{f.label[p.lang]}</th>
                <td class="num" data-label={t('thisMonth', { label: p.month.label })}>
                  {valueText(f, p.lang)}
                </td>
                <td class="num" data-label={t('thisYear', { label: p.year.label })}>
                  {valueText(y[i]!, p.lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PublicLayout>
  );
}
