/**
 * Monthly statistics of one or more centres over a day range (issue 7 item 1): dossier counts
 * by channel and outcome, the Decision 766 on-time judgement from the ORIGINAL appointment, the
 * digital-government rates, and the figures of the care features (surveys, feedback, home
 * service, volunteers, letters, queue) through their `…Figures` contracts. Every figure carries
 * its formula (vi/en) and the drill-down keys of its numerator and denominator.
 *
 * Aggregates run in SQL (repo.groupSums); only dossiers with exactly one supplement request are
 * judged in JS with the desk's judge(), because the clock stop is counted in working time.
 * No access check here: callers (service.ts, the bench, the quarterly report) have done it.
 */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import { catalogOf, procedureJson } from '../catalog/index.ts';
import type { ProcedureData } from '../catalog/index.ts';
import { surveyFigures, type SurveyFigures } from '../surveys/figures.ts';
import { feedbackFigures, type FeedbackFigures } from '../feedback/figures.ts';
import { homeServiceFigures, type HomeServiceFigures } from '../home-service/figures.ts';
import { volunteerFigures, type VolunteerFigures } from '../volunteers/figures.ts';
import { letterFigures, type LetterFigures } from '../letters/figures.ts';
import { queueFigures, type QueueFigures } from '../queue/figures.ts';
import { syncFigures, type SyncFigures } from '../sync/figures.ts';
import { feeFigures } from '../dossiers/figures.ts';
import * as repo from './repo.ts';
import {
  SINGLE_BUCKETS,
  boundsOf,
  centresOf,
  type CentrePart,
  type ReceivedRow,
  type ReportParts,
  type SingleBucket,
} from './parts.ts';
import { reportParts } from './rollups.ts';
import { DEFAULT_TARGETS, isTargetKey, type TargetKey } from './targets.ts';

export interface Text {
  vi: string;
  en: string;
}

export { boundsOf, judgeSingles, type SingleBucket } from './parts.ts';

export interface DossierCounts {
  carried: number;
  received: number;
  byChannel: { direct: number; online: number; postal: number; home: number };
  refused: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  stopped: number;
  stoppedOnTime: number;
  stoppedLate: number;
  /** Withdrawals of accepted dossiers ended in the period, judged like a stop (BRIEF §3.3). */
  withdrawnOnTime: number;
  withdrawnLate: number;
  returned: number;
  openWithin: number;
  openOverdue: number;
  supplementRequests: number;
  digitised: number;
  reused: number;
  vneid: number;
  resolvedEResult: number;
  /** Received dossiers of procedures offered fully online (onlineLevel 'full' in the version received under). */
  fullOnlineEligible: number;
  fullOnline: number;
  /** Received dossiers of procedures whose fees are not all zero. */
  feeReceived: number;
  paid: number;
  paidOnline: number;
  /** Fee-charging procedures of the catalogue; of them, with dossiers received; with a dossier paid online. */
  feeProcedures: number;
  feeProceduresWithDossiers: number;
  feeProceduresPaidOnline: number;
  sameDay: number;
  sameDayMet: number;
  apologies: number;
}

export type DrillKey =
  | 'carried'
  | 'received'
  | 'received_direct'
  | 'received_online'
  | 'received_postal'
  | 'received_home'
  | 'refused'
  | 'resolved'
  | 'resolved_on_time'
  | 'resolved_early'
  | 'resolved_on_day'
  | 'total_to_handle'
  | 'resolved_late'
  | 'withdrawn'
  | 'stopped'
  | 'returned'
  | 'open_within'
  | 'open_overdue'
  | 'ontime_num'
  | 'ontime_den'
  | 'full_online'
  | 'full_online_eligible'
  | 'digitised'
  | 'reused'
  | 'vneid'
  | 'result_digitised'
  | 'fee_received'
  | 'paid_online'
  | 'same_day'
  | 'same_day_met';

export const DRILL_KEYS: readonly DrillKey[] = [
  'carried',
  'received',
  'received_direct',
  'received_online',
  'received_postal',
  'received_home',
  'refused',
  'resolved',
  'resolved_on_time',
  'resolved_early',
  'resolved_on_day',
  'total_to_handle',
  'resolved_late',
  'withdrawn',
  'stopped',
  'returned',
  'open_within',
  'open_overdue',
  'ontime_num',
  'ontime_den',
  'full_online',
  'full_online_eligible',
  'digitised',
  'reused',
  'vneid',
  'result_digitised',
  'fee_received',
  'paid_online',
  'same_day',
  'same_day_met',
];

