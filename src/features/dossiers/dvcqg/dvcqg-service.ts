/**
 * DVCQG dossier exchange for a centre: export dossiers received in a period (or one dossier) in
 * the national portal's HoSo shape, and import online submissions from it as status-1 dossiers
 * for the desk to accept. The mapping itself is pure (dvcqg.ts).
 */
import type { Deps } from '../../../core/deps.ts';
import type { Center } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/http/errors.ts';
import { actorId, assertCan, SYSTEM_ACTOR, type Actor } from '../../../core/auth/access.ts';
import { insertAudit } from '../../../core/auth/repo.ts';
import { toLocal } from '../../../core/calendar/index.ts';
import { nfc } from '../../../core/text/index.ts';
import { getCenter, getCenterById } from '../../centers/index.ts';
import { catalogOf } from '../../catalog/index.ts';
import * as repo from '../repo.ts';
import { getDossier, intake } from '../service.ts';
import { parseDayPeriod, type Applicant } from '../model.ts';
import { readHoSoPayload, toHoSo, type HoSo, type ImportedHoSo } from './dvcqg.ts';
import { eventOf, hoSoWindows, sourceOf } from './dvcqg-rows.ts';
import { applicantJson } from '../columns.ts';

/** The longest export period, in days (a quarter plus slack: 3 × 31). */
export const MAX_EXPORT_DAYS = 93;
/** Two submissions of the same person and procedure this close together are the same one. */
export const DUPLICATE_WINDOW_MS = 60_000;

const parsePeriod = (from: unknown, to: unknown): { from: string; to: string } =>
  parseDayPeriod(from, to, MAX_EXPORT_DAYS, {
    vi: `Mỗi lần xuất tối đa ${MAX_EXPORT_DAYS} ngày.`,
    en: `An export covers at most ${MAX_EXPORT_DAYS} days.`,
  });

/**
 * The centre of an export and its checked period: staff with dossier.read; `from`..`to` are
 * Vietnam dates, both included, at most 93 days.
 */
export async function openHoSoExport(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  fromRaw: unknown,
  toRaw: unknown,
): Promise<{ center: Center; actor: Actor; from: string; to: string }> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.read', center.id);
  return { center, actor, ...parsePeriod(fromRaw, toRaw) };
}

/** The export holds personal data, so it is recorded in the audit log (with how many dossiers). */
export async function auditHoSoExport(
  deps: Deps,
  actor: Actor,
  centerId: number,
  period: { from: string; to: string },
  dossiers: number,
): Promise<void> {
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actorId(actor),
    action: 'dossier.dvcqg.export',
    subject: `${period.from}..${period.to}`,
    detail: JSON.stringify({ dossiers }),
    at: deps.now().toISOString(),
  });
}

/**
 * Dossiers received (submitted) from `from` to `to` (Vietnam dates, both included, at most 93
 * days) as HoSo objects, in receipt order, in memory (tests and scripts; the HTTP export streams
 * the same windows into a file: dvcqg-export.ts). Recorded in the audit log.
 */
export async function exportHoSoPeriod(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  fromRaw: unknown,
  toRaw: unknown,
): Promise<HoSo[]> {
  const { center, actor: staff, from, to } = await openHoSoExport(deps, actor, slug, fromRaw, toRaw);
  const out: HoSo[] = [];
  for await (const window of hoSoWindows(deps, center, from, to)) out.push(...window);
  await auditHoSoExport(deps, staff, center.id, { from, to }, out.length);
  return out;
}

/** One dossier as a HoSo object (staff of its centre; another centre's dossier answers 404). */
export async function exportHoSo(deps: Deps, actor: Actor | null, code: string): Promise<HoSo> {
  const { center, dossier, events } = await getDossier(deps, actor, code);
  return toHoSo(dossier, events, center);
}

export interface ImportResult {
  imported: { portalCode: string; code: string; status: number }[];
  skipped: { portalCode: string; code: string; reason: { vi: string; en: string } }[];
}

function identity(a: Applicant): string {
  const id = a.kind === 'organization' ? a.taxCode : a.idNumber;
  return id
    ? `id:${id}`
    : `name:${nfc(a.kind === 'organization' ? a.orgName : a.fullName)
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()}|${a.phone}`;
}

/**
 * An online dossier of this centre with the same procedure and applicant submitted within a
 * minute of `item`: the same submission imported before. (The portal's MaHoSo is not stored, so
 * this is how a repeated import is recognised; see docs/dvcqg.md.)
 */
