/**
 * Public transparency site of a centre and its JSON feeds (issue "Public transparency").
 *
 * Pages, under /<centre-slug>/… (server HTML, no JavaScript): thu-tuc (list and search),
 * thu-tuc/<code> (one procedure, QR code), le-phi, danh-ba, cam-ket, thay-doi, man-hinh (TV),
 * nhung/thu-tuc (a frameable fragment for the commune's portal).
 *
 * Feeds: GET /api/v1/centers/<slug>/procedures and …/procedures/<code>, cached with an ETag
 * derived from the catalogue stamp (it changes whenever anything is published).
 */
import { CSP_DIRECTIVES } from '../../core/http/security.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { AnyQuery, SlugParams } from '../../core/http/schemas.ts';
import { translator } from '../../core/http/i18n.ts';
import { fieldSlug, procedureWithHistory, type HistoryEntry } from './service.ts';
import { timeLimitText, type ProcedureData } from './model.ts';
import {
  ChangesPage,
  CommitmentsPage,
  DirectoryPage,
  EmbedPage,
  FeesPage,
  ProcedureListPage,
  ProcedureNotFoundPage,
  ProcedurePage,
  publicPaths,
} from './pages/public.tsx';
import { TvPage } from './pages/tv.tsx';
import { publicMessages } from './public-messages.ts';
import {
  confirmationOf,
  guidanceFor,
  guidanceTable,
  stillUnverified,
  type Confirmation,
  type GuidanceBox,
} from './review-service.ts';
import {
  centerAndCatalog,
  changesModel,
  commitmentsModel,
  directoryModel,
  embedModel,
  feesModel,
  portalOf,
  procedureListModel,
  procedurePageModel,
  searchCatalog,
  tvPageModel,
} from './public-view-models.ts';

export const MAX_QUERY = 200;
const MAX_FIELD = 100;
const PUBLIC_CACHE = 'public, max-age=60';

// ---- Schemas (OpenAPI) ----

const ErrorSchema = Type.Object({
  error: Type.Object(
    {
      code: Type.String(),
      message: Type.String(),
      messageVi: Type.String(),
      messageEn: Type.String(),
      requestId: Type.String(),
    },
    { additionalProperties: true },
  ),
});

const TimeLimitSchema = Type.Object({
  amount: Type.Union([Type.Number(), Type.Null()], { description: 'null when the law gives no fixed amount' }),
  unit: Type.String({ description: 'working_days | working_hours | calendar_days | same_day' }),
  text: Type.String({ description: 'In words, Vietnamese, e.g. “3 ngày làm việc”' }),
  textEn: Type.String(),
});

const FeeSchema = Type.Object({
  name: Type.String(),
  amount: Type.Integer({ description: 'VND; 0 = free' }),
  per: Type.String({ description: 'e.g. “đồng/trang”' }),
  condition: Type.String(),
});

const GuidanceSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'elsewhere | abolished | partly' }),
    title: Type.String(),
    text: Type.String(),
    where: Type.String({ description: 'Where to go instead' }),
    related: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), url: Type.String() })),
  },
  { description: 'A matter the centre does not handle (or that no longer exists) named by the query' },
);

const SummarySchema = Type.Object({
  code: Type.String({ description: 'National procedure code, e.g. 1.000656' }),
  name: Type.String(),
  field: Type.String(),
  fieldSlug: Type.String(),
  timeLimit: TimeLimitSchema,
  fees: Type.Array(FeeSchema),
  sameDayEligible: Type.Boolean(),
  onlineLevel: Type.String({ description: 'full | partial | none' }),
  url: Type.String({ description: 'The public page of the procedure (what its QR code encodes)' }),
  portalUrl: Type.String({ description: 'The procedure on the National Public Service Portal' }),
});

