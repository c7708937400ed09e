/**
 * The province administrator's use cases (docs/decisions/033): create centres, fill them with a
 * catalogue or another centre's settings, give province officers their centres, and see every
 * centre's health. The province administrator manages centres, not their records: nothing here
 * reads a dossier's content, and the catalogue and settings are written through the owning room's
 * own service (as the system, audited here under the administrator's name).
 */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError } from '../../core/http/errors.ts';
import { nfc } from '../../core/text/index.ts';
import { actorId, assertProvinceAdmin, SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { catalogOf, publishImport, stageImport, type ProcedureData } from '../catalog/index.ts';
import { grantProvinceRole } from '../reports/index.ts';
import { dossierCountsByCenter } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { settingsOf, validateNewCenterKeys } from './model.ts';
import { createCenter, getCenter, listCenters, updateSettings, type NewCenterInput } from './service.ts';

async function audit(deps: Deps, actor: Actor, centerId: number, action: string, subject: string, detail: object) {
  await insertAudit(deps.db, {
    center_id: centerId,
    actor_user_id: actorId(actor),
    action,
    subject,
    detail: JSON.stringify(detail),
    at: deps.now().toISOString(),
  });
}

export interface AddCenterInput {
  slug: string;
  name: string;
  agencyCode: string;
  province: string;
  shortName?: string;
  parentBody?: string;
  address?: string;
}

/** Creates a centre: slug and agency code checked and unique, sensible defaults for the rest. */
export async function addCenter(
  deps: Deps,
  actor: Actor | null,
  input: AddCenterInput,
): Promise<{ id: number; slug: string }> {
  assertProvinceAdmin(actor);
  const { slug, agencyCode } = validateNewCenterKeys(input.slug, input.agencyCode);
  const name = nfc(input.name);
  const province = nfc(input.province);
  if (!name || name.length > 200)
    throw new AppError('VALIDATION_FAILED', [
      {
        field: 'name',
        vi: 'Cần tên trung tâm (tối đa 200 ký tự).',
        en: 'A centre name is required (200 characters at most).',
      },
    ]);
  if (!province || province.length > 100)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'province', vi: 'Cần tên tỉnh/thành phố.', en: 'The province is required.' },
    ]);
  if (await repo.findBySlug(deps.db, slug)) throw new AppError('SLUG_TAKEN');
  if (await repo.findByAgencyCode(deps.db, agencyCode)) throw new AppError('AGENCY_CODE_TAKEN');
  const short = nfc(input.shortName ?? '') || name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, 'Trung tâm ');
  const full: NewCenterInput = {
    slug,
    name,
    shortName: short,
    parentBody: nfc(input.parentBody ?? '') || `UBND ${name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, '')}`,
    province,
    agencyCode,
    address: nfc(input.address ?? ''),
  };
  let id: number;
  try {
    id = await createCenter(deps, full);
  } catch (e) {
    // Two administrators creating the same centre at once: the unique indexes decide.
    if (e instanceof AppError) throw e;
    if (await repo.findBySlug(deps.db, slug)) throw new AppError('SLUG_TAKEN', [], { cause: e });
    if (await repo.findByAgencyCode(deps.db, agencyCode)) throw new AppError('AGENCY_CODE_TAKEN', [], { cause: e });
    throw e;
  }
  await audit(deps, actor, id, 'center.create', slug, { agencyCode, name });
  return { id, slug };
}

/** Publishes `procedures` as the whole catalogue of `slug` (a new centre, or a replacement); returns how many changed. */
export async function importCatalogInto(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  sourceName: string,
  procedures: ProcedureData[],
): Promise<number> {
  assertProvinceAdmin(actor);
  const center = await getCenter(deps, slug);
  const staged = await stageImport(deps, SYSTEM_ACTOR, slug, { sourceName, format: 'json', procedures, full: true });
  const { published } = await publishImport(deps, SYSTEM_ACTOR, slug, staged.importId);
  await audit(deps, actor, center.id, 'center.catalog_import', slug, { sourceName, published });
  return published;
}