export type FigureKey =
  | 'carried'
  | 'received'
  | 'receivedDirect'
  | 'receivedOnline'
  | 'receivedPostal'
  | 'receivedHome'
  | 'totalToHandle'
  | 'resolved'
  | 'resolvedEarly'
  | 'resolvedOnTime'
  | 'resolvedLate'
  | 'openWithin'
  | 'openOverdue'
  | 'returned'
  | 'supplementRequests'
  | 'refused'
  | 'withdrawn'
  | 'stopped'
  | 'apologies'
  | 'onTimeRate'
  | 'fullOnlineRate'
  | 'onlineRate'
  | 'digitisedRate'
  | 'resultDigitisedRate'
  | 'reuseRate'
  | 'vneidRate'
  | 'onlinePaymentRate'
  | 'sameDayRate'
  | 'syncedRate'
  | 'satisfactionRate'
  | 'surveyResponses'
  | 'feedbackReceived'
  | 'feedbackAnsweredOnTime'
  | 'feedbackOverdue'
  | 'homeVisits'
  | 'homeRequests'
  | 'volunteerPeopleHelped'
  | 'volunteerShifts'
  | 'lettersCongratulation'
  | 'lettersCondolence'
  | 'queueTickets'
  | 'queueAvgWait'
  | 'feesCollected';

export interface Figure {
  key: FigureKey;
  group: 'received' | 'outcome' | 'rates' | 'care';
  kind: 'count' | 'rate' | 'minutes';
  /** A count, minutes, or a rate 0..1; null when there is nothing to divide (or the source has no data). */
  value: number | null;
  numerator?: number;
  denominator?: number;
  label: Text;
  formula: Text;
  drill?: { value?: DrillKey; numerator?: DrillKey; denominator?: DrillKey };
  target?: number;
  /** Where the number comes from when not from dossiers. */
  source?: 'surveys' | 'feedback' | 'home-service' | 'volunteers' | 'letters' | 'queue' | 'sync';
}

export interface ExternalFigures {
  surveys: SurveyFigures;
  feedback: FeedbackFigures;
  homeService: HomeServiceFigures;
  volunteers: VolunteerFigures;
  letters: LetterFigures;
  queue: QueueFigures;
  sync: SyncFigures;
  /** Fees and charges recorded as paid at intake (the desk's feeFigures), dossiers received in the period. */
  fees: { paidAmount: number; paidCount: number };
}

export interface MonthlyStatistics {
  range: DayRange;
  centerIds: number[];
  /** The instant "in progress within / past the limit" is judged at: the end of the range, or now when the range is not over. */
  asOf: string;
  counts: DossierCounts;
  perCenter: { centerId: number; counts: DossierCounts }[];
  external: ExternalFigures;
  figures: Figure[];
  /** How many single-supplement dossiers were judged in JS (the clock), by bucket; their list is the drill-down's. */
  singles: Record<SingleBucket, number>;
}

export function emptyCounts(): DossierCounts {
  return {
    carried: 0,
    received: 0,
    byChannel: { direct: 0, online: 0, postal: 0, home: 0 },
    refused: 0,
    resolved: 0,
    resolvedEarly: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    withdrawn: 0,
    stopped: 0,
    stoppedOnTime: 0,
    stoppedLate: 0,
    withdrawnOnTime: 0,
    withdrawnLate: 0,
    returned: 0,
    openWithin: 0,
    openOverdue: 0,
    supplementRequests: 0,
    digitised: 0,
    reused: 0,
    vneid: 0,
    resolvedEResult: 0,
    fullOnlineEligible: 0,
    fullOnline: 0,
    feeReceived: 0,
    paid: 0,
    paidOnline: 0,
    feeProcedures: 0,
    feeProceduresWithDossiers: 0,
    feeProceduresPaidOnline: 0,
    sameDay: 0,
    sameDayMet: 0,
    apologies: 0,
  };
}

function addCounts(a: DossierCounts, b: DossierCounts): DossierCounts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof DossierCounts)[]) {
    if (k === 'byChannel') continue;
    out[k] = a[k] + b[k];
  }
  for (const c of ['direct', 'online', 'postal', 'home'] as const) out.byChannel[c] = a.byChannel[c] + b.byChannel[c];
  return out;
}

interface VersionFlags {
  fullOnline: boolean;
  fee: boolean;
}
const versionCache = new WeakMap<object, Map<number, VersionFlags>>();

function flagsOf(p: ProcedureData): VersionFlags {
  return { fullOnline: p.onlineLevel === 'full', fee: (p.fees ?? []).some((f) => f.amount > 0) };
}

/** Eligibility flags of the procedure versions dossiers were received under (versions never change: cached per database). */
async function versionFlags(deps: Deps, versionIds: number[]): Promise<Map<number, VersionFlags>> {
  let cache = versionCache.get(deps.db);
  if (!cache) versionCache.set(deps.db, (cache = new Map()));
  const missing = versionIds.filter((id) => !cache.has(id));
  for (const r of await repo.procedureVersions(deps.db, missing))
    cache.set(r.id, flagsOf(procedureJson.decode(r.data)));
  return cache;
}