const DetailSchema = Type.Object({
  code: Type.String(),
  localCode: Type.String(),
  name: Type.String(),
  field: Type.String(),
  fieldSlug: Type.String(),
  level: Type.String({ description: 'commune | province | vertical' }),
  implementingBody: Type.String(),
  coordinatingBodies: Type.Array(Type.String()),
  applicants: Type.String(),
  timeLimit: Type.Object({
    ...TimeLimitSchema.properties,
    cutoff: Type.Boolean({ description: 'received after the cut-off → counted from the next working day' }),
    note: Type.String(),
  }),
  fees: Type.Array(Type.Object({ ...FeeSchema.properties, legalBasis: Type.String() })),
  components: Type.Array(
    Type.Object({
      name: Type.String(),
      originals: Type.Integer(),
      copies: Type.Integer(),
      form: Type.Union([Type.Object({ name: Type.String(), code: Type.String(), url: Type.String() }), Type.Null()]),
      note: Type.String(),
    }),
  ),
  sets: Type.Integer(),
  steps: Type.Array(Type.String()),
  channels: Type.Array(Type.String({ description: 'direct | online | postal' })),
  resultType: Type.String(),
  onlineLevel: Type.String(),
  legalBasis: Type.Array(Type.String()),
  sameDayEligible: Type.Boolean(),
  status: Type.String({ description: 'in_force | amended | abolished' }),
  announcement: Type.Union([
    Type.Object({ decision: Type.String(), date: Type.String({ format: 'date' }) }),
    Type.Null(),
  ]),
  effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  unverified: Type.Array(Type.String(), {
    description: 'Fields not yet checked against the national database (what a valid confirmation covers is left out)',
  }),
  confirmedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When an officer last confirmed the fees and time limit of this version against the official record',
  }),
  url: Type.String(),
  portalUrl: Type.String(),
  history: Type.Array(
    Type.Object({
      version: Type.Integer(),
      changeKind: Type.String({ description: 'initial | new | changed | abolished' }),
      changedFields: Type.Array(Type.String()),
      publishedAt: Type.String({ format: 'date-time' }),
      effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    }),
  ),
});

/** 304 answer to If-None-Match: no body. */
const NotModified = Type.Unsafe<undefined>({ description: 'Not modified: the ETag matched; no body' });
const SlugParam = Type.String({ minLength: 1, maxLength: 100, description: 'Centre slug, e.g. cam-giang' });

// ---- Presenters ----

function presentTimeLimit(p: ProcedureData) {
  return {
    amount: p.timeLimit.amount,
    unit: p.timeLimit.unit,
    text: timeLimitText(p.timeLimit, 'vi'),
    textEn: timeLimitText(p.timeLimit, 'en'),
  };
}

function presentSummary(p: ProcedureData, url: string) {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    fieldSlug: fieldSlug(p.field),
    timeLimit: presentTimeLimit(p),
    fees: p.fees.map((f) => ({ name: f.name, amount: f.amount, per: f.per, condition: f.condition })),
    sameDayEligible: p.sameDayEligible,
    onlineLevel: p.onlineLevel,
    url,
    portalUrl: portalOf(p),
  };
}

function presentGuidance(g: GuidanceBox, urlOf: (code: string) => string) {
  return {
    id: g.id,
    kind: g.kind,
    title: g.title,
    text: g.text,
    where: g.where,
    related: g.related.map((r) => ({ code: r.code, name: r.name, url: urlOf(r.code) })),
  };
}

function presentDetail(p: ProcedureData, history: HistoryEntry[], url: string, confirmed: Confirmation | null) {
  return {
    confirmedAt: confirmed?.at ?? null,
    code: p.code,
    localCode: p.localCode,
    name: p.name,
    field: p.field,
    fieldSlug: fieldSlug(p.field),
    level: p.level,
    implementingBody: p.implementingBody,
    coordinatingBodies: [...p.coordinatingBodies],
    applicants: p.applicants,
    timeLimit: { ...presentTimeLimit(p), cutoff: p.timeLimit.cutoff, note: p.timeLimit.note },
    fees: p.fees.map((f) => ({
      name: f.name,
      amount: f.amount,
      per: f.per,
      condition: f.condition,
      legalBasis: f.legalBasis,
    })),
    components: p.components.map((c) => ({
      name: c.name,
      originals: c.originals,
      copies: c.copies,
      form: c.form ? { name: c.form.name, code: c.form.code, url: c.form.url } : null,
      note: c.note,
    })),
    sets: p.sets,
    steps: [...p.steps],
    channels: [...p.channels],
    resultType: p.resultType,
    onlineLevel: p.onlineLevel,
    legalBasis: [...p.legalBasis],
    sameDayEligible: p.sameDayEligible,
    status: p.status,
    announcement: p.announcement ? { decision: p.announcement.decision, date: p.announcement.date } : null,
    effectiveFrom: p.effectiveFrom,
    unverified: stillUnverified(p, confirmed),
    url,
    portalUrl: portalOf(p),
    history: history.map((e) => ({
      version: e.version,
      changeKind: e.changeKind,
      changedFields: [...e.changedFields],
      publishedAt: e.publishedAt,
      effectiveFrom: e.effectiveFrom,
    })),
  };
}

