/**
 * Catalogue use cases: stage an import (file or console edit) as a draft with its diff, publish
 * or discard it (TTHC controller), and read the published catalogue (cached per centre, rebuilt
 * when anything is published). Every published version is kept.
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError } from '../../core/http/errors.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { fold } from '../../core/text/index.ts';
import { getCenter } from '../centers/index.ts';
import * as repo from './repo.ts';
import {
  canonicalJson,
  diffCatalog,
  parseProcedure,
  summarize,
  type DiffItem,
  type DiffSummary,
  changedFieldsJson,
  diffSummaryJson,
  procedureJson,
  type ProcedureData,
} from './model.ts';
import { createSearchIndex } from './search.ts';
import { announcePublication } from './hooks.ts';
import { formToInput, type ProcedureForm } from './form.ts';

export interface Catalog {
  stamp: number;
  /** Published procedures that are not abolished, in catalogue order. */
  procedures: ProcedureData[];
  byCode: ReadonlyMap<string, ProcedureData>;
  /** Database ids of each published procedure and its current version (dossiers reference them). */
  ids: ReadonlyMap<string, { procedureId: number; versionId: number }>;
  /** Fields (lĩnh vực) in catalogue order, with their procedures. */
  fields: { name: string; slug: string; procedures: ProcedureData[] }[];
  search: ReturnType<typeof createSearchIndex>['search'];
}

/** Keyed by database and centre: one process may hold several databases (tests, tools). */
const cache = new Map<string, Catalog>();