const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Adds one centre's dossier part (per-centre sums, the clock's judged singles, returns, supplement requests) to its counts. */
function addCentrePart(c: DossierCounts, part: CentrePart): void {
  const g = part.sums;
  const j = part.judged;
  c.carried += g.carried;
  c.received += g.received;
  c.refused += g.refused;
  c.resolved += g.resolved;
  c.resolvedEarly += g.rEarly + j.rEarly;
  c.resolvedOnTime += g.rOnTime + j.rOnTime;
  c.resolvedLate += g.rLate + j.rLate;
  c.withdrawn += g.withdrawn;
  c.stopped += g.stopped;
  c.stoppedOnTime += g.sOnTime + j.sOnTime;
  c.stoppedLate += g.sLate + j.sLate;
  c.withdrawnOnTime += g.wOnTime + j.wOnTime;
  c.withdrawnLate += g.wLate + j.wLate;
  c.openWithin += g.oWithin + j.oWithin;
  c.openOverdue += g.oOverdue + j.oOverdue;
  c.digitised += g.digitised;
  c.reused += g.reused;
  c.vneid += g.vneid;
  c.resolvedEResult += g.resolvedEResult;
  c.sameDay += g.sameDay;
  c.sameDayMet += g.sameDayMet;
  c.supplementRequests += part.supplementRequests;
  c.returned += part.returned;
}

/** Procedure ids per centre (a set per centre, made on first use). */
type ProcSets = Map<number, Set<number>>;
const addTo = (sets: ProcSets, centerId: number, procedureId: number) => {
  let set = sets.get(centerId);
  if (!set) sets.set(centerId, (set = new Set()));
  set.add(procedureId);
};

/**
 * Adds the received dossiers split by channel and by what their procedure version offered (full
 * online, a fee); returns the fee-charging procedures with dossiers received, per centre.
 */
function addReceived(
  per: Map<number, DossierCounts>,
  received: readonly ReceivedRow[],
  flags: Map<number, VersionFlags>,
): ProcSets {
  const feeProcsWithDossiers: ProcSets = new Map();
  for (const g of received) {
    const c = per.get(g.centerId)!;
    const f = flags.get(g.procedureVersionId) ?? { fullOnline: false, fee: false };
    if (g.channel in c.byChannel) c.byChannel[g.channel as keyof DossierCounts['byChannel']] += g.received;
    if (f.fullOnline) {
      c.fullOnlineEligible += g.received;
      if (g.channel === 'online') c.fullOnline += g.received;
    }
    if (f.fee) {
      c.feeReceived += g.received;
      if (g.received > 0) addTo(feeProcsWithDossiers, g.centerId, g.procedureId);
    }
  }
  return feeProcsWithDossiers;
}

/** Adds the payments; returns the procedures with a dossier paid online, per centre. */
function addPayments(per: Map<number, DossierCounts>, pays: readonly repo.PaymentRow[]): ProcSets {
  const paidOnlineProcs: ProcSets = new Map();
  for (const p of pays) {
    const c = per.get(p.centerId)!;
    c.paid += p.paid;
    c.paidOnline += p.paidOnline;
    if (p.paidOnline > 0) addTo(paidOnlineProcs, p.centerId, p.procedureId);
  }
  return paidOnlineProcs;
}

/** Fee-charging procedures of each centre's current catalogue (Decision 766 online payment B and C): all, with dossiers, paid online. */
async function addFeeProcedures(
  deps: Deps,
  per: Map<number, DossierCounts>,
  withDossiers: ProcSets,
  paidOnline: ProcSets,
): Promise<void> {
  const centres = await centresOf(deps, [...per.keys()]);
  const catalogs = new Map(
    await Promise.all([...centres.values()].map(async (center) => [center.id, await catalogOf(deps, center)] as const)),
  );
  for (const [id, c] of per) {
    const cat = catalogs.get(id)!;
    const feeIds = new Set(
      cat.procedures
        .filter((p) => flagsOf(p).fee)
        .map((p) => cat.ids.get(p.code)?.procedureId)
        .filter((x): x is number => x !== undefined),
    );
    c.feeProcedures = feeIds.size;
    c.feeProceduresWithDossiers = [...(withDossiers.get(id) ?? [])].filter((p) => feeIds.has(p)).length;
    c.feeProceduresPaidOnline = [...(paidOnline.get(id) ?? [])].filter((p) => feeIds.has(p)).length;
  }
}

/** The counts of each centre out of the dossier parts and the apologies. */
async function countsPerCentre(
  deps: Deps,
  centerIds: readonly number[],
  parts: ReportParts,
  apologies: Map<number, number>,
): Promise<{ per: Map<number, DossierCounts>; singles: Record<SingleBucket, number> }> {
  const flags = await versionFlags(deps, [...new Set(parts.received.map((g) => g.procedureVersionId))]);
  const per = new Map<number, DossierCounts>(centerIds.map((id) => [id, emptyCounts()]));
  const singles = Object.fromEntries(SINGLE_BUCKETS.map((k) => [k, 0])) as Record<SingleBucket, number>;
  for (const part of parts.centres) {
    addCentrePart(per.get(part.centerId)!, part);
    for (const k of SINGLE_BUCKETS) singles[k] += part.judged[k];
  }
  const feeProcsWithDossiers = addReceived(per, parts.received, flags);
  const paidOnlineProcs = addPayments(per, parts.pays);
  for (const [id, c] of per) c.apologies = apologies.get(id) ?? 0;
  await addFeeProcedures(deps, per, feeProcsWithDossiers, paidOnlineProcs);
  return { per, singles };
}

/**
 * The statistics of `centerIds` over `range` (inclusive local days). Stable signature: the bench
 * and the quarterly report call it.
 */
