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
import { resultsBoard } from '../dossiers/index.ts';
import { CSP_DIRECTIVES } from '../../core/http/security.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { sendPage } from '../../core/http/context.ts';
import { AnyQuery, SlugParams } from '../../core/http/schemas.ts';
import { qrSvg } from '../../core/documents/qr.ts';
import { formatVi, toLocal } from '../../core/calendar/index.ts';
import { translator } from '../../core/http/i18n.ts';
import { getCenter } from '../centers/index.ts';
import { presentCenter } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { publicContacts } from '../directory/index.ts';
import { textsOf } from '../commitments/index.ts';
import {
  catalogOf,
  fieldSlug,
  procedureWithHistory,
  recentChanges,
  type Catalog,
  type HistoryEntry,
} from './service.ts';
import { portalUrlFor, timeLimitText, type ProcedureData } from './model.ts';
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
  type FieldFacet,
} from './pages/public.tsx';
import { TvPage, tvSlides } from './pages/tv.tsx';
import { publicMessages } from './public-messages.ts';
import {
  confirmationOf,
  guidanceFor,
  guidanceTable,
  stillUnverified,
  type Confirmation,
  type GuidanceBox,
} from './review-service.ts';

export const MAX_QUERY = 200;
const MAX_FIELD = 100;
const PAGE_SIZE = 50;
const EMBED_SIZE = 10;
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

const portalOf = (p: ProcedureData) => p.portalUrl || portalUrlFor(p.code);

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

/** QR markup per address; a page view costs a map lookup instead of an encoding. */
const qrCache = new Map<string, string>();
async function qrFor(text: string): Promise<string> {
  const hit = qrCache.get(text);
  if (hit) return hit;
  const svg = await qrSvg(text);
  if (qrCache.size >= 1000) qrCache.delete(qrCache.keys().next().value!);
  qrCache.set(text, svg);
  return svg;
}

function facets(cat: Catalog): FieldFacet[] {
  return cat.fields.map((f) => ({ name: f.name, slug: f.slug, count: f.procedures.length }));
}

/** The field asked for (by slug, or by name for API clients); undefined when none was asked. */
function findField(cat: Catalog, wanted: string | undefined): { asked: boolean; field: FieldFacet | null } {
  if (!wanted) return { asked: false, field: null };
  const slug = fieldSlug(wanted);
  const f = cat.fields.find((x) => x.slug === slug);
  return { asked: true, field: f ? { name: f.name, slug: f.slug, count: f.procedures.length } : null };
}

/** Procedures matching a query and field: by relevance when there is a query, else catalogue order. */
function searchCatalog(
  cat: Catalog,
  q: string,
  wantedField: string | undefined,
): { field: FieldFacet | null; items: ProcedureData[] } {
  const { asked, field } = findField(cat, wantedField);
  if (asked && !field) return { field: null, items: [] };
  const hits = cat.search(q, field ? { field: field.name } : {});
  const items: ProcedureData[] = [];
  for (const h of hits) {
    const p = cat.byCode.get(h.code);
    if (p) items.push(p);
  }
  return { field, items };
}

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
const EMBED_HELMET = {
  frameguard: false as const,
  contentSecurityPolicy: {
    directives: { ...CSP_DIRECTIVES, frameAncestors: ['*'] },
  },
};