export function fieldSlug(field: string): string {
  return fold(field)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function buildCatalog(stamp: number, all: ProcedureData[], ids: Catalog['ids']): Catalog {
  const procedures = all.filter((p) => p.status !== 'abolished');
  const fields: Catalog['fields'] = [];
  for (const p of procedures) {
    let f = fields.find((x) => x.name === p.field);
    if (!f) fields.push((f = { name: p.field, slug: fieldSlug(p.field), procedures: [] }));
    f.procedures.push(p);
  }
  const index = createSearchIndex(procedures);
  return {
    stamp,
    procedures,
    byCode: new Map(procedures.map((p) => [p.code, p])),
    ids,
    fields,
    search: (q, o) => index.search(q, o),
  };
}

/** The published catalogue of a centre (cached; one cheap query checks for new publications). */
export async function catalogOf(deps: Deps, center: Center): Promise<Catalog> {
  const stamp = await repo.catalogStamp(deps.db, center.id);
  const key = `${deps.config.databaseUrl}#${center.id}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const rows = await repo.currentVersions(deps.db, center.id);
  const cat = buildCatalog(
    stamp,
    rows.map((r) => procedureJson.decode(r.data)),
    new Map(rows.map((r) => [r.code, { procedureId: r.procedure_id, versionId: r.version_id }])),
  );
  cache.set(key, cat);
  return cat;
}

async function currentMap(deps: Deps, centerId: number) {
  const rows = await repo.currentVersions(deps.db, centerId);
  return {
    data: new Map(rows.map((r) => [r.code, procedureJson.decode(r.data)])),
    versionIds: new Map(rows.map((r) => [r.code, r.version_id])),
  };
}

export interface StageInput {
  sourceName: string;
  format: 'json' | 'csv' | 'console';
  procedures: ProcedureData[];
  full: boolean;
}

/** Computes the diff without writing anything (dry run). */
export async function previewImport(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: StageInput,
): Promise<{ items: DiffItem[]; summary: DiffSummary }> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.manage', center.id);
  const current = await currentMap(deps, center.id);
  const items = diffCatalog(current.data, input.procedures, input.full);
  return { items, summary: summarize(items) };
}

/** Stores an import as a draft for review. Unchanged procedures are counted, not stored. */
export async function stageImport(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: StageInput,
): Promise<{ importId: number; summary: DiffSummary; items: DiffItem[] }> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.manage', center.id);
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const current = await currentMap({ ...deps, db: tx }, center.id);
    const items = diffCatalog(current.data, input.procedures, input.full);
    const summary = summarize(items);
    const row = await repo.insertImport(tx, {
      center_id: center.id,
      source_name: input.sourceName.slice(0, 200),
      format: input.format,
      full_catalog: input.full ? 1 : 0,
      status: 'draft',
      summary: diffSummaryJson.encode(summary),
      created_by: actorId(actor),
      created_at: now,
    });
    await repo.insertImportItems(
      tx,
      items
        .filter((i) => i.kind !== 'unchanged')
        .map((i) => ({
          import_id: row.id,
          center_id: center.id,
          code: i.code,
          kind: i.kind,
          data: i.data ? canonicalJson(i.data) : null,
          changed_fields: changedFieldsJson.encode(i.changedFields),
          previous_version_id: current.versionIds.get(i.code) ?? null,
        })),
    );
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'catalog.import.stage',
      subject: String(row.id),
      detail: JSON.stringify({ source: input.sourceName, summary }),
      at: now,
    });
    return { importId: row.id, summary, items };
  });
}

/** Stages a single procedure edited in the console (a one-item, partial import). */
export async function stageEdit(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  raw: unknown,
): Promise<{ importId: number; summary: DiffSummary }> {
  const p = parseProcedure(raw);
  const r = await stageImport(deps, actor, slug, {
    sourceName: `Sửa trên trang quản trị: ${p.code}`,
    format: 'console',
    procedures: [p],
    full: false,
  });
  return { importId: r.importId, summary: r.summary };
}

/**
 * Stages the console's procedure form: `code` is the edited procedure's (null: a new one); fields
 * the form does not carry keep their published values.
 */
export async function stageProcedureForm(
  deps: Deps,
  actor: Actor,
  center: Center,
  form: ProcedureForm,
  code: string | null,
): Promise<{ importId: number; summary: DiffSummary }> {
  const previous = code === null ? null : (await procedureWithHistory(deps, center, form.code ?? '')).data;
  return stageEdit(deps, actor, center.slug, formToInput(form, previous));
}

export async function getImport(deps: Deps, actor: Actor | null, slug: string, id: number) {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.manage', center.id);
  const imp = Number.isInteger(id) ? await repo.findImport(deps.db, center.id, id) : undefined;
  if (!imp) throw new AppError('NOT_FOUND');
  const items = await repo.importItems(deps.db, imp.id);
  const current = await currentMap(deps, center.id);
  return {
    center,
    import: { ...imp, summary: diffSummaryJson.decode(imp.summary) },
    items: items.map((i) => ({
      code: i.code,
      kind: i.kind as DiffItem['kind'],
      data: procedureJson.decodeNullable(i.data),
      before: current.data.get(i.code) ?? null,
      changedFields: changedFieldsJson.decode(i.changed_fields) as (keyof ProcedureData)[],
      stale: (current.versionIds.get(i.code) ?? null) !== i.previous_version_id,
    })),
  };
}

export async function listImports(deps: Deps, actor: Actor | null, slug: string) {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.manage', center.id);
  return (await repo.listImports(deps.db, center.id)).map((i) => ({
    ...i,
    summary: diffSummaryJson.decode(i.summary),
  }));
}

const DECIDED = { vi: 'Bản nhập này đã được xử lý.', en: 'This import has already been decided.' };

type Tx = Deps['db'];
type ImportItemRow = Awaited<ReturnType<typeof repo.importItems>>[number];

/** The draft's items, once it is checked publishable and marked published (409 otherwise). */
async function claimDraft(tx: Tx, deps: Deps, by: number | null, center: Center, id: number, now: string) {
  const imp = Number.isInteger(id) ? await repo.findImport(tx, center.id, id) : undefined;
  if (!imp) throw new AppError('NOT_FOUND');
  if (imp.status !== 'draft') throw new AppError('CONFLICT', [DECIDED]);
  const items = await repo.importItems(tx, imp.id);
  const current = await currentMap({ ...deps, db: tx }, center.id);
  const stale = items.filter((i) => (current.versionIds.get(i.code) ?? null) !== i.previous_version_id);
  if (stale.length) {
    const codes = stale.map((s) => s.code).join(', ');
    throw new AppError('CONFLICT', [
      {
        vi: `Danh mục đã thay đổi sau khi nhập (${codes}). Hãy nhập lại tệp.`,
        en: `The catalogue changed after this import (${codes}). Import the file again.`,
      },
    ]);
  }
  if (!(await repo.decideImport(tx, imp.id, 'published', by, now))) throw new AppError('CONFLICT', [DECIDED]);
  return { imp, items };
}

/** One item of a draft becomes the procedure's new current version (the procedure is created if new). */
async function publishItem(
  tx: Tx,
  center: Center,
  item: ImportItemRow & { data: string },
  o: { importId: number; by: number | null; now: string; initial: boolean },
): Promise<void> {
  const data = procedureJson.decode(item.data);
  const proc = await repo.findProcedure(tx, center.id, item.code);
  const procedureId =
    proc?.id ??
    (
      await repo.insertProcedure(tx, {
        center_id: center.id,
        code: item.code,
        name: data.name,
        field: data.field,
        status: data.status,
        same_day: data.sameDayEligible ? 1 : 0,
        created_at: o.now,
      })
    ).id;
  const prevVersion = proc?.current_version_id
    ? ((await repo.versionsOf(tx, center.id, procedureId))[0]?.version ?? 0)
    : 0;
  const v = await repo.insertVersion(tx, {
    center_id: center.id,
    procedure_id: procedureId,
    version: prevVersion + 1,
    data: item.data,
    change_kind: o.initial && item.kind === 'new' ? 'initial' : item.kind,
    changed_fields: item.changed_fields,
    effective_from: data.effectiveFrom,
    import_id: o.importId,
    published_by: o.by,
    published_at: o.now,
  });
  await repo.setCurrent(tx, procedureId, {
    versionId: v.id,
    name: data.name,
    field: data.field,
    status: data.status,
    sameDay: data.sameDayEligible ? 1 : 0,
    at: o.now,
  });
}

/**
 * Publishes a draft: every item becomes a new version and the procedure's current one, in one
 * transaction. Refused (409) when a procedure changed since the draft was made. Once committed,
 * the publication is announced (hooks.ts: the posting boards render again in the background);
 * `origin` is the publishing request's `protocol://host`, when a request published.
 */
export async function publishImport(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
  opts: { initial?: boolean; origin?: string } = {},
): Promise<{ published: number }> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.publish', center.id);
  const now = deps.now().toISOString();
  const by = actorId(actor);
  const result = await inTransaction(deps.db, async (tx) => {
    const { imp, items } = await claimDraft(tx, deps, by, center, id, now);
    let published = 0;
    for (const item of items) {
      if (!item.data) continue;
      await publishItem(
        tx,
        center,
        { ...item, data: item.data },
        {
          importId: imp.id,
          by,
          now,
          initial: opts.initial === true,
        },
      );
      published++;
    }
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: by,
      action: 'catalog.import.publish',
      subject: String(imp.id),
      detail: JSON.stringify({ published }),
      at: now,
    });
    return { published };
  });
  announcePublication(deps, { center, importId: id, published: result.published, origin: opts.origin ?? null });
  return result;
}