export async function computeMonthlyStatistics(
  deps: Deps,
  centerIds: number[],
  range: DayRange,
): Promise<MonthlyStatistics> {
  const b = boundsOf(range, deps.now());
  // The dossier parts: roll-ups of whole closed months plus the computed rest (rollups.ts, decisions 038 and 045).
  const [parts, apologies, external] = await Promise.all([
    reportParts(deps, centerIds, range),
    repo.apologiesIssued(deps.db, centerIds, b, deps.dialect),
    externalFigures(deps, centerIds, range),
  ]);
  const { per, singles } = await countsPerCentre(deps, centerIds, parts, apologies);
  const perCenter = centerIds.map((id) => ({ centerId: id, counts: per.get(id)! }));
  const counts = perCenter.reduce((a, x) => addCounts(a, x.counts), emptyCounts());
  const targets =
    centerIds.length === 1
      ? await targetsFor(deps, centerIds[0]!, Number(range.to.slice(0, 4)))
      : { ...DEFAULT_TARGETS };
  return {
    range,
    centerIds,
    asOf: b.asOfIso,
    counts,
    perCenter,
    external,
    figures: figuresOf(counts, external, targets),
    singles,
  };
}

export async function targetsFor(deps: Deps, centerId: number, year: number): Promise<Record<TargetKey, number>> {
  const out = { ...DEFAULT_TARGETS };
  for (const r of await repo.targetsOf(deps.db, centerId, year))
    if (isTargetKey(r.indicator)) out[r.indicator] = Number(r.target);
  return out;
}

export async function externalFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<ExternalFigures> {
  const [surveys, feedback, homeService, volunteers, letters, queue, sync] = await Promise.all([
    surveyFigures(deps, centerIds, range),
    feedbackFigures(deps, centerIds, range),
    homeServiceFigures(deps, centerIds, range),
    volunteerFigures(deps, centerIds, range),
    letterFigures(deps, centerIds, range),
    queueFigures(deps, centerIds, range),
    syncFigures(deps, centerIds, range),
  ]);
  const perCentre = await Promise.all(centerIds.map((id) => feeFigures(deps, id, range.from, range.to)));
  const fees = {
    paidAmount: perCentre.reduce((a, f) => a + f.paid.amount, 0),
    paidCount: perCentre.reduce((a, f) => a + f.paid.count, 0),
  };
  return { surveys, feedback, homeService, volunteers, letters, queue, sync, fees };
}

/** Decision 766 on-time rate pieces (BRIEF §7.2, 2.1): finished on time + in progress within time ÷ finished + in progress. */
export function onTimeParts(c: DossierCounts): { num: number; den: number } {
  return {
    num: c.resolvedEarly + c.resolvedOnTime + c.stoppedOnTime + c.withdrawnOnTime + c.openWithin,
    den: c.resolved + c.stopped + c.withdrawnOnTime + c.withdrawnLate + c.openWithin + c.openOverdue,
  };
}

const cnt = (
  key: FigureKey,
  group: Figure['group'],
  value: number,
  label: Text,
  formula: Text,
  drill?: DrillKey,
): Figure => ({ key, group, kind: 'count', value, label, formula, ...(drill ? { drill: { value: drill } } : {}) });

const rt = (
  targets: Record<TargetKey, number>,
  key: FigureKey & TargetKey,
  num: number,
  den: number,
  label: Text,
  formula: Text,
  drill: Figure['drill'],
): Figure => ({
  key,
  group: 'rates',
  kind: 'rate',
  value: rate(num, den),
  numerator: num,
  denominator: den,
  label,
  formula,
  drill,
  target: targets[key],
});

/** Carried over, received (by channel), total to handle. */
function receivedFigures(c: DossierCounts): Figure[] {
  return [
    cnt(
      'carried',
      'received',
      c.carried,
      { vi: 'Hồ sơ kỳ trước chuyển sang', en: 'Carried over from before' },
      {
        vi: 'Hồ sơ nhận trước ngày đầu kỳ, chưa kết thúc trước ngày đầu kỳ (không tính hồ sơ không được tiếp nhận).',
        en: 'Dossiers received before the first day that had not ended before it (refused dossiers excluded).',
      },
      'carried',
    ),
    cnt(
      'received',
      'received',
      c.received,
      { vi: 'Hồ sơ tiếp nhận trong kỳ', en: 'Received in the period' },
      {
        vi: 'Hồ sơ có ngày nhận trong kỳ, trừ hồ sơ không được tiếp nhận (trạng thái 3).',
        en: 'Dossiers with a receipt date in the period, except those not received (status 3).',
      },
      'received',
    ),
    cnt(
      'receivedDirect',
      'received',
      c.byChannel.direct,
      { vi: '— trực tiếp', en: '— at the desk' },
      { vi: 'Hồ sơ tiếp nhận trong kỳ, kênh trực tiếp.', en: 'Received in the period at the desk.' },
      'received_direct',
    ),
    cnt(
      'receivedOnline',
      'received',
      c.byChannel.online,
      { vi: '— trực tuyến', en: '— online' },
      {
        vi: 'Hồ sơ tiếp nhận trong kỳ, nộp trực tuyến (KenhThucHien = 2).',
        en: 'Received in the period, submitted online (KenhThucHien = 2).',
      },
      'received_online',
    ),
    cnt(
      'receivedPostal',
      'received',
      c.byChannel.postal,
      { vi: '— qua bưu chính công ích', en: '— by public post' },
      {
        vi: 'Hồ sơ tiếp nhận trong kỳ qua bưu chính (KenhThucHien = 3).',
        en: 'Received in the period by post (KenhThucHien = 3).',
      },
      'received_postal',
    ),
    cnt(
      'receivedHome',
      'received',
      c.byChannel.home,
      { vi: '— tại nhà', en: '— at home' },
      {
        vi: 'Hồ sơ tiếp nhận tại nhà người dân trong kỳ (báo DVCQG là trực tiếp).',
        en: 'Received at the citizen’s home in the period (reported to DVCQG as direct).',
      },
      'received_home',
    ),
    cnt(
      'totalToHandle',
      'received',
      c.carried + c.received,
      { vi: 'Tổng số hồ sơ phải giải quyết', en: 'Total to handle' },
      { vi: 'Kỳ trước chuyển sang + tiếp nhận trong kỳ.', en: 'Carried over + received in the period.' },
      'total_to_handle',
    ),
  ];
}