export function registerCatalogPublicRoutes(app: FastifyInstance, deps: Deps): void {
  /** Where the site is reached from outside: PUBLIC_URL, else the request's own scheme and host. */
  const baseUrl = (req: FastifyRequest) => deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
  const procedureUrl = (req: FastifyRequest, slug: string, code: string) =>
    `${baseUrl(req)}${publicPaths.procedure(slug, code)}`;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function centerAndCatalog(slug: string): Promise<{ center: Center; cat: Catalog }> {
    const center = await getCenter(deps, slug);
    return { center, cat: await catalogOf(deps, center) };
  }

  // Public pages read their query by hand (a friendly page, never a 400 JSON, for a stray parameter).
  const page = { schema: { hide: true, params: SlugParams, querystring: AnyQuery } };

  // ---- Pages ----

  r.get('/:slug/thu-tuc', page, async (req, reply) => {
    const query = req.query;
    const q = textParam(query, 'q', MAX_QUERY);
    const wanted = textParam(query, 'linh-vuc', MAX_FIELD) || undefined;
    const pageNo = pageParam(query, 'trang');
    const { center, cat } = await centerAndCatalog(req.params.slug);
    const { field, items } = searchCatalog(cat, q, wanted);
    const guidance = guidanceFor(await guidanceTable(deps, center), cat, q);
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    const current = Math.min(pageNo, pages);
    return sendPage(
      reply,
      h(ProcedureListPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        q,
        field,
        fields: facets(cat),
        items: items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
        total: items.length,
        page: current,
        pages,
        guidance,
      }),
    );
  });

  const procedurePage = {
    schema: { ...page.schema, params: Type.Object({ slug: Type.String(), code: Type.String() }) },
  };
  r.get('/:slug/thu-tuc/:code', procedurePage, async (req, reply) => {
    const { code } = req.params;
    const center = await getCenter(deps, req.params.slug);
    let found: Awaited<ReturnType<typeof procedureWithHistory>>;
    try {
      found = await procedureWithHistory(deps, center, code);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
      const cat = await catalogOf(deps, center);
      return sendPage(
        reply,
        h(ProcedureNotFoundPage, {
          lang: req.lang,
          path: req.url,
          center: presentCenter(center),
          code,
          fields: facets(cat),
        }),
        404,
      );
    }
    const url = procedureUrl(req, center.slug, found.data.code);
    const confirmed = await confirmationOf(deps, center, found.data.code);
    return sendPage(
      reply,
      h(ProcedurePage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        proc: found.data,
        history: found.history,
        url,
        qrSvg: await qrFor(url),
        portalUrl: portalOf(found.data),
        confirmed,
        unverified: stillUnverified(found.data, confirmed),
      }),
    );
  });

  r.get('/:slug/le-phi', page, async (req, reply) => {
    const { center, cat } = await centerAndCatalog(req.params.slug);
    return sendPage(
      reply,
      h(FeesPage, { lang: req.lang, path: req.url, center: presentCenter(center), fields: cat.fields }),
    );
  });

  r.get('/:slug/danh-ba', page, async (req, reply) => {
    const center = await getCenter(deps, req.params.slug);
    return sendPage(
      reply,
      h(DirectoryPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        contacts: await publicContacts(deps, center.id),
      }),
    );
  });

  r.get('/:slug/cam-ket', page, async (req, reply) => {
    const center = await getCenter(deps, req.params.slug);
    return sendPage(
      reply,
      h(CommitmentsPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        texts: await textsOf(deps, center.id),
      }),
    );
  });

  r.get('/:slug/thay-doi', page, async (req, reply) => {
    const center = await getCenter(deps, req.params.slug);
    return sendPage(
      reply,
      h(ChangesPage, {
        lang: req.lang,
        path: req.url,
        center: presentCenter(center),
        changes: await recentChanges(deps, center, 100),
      }),
    );
  });

  r.get('/:slug/man-hinh', page, async (req, reply) => {
    const n = pageParam(req.query, 'trang');
    const { center, cat } = await centerAndCatalog(req.params.slug);
    const [contacts, texts, cal] = await Promise.all([
      publicContacts(deps, center.id),
      textsOf(deps, center.id),
      calendarOf(deps, center),
    ]);
    const board = await resultsBoard(deps, center, toLocal(deps.now()).date.slice(0, 7));
    const ready = board.ready.flatMap((g) =>
      g.items.map((i) => ({ code: i.code, applicant: i.applicant, field: g.field })),
    );
    const slides = tvSlides({ procedures: cat.procedures, fields: cat.fields, contacts, ready });
    const index = (n - 1) % slides.length;
    const now = toLocal(deps.now());
    const info = cal.dayInfo(now.date);
    const langQ = req.lang === 'en' ? '&lang=en' : '';
    const listUrl = `${baseUrl(req)}${publicPaths.list(center.slug)}`;
    const hhmm = `${String(Math.floor(now.minute / 60)).padStart(2, '0')}:${String(now.minute % 60).padStart(2, '0')}`;
    return sendPage(
      reply,
      h(TvPage, {
        lang: req.lang,
        center: presentCenter(center),
        today: {
          date: formatVi(now.date),
          weekday: info.weekday,
          working: info.working,
          reason: req.lang === 'vi' ? info.reason : info.reasonEn,
          next: formatVi(cal.nextWorkingDay(now.date)),
        },
        slide: slides[index]!,
        index,
        total: slides.length,
        nextHref: `${publicPaths.tv(center.slug)}?trang=${((index + 1) % slides.length) + 1}${langQ}`,
        listUrl,
        qrSvg: await qrFor(listUrl),
        motto: texts.motto,
        updatedAt: hhmm,
      }),
    );
  });

  r.get('/:slug/nhung/thu-tuc', { ...page, helmet: EMBED_HELMET }, async (req, reply) => {
    const query = req.query;
    const q = textParam(query, 'q', MAX_QUERY);
    const wanted = textParam(query, 'linh-vuc', MAX_FIELD) || undefined;
    const { center, cat } = await centerAndCatalog(req.params.slug);
    const { field, items } = searchCatalog(cat, q, wanted);
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (field) params.set('linh-vuc', field.slug);
    const more = `${publicPaths.list(center.slug)}${params.size ? `?${params.toString()}` : ''}`;
    return sendPage(
      reply,
      h(EmbedPage, {
        lang: req.lang,
        center: presentCenter(center),
        q,
        field,
        fields: facets(cat),
        items: items.slice(0, EMBED_SIZE),
        total: items.length,
        moreHref: more,
      }),
    );
  });

  // ---- JSON feeds ----

  r.get(
    '/api/v1/centers/:slug/procedures',
    {
      schema: {
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
      },
    },
    async (req, reply) => {
      const query = req.query;
      const q = (query.q ?? '').normalize('NFC').trim();
      const field = (query.field ?? '').normalize('NFC').trim();
      const { center, cat } = await centerAndCatalog(req.params.slug);
      const table = await guidanceTable(deps, center);
      const base = baseUrl(req);
      const etag = etagOf('procedures.v2', center.id, cat.stamp, table.updatedAt ?? '-', base, q, field);
      reply.header('etag', etag).header('cache-control', PUBLIC_CACHE);
      if (notModified(req, etag)) return reply.code(304).send();
      const { items } = searchCatalog(cat, q, field || undefined);
      const urlOf = (code: string) => `${base}${publicPaths.procedure(center.slug, code)}`;
      return {
        items: items.map((p) => presentSummary(p, urlOf(p.code))),
        total: items.length,
        guidance: guidanceFor(table, cat, q).map((g: GuidanceBox) => ({
          id: g.id,
          kind: g.kind,
          title: g.title,
          text: g.text,
          where: g.where,
          related: g.related.map((r) => ({ code: r.code, name: r.name, url: urlOf(r.code) })),
        })),
      };
    },
  );

  r.get(
    '/api/v1/centers/:slug/procedures/:code',
    {
      schema: {
        operationId: 'getProcedure',
        tags: ['catalog'],
        summary:
          'One procedure of a centre as published (abolished ones too, with status “abolished”), with its version history',
        params: Type.Object({
          slug: SlugParam,
          code: Type.String({ minLength: 1, maxLength: 40, description: 'National procedure code, e.g. 1.000656' }),
        }),
        response: { 200: DetailSchema, 304: NotModified, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { code } = req.params;
      const { center, cat } = await centerAndCatalog(req.params.slug);
      const base = baseUrl(req);
      const confirmed = await confirmationOf(deps, center, code);
      const etag = etagOf('procedure.v2', center.id, cat.stamp, base, code, confirmed?.at ?? '-');
      if (notModified(req, etag))
        return reply.header('etag', etag).header('cache-control', PUBLIC_CACHE).code(304).send();
      const found = await procedureWithHistory(deps, center, code);
      reply.header('etag', etag).header('cache-control', PUBLIC_CACHE);
      return presentDetail(
        found.data,
        found.history,
        `${base}${publicPaths.procedure(center.slug, found.data.code)}`,
        confirmed,
      );
    },
  );
}
