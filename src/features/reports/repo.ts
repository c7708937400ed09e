/**
 * The only place that speaks SQL for the reports. Aggregates are computed in the database
 * (CASE WHEN sums grouped by centre, procedure version and channel); only dossiers with exactly
 * one supplement request come back as rows, because their clock stop needs the working calendar
 * (judge() in JS). Drill-down lists are paged queries.
 */
import { inTransaction } from '../../core/db/tx.ts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Dialect } from '../../core/db/connect.ts';
import { NO_APPOINTMENT } from '../dossiers/index.ts';

type Db = Kysely<DB>;

/** Bounds of a report: local days (receipt) and UTC instants (ISO text, comparable with stored instants). */
export interface Bounds {
  fromDay: string;
  toDay: string;
  fromIso: string;
  toIso: string;
  /** min(end of range, now) */ asOfIso: string;
}

/** 'YYYY-MM-DD' in Vietnam of an ISO instant column (no daylight saving: +7 hours). */
function localDay(dialect: Dialect, col: RawBuilder<unknown>): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`(((${col})::timestamp + interval '7 hours')::date::text)`
    : sql<string>`date(${col}, '+7 hours')`;
}

/**
 * The column as a filter that must not pick an index: on SQLite a unary plus keeps the planner on
 * dossier (center_id, ended_at) (the OR of "open" and "ended since the start" is two index ranges)
 * instead of scanning the centre's whole history by local_day.
 */
function noIndex(dialect: Dialect, col: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql.raw(`+${col}`) : sql.raw(col);
}

const ids = (list: readonly number[]) => sql.join(list.map((n) => sql`${n}`));
const n = (v: unknown) => Number(v ?? 0);

let jitOff = true;
/** For measurements only (decision 038): run report statements with PostgreSQL's JIT as configured. */
export function setReportJit(on: boolean): void {
  jitOff = !on;
}

/**
 * Runs one report statement. On PostgreSQL inside a transaction with `SET LOCAL jit = off` (JIT
 * compilation cost more than it saved on every report statement measured, decision 038) and, for
 * the big GROUP BY, a larger work_mem for this statement only; SQLite runs it as is.
 */
async function report<T>(db: Db, dialect: Dialect, query: RawBuilder<T>, workMem?: string) {
  if (dialect !== 'postgres') return query.execute(db);
  return inTransaction(db, async (tx) => {
    if (jitOff) await sql`SET LOCAL jit = off`.execute(tx);
    if (workMem) await sql.raw(`SET LOCAL work_mem = '${workMem}'`).execute(tx);
    return query.execute(tx);
  });
}

/** Sums per (centre, procedure version, channel). Dossiers with one supplement are NOT in the verdict columns (see singleSupplementRows). */
export interface GroupRow {
  centerId: number;
  procedureVersionId: number;
  procedureId: number;
  channel: string;
  carried: number;
  received: number;
  digitised: number;
  reused: number;
  vneid: number;
  refused: number;
  resolved: number;
  resolvedEResult: number;
  withdrawn: number;
  stopped: number;
  rEarly: number;
  rOnTime: number;
  rLate: number;
  sOnTime: number;
  sLate: number;
  wOnTime: number;
  wLate: number;
  oWithin: number;
  oOverdue: number;
  open: number;
  sameDay: number;
  sameDayMet: number;
}

/**
 * The SQL verdict pieces. Dossiers with no supplement or more than one are decided here; a
 * single-supplement dossier is decided here only when the clock stop cannot change the outcome
 * (ended before its original appointment's day; stopped before the appointment; still open
 * before the appointment) — the rest come back as rows for judge() (see singleSupplementRows).
 *
 * The event probes name the report's centres (an event carries its dossier's centre): PostgreSQL
 * runs them as one hashed sub-plan, which without the centre read every centre's accept events
 * of dossier_event (action, center_id, at) — ≈0.4 s per use on a province (decision 045).
 */