async function findImported(deps: Deps, centerId: number, item: ImportedHoSo): Promise<string | null> {
  const t = item.submittedAt.getTime();
  const days = new Set([
    toLocal(new Date(t - DUPLICATE_WINDOW_MS)).date,
    toLocal(new Date(t + DUPLICATE_WINDOW_MS)).date,
  ]);
  const who = identity(item.intake.applicant);
  for (const day of days) {
    for (let offset = 0; ; offset += 500) {
      const rows = await repo.list(deps.db, centerId, { day, limit: 500, offset });
      for (const r of rows) {
        // A dossier that carries a portal code is another portal submission (its own code was checked first).
        if (r.channel !== 'online' || r.procedure_code !== item.intake.procedureCode || r.portal_code !== null)
          continue;
        if (Math.abs(new Date(r.received_at).getTime() - t) > DUPLICATE_WINDOW_MS) continue;
        if (identity(applicantJson.decode(r.applicant)) === who) return r.code;
      }
      if (rows.length < 500) break;
    }
  }
  return null;
}

const sameCode = (code: string) => ({
  vi: `Đã có hồ sơ ${code} với cùng mã hồ sơ trên Cổng (MaHoSo).`,
  en: `Dossier ${code} has the same portal code (MaHoSo).`,
});

/**
 * Imports online submissions `{ "HoSo": [...] }` into the centre as status-1 dossiers (channel
 * online, receipt time = NgayNopHoSo), for the desk to accept. Every dossier is validated before
 * anything is written; one already imported (same applicant, procedure and submission minute) is
 * skipped, so an import may be repeated. Each dossier is then taken in its own transaction.
 */
export async function importHoSo(deps: Deps, actor: Actor | null, slug: string, body: unknown): Promise<ImportResult> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'dossier.intake', center.id);
  const catalog = await catalogOf(deps, center);
  const { items, problems } = readHoSoPayload(body, {
    now: deps.now(),
    hasProcedure: (code) => catalog.byCode.has(code),
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.slice(0, 50));

  const result: ImportResult = { imported: [], skipped: [] };
  for (const item of items) {
    // The portal's own code first (stored, unique per centre); then the older match for dossiers
    // imported before the code was kept.
    const byPortal = (await repo.findByPortalCode(deps.db, center.id, item.portalCode))?.code;
    if (byPortal) {
      result.skipped.push({ portalCode: item.portalCode, code: byPortal, reason: sameCode(byPortal) });
      continue;
    }
    const existing = await findImported(deps, center.id, item);
    if (existing) {
      result.skipped.push({
        portalCode: item.portalCode,
        code: existing,
        reason: {
          vi: `Đã có hồ sơ ${existing} của cùng người nộp, cùng thủ tục, nộp cùng thời điểm.`,
          en: `Dossier ${existing} has the same applicant, procedure and submission time.`,
        },
      });
      continue;
    }
    // The caller's own dossier.intake permission was checked above. Intake is called as the
    // system because an online submission keeps its past submission time (NgayNopHoSo), and
    // intake lets only holders of dossier.backdate set `receivedAt`; importing a portal
    // submission is not backdating a desk intake. The event is therefore recorded as "Hệ thống";
    // the audit entry below names the user who imported.
    let d: Awaited<ReturnType<typeof intake>>;
    try {
      d = await intake(deps, SYSTEM_ACTOR, slug, { ...item.intake, portalCode: item.portalCode });
    } catch (e) {
      // Taken at the same moment by another import (webhook and poll): the unique portal code refused it.
      const same = await repo.findByPortalCode(deps.db, center.id, item.portalCode);
      if (!same) throw e;
      result.skipped.push({ portalCode: item.portalCode, code: same.code, reason: sameCode(same.code) });
      continue;
    }
    result.imported.push({ portalCode: item.portalCode, code: d.code, status: d.status });
  }
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'dossier.dvcqg.import',
    subject: `${result.imported.length} imported, ${result.skipped.length} skipped`,
    detail: JSON.stringify({
      imported: result.imported.map((r) => [r.portalCode, r.code]),
      skipped: result.skipped.map((r) => [r.portalCode, r.code]),
    }),
    at: deps.now().toISOString(),
  });
  return result;
}

/**
 * The HoSo of one dossier by id, read through `deps.db` (the sync outbox calls it inside the
 * dossier event's transaction, so the message carries exactly the committed state). Null when the
 * dossier does not exist. The builder is `toHoSo`, the same as the export.
 */
export async function hoSoOfDossier(
  deps: Deps,
  dossierId: number,
): Promise<{ hoSo: HoSo; code: string; portalCode: string | null; receivedDay: string; status: number } | null> {
  const d = await repo.findById(deps.db, dossierId);
  if (!d) return null;
  const center = await getCenterById(deps, d.center_id);
  const events = (await repo.eventsOf(deps.db, d.id)).map(eventOf);
  return {
    hoSo: toHoSo(sourceOf(d), events, center),
    code: d.code,
    portalCode: d.portal_code,
    receivedDay: d.local_day,
    status: d.status,
  };
}

/** The id of a centre's dossier by its code; null when there is none. */
export async function dossierIdOf(deps: Deps, centerId: number, code: string): Promise<number | null> {
  const d = await repo.findByCode(deps.db, code);
  return d?.center_id === centerId ? d.id : null;
}
