/**
 * What the catalogue's public pages show, each from one function (the route parses, calls one of
 * these, renders): the list and its search, a procedure, the fragment for portals, the TV screen.
 */
import { resultsBoard } from '../dossiers/index.ts';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { AppError } from '../../core/http/errors.ts';
import { qrSvg } from '../../core/documents/qr.ts';
import { formatVi, toLocal } from '../../core/calendar/index.ts';
import { getCenter, presentCenter } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { publicContacts } from '../directory/index.ts';
import { textsOf } from '../commitments/index.ts';
import { catalogOf, fieldSlug, procedureWithHistory, recentChanges, type Catalog } from './service.ts';
import { portalUrlFor, type ProcedureData } from './model.ts';
import { publicPaths, type FieldFacet, type ListView, type ProcedureView } from './pages/public.tsx';
import { tvSlides, type TvView } from './pages/tv.tsx';
import { confirmationOf, guidanceFor, guidanceTable, stillUnverified } from './review-service.ts';

const PAGE_SIZE = 50;
const EMBED_SIZE = 10;

/** The procedure on the national portal: its own address, else the one its code gives. */
export const portalOf = (p: ProcedureData) => p.portalUrl || portalUrlFor(p.code);

export async function centerAndCatalog(deps: Deps, slug: string): Promise<{ center: Center; cat: Catalog }> {
  const center = await getCenter(deps, slug);
  return { center, cat: await catalogOf(deps, center) };
}

/** QR markup per address; a page view costs a map lookup instead of an encoding. */
const qrCache = new Map<string, string>();
async function qrFor(text: string): Promise<string> {
  const hit = qrCache.get(text);
  if (hit) return hit;
  const svg = await qrSvg(text);
  const oldest = qrCache.keys().next();
  if (qrCache.size >= 1000 && !oldest.done) qrCache.delete(oldest.value);
  qrCache.set(text, svg);
  return svg;
}

export function facets(cat: Catalog): FieldFacet[] {
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
export function searchCatalog(
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

/** The list page: a page of the procedures matching the query and field, and the "not here" boxes. */
export async function procedureListModel(
  deps: Deps,
  slug: string,
  q: string,
  wanted: string | undefined,
  pageNo: number,
): Promise<Omit<ListView, 'lang' | 'path'>> {
  const { center, cat } = await centerAndCatalog(deps, slug);
  const { field, items } = searchCatalog(cat, q, wanted);
  const guidance = guidanceFor(await guidanceTable(deps, center), cat, q);
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(pageNo, pages);
  return {
    center: presentCenter(center),
    q,
    field,
    fields: facets(cat),
    items: items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    total: items.length,
    page: current,
    pages,
    guidance,
  };
}

/** A procedure's page (its QR code encodes `baseUrl` + its path), or what the "not found" page shows. */
export async function procedurePageModel(
  deps: Deps,
  slug: string,
  code: string,
  baseUrl: string,
): Promise<
  | { found: true; view: Omit<ProcedureView, 'lang' | 'path'> }
  | { found: false; view: { center: ReturnType<typeof presentCenter>; code: string; fields: FieldFacet[] } }
> {
  const center = await getCenter(deps, slug);
  let found: Awaited<ReturnType<typeof procedureWithHistory>>;
  try {
    found = await procedureWithHistory(deps, center, code);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    const cat = await catalogOf(deps, center);
    return { found: false, view: { center: presentCenter(center), code, fields: facets(cat) } };
  }
  const url = `${baseUrl}${publicPaths.procedure(center.slug, found.data.code)}`;
  const confirmed = await confirmationOf(deps, center, found.data.code);
  return {
    found: true,
    view: {
      center: presentCenter(center),
      proc: found.data,
      history: found.history,
      url,
      qrSvg: await qrFor(url),
      portalUrl: portalOf(found.data),
      confirmed,
      unverified: stillUnverified(found.data, confirmed),
    },
  };
}

/** The fragment a portal frames: the first results and a link to the rest on the centre's site. */
export async function embedModel(deps: Deps, slug: string, q: string, wanted: string | undefined) {
  const { center, cat } = await centerAndCatalog(deps, slug);
  const { field, items } = searchCatalog(cat, q, wanted);
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (field) params.set('linh-vuc', field.slug);
  const more = `${publicPaths.list(center.slug)}${params.size ? `?${params.toString()}` : ''}`;
  return {
    center: presentCenter(center),
    q,
    field,
    fields: facets(cat),
    items: items.slice(0, EMBED_SIZE),
    total: items.length,
    moreHref: more,
  };
}

const hhmmOf = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The TV screen's slide `n` (1-based, wrapping): today, same-day procedures, fields, contacts, results ready. */
export async function tvPageModel(
  deps: Deps,
  slug: string,
  n: number,
  lang: Lang,
  baseUrl: string,
): Promise<Omit<TvView, 'lang'>> {
  const { center, cat } = await centerAndCatalog(deps, slug);
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
  const langQ = lang === 'en' ? '&lang=en' : '';
  const listUrl = `${baseUrl}${publicPaths.list(center.slug)}`;
  return {
    center: presentCenter(center),
    today: {
      date: formatVi(now.date),
      weekday: info.weekday,
      working: info.working,
      reason: lang === 'vi' ? info.reason : info.reasonEn,
      next: formatVi(cal.nextWorkingDay(now.date)),
    },
    // never short of one: the first slide is always today's
    slide: slides[index] ?? { kind: 'today' },
    index,
    total: slides.length,
    nextHref: `${publicPaths.tv(center.slug)}?trang=${((index + 1) % slides.length) + 1}${langQ}`,
    listUrl,
    qrSvg: await qrFor(listUrl),
    motto: texts.motto,
    updatedAt: hhmmOf(now.minute),
  };
}

/** The fees page, the directory, the commitments, the recent changes. */
export async function feesModel(deps: Deps, slug: string) {
  const { center, cat } = await centerAndCatalog(deps, slug);
  return { center: presentCenter(center), fields: cat.fields };
}
export async function directoryModel(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  return { center: presentCenter(center), contacts: await publicContacts(deps, center.id) };
}
export async function commitmentsModel(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  return { center: presentCenter(center), texts: await textsOf(deps, center.id) };
}
export async function changesModel(deps: Deps, slug: string) {
  const center = await getCenter(deps, slug);
  return { center: presentCenter(center), changes: await recentChanges(deps, center, 100) };
}