function verdictSql(dialect: Dialect, asOfIso: string, centerIds: readonly number[], idRef = 'd.id') {
  const ldEnded = localDay(dialect, sql`ended_at`);
  const ldDue = localDay(dialect, sql`due_at`);
  const none = sql`due_at = ${NO_APPOINTMENT}`;
  const early = sql`(supplement_count IN (0, 1) AND ended_at <= due_at AND ${ldEnded} < ${ldDue} AND NOT ${none})`;
  /** No appointment ("không xác định") and at most one supplement: on time (clock.ts). */
  const onTime = sql`((supplement_count IN (0, 1) AND ${none}) OR (supplement_count = 0 AND ended_at <= due_at AND ${ldEnded} >= ${ldDue}))`;
  const late = sql`(supplement_count > 1 OR (supplement_count = 0 AND ended_at > due_at))`;
  /** Stopped or withdrawn dossiers: early and on the day are both "on time". */
  const stoppedGood = sql`(supplement_count IN (0, 1) AND ended_at <= due_at)`;
  /** Open at the end with more than one supplement request (today) go to the clock: the second may come after asOf. */
  const openWithin = sql`(supplement_count IN (0, 1) AND due_at >= ${asOfIso})`;
  const openOverdue = sql`(supplement_count = 0 AND due_at < ${asOfIso})`;
  /** Single-supplement dossiers left to the clock in JS. */
  const needsJudge = sql`(supplement_count = 1 AND NOT ${none} AND ((status IN (9, 10) AND (ended_at > due_at OR ${ldEnded} >= ${ldDue})) OR (status IN (7, 8) AND ended_at > due_at)))`;
  const id = sql.raw(idRef);
  /** A withdrawal of an accepted dossier ends its processing (BRIEF §3.3); one before acceptance is not counted. */
  const withdrawnAccepted = sql`(status = 7 AND NOT EXISTS (SELECT 1 FROM dossier_event we WHERE we.dossier_id = ${id} AND we.action = 'withdraw' AND we.center_id IN (${ids(centerIds)}) AND we.from_status = 1))`;
  /** Accepted by the instant the report is judged at (status 1 awaits acceptance: its clock has not started). */
  const acceptedBy = sql`(status NOT IN (1, 3) AND NOT EXISTS (SELECT 1 FROM dossier_event ae WHERE ae.dossier_id = ${id} AND ae.action = 'accept' AND ae.center_id IN (${ids(centerIds)}) AND ae.at > ${asOfIso}) AND (status <> 7 OR ${withdrawnAccepted}))`;
  return { early, onTime, late, stoppedGood, openWithin, openOverdue, needsJudge, withdrawnAccepted, acceptedBy };
}

/** Decision 766 indicator 4.5a: VNeID-verified account, data from the citizen's store, or the population database (BRIEF §7.2). */
export const POPULATION_DATA = sql`(vneid_verified = 1 OR citizen_store = 1 OR population_db = 1)`;

const GROUP_COLUMNS =
  'id, center_id, procedure_version_id, procedure_id, channel, status, local_day, ended_at, due_at, returned_at, processed_at, supplement_count, digitised, reused, vneid_verified, citizen_store, population_db, electronic_result, same_day';

/**
 * The dossiers a report reads — received by the end of the range and not ended before its start —
 * as two index ranges on dossier (center_id, ended_at): still open, or ended since the start.
 * Written as UNION ALL because neither engine turns the OR into two index ranges on its own here.
 */
function inScope(
  dialect: Dialect,
  centerIds: readonly number[],
  b: Bounds,
  columns: string,
  singleSupplementOnly = false,
): RawBuilder<unknown> {
  const cols = sql.raw(columns);
  const day = noIndex(dialect, 'local_day');
  // A literal (not a parameter), so that a partial index "WHERE supplement_count = 1" can serve it.
  const only = sql.raw(singleSupplementOnly ? ' AND supplement_count >= 1' : '');
  return sql`(SELECT ${cols} FROM dossier WHERE center_id IN (${ids(centerIds)}) AND ended_at IS NULL AND ${day} <= ${b.toDay}${only}
    UNION ALL SELECT ${cols} FROM dossier WHERE center_id IN (${ids(centerIds)}) AND ended_at >= ${b.fromIso} AND ${day} <= ${b.toDay}${only})`;
}

