/**
 * Reports over HTTP: console pages (/console/reports, drill-down, 766, province), exports (XLSX,
 * PDF: renderers loaded with import()), the opt-in public figures page (/<slug>/so-lieu) and the
 * JSON API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import { offload } from '../tasks.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { FormBody, AnyQuery, SlugParams } from '../../core/http/schemas.ts';
import { can } from '../../core/auth/access.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { centerNav } from '../catalog/index.ts';
import * as svc from './service.ts';
import { parsePeriodQuery, type Period } from './periods.ts';
import type { DrillKey, MonthlyStatistics } from './statistics.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { TARGET_KEYS } from './targets.ts';
import { centerReportDoc, provinceDoc, scoreYearDoc, type ReportDoc } from './documents.ts';
import { DrillPage, ProvincePage, PublicFiguresPage, ReportPage, ScorecardPage } from './pages/reports.tsx';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const PeriodQuery = Type.Object({
  period: Type.Optional(
    Type.String({
      maxLength: 20,
      description: 'month | state | quarter | state_quarter | year | state_year (default month)',
    }),
  ),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  month: Type.Optional(Type.String({ maxLength: 2 })),
  quarter: Type.Optional(Type.String({ maxLength: 1 })),
  from: Type.Optional(
    Type.String({ maxLength: 10, description: 'YYYY-MM-DD (with to: a custom range, at most 366 days)' }),
  ),
  to: Type.Optional(Type.String({ maxLength: 10 })),
});

/** The query's parameters, the last value of a repeated one. */
function q(raw: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>; // keys come from the request: no prototype
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

/** API shape: the statistics without internal drill buckets. */
function statsJson(s: MonthlyStatistics) {
  const { dossierIds: _f, ...feedback } = s.external.feedback;
  const { dissatisfiedDossierIds: _s, ...surveys } = s.external.surveys;
  return {
    range: s.range,
    asOf: s.asOf,
    counts: s.counts,
    perCenter: s.perCenter,
    external: { ...s.external, feedback, surveys },
    figures: s.figures,
  };
}

async function sendDoc(deps: Deps, key: string | number, reply: FastifyReply, d: ReportDoc, kind: 'xlsx' | 'pdf') {
  if (kind === 'xlsx') {
    const buf = await offload(deps, key, 'reportXlsx', d);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${d.fileName}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(buf);
  }
  const buf = await offload(deps, key, 'reportPdf', d);
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${d.fileName}.pdf"`)
    .header('cache-control', 'no-store')
    .send(buf);
}

// Console pages read their query and forms by hand (errors re-render the page).
const page = { schema: { hide: true, querystring: AnyQuery } };
const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };

/** The console frame of a page: the actor, their home centre, the layout props. */
async function shell(deps: Deps, req: FastifyRequest, href: string) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    center,
    shell: {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, href),
    },
  };
}

/** The console report page of the actor's centre (also re-rendered with the targets form's errors). */
async function reportPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  query: Record<string, unknown>,
  period: Period | null,
  errors: string[] = [],
  status = 200,
) {
  const { actor, center, shell: s } = await shell(deps, req, '/console/reports');
  const p = period ?? parsePeriodQuery(q(query), deps.now());
  const report = await offload(deps, center.slug, 'reportCenter', actor, center.slug, p);
  const settings = await svc.getSettings(deps, actor, center.slug, p.year);
  return sendPage(
    reply,
    h(ReportPage, {
      ...s,
      period: p,
      stats: report.stats,
      scorecard: report.scorecard,
      trend: report.trend,
      slug: center.slug,
      canDrill: can(actor, 'dossier.read', center.id),
      canManage: can(actor, 'reports.manage', center.id),
      targets: settings.targets,
      publicHeadline: settings.publicHeadline,
      ok: q(query).ok === 'saved',
      errors,
    }),
    status,
  );
}

/** The `year` query parameter (default: this year in Vietnam). */
function yearOf(deps: Deps, v: unknown): number {
  if (v === undefined || v === '') return Number(localDateOf(deps.now()).slice(0, 4));
  const n = typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'year', vi: 'Năm từ 2000 đến 2100.', en: 'The year must be between 2000 and 2100.' },
    ]);
  return n;
}

