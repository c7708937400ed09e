/**
 * Catalogue review use cases (issue 12, docs/decisions/027-search-guidance-and-confirmed-data.md):
 *
 * - Confirmation: a TTHC controller confirms that a published procedure's fees and time limits (with
 *   its codes and announcement) match the official record. The confirmation names the person, the
 *   instant, the version and a hash of the confirmed values; a later version with other values is
 *   not covered. The public page then says "Đã đối chiếu ngày dd/mm/yyyy" instead of the amber
 *   warning, which remains only for fields still truly unknown (e.g. the document list).
 * - Search guidance: the centre's table of matters handled elsewhere or abolished (defaults seeded
 *   from data/catalog/not-here.json), edited in the console, matched against a search query.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { getCenter } from '../centers/index.ts';
import * as repo from './repo.ts';
import type { ProcedureData } from './model.ts';
import { catalogOf, type Catalog } from './service.ts';
import { DEFAULT_TOPICS, matchGuidance, parseTopics, topicsJson, type GuidanceTopic } from './guidance.ts';

/** The fields a confirmation covers: what a citizen acts on (fees, time limit) and what identifies the record. */
export const CONFIRMED_FIELDS = ['code', 'localCode', 'announcement', 'timeLimit', 'fees'] as const;

/** sha256 of the confirmed values as JSON in a fixed order. */
export function confirmedValuesHash(p: ProcedureData): string {
  const values = CONFIRMED_FIELDS.map((k) => [k, p[k]]);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

export interface Confirmation {
  /** ISO instant. */
  at: string;
  by: string;
  source: string;
}

/** Fields of `unverified` that a valid confirmation leaves open (truly unknown values). */
export function stillUnverified(p: ProcedureData, confirmed: Confirmation | null): string[] {
  if (!confirmed) return p.unverified;
  return p.unverified.filter((f) => !(CONFIRMED_FIELDS as readonly string[]).includes(f));
}

/** Latest confirmation of each procedure whose confirmed values are the published ones. */
export async function confirmationsOf(deps: Deps, center: Center, cat: Catalog): Promise<Map<string, Confirmation>> {
  const out = new Map<string, Confirmation>();
  const rows = await repo.confirmationsOf(deps.db, center.id);
  const hashes = new Map<string, string>();
  for (const r of rows) {
    if (out.has(r.code)) continue;
    const p = cat.byCode.get(r.code);
    if (!p) continue;
    let h = hashes.get(r.code);
    if (h === undefined) hashes.set(r.code, (h = confirmedValuesHash(p)));
    if (h === r.values_hash) out.set(r.code, { at: r.confirmed_at, by: r.confirmed_by_name, source: r.source });
  }
  return out;
}

/** The valid confirmation of one published procedure, or null. */
export async function confirmationOf(deps: Deps, center: Center, code: string): Promise<Confirmation | null> {
  const cat = await catalogOf(deps, center);
  if (!cat.byCode.has(code)) return null;
  return (await confirmationsOf(deps, center, cat)).get(code) ?? null;
}

/** Records that `actor` confirmed the published fees and limits of a procedure (audited). */
export async function confirmProcedure(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  code: string,
  source: string,
): Promise<Confirmation> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.publish', center.id);
  const src = typeof source === 'string' ? source.normalize('NFC').trim() : '';
  if (src.length > 300) throw invalid('source', 'Tối đa 300 ký tự.', 'At most 300 characters.');
  const cat = await catalogOf(deps, center);
  const p = typeof code === 'string' ? cat.byCode.get(code) : undefined;
  const ids = typeof code === 'string' ? cat.ids.get(code) : undefined;
  if (!p || !ids) throw new AppError('NOT_FOUND');
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await repo.insertConfirmation(tx, {
      center_id: center.id,
      code: p.code,
      version_id: ids.versionId,
      values_hash: confirmedValuesHash(p),
      confirmed_by: actorId(actor),
      confirmed_by_name: actor.fullName,
      confirmed_at: at,
      source: src,
    });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'catalog.procedure.confirm',
      subject: p.code,
      detail: JSON.stringify({ versionId: ids.versionId, source: src }),
      at,
    });
  });
  return { at, by: actor.fullName, source: src };
}

// ---- Search guidance ----

export interface GuidanceTable {
  topics: readonly GuidanceTopic[];
  /** True when the centre edited its own table; false: the seeded defaults. */
  custom: boolean;
  updatedAt: string | null;
}

export async function guidanceTable(deps: Deps, center: Center): Promise<GuidanceTable> {
  const row = await repo.findGuidance(deps.db, center.id);
  if (!row) return { topics: DEFAULT_TOPICS, custom: false, updatedAt: null };
  return { topics: topicsJson.decode(row.topics), custom: true, updatedAt: row.updated_at };
}

export interface GuidanceBox {
  id: string;
  kind: GuidanceTopic['kind'];
  title: string;
  text: string;
  where: string;
  /** The related procedures the centre publishes. */
  related: ProcedureData[];
}

/** The guidance boxes for a query (none for an empty query). */
export function guidanceFor(table: GuidanceTable, cat: Catalog, q: string): GuidanceBox[] {
  if (!q) return [];
  return matchGuidance(q, table.topics, cat.byCode).map((t) => ({
    id: t.id,
    kind: t.kind,
    title: t.title,
    text: t.text,
    where: t.where,
    related: t.related.flatMap((c) => {
      const p = cat.byCode.get(c);
      return p ? [p] : [];
    }),
  }));
}

/** Saves the centre's own table (JSON text of the topics array), or resets to the defaults when `json` is null. */
export async function saveGuidance(deps: Deps, actor: Actor | null, slug: string, json: string | null): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'catalog.publish', center.id);
  let topics: GuidanceTopic[] | null = null;
  if (json !== null) {
    if (typeof json !== 'string' || json.length > 200_000)
      throw invalid('topics', 'Nội dung quá dài.', 'The table is too long.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw invalid('topics', 'Không đọc được JSON.', 'The JSON cannot be parsed.');
    }
    topics = parseTopics(parsed);
  }
  const at = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (topics === null) await repo.deleteGuidance(tx, center.id);
    else
      await repo.saveGuidance(tx, {
        center_id: center.id,
        topics: topicsJson.encode(topics),
        updated_by: actorId(actor),
        updated_at: at,
      });
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: topics === null ? 'catalog.guidance.reset' : 'catalog.guidance.save',
      subject: null,
      detail: topics === null ? null : JSON.stringify({ topics: topics.length }),
      at,
    });
  });
}