export async function groupSums(
  db: Db,
  dialect: Dialect,
  centerIds: readonly number[],
  b: Bounds,
): Promise<GroupRow[]> {
  if (!centerIds.length) return [];
  const F = b.fromIso,
    T = b.toIso,
    A = b.asOfIso;
  const v = verdictSql(dialect, A, centerIds);
  const endedIn = sql`(ended_at >= ${F} AND ended_at < ${T})`;
  const recv = sql`(status <> 3 AND local_day >= ${b.fromDay})`;
  const openAtEnd = sql`((ended_at IS NULL OR ended_at >= ${T}) AND ${v.acceptedBy})`;
  const wJudged = sql`(${endedIn} AND ${v.withdrawnAccepted})`;
  const sum = (cond: RawBuilder<unknown>) => sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const query = sql<Record<string, unknown>>`
    SELECT center_id, procedure_version_id, procedure_id, channel,
      ${sum(sql`status <> 3 AND local_day < ${b.fromDay}`)} AS carried,
      ${sum(recv)} AS received,
      ${sum(sql`${recv} AND digitised = 1`)} AS digitised,
      ${sum(sql`${recv} AND reused = 1`)} AS reused,
      ${sum(sql`${recv} AND ${POPULATION_DATA}`)} AS vneid,
      ${sum(sql`status = 3 AND ${endedIn}`)} AS refused,
      ${sum(sql`status IN (9, 10) AND ${endedIn}`)} AS resolved,
      ${sum(sql`status IN (9, 10) AND ${endedIn} AND electronic_result = 1`)} AS resolved_e_result,
      ${sum(sql`status = 7 AND ${endedIn}`)} AS withdrawn,
      ${sum(sql`status = 8 AND ${endedIn}`)} AS stopped,
      ${sum(sql`status IN (9, 10) AND ${endedIn} AND ${v.early}`)} AS r_early,
      ${sum(sql`status IN (9, 10) AND ${endedIn} AND ${v.onTime}`)} AS r_on_time,
      ${sum(sql`status IN (9, 10) AND ${endedIn} AND ${v.late}`)} AS r_late,
      ${sum(sql`status = 8 AND ${endedIn} AND ${v.stoppedGood}`)} AS s_on_time,
      ${sum(sql`status = 8 AND ${endedIn} AND ${v.late}`)} AS s_late,
      ${sum(sql`${wJudged} AND ${v.stoppedGood}`)} AS w_on_time,
      ${sum(sql`${wJudged} AND ${v.late}`)} AS w_late,
      ${sum(sql`${openAtEnd} AND ${v.openWithin}`)} AS o_within,
      ${sum(sql`${openAtEnd} AND ${v.openOverdue}`)} AS o_overdue,
      ${sum(openAtEnd)} AS open_at_end,
      ${sum(sql`${recv} AND same_day = 1`)} AS same_day,
      ${sum(sql`${recv} AND same_day = 1 AND status IN (9, 10) AND ${localDay(dialect, sql`COALESCE(processed_at, ended_at)`)} = local_day`)} AS same_day_met
    FROM ${inScope(dialect, centerIds, b, GROUP_COLUMNS)} AS d
    GROUP BY center_id, procedure_version_id, procedure_id, channel`;
  // On PostgreSQL the GROUP BY over a province's month (~440,000 index entries) spills to disk with
  // the default 4 MB work_mem; 64 MB for this one statement keeps it in memory (decision 018).
  const r = await report(db, dialect, query, '64MB');
  return r.rows.map((x) => ({
    centerId: n(x.center_id),
    procedureVersionId: n(x.procedure_version_id),
    procedureId: n(x.procedure_id),
    channel: String(x.channel),
    carried: n(x.carried),
    received: n(x.received),
    digitised: n(x.digitised),
    reused: n(x.reused),
    vneid: n(x.vneid),
    refused: n(x.refused),
    resolved: n(x.resolved),
    resolvedEResult: n(x.resolved_e_result),
    withdrawn: n(x.withdrawn),
    stopped: n(x.stopped),
    rEarly: n(x.r_early),
    rOnTime: n(x.r_on_time),
    rLate: n(x.r_late),
    sOnTime: n(x.s_on_time),
    sLate: n(x.s_late),
    wOnTime: n(x.w_on_time),
    wLate: n(x.w_late),
    oWithin: n(x.o_within),
    oOverdue: n(x.o_overdue),
    open: n(x.open_at_end),
    sameDay: n(x.same_day),
    sameDayMet: n(x.same_day_met),
  }));
}