/** The console report page and its targets form. */
function registerReportPage(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/reports', page, async (req, reply) => reportPage(deps, req, reply, req.query, null));

  r.post('/console/reports/targets', form, async (req, reply) => {
    const { actor, center } = await shell(deps, req, '/console/reports');
    const b = req.body ?? {};
    const targets: Record<string, unknown> = {};
    for (const k of TARGET_KEYS) {
      const v = b[`target_${k}`];
      if (typeof v === 'string' && v.trim() !== '') {
        const n = Number(v.replace(',', '.'));
        targets[k] = Number.isFinite(n) ? n / 100 : v;
      }
    }
    const period = parsePeriodQuery(q(req.query), deps.now());
    try {
      await svc.saveSettings(deps, actor, center.slug, {
        year: b.year,
        targets,
        publicHeadline: b.publicHeadline === 'on',
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return reportPage(
          deps,
          req,
          reply,
          req.query,
          period,
          e.details.map((d) => `${d.field ?? ''}: ${d[req.lang]}`),
          400,
        );
      throw e;
    }
    const qs = new URLSearchParams(
      Object.entries(q(req.query)).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
    );
    qs.set('ok', 'saved');
    return reply.redirect(`/console/reports?${qs.toString()}`, 303);
  });
}

/** What a drill-down list is, named after its figure (a sub-row with its parent row; a rate's numerator or denominator). */
function drillTitle(figures: MonthlyStatistics['figures'], key: DrillKey, lang: Lang): string {
  const fig = figures.find((f) => f.drill && Object.values(f.drill).includes(key));
  if (!fig) return key;
  const isDen = fig.drill?.denominator === key;
  // Sub-rows are labelled "— late" under their parent row; name the parent too so the title stands alone.
  let label = fig.label[lang];
  if (label.startsWith('—')) {
    const parent = figures
      .slice(0, figures.indexOf(fig))
      .reverse()
      .find((f) => !f.label[lang].startsWith('—'));
    if (parent) label = `${parent.label[lang]} ${label}`;
  }
  const part = isDen ? (lang === 'vi' ? 'mẫu số' : 'denominator') : lang === 'vi' ? 'tử số' : 'numerator';
  return `${label}${fig.drill?.numerator ? ` (${part})` : ''}`;
}

/** The drill-down list, the Decision 766 year and the province pages. */
function registerDrillScorecardProvincePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/reports/drill', page, async (req, reply) => {
    const { actor, center, shell: s } = await shell(deps, req, '/console/reports');
    const query = q(req.query);
    const period = parsePeriodQuery({ ...query, key: undefined, page: undefined }, deps.now());
    const page = query.page === undefined ? 1 : Number(query.page);
    const result = await offload(deps, center.slug, 'reportDrill', actor, center.slug, query.key, period, page);
    const stats = (await offload(deps, center.slug, 'reportCenter', actor, center.slug, period, { trend: false }))
      .stats;
    return sendPage(reply, h(DrillPage, { ...s, result, what: drillTitle(stats.figures, result.key, req.lang) }));
  });

  r.get('/console/reports/766', page, async (req, reply) => {
    const { actor, center, shell: s } = await shell(deps, req, '/console/reports');
    const data = await offload(
      deps,
      center.slug,
      'reportScorecardYear',
      actor,
      center.slug,
      yearOf(deps, q(req.query).year),
    );
    return sendPage(reply, h(ScorecardPage, { ...s, data }));
  });

  r.get('/console/province', page, async (req, reply) => {
    const { actor, shell: s } = await shell(deps, req, '/console/province');
    const report = await offload(deps, 'province', 'reportProvince', actor, parsePeriodQuery(q(req.query), deps.now()));
    return sendPage(
      reply,
      h(ProvincePage, { ...s, period: report.period, stats: report.stats, ranking: report.ranking }),
    );
  });
}