export async function discardImport(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.publish', center.id);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.findImport(tx, center.id, id))) throw new AppError('NOT_FOUND');
    if (!(await repo.decideImport(tx, id, 'discarded', actorId(actor), now))) throw new AppError('CONFLICT', [DECIDED]);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'catalog.import.discard',
      subject: String(id),
      detail: null,
      at: now,
    });
  });
}

export interface HistoryEntry {
  version: number;
  changeKind: string;
  changedFields: string[];
  publishedAt: string;
  effectiveFrom: string | null;
}

/** A published procedure with its version history (public: abolished ones too, marked). */
export async function procedureWithHistory(
  deps: Deps,
  center: Center,
  code: string,
): Promise<{ data: ProcedureData; history: HistoryEntry[] }> {
  const proc =
    typeof code === 'string' && code.length <= 20 ? await repo.findProcedure(deps.db, center.id, code) : undefined;
  if (!proc) throw new AppError('NOT_FOUND');
  const versions = await repo.versionsOf(deps.db, center.id, proc.id);
  const current = versions.find((v) => v.id === proc.current_version_id) ?? versions[0];
  if (!current) throw new AppError('NOT_FOUND');
  return {
    data: procedureJson.decode(current.data),
    history: versions.map((v) => ({
      version: v.version,
      changeKind: v.change_kind,
      changedFields: changedFieldsJson.decode(v.changed_fields),
      publishedAt: v.published_at,
      effectiveFrom: v.effective_from,
    })),
  };
}

export interface ChangeEntry {
  code: string;
  name: string;
  field: string;
  changeKind: string;
  changedFields: string[];
  publishedAt: string;
  version: number;
}

export async function recentChanges(deps: Deps, center: Center, limit = 50): Promise<ChangeEntry[]> {
  const rows = await repo.recentVersions(deps.db, center.id, Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => {
    const d = procedureJson.decode(r.data);
    return {
      code: r.code,
      name: d.name,
      field: d.field,
      changeKind: r.change_kind,
      changedFields: changedFieldsJson.decode(r.changed_fields),
      publishedAt: r.published_at,
      version: r.version,
    };
  });
}

/** Loads a catalogue into an empty centre and publishes it at once (demo data, first set-up). */
export async function loadInitialCatalog(
  deps: Deps,
  actor: Actor,
  slug: string,
  sourceName: string,
  procedures: ProcedureData[],
): Promise<number> {
  const center = await getCenter(deps, slug);
  if ((await repo.countProcedures(deps.db, center.id)) > 0)
    throw new AppError('CONFLICT', [
      { vi: 'Trung tâm đã có danh mục thủ tục.', en: 'The centre already has a catalogue.' },
    ]);
  const staged = await stageImport(deps, actor, slug, { sourceName, format: 'json', procedures, full: true });
  return (await publishImport(deps, actor, slug, staged.importId, { initial: true })).published;
}

/** The published versions of a procedure of a centre, newest first. */
export const procedureVersions = (deps: Pick<Deps, 'db'>, centerId: number, procedureId: number) =>
  repo.versionsOf(deps.db, centerId, procedureId);