export interface SingleSupplementRow {
  id: number;
  centerId: number;
  status: number;
  receivedAt: string;
  dueAt: string;
  endedAt: string | null;
  /** Open at the end of the range (judged at asOf). */
  open: boolean;
}

/** Dossiers with exactly one supplement request whose verdict depends on the clock stop (see verdictSql), ended in the range or open at its end (accepted by then). */
export async function singleSupplementRows(
  db: Db,
  dialect: Dialect,
  centerIds: readonly number[],
  b: Bounds,
): Promise<SingleSupplementRow[]> {
  if (!centerIds.length) return [];
  const v = verdictSql(dialect, b.asOfIso, centerIds);
  const r = await report(
    db,
    dialect,
    sql<Record<string, unknown>>`
    SELECT d.id, d.center_id, d.status, d.received_at, d.due_at, d.ended_at
    FROM ${inScope(dialect, centerIds, b, GROUP_COLUMNS + ', received_at', true)} AS d
    WHERE d.supplement_count >= 1
      AND ((d.ended_at >= ${b.fromIso} AND d.ended_at < ${b.toIso} AND ${v.needsJudge} AND (d.status <> 7 OR ${v.withdrawnAccepted}))
        OR ((d.ended_at IS NULL OR d.ended_at >= ${b.toIso}) AND (d.due_at < ${b.asOfIso} OR d.supplement_count > 1) AND ${v.acceptedBy}))`,
  );
  return r.rows.map((x) => {
    const endedAt = x.ended_at ? String(x.ended_at) : null;
    return {
      id: n(x.id),
      centerId: n(x.center_id),
      status: n(x.status),
      receivedAt: String(x.received_at),
      dueAt: String(x.due_at),
      endedAt,
      open: endedAt === null || endedAt >= b.toIso,
    };
  });
}

/** Results returned in the range (status 10, returned_at in it), per centre — whenever processing ended. */
export async function returnedCounts(
  db: Db,
  centerIds: readonly number[],
  b: Bounds,
  dialect: Dialect = 'sqlite',
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!centerIds.length) return out;
  const r = await report(
    db,
    dialect,
    sql<Record<string, unknown>>`
    SELECT center_id, COUNT(*) AS c FROM dossier
    WHERE center_id IN (${ids(centerIds)}) AND returned_at >= ${b.fromIso} AND returned_at < ${b.toIso} AND status = 10
    GROUP BY center_id`,
  );
  for (const x of r.rows) out.set(n(x.center_id), n(x.c));
  return out;
}

/** Supplement requests made in the range (events), per centre. */
export async function supplementRequests(
  db: Db,
  centerIds: readonly number[],
  b: Bounds,
  dialect: Dialect = 'sqlite',
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!centerIds.length) return out;
  const r = await report(
    db,
    dialect,
    sql<Record<string, unknown>>`
    SELECT center_id, COUNT(*) AS c FROM dossier_event
    WHERE center_id IN (${ids(centerIds)}) AND action = 'request_supplement' AND at >= ${b.fromIso} AND at < ${b.toIso}
    GROUP BY center_id`,
  );
  for (const x of r.rows) out.set(n(x.center_id), n(x.c));
  return out;
}

/** A payment event paid online: `{"online":true}` or `{"method":"online"}` in its data (see docs/decisions/016). */
const ONLINE_PAID = sql`(e.data LIKE '%"online":true%' OR e.data LIKE '%"method":"online"%')`;
const PAY_ACTIONS = sql`e.action IN ('confirm_payment', 'pay')`;

export interface PaymentRow {
  centerId: number;
  procedureId: number;
  paid: number;
  paidOnline: number;
}