/** XLSX and PDF exports of the report, the 766 year and the province view. */
function registerReportExports(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const ext of ['xlsx', 'pdf'] as const) {
    r.get(`/console/reports/export.${ext}`, page, async (req, reply) => {
      const { actor, center } = await shell(deps, req, '/console/reports');
      const report = await offload(
        deps,
        center.slug,
        'reportCenter',
        actor,
        center.slug,
        parsePeriodQuery(q(req.query), deps.now()),
      );
      return sendDoc(deps, center.slug, reply, centerReportDoc(report, deps.now()), ext);
    });
    r.get(`/console/reports/766.${ext}`, page, async (req, reply) => {
      const { actor, center } = await shell(deps, req, '/console/reports');
      const d = await offload(
        deps,
        center.slug,
        'reportScorecardYear',
        actor,
        center.slug,
        yearOf(deps, q(req.query).year),
      );
      return sendDoc(deps, center.slug, reply, scoreYearDoc(d, deps.now()), ext);
    });
    r.get(`/console/province/export.${ext}`, page, async (req, reply) => {
      const report = await offload(
        deps,
        'province',
        'reportProvince',
        requireActor(req),
        parsePeriodQuery(q(req.query), deps.now()),
      );
      return sendDoc(deps, 'province', reply, provinceDoc(report, deps.now()), ext);
    });
  }
}

/** The opt-in public headline figures (/<slug>/so-lieu). */
function registerPublicFigures(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // ---- Public headline figures (opt-in) ----

  r.get(
    '/:slug/so-lieu',
    { schema: { hide: true, params: SlugParams }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { slug } = req.params;
      const d = await svc.publicHeadline(deps, slug);
      return sendPage(
        reply,
        h(PublicFiguresPage, {
          lang: req.lang,
          path: req.url,
          centerName: d.center.name,
          centerSlug: d.center.slug,
          siteNav: centerNav(d.center.slug, req.lang, null),
          month: { label: d.month.label[req.lang], stats: d.monthStats },
          year: { label: d.year.label[req.lang], stats: d.yearStats },
        }),
      );
    },
  );
}

const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const common = { security: [{ bearer: [] }], tags: ['reports'] };

/** JSON API: a centre's figures over a period. */
function registerMonthlyApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/reports/monthly',
    {
      schema: {
        ...common,
        operationId: 'centerMonthlyReport',
        summary:
          'Monthly statistics of a centre (calendar month, state period 15→14, quarter, year or from/to): every figure with its formula (vi/en), targets and drill-down keys',
        params: Slug,
        querystring: PeriodQuery,
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const p = parsePeriodQuery(q(req.query), deps.now());
      const { slug } = req.params;
      const report = await offload(deps, slug, 'reportCenter', req.actor, slug, p, { trend: false });
      return {
        center: { slug: report.center.slug, name: report.center.name },
        period: p,
        ...statsJson(report.stats),
        scorecard: report.scorecard,
      };
    },
  );
}

/** JSON API: the dossiers behind one figure. */
function registerFigureDossiersApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/reports/monthly/dossiers',
    {
      schema: {
        ...common,
        operationId: 'centerMonthlyFigureDossiers',
        summary:
          'The dossiers behind one figure of /reports/monthly (same figure keys; a rate gives its numerator, or its denominator with part=denominator): {items, total}. Its length equals the figure.',
        params: Slug,
        querystring: Type.Object({
          ...PeriodQuery.properties,
          month: Type.Optional(Type.String({ maxLength: 7, description: 'YYYY-MM, or MM with year' })),
          figure: Type.String({ maxLength: 40, description: 'a figure key of /reports/monthly, e.g. resolvedLate' }),
          part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator')])),
          page: Type.Optional(Type.String({ maxLength: 6 })),
          pageSize: Type.Optional(Type.String({ maxLength: 5, description: 'default and maximum 5000' })),
        }),
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const query = q(req.query);
      const m = typeof query.month === 'string' ? /^(\d{4})-(\d{2})$/.exec(query.month) : null;
      if (m) {
        query.year = m[1];
        query.month = m[2];
      }
      const p = parsePeriodQuery(query, deps.now());
      const page = query.page === undefined ? 1 : Number(query.page);
      const size = query.pageSize === undefined ? svc.FIGURE_PAGE_MAX : Number(query.pageSize);
      const { slug } = req.params;
      const found = await offload(
        deps,
        slug,
        'reportFigureDossiers',
        req.actor,
        slug,
        query.figure,
        query.part,
        p,
        page,
        size,
      );
      return {
        figure: query.figure,
        part: query.part ?? null,
        key: found.key,
        period: p,
        total: found.total,
        page: found.page,
        pageSize: found.pageSize,
        items: found.rows.map((x) => ({
          code: x.code,
          procedureCode: x.procedureCode,
          procedureName: x.procedureName,
          channel: x.channel,
          status: x.status,
          receivedAt: x.receivedAt,
          dueAt: x.dueAt,
          endedAt: x.endedAt,
          supplementCount: x.supplementCount,
        })),
      };
    },
  );
}

