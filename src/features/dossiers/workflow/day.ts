/**
 * The desk's part of the console home page (the officer's day): online submissions waiting for
 * the receiving officer to accept them, the dossiers the signed-in officer holds, and the apology
 * drafts waiting for the director. Codes, procedures and times only — no citizen's personal data
 * is read here, so the home page is not an audited read; the lists it links to are.
 */
import type { Deps } from '../../../core/deps.ts';
import { actorId, can, type Actor } from '../../../core/auth/access.ts';
import type { Center } from '../../../core/db/schema.ts';
import * as repo from '../repo.ts';
import * as apologiesRepo from '../apologies/apologies-repo.ts';
import { reasonProblem } from '../apologies/apologies.ts';

/** How many rows each home list shows. */
export const HOME_ROWS = 8;

export interface DeskHome {
  /** Status-1 online dossiers, oldest first (null: the actor does not take dossiers). */
  awaiting: {
    total: number;
    items: {
      code: string;
      procedureName: string;
      channel: string;
      receivedAt: string;
      waitedMs: number;
      dueAt: string;
    }[];
  } | null;
  /** Open dossiers the actor holds, soonest appointment first (null: the actor does not process dossiers). */
  mine: {
    total: number;
    items: { code: string; procedureName: string; status: number; dueAt: string; overdue: boolean }[];
  } | null;
  /** Apology drafts waiting for approval (null: the actor does not approve). */
  drafts:
    | {
        code: string;
        procedureName: string;
        proposedDueAt: string;
        dueAt: string;
        ready: boolean;
      }[]
    | null;
}

export async function deskHome(deps: Deps, actor: Actor, center: Center): Promise<DeskHome> {
  const now = deps.now();
  const me = actorId(actor);
  const out: DeskHome = { awaiting: null, mine: null, drafts: null };
  if (can(actor, 'dossier.intake', center.id)) {
    const rows = await repo.awaitingAcceptance(deps.db, center.id, HOME_ROWS);
    out.awaiting = {
      total: rows.length < HOME_ROWS ? rows.length : await repo.countAwaitingAcceptance(deps.db, center.id),
      items: rows.map((r) => ({
        code: r.code,
        procedureName: r.procedure_name,
        channel: r.channel,
        receivedAt: r.received_at,
        waitedMs: Math.max(0, now.getTime() - new Date(r.received_at).getTime()),
        dueAt: r.due_at,
      })),
    };
  }
  if (can(actor, 'dossier.process', center.id) && me !== null) {
    const rows = await repo.heldBy(deps.db, center.id, me, 500);
    out.mine = {
      total: rows.length,
      items: rows.slice(0, HOME_ROWS).map((r) => {
        const due = r.extended_due_at ?? r.due_at;
        return {
          code: r.code,
          procedureName: r.procedure_name,
          status: r.status,
          dueAt: due,
          overdue: new Date(due).getTime() < now.getTime(),
        };
      }),
    };
  }
  if (can(actor, 'dossier.extend', center.id)) {
    out.drafts = (await apologiesRepo.drafts(deps.db, center.id)).map((a) => ({
      code: a.code,
      procedureName: a.procedure_name,
      proposedDueAt: a.proposed_due_at,
      dueAt: a.extended_due_at ?? a.due_at,
      ready: reasonProblem(a.reason) === null,
    }));
  }
  return out;
}