/**
 * Dossiers received in the range that were paid, and paid online, per centre and procedure. The
 * dossiers come from dossier (center_id, local_day); the payment events from dossier_event
 * (action, center_id, at) restricted to the same centres (it used to read the payment events of
 * every centre: a sequential scan of all events on a province). Measured in decision 038 against a
 * correlated lookup per dossier, which was 3–5× slower.
 */
export async function payments(
  db: Db,
  centerIds: readonly number[],
  b: Bounds,
  dialect: Dialect = 'sqlite',
): Promise<PaymentRow[]> {
  if (!centerIds.length) return [];
  const r = await report(
    db,
    dialect,
    sql<Record<string, unknown>>`
    SELECT d.center_id, d.procedure_id, COUNT(DISTINCT d.id) AS paid, COUNT(DISTINCT CASE WHEN ${ONLINE_PAID} THEN d.id END) AS paid_online
    FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id
    WHERE d.center_id IN (${ids(centerIds)}) AND d.local_day >= ${b.fromDay} AND d.local_day <= ${b.toDay} AND d.status <> 3
      AND e.center_id IN (${ids(centerIds)}) AND ${PAY_ACTIONS}
    GROUP BY d.center_id, d.procedure_id`,
  );
  return r.rows.map((x) => ({
    centerId: n(x.center_id),
    procedureId: n(x.procedure_id),
    paid: n(x.paid),
    paidOnline: n(x.paid_online),
  }));
}

/** Apology letters approved (issued) in the range, per centre. */
export async function apologiesIssued(
  db: Db,
  centerIds: readonly number[],
  b: Bounds,
  dialect: Dialect = 'sqlite',
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!centerIds.length) return out;
  const r = await report(
    db,
    dialect,
    sql<Record<string, unknown>>`
    SELECT center_id, COUNT(*) AS c FROM apology
    WHERE center_id IN (${ids(centerIds)}) AND status = 'approved' AND decided_at >= ${b.fromIso} AND decided_at < ${b.toIso}
    GROUP BY center_id`,
  );
  for (const x of r.rows) out.set(n(x.center_id), n(x.c));
  return out;
}

/** Procedure versions (immutable once published) as JSON text. */
export async function procedureVersions(
  db: Db,
  versionIds: readonly number[],
): Promise<{ id: number; data: string }[]> {
  if (!versionIds.length) return [];
  return db
    .selectFrom('procedure_version')
    .select(['id', 'data'])
    .where('id', 'in', [...versionIds])
    .execute();
}

// ---- Drill-down ----

/** A drill-down predicate: SQL over `dossier` (no alias), plus ids decided in JS (single supplement). */
export interface DrillPredicate {
  where: RawBuilder<unknown>;
  orIds?: readonly number[];
  andNotIds?: readonly number[];
}

export function drillSql(dialect: Dialect, b: Bounds, centerIds: readonly number[]) {
  const F = b.fromIso,
    T = b.toIso,
    A = b.asOfIso;
  const v = verdictSql(dialect, A, centerIds, 'dossier.id');
  const endedIn = sql`(ended_at >= ${F} AND ended_at < ${T})`;
  const inScope = sql`local_day <= ${b.toDay} AND (ended_at IS NULL OR ended_at >= ${F})`;
  const recv = sql`(status <> 3 AND local_day >= ${b.fromDay} AND local_day <= ${b.toDay})`;
  const openAtEnd = sql`(local_day <= ${b.toDay} AND (ended_at IS NULL OR ended_at >= ${T}) AND ${v.acceptedBy})`;
  return {
    inScope,
    endedIn,
    recv,
    openAtEnd,
    v,
    carried: sql`(status <> 3 AND local_day < ${b.fromDay} AND (ended_at IS NULL OR ended_at >= ${F}))`,
    refused: sql`(status = 3 AND ${endedIn})`,
    resolved: sql`(status IN (9, 10) AND ${endedIn})`,
    stopped: sql`(status = 8 AND ${endedIn})`,
    withdrawn: sql`(status = 7 AND ${endedIn})`,
    returned: sql`(status = 10 AND returned_at >= ${F} AND returned_at < ${T})`,
    withdrawnJudged: sql`(${endedIn} AND ${v.withdrawnAccepted})`,
    judged: sql`(${endedIn} AND (status IN (8, 9, 10) OR ${v.withdrawnAccepted}))`,
    oWithin: sql`(${openAtEnd} AND ${v.openWithin})`,
    oOverdue: sql`(${openAtEnd} AND ${v.openOverdue})`,
    sameDayMet: (d: Dialect) =>
      sql`(${recv} AND same_day = 1 AND status IN (9, 10) AND ${localDay(d, sql`COALESCE(processed_at, ended_at)`)} = local_day)`,
  };
}