/** JSON API: the Decision 766 year and the targets. */
function registerScorecardTargetsApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/centers/:slug/reports/766',
    {
      schema: {
        ...common,
        operationId: 'centerScorecard766',
        summary:
          'Decision 766 scorecard of a centre, month by month for a year, with the year total and what would raise each score',
        params: Slug,
        querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }),
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const { slug } = req.params;
      const d = await offload(deps, slug, 'reportScorecardYear', req.actor, slug, yearOf(deps, req.query.year));
      return {
        center: { slug: d.center.slug, name: d.center.name },
        year: d.year,
        months: d.months.map((m) => ({ month: m.period.month, from: m.period.from, to: m.period.to, ...m.scorecard })),
        total: d.total.scorecard,
      };
    },
  );

  r.get(
    '/api/v1/centers/:slug/reports/targets',
    {
      schema: {
        ...common,
        operationId: 'getReportTargets',
        summary: 'Year targets (rates 0..1) and the public headline opt-in of a centre',
        params: Slug,
        querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }),
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const s = await svc.getSettings(deps, req.actor, req.params.slug, yearOf(deps, req.query.year));
      return { year: s.year, targets: s.targets, publicHeadline: s.publicHeadline };
    },
  );

  r.put(
    '/api/v1/centers/:slug/reports/targets',
    {
      schema: {
        ...common,
        operationId: 'setReportTargets',
        summary: 'Set year targets (rates 0..1) and the public headline opt-in (reports.manage)',
        params: Slug,
        body: Type.Object(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            targets: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Number())),
            publicHeadline: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      return svc.saveSettings(deps, requireActor(req), req.params.slug, req.body);
    },
  );
}

/** JSON API: the province view. */
function registerProvinceApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/province/reports',
    {
      schema: {
        ...common,
        tags: ['reports', 'province'],
        operationId: 'provinceReport',
        summary:
          'Province view: the same figures over every centre the officer follows (role province), per centre and ranked',
        querystring: PeriodQuery,
        response: { 200: Obj, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (req) => {
      const report = await offload(
        deps,
        'province',
        'reportProvince',
        req.actor,
        parsePeriodQuery(q(req.query), deps.now()),
      );
      return {
        period: report.period,
        ...statsJson(report.stats),
        scorecard: report.scorecard,
        ranking: report.ranking.map((x) => ({
          rank: x.rank,
          center: { slug: x.center.slug, name: x.center.name },
          received: x.counts.received,
          onTimeRate: x.onTimeRate,
          fullOnlineRate: x.fullOnlineRate,
          onlineRate: x.onlineRate,
          digitisedRate: x.digitisedRate,
          reuseRate: x.reuseRate,
          score: x.score,
          maxScore: x.maxScore,
        })),
      };
    },
  );
}

export function registerReportRoutes(app: FastifyInstance, deps: Deps): void {
  registerReportPage(app, deps);
  registerDrillScorecardProvincePages(app, deps);
  registerReportExports(app, deps);
  registerPublicFigures(app, deps);
  registerMonthlyApi(app, deps);
  registerFigureDossiersApi(app, deps);
  registerScorecardTargetsApi(app, deps);
  registerProvinceApi(app, deps);
}