/** Copies the published catalogue of `fromSlug` to each centre of `toSlugs`. */
export async function copyCatalog(deps: Deps, actor: Actor | null, fromSlug: string, toSlugs: string[]) {
  assertProvinceAdmin(actor);
  const source = await getCenter(deps, fromSlug);
  const targets = await Promise.all(toSlugs.filter((s) => s !== fromSlug).map((s) => getCenter(deps, s)));
  const { procedures } = await catalogOf(deps, source);
  const out: { slug: string; published: number }[] = [];
  for (const t of targets)
    out.push({
      slug: t.slug,
      published: await importCatalogInto(deps, actor, t.slug, `copy:${source.slug}`, procedures),
    });
  return out;
}

/** Copies the working-time settings of `fromSlug` (sessions, cut-off, same-day days, re-appointments, culture day) to `toSlugs`. */
export async function copySettings(deps: Deps, actor: Actor | null, fromSlug: string, toSlugs: string[]) {
  assertProvinceAdmin(actor);
  const source = await getCenter(deps, fromSlug);
  const targets = await Promise.all(toSlugs.filter((s) => s !== fromSlug).map((s) => getCenter(deps, s)));
  const s = settingsOf(source);
  for (const t of targets) {
    await updateSettings(deps, SYSTEM_ACTOR, t.slug, {
      sessions: s.sessions,
      cutoff: s.cutoff,
      sameDayWeekdays: s.sameDayWeekdays,
      maxReappointments: s.maxReappointments,
      cultureDayEnabled: s.cultureDay.enabled,
    });
    await audit(deps, actor, t.id, 'center.settings_copy', t.slug, { from: source.slug });
  }
  return targets.length;
}

/** Gives a province officer (an existing account) the read-only 'province' role in these centres. */
export async function assignProvinceOfficer(deps: Deps, actor: Actor | null, username: string, slugs: string[]) {
  assertProvinceAdmin(actor);
  const added = await grantProvinceRole(deps, SYSTEM_ACTOR, username.trim().toLowerCase(), slugs);
  if (actor.via !== 'system')
    await inTransaction(deps.db, async (tx) => {
      for (const s of slugs) {
        const c = await getCenter({ ...deps, db: tx }, s);
        await audit({ ...deps, db: tx }, actor, c.id, 'center.province_officer', username, {});
      }
    });
  return added;
}

export interface CenterHealth {
  slug: string;
  name: string;
  agencyCode: string;
  province: string;
  lastActivity: string | null;
  dossiers: number;
  open: number;
  staff: number;
  outboxWaiting: number;
}

/** One row per centre: last activity, dossier counts, staff accounts, outbox backlog. */
export async function centersHealth(deps: Deps, actor: Actor | null): Promise<CenterHealth[]> {
  assertProvinceAdmin(actor);
  const [centers, h, desk] = await Promise.all([
    listCenters(deps),
    repo.healthRows(deps.db),
    dossierCountsByCenter(deps),
  ]);
  const num = (rows: { center_id: number | null; n: string | number }[], id: number) =>
    Number(rows.find((r) => r.center_id === id)?.n ?? 0);
  return centers.map((c) => {
    const a = h.activity.find((r) => r.center_id === c.id)?.last ?? null;
    const d = desk.all.find((r) => r.center_id === c.id)?.last ?? null;
    return {
      slug: c.slug,
      name: c.name,
      agencyCode: c.agency_code,
      province: c.province,
      lastActivity:
        [a, d]
          .filter((x): x is string => !!x)
          .sort()
          .at(-1) ?? null,
      dossiers: num(desk.all, c.id),
      open: num(desk.open, c.id),
      staff: num(h.staff, c.id),
      outboxWaiting: num(h.outbox, c.id),
    };
  });
}