// ---- Helpers ----

/** A 400 from the error catalogue, its detail worded from the page messages in both languages. */
function badParam(
  field: string,
  key: 'tooLong' | 'singleValue' | 'badPage',
  vars: Record<string, string | number> = {},
): AppError {
  const all = { name: field, ...vars };
  return new AppError('VALIDATION_FAILED', [
    { field, vi: translator(publicMessages, 'vi')(key, all), en: translator(publicMessages, 'en')(key, all) },
  ]);
}

/** A query parameter as one trimmed NFC string (a repeated parameter or an over-long one is a 400). */
function textParam(query: Record<string, unknown>, name: string, max: number): string {
  const v = query[name];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' && typeof v !== 'number') throw badParam(name, 'singleValue');
  const s = String(v).normalize('NFC').trim();
  if (s.length > max) throw badParam(name, 'tooLong', { n: max });
  return s;
}

function pageParam(query: Record<string, unknown>, name: string): number {
  const raw = textParam(query, name, 6);
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badParam(name, 'badPage');
  return n;
}

/** True when the request's If-None-Match lists this ETag (weak or strong, or *). */
function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  if (typeof inm !== 'string' || !inm) return false;
  return inm.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s === etag || s === `W/${etag}`;
  });
}

function etagOf(...parts: (string | number)[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

/** Security headers of the embeddable fragment: any site may frame it; the rest stays as strict. */
const EMBED_HEADERS = {
  frameguard: false as const,
  contentSecurityPolicy: {
    directives: { ...CSP_DIRECTIVES, frameAncestors: ['*'] },
  },
};

/** Where the site is reached from outside: PUBLIC_URL, else the request's own scheme and host. */
const baseUrlOf = (deps: Deps, req: FastifyRequest) => deps.config.publicUrl ?? `${req.protocol}://${req.host}`;

// Public pages read their query by hand (a friendly page, never a 400 JSON, for a stray parameter).
const page = { schema: { hide: true, params: SlugParams, querystring: AnyQuery } };
const procedurePage = {
  schema: { ...page.schema, params: Type.Object({ slug: Type.String(), code: Type.String() }) },
};

/** The list and search page, a procedure's page and the fragment for portals. */
function registerProcedurePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/:slug/thu-tuc', page, async (req, reply) => {
    const q = textParam(req.query, 'q', MAX_QUERY);
    const wanted = textParam(req.query, 'linh-vuc', MAX_FIELD) || undefined;
    const pageNo = pageParam(req.query, 'trang');
    const view = await procedureListModel(deps, req.params.slug, q, wanted, pageNo);
    return sendPage(reply, h(ProcedureListPage, { lang: req.lang, path: req.url, ...view }));
  });

  r.get('/:slug/thu-tuc/:code', procedurePage, async (req, reply) => {
    const m = await procedurePageModel(deps, req.params.slug, req.params.code, baseUrlOf(deps, req));
    if (!m.found) return sendPage(reply, h(ProcedureNotFoundPage, { lang: req.lang, path: req.url, ...m.view }), 404);
    return sendPage(reply, h(ProcedurePage, { lang: req.lang, path: req.url, ...m.view }));
  });

  r.get('/:slug/nhung/thu-tuc', { ...page, config: { securityHeaders: EMBED_HEADERS } }, async (req, reply) => {
    const q = textParam(req.query, 'q', MAX_QUERY);
    const wanted = textParam(req.query, 'linh-vuc', MAX_FIELD) || undefined;
    const view = await embedModel(deps, req.params.slug, q, wanted);
    return sendPage(reply, h(EmbedPage, { lang: req.lang, ...view }));
  });
}