export interface DrillRow {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  status: number;
  receivedAt: string;
  dueAt: string;
  endedAt: string | null;
  supplementCount: number;
}

export async function drillPage(
  db: Db,
  centerIds: readonly number[],
  p: DrillPredicate,
  limit: number,
  offset: number,
): Promise<{ rows: DrillRow[]; total: number }> {
  const extra = p.orIds?.length ? sql`(${p.where} OR id IN (${ids(p.orIds)}))` : p.where;
  const cond = p.andNotIds?.length ? sql`${extra} AND id NOT IN (${ids(p.andNotIds)})` : extra;
  const base = sql`FROM dossier WHERE center_id IN (${ids(centerIds)}) AND ${cond}`;
  const total = await sql<{ c: unknown }>`SELECT COUNT(*) AS c ${base}`.execute(db);
  const r = await sql<Record<string, unknown>>`
    SELECT id, code, procedure_code, procedure_name, channel, status, received_at, due_at, ended_at, supplement_count ${base}
    ORDER BY received_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return {
    total: n(total.rows[0]?.c),
    rows: r.rows.map((x) => ({
      id: n(x.id),
      code: String(x.code),
      procedureCode: String(x.procedure_code),
      procedureName: String(x.procedure_name),
      channel: String(x.channel),
      status: n(x.status),
      receivedAt: String(x.received_at),
      dueAt: String(x.due_at),
      endedAt: x.ended_at ? String(x.ended_at) : null,
      supplementCount: n(x.supplement_count),
    })),
  };
}

/** Dossier ids received in the range with an online payment event. */
export async function onlinePaidIds(db: Db, centerIds: readonly number[], b: Bounds): Promise<number[]> {
  if (!centerIds.length) return [];
  const r = await sql<{ id: unknown }>`
    SELECT DISTINCT d.id FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id
    WHERE d.center_id IN (${ids(centerIds)}) AND d.local_day >= ${b.fromDay} AND d.local_day <= ${b.toDay} AND d.status <> 3
      AND e.center_id IN (${ids(centerIds)}) AND ${PAY_ACTIONS} AND ${ONLINE_PAID}`.execute(db);
  return r.rows.map((x) => n(x.id));
}

// ---- Targets and settings ----

export async function targetsOf(db: Db, centerId: number, year: number) {
  return db
    .selectFrom('report_target')
    .select(['indicator', 'target'])
    .where('center_id', '=', centerId)
    .where('year', '=', year)
    .execute();
}

export async function upsertTarget(
  db: Db,
  row: {
    center_id: number;
    year: number;
    indicator: string;
    target: number;
    updated_by: number | null;
    updated_at: string;
  },
) {
  await db
    .insertInto('report_target')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['center_id', 'year', 'indicator'])
        .doUpdateSet({ target: row.target, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function settingOf(db: Db, centerId: number) {
  return db.selectFrom('report_setting').selectAll().where('center_id', '=', centerId).executeTakeFirst();
}

export async function upsertSetting(
  db: Db,
  row: { center_id: number; public_headline: 0 | 1; updated_by: number | null; updated_at: string },
) {
  await db
    .insertInto('report_setting')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('center_id')
        .doUpdateSet({ public_headline: row.public_headline, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

/** Every procedure version of a centre (id and JSON), for drill-down predicates on eligibility. */
export async function versionsOfCenter(db: Db, centerId: number): Promise<{ id: number; data: string }[]> {
  return db.selectFrom('procedure_version').select(['id', 'data']).where('center_id', '=', centerId).execute();
}

/** Grants a role in a centre (idempotent). Used to give a province officer the 'province' role in each centre of the province. */
export async function grantRole(db: Db, userId: number, centerId: number, role: string): Promise<boolean> {
  const has = await db
    .selectFrom('user_role')
    .select('role')
    .where('user_id', '=', userId)
    .where('center_id', '=', centerId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (has) return false;
  await db
    .insertInto('user_role')
    .values({ user_id: userId, center_id: centerId, role })
    .onConflict((oc) => oc.columns(['user_id', 'center_id', 'role']).doNothing())
    .execute();
  return true;
}

// ---- Roll-ups of closed months (decision 038) ----

export interface RollupRow {
  centerId: number;
  month: string;
  data: string | null;
  dirty: number;
  calendar: string;
  formula: number;
}

/** The stored roll-ups of these centres for these months ('YYYY-MM'). */
export async function rollupRows(
  db: Db,
  centerIds: readonly number[],
  months: readonly string[],
): Promise<RollupRow[]> {
  if (!centerIds.length || !months.length) return [];
  const rows = await db
    .selectFrom('report_rollup')
    .select(['center_id', 'month', 'data', 'dirty', 'calendar', 'formula'])
    .where('center_id', 'in', [...centerIds])
    .where('month', 'in', [...months])
    .execute();
  return rows.map((r) => ({
    centerId: r.center_id,
    month: r.month,
    data: r.data,
    dirty: r.dirty,
    calendar: r.calendar,
    formula: r.formula,
  }));
}

/**
 * Claims rows for a recompute: creates the missing ones, then sets dirty = -1 (committed before the
 * computation reads anything, so that a change during it sets 1 again through the triggers).
 */
export async function claimRollups(
  db: Db,
  dialect: Dialect,
  centerIds: readonly number[],
  month: string,
): Promise<void> {
  if (!centerIds.length) return;
  await inTransaction(db, async (tx) => {
    // PostgreSQL: wait for the writers whose trigger ran but who have not committed (migration 026).
    if (dialect === 'postgres') await sql`LOCK TABLE report_rollup IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    await tx
      .insertInto('report_rollup')
      .values(centerIds.map((c) => ({ center_id: c, month, data: null, dirty: 1, computed_at: null })))
      .onConflict((oc) => oc.columns(['center_id', 'month']).doNothing())
      .execute();
    await tx
      .updateTable('report_rollup')
      .set({ dirty: -1 })
      .where('center_id', 'in', [...centerIds])
      .where('month', '=', month)
      .execute();
  });
}

