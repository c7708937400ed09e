/** Staff and counters directory: public list, and editing by the TTHC controller (audited). */
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError } from '../../core/http/errors.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { getCenter } from '../centers/index.ts';
import * as repo from './repo.ts';
import { contactFieldsJson, parseStaffContact, type StaffContact, type StaffContactInput } from './model.ts';

function present(r: Awaited<ReturnType<typeof repo.list>>[number]): StaffContact {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    counter: r.counter,
    fields: contactFieldsJson.decode(r.fields),
    phone: r.phone,
    email: r.email,
    isPublic: r.is_public === 1,
    sortOrder: r.sort_order,
  };
}

const toRow = (c: StaffContactInput) => ({
  name: c.name,
  title: c.title,
  counter: c.counter,
  fields: contactFieldsJson.encode(c.fields),
  phone: c.phone,
  email: c.email,
  is_public: (c.isPublic ? 1 : 0) as 0 | 1,
  sort_order: c.sortOrder,
});

export async function publicContacts(deps: Deps, centerId: number): Promise<StaffContact[]> {
  return (await repo.list(deps.db, centerId, true)).map(present);
}

export async function allContacts(deps: Deps, actor: Actor | null, slug: string): Promise<StaffContact[]> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'directory.manage', center.id);
  return (await repo.list(deps.db, center.id, false)).map(present);
}

export async function saveContact(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number | null,
  raw: Record<string, unknown>,
): Promise<number> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'directory.manage', center.id);
  const c = parseStaffContact(raw);
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    let savedId: number;
    if (id === null) savedId = (await repo.insert(tx, center.id, toRow(c), now)).id;
    else {
      const r = await repo.update(tx, center.id, id, toRow(c), now);
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND');
      savedId = id;
    }
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: id === null ? 'directory.create' : 'directory.update',
      subject: String(savedId),
      detail: JSON.stringify(c),
      at: now,
    });
    return savedId;
  });
}

export async function deleteContact(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'directory.manage', center.id);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const before = Number.isInteger(id) ? await repo.find(tx, center.id, id) : undefined;
    if (!before) throw new AppError('NOT_FOUND');
    await repo.remove(tx, center.id, id);
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'directory.delete',
      subject: String(id),
      detail: JSON.stringify(before),
      at: now,
    });
  });
}