/** Resolved early / on the day / late, and in progress within / past the limit (Decision 766 verdicts). */
function verdictFigures(c: DossierCounts): Figure[] {
  return [
    cnt(
      'resolved',
      'outcome',
      c.resolved,
      { vi: 'Đã giải quyết', en: 'Resolved' },
      {
        vi: 'Hồ sơ kết thúc xử lý trong kỳ ở trạng thái 9 (xử lý xong) hoặc 10 (đã trả); thời điểm kết thúc là lúc xử lý xong, nếu không có thì lúc trả.',
        en: 'Dossiers whose processing ended in the period with status 9 (processed) or 10 (returned); the end is the processed time, else the return time.',
      },
      'resolved',
    ),
    cnt(
      'resolvedEarly',
      'outcome',
      c.resolvedEarly,
      { vi: '— trước hạn', en: '— early' },
      {
        vi: 'Kết thúc trước ngày hẹn trả ban đầu (đã cộng thời gian chờ bổ sung).',
        en: 'Ended on a day before the original appointment (moved by supplement waiting time).',
      },
      'resolved_early',
    ),
    cnt(
      'resolvedOnTime',
      'outcome',
      c.resolvedOnTime,
      { vi: '— đúng hạn', en: '— on the day' },
      {
        vi: 'Kết thúc trong ngày hẹn trả ban đầu, không muộn hơn giờ hẹn.',
        en: 'Ended on the appointment day, not after the appointment time.',
      },
      'resolved_on_day',
    ),
    cnt(
      'resolvedLate',
      'outcome',
      c.resolvedLate,
      { vi: '— quá hạn', en: '— late' },
      {
        vi: 'Kết thúc sau hẹn trả ban đầu (thư xin lỗi, hẹn lại không làm hồ sơ thành đúng hạn) hoặc bị yêu cầu bổ sung quá một lần (QĐ 766).',
        en: 'Ended after the original appointment (an apology or re-appointment does not make it on time), or with more than one supplement request (Decision 766).',
      },
      'resolved_late',
    ),
    cnt(
      'openWithin',
      'outcome',
      c.openWithin,
      { vi: 'Đang giải quyết — trong hạn', en: 'In progress — within the limit' },
      {
        vi: 'Chưa kết thúc tại cuối kỳ (hoặc hôm nay) và chưa quá hẹn trả ban đầu; hồ sơ đang chờ bổ sung lần đầu được dừng tính giờ.',
        en: 'Not ended at the end of the period (or now) and not past the original appointment; a first open supplement request stops the clock.',
      },
      'open_within',
    ),
    cnt(
      'openOverdue',
      'outcome',
      c.openOverdue,
      { vi: 'Đang giải quyết — quá hạn', en: 'In progress — past the limit' },
      {
        vi: 'Chưa kết thúc tại cuối kỳ và đã quá hẹn trả ban đầu, hoặc bị yêu cầu bổ sung quá một lần.',
        en: 'Not ended at the end of the period and past the original appointment, or with more than one supplement request.',
      },
      'open_overdue',
    ),
  ];
}