/** Stores a computed month; clean only if nothing changed since the claim (dirty still -1). */
export async function saveRollup(
  db: Db,
  row: { centerId: number; month: string; data: string; calendar: string; formula: number; computedAt: string },
): Promise<void> {
  await db
    .updateTable('report_rollup')
    .set({
      data: row.data,
      calendar: row.calendar,
      formula: row.formula,
      computed_at: row.computedAt,
      dirty: sql<number>`CASE WHEN dirty = -1 THEN 0 ELSE dirty END`,
    })
    .where('center_id', '=', row.centerId)
    .where('month', '=', row.month)
    .execute();
}

/** Marks roll-ups stale (every centre when `centerIds` is omitted): the next read recomputes them. */
export async function markRollupsDirty(db: Db, centerIds?: readonly number[]): Promise<number> {
  let q = db.updateTable('report_rollup').set({ dirty: 1 });
  if (centerIds) q = q.where('center_id', 'in', centerIds.length ? [...centerIds] : [-1]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Every centre's id (for the roll-up CLI). */
export async function allCenterIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('center').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** The first month with a dossier of any of these centres ('YYYY-MM'), or null. */
export async function firstMonth(db: Db, centerIds: readonly number[]): Promise<string | null> {
  if (!centerIds.length) return null;
  const r = await db
    .selectFrom('dossier')
    .select((eb) => eb.fn.min('local_day').as('d'))
    .where('center_id', 'in', [...centerIds])
    .executeTakeFirst();
  return r?.d ? r.d.slice(0, 7) : null;
}
