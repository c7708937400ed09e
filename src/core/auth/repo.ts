/** The only place that speaks SQL for accounts, roles, sessions and API tokens. */
import type { Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB, SessionTable } from '../db/schema.ts';
import type { Role } from './roles.ts';
import { inTransaction } from '../db/tx.ts';

type Db = Kysely<DB>;

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Db, userId: number): Promise<{ center_id: number; role: string }[]> {
  return db.selectFrom('user_role').select(['center_id', 'role']).where('user_id', '=', userId).execute();
}

export async function insertUser(
  db: Db,
  u: {
    center_id: number;
    username: string;
    full_name: string;
    title: string | null;
    email: string | null;
    phone: string | null;
    password_hash: string;
    created_at: string;
    province_admin?: 0 | 1;
  },
  roles: readonly Role[],
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('app_user')
      .values({ ...u, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (roles.length) {
      await tx
        .insertInto('user_role')
        .values(roles.map((role) => ({ user_id: row.id, center_id: u.center_id, role })))
        .execute();
    }
    return row.id;
  });
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  return db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export function touchLogin(db: Db, userId: number, at: string) {
  return db.updateTable('app_user').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export function listUsers(db: Db, centerId: number) {
  return db.selectFrom('app_user').selectAll().where('center_id', '=', centerId).orderBy('username').execute();
}

export function insertSession(db: Db, s: Insertable<SessionTable>) {
  return db.insertInto('session').values(s).execute();
}

export function findSession(db: Db, id: string) {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('session').where('id', '=', id).execute();
}

export function deleteExpiredSessions(db: Db, nowIso: string) {
  return db.deleteFrom('session').where('expires_at', '<=', nowIso).execute();
}

export function insertToken(
  db: Db,
  t: {
    user_id: number;
    name: string;
    token_hash: string;
    prefix: string;
    created_at: string;
    expires_at: string | null;
  },
) {
  return db.insertInto('api_token').values(t).returning('id').executeTakeFirstOrThrow();
}

export function findToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function touchToken(db: Db, id: number, at: string) {
  return db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function insertAudit(
  db: Db,
  a: {
    center_id: number | null;
    actor_user_id: number | null;
    action: string;
    subject: string | null;
    detail: string | null;
    at: string;
  },
) {
  return db.insertInto('audit_log').values(a).execute();
}

export async function hasAuditAction(db: Db, action: string): Promise<boolean> {
  return (
    (await db.selectFrom('audit_log').select('id').where('action', '=', action).limit(1).executeTakeFirst()) !==
    undefined
  );
}

export function setUserLang(db: Db, userId: number, lang: 'vi' | 'en') {
  return db.updateTable('app_user').set({ lang }).where('id', '=', userId).execute();
}