/** Results returned, supplement requests, refused, withdrawn, stopped, apology letters. */
function outcomeFigures(c: DossierCounts): Figure[] {
  return [
    cnt(
      'returned',
      'outcome',
      c.returned,
      { vi: 'Đã trả kết quả', en: 'Results returned' },
      { vi: 'Hồ sơ trả kết quả trong kỳ (trạng thái 10).', en: 'Results handed over in the period (status 10).' },
      'returned',
    ),
    cnt(
      'supplementRequests',
      'outcome',
      c.supplementRequests,
      { vi: 'Lượt yêu cầu bổ sung', en: 'Supplement requests' },
      { vi: 'Số lần yêu cầu bổ sung giấy tờ ghi nhận trong kỳ.', en: 'Supplement requests recorded in the period.' },
    ),
    cnt(
      'refused',
      'outcome',
      c.refused,
      { vi: 'Không được tiếp nhận / từ chối', en: 'Refused' },
      {
        vi: 'Hồ sơ kết thúc trong kỳ ở trạng thái 3 (từ chối, hướng dẫn bổ sung tại quầy).',
        en: 'Dossiers ended in the period in status 3 (refused or guided at the counter).',
      },
      'refused',
    ),
    cnt(
      'withdrawn',
      'outcome',
      c.withdrawn,
      { vi: 'Công dân rút hồ sơ', en: 'Withdrawn' },
      { vi: 'Hồ sơ rút trong kỳ (trạng thái 7).', en: 'Withdrawn in the period (status 7).' },
      'withdrawn',
    ),
    cnt(
      'stopped',
      'outcome',
      c.stopped,
      { vi: 'Dừng xử lý', en: 'Stopped' },
      { vi: 'Hồ sơ dừng xử lý trong kỳ (trạng thái 8).', en: 'Stopped in the period (status 8).' },
      'stopped',
    ),
    cnt(
      'apologies',
      'outcome',
      c.apologies,
      { vi: 'Thư xin lỗi đã phát hành', en: 'Apology letters issued' },
      {
        vi: 'Phiếu xin lỗi và hẹn lại được phê duyệt, cấp số trong kỳ.',
        en: 'Apology and re-appointment letters approved and numbered in the period.',
      },
    ),
  ];
}

