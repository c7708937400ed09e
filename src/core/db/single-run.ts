/**
 * Background jobs that run on one instance at a time (docs/decisions/036). On PostgreSQL a job
 * pass holds a session advisory lock named after the job (`pg_try_advisory_lock`) on a connection
 * reserved for the pass: the instance that gets it runs, the others skip this tick. The lock ends
 * with the pass, or with the connection when the instance dies. On SQLite (one process) the pass
 * simply runs.
 */
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';

/** Advisory lock class of this application's jobs (the first key of the two-key form). */
export const JOB_LOCK_CLASS = 0x4d43; // "MC"

/** Runs `pass` unless another instance is running job `name`; `{ ran: false }` when skipped. */
export async function runAlone<T>(
  deps: Pick<Deps, 'db' | 'dialect'>,
  name: string,
  pass: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (deps.dialect !== 'postgres') return { ran: true, value: await pass() };
  return deps.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`
      SELECT pg_try_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${name})) AS ok`.execute(conn);
    if (!got.rows[0]?.ok) return { ran: false as const };
    try {
      return { ran: true as const, value: await pass() };
    } finally {
      await sql`SELECT pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${name}))`.execute(conn);
    }
  });
}