/** The fees, directory, commitments, changes pages and the TV screen. */
function registerInformationPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/:slug/le-phi', page, async (req, reply) =>
    sendPage(reply, h(FeesPage, { lang: req.lang, path: req.url, ...(await feesModel(deps, req.params.slug)) })),
  );
  r.get('/:slug/danh-ba', page, async (req, reply) =>
    sendPage(
      reply,
      h(DirectoryPage, { lang: req.lang, path: req.url, ...(await directoryModel(deps, req.params.slug)) }),
    ),
  );
  r.get('/:slug/cam-ket', page, async (req, reply) =>
    sendPage(
      reply,
      h(CommitmentsPage, { lang: req.lang, path: req.url, ...(await commitmentsModel(deps, req.params.slug)) }),
    ),
  );
  r.get('/:slug/thay-doi', page, async (req, reply) =>
    sendPage(reply, h(ChangesPage, { lang: req.lang, path: req.url, ...(await changesModel(deps, req.params.slug)) })),
  );
  r.get('/:slug/man-hinh', page, async (req, reply) => {
    const n = pageParam(req.query, 'trang');
    const view = await tvPageModel(deps, req.params.slug, n, req.lang, baseUrlOf(deps, req));
    return sendPage(reply, h(TvPage, { lang: req.lang, ...view }));
  });
}

const listSchema = {
  operationId: 'listProcedures',
  tags: ['catalog'],
  summary: 'Published procedures of a centre, ranked by relevance when a query is given',
  description: 'Cached for 60 s; send If-None-Match with the ETag to get 304 when nothing was published since.',
  params: Type.Object({ slug: SlugParam }),
  querystring: Type.Object({
    q: Type.Optional(
      Type.String({ maxLength: MAX_QUERY, description: 'Words (diacritics optional) or a procedure code' }),
    ),
    field: Type.Optional(
      Type.String({ maxLength: MAX_FIELD, description: 'Field (lĩnh vực): its slug, e.g. ho-tich, or its name' }),
    ),
  }),
  response: {
    200: Type.Object({
      items: Type.Array(SummarySchema),
      total: Type.Integer(),
      guidance: Type.Array(GuidanceSchema, {
        description: '“Not here” boxes for the query, shown above the results on the search page',
      }),
    }),
    304: NotModified,
    400: ErrorSchema,
    404: ErrorSchema,
  },
};

const detailSchema = {
  operationId: 'getProcedure',
  tags: ['catalog'],
  summary:
    'One procedure of a centre as published (abolished ones too, with status “abolished”), with its version history',
  params: Type.Object({
    slug: SlugParam,
    code: Type.String({ minLength: 1, maxLength: 40, description: 'National procedure code, e.g. 1.000656' }),
  }),
  response: { 200: DetailSchema, 304: NotModified, 400: ErrorSchema, 404: ErrorSchema },
};

/** The JSON feeds, with ETags derived from the catalogue stamp. */
function registerProcedureFeeds(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/centers/:slug/procedures', { schema: listSchema }, async (req, reply) => {
    const q = (req.query.q ?? '').normalize('NFC').trim();
    const field = (req.query.field ?? '').normalize('NFC').trim();
    const { center, cat } = await centerAndCatalog(deps, req.params.slug);
    const table = await guidanceTable(deps, center);
    const base = baseUrlOf(deps, req);
    const etag = etagOf('procedures.v2', center.id, cat.stamp, table.updatedAt ?? '-', base, q, field);
    reply.header('etag', etag).header('cache-control', PUBLIC_CACHE);
    if (notModified(req, etag)) return reply.code(304).send();
    const { items } = searchCatalog(cat, q, field || undefined);
    const urlOf = (code: string) => `${base}${publicPaths.procedure(center.slug, code)}`;
    return {
      items: items.map((p) => presentSummary(p, urlOf(p.code))),
      total: items.length,
      guidance: guidanceFor(table, cat, q).map((g) => presentGuidance(g, urlOf)),
    };
  });

  r.get('/api/v1/centers/:slug/procedures/:code', { schema: detailSchema }, async (req, reply) => {
    const { code } = req.params;
    const { center, cat } = await centerAndCatalog(deps, req.params.slug);
    const base = baseUrlOf(deps, req);
    const confirmed = await confirmationOf(deps, center, code);
    const etag = etagOf('procedure.v2', center.id, cat.stamp, base, code, confirmed?.at ?? '-');
    if (notModified(req, etag))
      return reply.header('etag', etag).header('cache-control', PUBLIC_CACHE).code(304).send();
    const found = await procedureWithHistory(deps, center, code);
    reply.header('etag', etag).header('cache-control', PUBLIC_CACHE);
    const url = `${base}${publicPaths.procedure(center.slug, found.data.code)}`;
    return presentDetail(found.data, found.history, url, confirmed);
  });
}

export function registerCatalogPublicRoutes(app: FastifyInstance, deps: Deps): void {
  registerProcedurePages(app, deps);
  registerInformationPages(app, deps);
  registerProcedureFeeds(app, deps);
}