/** On-time, full-process online, online, digitisation and electronic-result rates. */
function serviceRates(c: DossierCounts, targets: Record<TargetKey, number>): Figure[] {
  const ot = onTimeParts(c);
  return [
    rt(
      targets,
      'onTimeRate',
      ot.num,
      ot.den,
      { vi: 'Tỷ lệ đúng hạn (QĐ 766)', en: 'On-time rate (Decision 766)' },
      {
        vi: '(Hồ sơ kết thúc trong kỳ trước hạn hoặc đúng hạn [đã giải quyết, dừng xử lý] + hồ sơ đang giải quyết trong hạn) ÷ (hồ sơ kết thúc trong kỳ [đã giải quyết, dừng xử lý] + hồ sơ đang giải quyết). So với hẹn trả ban đầu; trừ thời gian chờ bổ sung một lần; bổ sung quá một lần là quá hạn.',
        en: '(Dossiers ended in the period early or on time [resolved, stopped] + in progress within the limit) ÷ (dossiers ended in the period [resolved, stopped] + in progress). Against the original appointment; one supplement’s waiting time is not counted; more than one supplement is late.',
      },
      { numerator: 'ontime_num', denominator: 'ontime_den' },
    ),
    rt(
      targets,
      'fullOnlineRate',
      c.fullOnline,
      c.fullOnlineEligible,
      { vi: 'Tỷ lệ hồ sơ trực tuyến toàn trình', en: 'Full-process online rate' },
      {
        vi: 'Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ của các thủ tục đủ điều kiện trực tuyến toàn trình (mức “toàn trình” trong phiên bản thủ tục lúc nhận).',
        en: 'Online dossiers ÷ dossiers received in the period of procedures eligible for full-process online service (online level “full process” in the procedure version the dossier was received under).',
      },
      { numerator: 'full_online', denominator: 'full_online_eligible' },
    ),
    rt(
      targets,
      'onlineRate',
      c.byChannel.online,
      c.received,
      { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Online rate' },
      {
        vi: 'Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (mọi thủ tục).',
        en: 'Online dossiers ÷ dossiers received in the period (all procedures).',
      },
      { numerator: 'received_online', denominator: 'received' },
    ),
    rt(
      targets,
      'digitisedRate',
      c.digitised,
      c.received,
      { vi: 'Tỷ lệ số hóa hồ sơ', en: 'Dossier digitisation rate' },
      {
        vi: 'Hồ sơ có thành phần được số hóa ÷ hồ sơ tiếp nhận trong kỳ.',
        en: 'Dossiers with a digitised component ÷ dossiers received in the period.',
      },
      { numerator: 'digitised', denominator: 'received' },
    ),
    rt(
      targets,
      'resultDigitisedRate',
      c.resolvedEResult,
      c.resolved,
      { vi: 'Tỷ lệ số hóa kết quả (kết quả điện tử)', en: 'Result digitisation rate (electronic result)' },
      {
        vi: 'Hồ sơ đã giải quyết có kết quả điện tử ÷ hồ sơ đã giải quyết trong kỳ (mọi thủ tục của xã đều cho kết quả là giấy tờ).',
        en: 'Resolved dossiers with an electronic result ÷ dossiers resolved in the period (every commune procedure has a document as result).',
      },
      { numerator: 'result_digitised', denominator: 'resolved' },
    ),
  ];
}

/** Data reuse, population data, online payment and same-day rates. */
function dataRates(c: DossierCounts, targets: Record<TargetKey, number>): Figure[] {
  return [
    rt(
      targets,
      'reuseRate',
      c.reused,
      c.received,
      { vi: 'Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa', en: 'Reuse of digitised data' },
      {
        vi: 'Hồ sơ có ít nhất một thành phần được tái sử dụng ÷ hồ sơ tiếp nhận trong kỳ.',
        en: 'Dossiers with at least one reused component ÷ dossiers received in the period.',
      },
      { numerator: 'reused', denominator: 'received' },
    ),
    rt(
      targets,
      'vneidRate',
      c.vneid,
      c.received,
      { vi: 'Tỷ lệ sử dụng dữ liệu dân cư (4.5a)', en: 'Use of population data (4.5a)' },
      {
        vi: 'Hồ sơ có tài khoản xác thực VNeID, hoặc thành phần lấy từ kho dữ liệu của công dân (DuocLayTuKhoDMQG), hoặc khai thác CSDL quốc gia về dân cư (MaCSDL) ÷ hồ sơ tiếp nhận trong kỳ.',
        en: 'Dossiers with a VNeID-verified account, a component taken from the citizen’s data store (DuocLayTuKhoDMQG) or the national population database consulted (MaCSDL) ÷ dossiers received in the period.',
      },
      { numerator: 'vneid', denominator: 'received' },
    ),
    rt(
      targets,
      'onlinePaymentRate',
      c.paidOnline,
      c.feeReceived,
      { vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Online payment share' },
      {
        vi: 'Hồ sơ nhận trong kỳ đã thanh toán trực tuyến ÷ hồ sơ nhận trong kỳ của thủ tục có thu phí, lệ phí (khác 0).',
        en: 'Dossiers received in the period paid online ÷ dossiers received in the period of procedures with a non-zero fee.',
      },
      { numerator: 'paid_online', denominator: 'fee_received' },
    ),
    rt(
      targets,
      'sameDayRate',
      c.sameDayMet,
      c.sameDay,
      { vi: 'Tỷ lệ trả trong ngày', en: 'Same-day compliance' },
      {
        vi: 'Hồ sơ được hẹn trả trong ngày đã xử lý xong ngay trong ngày nhận ÷ hồ sơ được hẹn trả trong ngày, nhận trong kỳ.',
        en: 'Same-day dossiers processed on their day of receipt ÷ same-day dossiers received in the period.',
      },
      { numerator: 'same_day_met', denominator: 'same_day' },
    ),
  ];
}

/** DVCQG synchronisation and satisfaction rates (from the sync and survey features). */
function syncAndSatisfactionRates(c: DossierCounts, x: ExternalFigures, targets: Record<TargetKey, number>): Figure[] {
  const s = x.surveys;
  return [
    {
      ...rt(
        targets,
        'syncedRate',
        Math.min(x.sync.acknowledged, c.received),
        c.received,
        {
          vi: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG (QĐ 766, chỉ số 1.4)',
          en: 'Dossiers synchronised to DVCQG (Decision 766, 1.4)',
        },
        {
          vi: 'Hồ sơ tiếp nhận trong kỳ mà Cổng DVCQG đã xác nhận nhận được (ít nhất một tin đồng bộ được Cổng trả lời thành công) ÷ hồ sơ tiếp nhận trong kỳ.',
          en: 'Dossiers received in the period that the portal acknowledged (at least one sync message answered with success) ÷ dossiers received in the period.',
        },
        { denominator: 'received' },
      ),
      source: 'sync',
    },
    {
      key: 'satisfactionRate',
      group: 'rates',
      kind: 'rate',
      value: s.satisfiedRate,
      numerator: s.verySatisfied + s.satisfied,
      denominator: s.responses,
      label: { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction rate' },
      formula: {
        vi: '(Rất hài lòng + hài lòng) ÷ số phiếu đánh giá gửi trong kỳ.',
        en: '(Very satisfied + satisfied) ÷ survey responses submitted in the period.',
      },
      target: targets.satisfactionRate,
      source: 'surveys',
    },
  ];
}

/** Survey responses and feedback (their own features' figures). */
function surveyAndFeedbackFigures(x: ExternalFigures): Figure[] {
  const s = x.surveys;
  const fb = x.feedback;
  return [
    {
      key: 'surveyResponses',
      group: 'care',
      kind: 'count',
      value: s.responses,
      label: { vi: 'Phiếu đánh giá hài lòng', en: 'Survey responses' },
      formula: { vi: 'Phiếu khảo sát gửi trong kỳ.', en: 'Survey responses submitted in the period.' },
      source: 'surveys',
    },
    {
      key: 'feedbackReceived',
      group: 'care',
      kind: 'count',
      value: fb.received,
      label: { vi: 'Phản ánh, kiến nghị nhận được', en: 'Feedback received' },
      formula: { vi: 'Phản ánh, kiến nghị nhận trong kỳ.', en: 'Feedback (PAKN) received in the period.' },
      source: 'feedback',
    },
    {
      key: 'feedbackAnsweredOnTime',
      group: 'care',
      kind: 'count',
      value: fb.answeredOnTime,
      label: { vi: 'Phản ánh trả lời đúng hạn', en: 'Feedback answered on time' },
      formula: {
        vi: 'Phản ánh nhận trong kỳ đã trả lời trong thời hạn.',
        en: 'Feedback received in the period answered within the limit.',
      },
      source: 'feedback',
    },
    {
      key: 'feedbackOverdue',
      group: 'care',
      kind: 'count',
      value: fb.overdue,
      label: { vi: 'Phản ánh quá hạn chưa trả lời', en: 'Feedback overdue' },
      formula: {
        vi: 'Phản ánh chưa trả lời, đã quá thời hạn tại cuối kỳ.',
        en: 'Feedback unanswered past the limit at the end of the period.',
      },
      source: 'feedback',
    },
  ];
}

/** Home service and volunteers (their own features' figures). */
function homeAndVolunteerFigures(x: ExternalFigures): Figure[] {
  return [
    {
      key: 'homeRequests',
      group: 'care',
      kind: 'count',
      value: x.homeService.requests,
      label: { vi: 'Yêu cầu phục vụ tại nhà', en: 'Home-service requests' },
      formula: { vi: 'Yêu cầu phục vụ tại nhà nhận trong kỳ.', en: 'Home-service requests received in the period.' },
      source: 'home-service',
    },
    {
      key: 'homeVisits',
      group: 'care',
      kind: 'count',
      value: x.homeService.visits,
      label: { vi: 'Lượt phục vụ tại nhà', en: 'Home visits' },
      formula: { vi: 'Chuyến phục vụ tại nhà đã thực hiện trong kỳ.', en: 'Home visits made in the period.' },
      source: 'home-service',
    },
    {
      key: 'volunteerPeopleHelped',
      group: 'care',
      kind: 'count',
      value: x.volunteers.peopleHelped,
      label: { vi: 'Lượt người dân được tình nguyện viên hỗ trợ', en: 'People helped by volunteers' },
      formula: { vi: 'Lượt hỗ trợ tình nguyện viên ghi nhận trong kỳ.', en: 'Volunteer help recorded in the period.' },
      source: 'volunteers',
    },
    {
      key: 'volunteerShifts',
      group: 'care',
      kind: 'count',
      value: x.volunteers.shifts,
      label: { vi: 'Ca trực tình nguyện', en: 'Volunteer shifts' },
      formula: { vi: 'Ca trực của tình nguyện viên trong kỳ.', en: 'Volunteer shifts in the period.' },
      source: 'volunteers',
    },
  ];
}

/** Courtesy letters, fees collected at intake, queue tickets and waiting time. */
function lettersFeesQueueFigures(x: ExternalFigures): Figure[] {
  return [
    {
      key: 'lettersCongratulation',
      group: 'care',
      kind: 'count',
      value: x.letters.congratulation,
      label: { vi: 'Thư chúc mừng', en: 'Congratulation letters' },
      formula: { vi: 'Thư chúc mừng trong kỳ.', en: 'Congratulation letters in the period.' },
      source: 'letters',
    },
    {
      key: 'lettersCondolence',
      group: 'care',
      kind: 'count',
      value: x.letters.condolence,
      label: { vi: 'Thư chia buồn', en: 'Condolence letters' },
      formula: { vi: 'Thư chia buồn trong kỳ.', en: 'Condolence letters in the period.' },
      source: 'letters',
    },
    {
      key: 'feesCollected',
      group: 'received',
      kind: 'count',
      value: x.fees.paidAmount,
      label: { vi: 'Phí, lệ phí đã thu (đồng)', en: 'Fees and charges collected (VND)' },
      formula: {
        vi: `Tổng phí, lệ phí ghi là đã nộp khi tiếp nhận các hồ sơ nhận trong kỳ (${x.fees.paidCount} hồ sơ); cùng số với dòng tổng của Sổ theo dõi hồ sơ.`,
        en: `Fees and charges recorded as paid at intake for the dossiers received in the period (${x.fees.paidCount} dossiers); the same sum as the tracking book's total line.`,
      },
    },
    {
      key: 'queueTickets',
      group: 'care',
      kind: 'count',
      value: x.queue.tickets,
      label: { vi: 'Số thứ tự đã phát', en: 'Queue tickets' },
      formula: { vi: 'Số thứ tự lấy trong kỳ.', en: 'Queue tickets taken in the period.' },
      source: 'queue',
    },
    {
      key: 'queueAvgWait',
      group: 'care',
      kind: 'minutes',
      value: x.queue.avgWaitMinutes,
      label: { vi: 'Thời gian chờ trung bình (phút)', en: 'Average wait (minutes)' },
      formula: {
        vi: 'Trung bình thời gian từ lấy số đến được gọi, trong kỳ.',
        en: 'Average time from ticket to call, in the period.',
      },
      source: 'queue',
    },
  ];
}

/** The figures with formulas, drill-down keys and targets, in the order pages show them. Pure. */
export function figuresOf(c: DossierCounts, x: ExternalFigures, targets: Record<TargetKey, number>): Figure[] {
  return [
    ...receivedFigures(c),
    ...verdictFigures(c),
    ...outcomeFigures(c),
    ...serviceRates(c, targets),
    ...dataRates(c, targets),
    ...syncAndSatisfactionRates(c, x, targets),
    ...surveyAndFeedbackFigures(x),
    ...homeAndVolunteerFigures(x),
    ...lettersFeesQueueFigures(x),
  ];
}
