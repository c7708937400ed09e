/**
 * The demo centre's dossiers: a year of history and a living desk.
 *
 * - History (from 1 December 2025 to now): the volume of a commune desk by weekday and season
 *   (the rush before Tết), online, digitised and reused shares climbing through the year toward
 *   the 90% target, a few late dossiers (fewer as the year goes), supplements (some twice),
 *   refusals, withdrawals, apologies, same-day service. Written in batches (see generateHistory).
 * - The living desk: about three weeks of dossiers in every state (returned early and late,
 *   processing, waiting for a supplement, twice supplemented, apologised and re-appointed, due
 *   today, overdue, refused, withdrawn), made through the real service functions with a moving
 *   clock, so every event and judgement is genuine.
 * Deterministic: seeded generators, dates relative to the day the demo is loaded. Applicants are
 * fictitious.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Deps } from '../../core/deps.ts';
import type { ApologyTable, Center, DB, DossierEventTable, DossierTable } from '../../core/db/schema.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import {
  computeDeadline,
  addDays,
  addWorkingMs,
  diffDays,
  fromLocal,
  lunarNewYear,
  toLocal,
  weekday,
  workingMsBetween,
  type LocalDate,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { hasFixedLimit, type ProcedureData } from '../catalog/index.ts';
import { act, attach, dossierRow, intake, receivedEvent, receivedEventData } from '../dossiers/index.ts';
import {
  SECRET_ALPHABET,
  STATUS,
  TRANSITIONS,
  appointmentFor,
  dayKey,
  dossierCode,
  type Applicant,
  type DossierAction,
  type Status,
} from '../dossiers/index.ts';
import { seededRandom } from '../../core/random.ts';
import { fillDeskDay } from '../../core/db/migrations/018-desk-day.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hằng',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vân',
  'Yến',
];
const VILLAGES = [
  'Thôn Cẩm Khê',
  'Thôn Phú Lộc',
  'Thôn Đông Giao',
  'Thôn Tràng Kênh',
  'Khu dân cư số 3',
  'Thôn Hoàng Xá',
];

const rng = seededRandom;

const staff = (fullName: string): Actor => ({ ...SYSTEM_ACTOR, fullName });
const RECEIVER = staff('Lê Thị Thu Hương');
const SPECIALIST = staff('Phạm Minh Đức');
const DIRECTOR = staff('Nguyễn Thị Hà');

/** Mean dossiers per ordinary working day in the demo's history (the living desk adds about 7). */
export const DEMO_HISTORY_PER_DAY = 8;

export async function loadDemoDossiers(deps: Deps, slug: string, days = 15): Promise<number> {
  const center = await getCenter(deps, slug);
  const cal = await calendarOf(deps, center);
  const catalog = await catalogOf(deps, center);
  const r = rng(20261125);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  // The most requested procedures first, as at a real commune desk.
  const common = catalog.procedures.filter((p) => p.sameDayEligible || ['Hộ tịch', 'Chứng thực'].includes(p.field));
  const others = catalog.procedures.filter((p) => !common.includes(p));
  const realNow = deps.now();
  const today = toLocal(realNow).date;
  // Working days back from yesterday.
  const dates: LocalDate[] = [];
  let d = today;
  while (dates.length < days) {
    d = cal.previousWorkingDay(d);
    dates.unshift(d);
  }
  if (cal.isWorkingDay(today)) dates.push(today);
  // The year before (and, lighter, the same days, under the living desk's own dossiers).
  let count = 0;
  if (HISTORY_FROM < today) {
    count += await loadDossierHistory(deps, slug, {
      from: HISTORY_FROM,
      to: addDays(today, 1),
      perDay: DEMO_HISTORY_PER_DAY,
      seed: 20251201,
      now: realNow,
      lighterFrom: { day: dates[0]!, by: 7 },
    });
  }

  let clock = new Date(realNow);
  const dd: Deps = { ...deps, now: () => clock };
  // The second person of a civil-status dossier (the other partner, the child, the deceased), so the
  // courtesy letters these dossiers prepare carry both names. Its own random stream: the rest of the demo stays as it was.
  const ro = rng(20261126);
  const pickO = <T>(xs: readonly T[]) => xs[Math.floor(ro() * xs.length)]!;
  const ownerFor = (
    procedure: string,
    applicant: string,
  ): { fullName: string; idNumber: string; address: string } | undefined => {
    const family = applicant.split(' ')[0]!;
    if (/kết hôn/i.test(procedure))
      return {
        fullName: ` ${applicant} `.includes(' Thị ')
          ? `${pickO(FAMILY)} Văn ${pickO(GIVEN)}`
          : `${pickO(FAMILY)} Thị ${pickO(GIVEN)}`,
        idNumber: '',
        address: '',
      };
    if (/khai sinh|khai tử/i.test(procedure))
      return { fullName: `${family} ${pickO(MIDDLE)} ${pickO(GIVEN)}`, idNumber: '', address: '' };
    return undefined;
  };
  const at = (date: LocalDate, minute: number) => fromLocal(date, minute);
  const later = (t: Date, minutes: number) => {
    const n = new Date(t.getTime() + minutes * 60_000);
    return n.getTime() > realNow.getTime() ? null : n;
  };

  for (const [i, date] of dates.entries()) {
    const isToday = date === today;
    const perDay = isToday ? 4 : 6 + Math.floor(r() * 4);
    for (let k = 0; k < perDay; k++) {
      const minute = 7 * 60 + 35 + Math.floor(r() * 8.5 * 60);
      const receivedAt = at(date, minute);
      if (receivedAt.getTime() > realNow.getTime()) continue;
      clock = receivedAt;
      const p = r() < 0.75 ? pick(common) : pick(others);
      const fullName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
      const id = `031${r() < 0.5 ? '0' : '1'}${String(60 + Math.floor(r() * 40))}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`;
      const phone = `09${Math.floor(10_000_000 + r() * 89_999_999)}`;
      // Rates as the history reaches them by now (online, digitised, reused, electronic results).
      const channel = p.channels.includes('online') && r() < 0.85 ? 'online' : r() < 0.04 ? 'home' : 'direct';
      const dossier = await intake(dd, RECEIVER, slug, {
        procedureCode: p.code,
        applicant: { fullName, idNumber: id, phone, address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng` },
        owner: ownerFor(p.name, fullName),
        channel,
        vneidVerified: channel === 'online',
        components: p.components.map((c) => ({
          name: c.name,
          originals: c.originals,
          copies: c.copies,
          digitised: r() < 0.85,
          reused: r() < 0.5,
        })),
        receivedAt: receivedAt.toISOString(),
        // No fixed time limit: the officer gives the appointment (decision 020).
        dueAt: hasFixedLimit(p.timeLimit)
          ? undefined
          : computeDeadline(cal, { receivedAt, amount: 10, unit: 'working_days' }).dueAt.toISOString(),
      });
      count++;
      const code = dossier.code;
      const due = new Date(dossier.dueAt);
      const step = async (who: Actor, action: string, minutes: number, payload: Record<string, unknown> = {}) => {
        const t = later(clock, minutes);
        if (!t) return false;
        clock = t;
        await act(dd, who, code, action, payload);
        return true;
      };
      const age = dates.length - 1 - i; // working days ago
      const roll = r();
      // Refusals and withdrawals are rare.
      if (roll < 0.03) continue;
      if (roll < 0.05) {
        await step(RECEIVER, 'withdraw', 30, { reason: 'Công dân xin rút hồ sơ để bổ sung sau' });
        continue;
      }
      if (dossier.sameDay) {
        // Same-day service: processed and returned within the afternoon.
        if (
          (await step(SPECIALIST, 'handoff', 5, { to: 'Công chức Tư pháp – Hộ tịch' })) &&
          (await step(SPECIALIST, 'mark_processed', 90, { result: 'Đã ký, đóng dấu' }))
        )
          await step(RECEIVER, 'return_result', 20, { method: 'desk' });
        continue;
      }
      if (
        !(await step(RECEIVER, 'handoff', 20, {
          to:
            p.field === 'Hộ tịch' || p.field === 'Chứng thực'
              ? 'Công chức Tư pháp – Hộ tịch'
              : 'Công chức chuyên môn phụ trách',
        }))
      )
        continue;
      if (age >= 6 && roll < 0.15) {
        // A supplement asked and provided, then done.
        await step(SPECIALIST, 'request_supplement', 60 * 4, {
          reason: 'Thiếu bản sao giấy tờ chứng minh nơi cư trú',
          components: ['Bản sao giấy tờ chứng minh nơi cư trú'],
        });
        await step(RECEIVER, 'complete_supplement', 60 * 24 * 2, { note: 'Công dân đã nộp bổ sung' });
      }
      if (age >= 3 && roll < 0.2 && roll >= 0.17) {
        // Twice supplemented: counts as late.
        await step(SPECIALIST, 'request_supplement', 60, { reason: 'Thiếu tờ khai có chữ ký' });
        await step(RECEIVER, 'complete_supplement', 60 * 5, {});
        await step(SPECIALIST, 'request_supplement', 60, {
          reason: 'Thông tin trên tờ khai chưa khớp với CSDL dân cư',
        });
        continue;
      }
      if (roll >= 0.2 && roll < 0.27 && due.getTime() > clock.getTime()) {
        // Waiting for the citizen's supplement right now.
        await step(SPECIALIST, 'request_supplement', 60 * 2, {
          reason: 'Cần bổ sung bản chính để đối chiếu',
          components: ['Bản chính Giấy chứng sinh (để đối chiếu)', 'Bản sao Giấy chứng nhận kết hôn của cha, mẹ'],
        });
        continue;
      }
      if (roll >= 0.27 && roll < 0.33 && due.getTime() - clock.getTime() > 3_600_000) {
        // Will be late: the director approves an apology and a new appointment.
        const newDue = new Date(due.getTime() + 2 * 86_400_000);
        clock = new Date(Math.min(due.getTime() - 3_600_000, realNow.getTime()));
        await act(dd, DIRECTOR, code, 'extend', {
          reason: 'Cần xác minh thông tin với cơ quan khác',
          newDueAt: newDue.toISOString(),
        });
        continue;
      }
      // The common path: processed somewhere before (mostly) or after (sometimes) the appointment.
      const lateOne = r() < 0.08;
      const rawProcessAt = lateOne
        ? new Date(due.getTime() + 2 * 3_600_000)
        : new Date(Math.max(clock.getTime() + 3_600_000, due.getTime() - (1 + Math.floor(r() * 20)) * 3_600_000));
      // In office hours: the next session start when the raw instant falls at night or on a day off.
      const snapped = cal.nextSessionStart(rawProcessAt);
      const processAt = lateOne || snapped.getTime() <= due.getTime() ? snapped : rawProcessAt;
      if (processAt.getTime() > realNow.getTime() || age < 1) continue; // still processing
      clock = processAt;
      // An electronic result exists only with its file (issue 11): processed, then the signed PDF attached.
      const electronic = r() < 0.85;
      await act(dd, SPECIALIST, code, 'mark_processed', { result: 'Đã có kết quả' });
      if (electronic)
        await attach(dd, SPECIALIST, code, { kind: 'result', name: `ket-qua-${code}.pdf`, file: demoResultPdf(code) });
      if (r() < 0.85)
        await step(RECEIVER, 'return_result', 60 * (2 + Math.floor(r() * 30)), {
          method: channel === 'online' ? 'online' : 'desk',
        });
    }
  }

  // A few states the random days may not produce, made explicitly.
  const yesterday = dates.length > 1 ? dates[dates.length - 2]! : dates[0]!;
  const special = async (minute: number, onlineSubmission: boolean) => {
    clock = at(yesterday, minute);
    const p = pick(common);
    const dossier = await intake(dd, RECEIVER, slug, {
      procedureCode: p.code,
      applicant: {
        fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        phone: `09${Math.floor(10_000_000 + r() * 89_999_999)}`,
        address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng`,
      },
      channel: onlineSubmission ? 'online' : 'direct',
      submittedOnline: onlineSubmission,
      receivedAt: clock.toISOString(),
    });
    count++;
    return dossier.code;
  };
  await special(8 * 60, true); // online, awaiting acceptance
  await special(9 * 60, true);
  const refused = await special(9 * 60 + 30, true);
  clock = at(yesterday, 10 * 60);
  await act(dd, RECEIVER, refused, 'refuse', { reason: 'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã' });
  const withdrawn = await special(10 * 60 + 15, false);
  clock = at(yesterday, 10 * 60 + 45);
  await act(dd, RECEIVER, withdrawn, 'withdraw', { reason: 'Công dân xin rút hồ sơ' });
  const stopped = await special(13 * 60 + 45, false);
  clock = at(yesterday, 14 * 60 + 30);
  await act(dd, DIRECTOR, stopped, 'stop', { reason: 'Người yêu cầu đề nghị dừng giải quyết' });
  // Supplemented twice (counts as late), and one open dossier due today.
  const twice = await special(8 * 60 + 20, false);
  clock = at(yesterday, 8 * 60 + 40);
  await act(dd, RECEIVER, twice, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
  clock = at(yesterday, 9 * 60 + 10);
  await act(dd, SPECIALIST, twice, 'request_supplement', { reason: 'Thiếu tờ khai có chữ ký' });
  clock = at(yesterday, 10 * 60 + 10);
  await act(dd, RECEIVER, twice, 'complete_supplement', {});
  clock = at(yesterday, 14 * 60);
  await act(dd, SPECIALIST, twice, 'request_supplement', {
    reason: 'Thông tin trên tờ khai chưa khớp với CSDL dân cư',
  });
  const oneDay = catalog.procedures.find(
    (p) => p.timeLimit.unit === 'working_days' && p.timeLimit.amount === 1 && !p.sameDayEligible,
  );
  if (oneDay) {
    clock = at(yesterday, 15 * 60 + 30);
    const due = await intake(dd, RECEIVER, slug, {
      procedureCode: oneDay.code,
      applicant: {
        fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng`,
      },
      receivedAt: clock.toISOString(),
    });
    count++;
    clock = at(yesterday, 16 * 60);
    await act(dd, RECEIVER, due.code, 'handoff', { to: 'Công chức chuyên môn phụ trách' });
  }
  // The walkthrough's citizen (issue 11): came yesterday, lost the receipt, is found at the desk
  // by "nguyen thi y" or her ID number; held by the civil-status officer ("Của tôi"). Fixed values,
  // no draw from the random stream, so the rest of the demo stays as it was.
  const birth =
    catalog.procedures.find((p) => p.code === '1.001193') ?? catalog.procedures.find((p) => /khai sinh/i.test(p.name));
  if (birth) {
    clock = at(yesterday, 16 * 60 + 20);
    const y = await intake(dd, RECEIVER, slug, {
      procedureCode: birth.code,
      applicant: {
        fullName: 'Nguyễn Thị Ý',
        idNumber: '031305012345',
        phone: '0912345678',
        address: 'Thôn Phú Lộc, xã Cẩm Giàng, thành phố Hải Phòng',
      },
      owner: { fullName: 'Nguyễn Minh Khôi', idNumber: '', address: '' },
      receivedAt: clock.toISOString(),
    });
    count++;
    clock = at(yesterday, 16 * 60 + 40);
    await act(dd, RECEIVER, y.code, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
  }
  clock = realNow;
  // The history's open dossiers were written with their holder's title: the user it names holds them (as migration 018 maps them).
  await fillDeskDay(deps.db);
  return count;
}

// ---------------------------------------------------------------------------------------------
// A year of history (issue 7, item 9)
//
// The months before the living desk are written with BATCHED INSERTS, not through intake()/act():
// a year of a commune's desk is thousands of dossiers and ~5 events each, which through the
// services would take tens of seconds at every `npm start` on a new database. The rows are exactly
// what the services write for the same steps, so every report, judgement and page reads them like
// real ones:
// - codes `{agency}-{yyMMdd}-{seq}` gapless per day, and a `dossier_counter` row per day holding
//   the last number (the next intake that day continues the series);
// - the appointment from `appointmentFor()` with the centre's calendar and same-day weekdays;
//   online submissions arrive as status 1 and are accepted later (`accept` re-computes the
//   appointment from the acceptance, as act() does);
// - one event per step with the same `seq`, statuses and `data` keys (in the same order) as act():
//   received {channel, dueAt, sameDay, rule}, accept {dueAt}, handoff {from, to, note, onTime},
//   request_supplement {reason, components[, countsAsLate]}, complete_supplement {note},
//   mark_processed {result}, return_result {method}, extend {reason, before, after, number},
//   refuse/stop/guide {reason[, components]}, withdraw {reason};
// - the dossier's final columns as act() leaves them (status, version = 1 + actions, holder,
//   supplement_count, extended_due_at, ended_at = first end, processed/returned, flags);
// - apologies as draftApology()/decideApology()/deliverApology() leave them: an approved row with
//   the yearly number in order of approval, the `apology.draft` audit row, and the `extend` event.
// No notifications: the demo's fictitious applicants get no messages (as for the living desk).
// Deterministic: its own seeded generator, so the living desk below is unchanged by it.

/** A small, valid one-page PDF standing for the signed result of a demo dossier. */
function demoResultPdf(code: string): Buffer {
  const text = `Ket qua giai quyet ho so ${code} (du lieu mau)`;
  const stream = `BT /F1 12 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** First day of the demo's history. */
export const HISTORY_FROM: LocalDate = '2025-12-01';

type EventRow = Omit<Insertable<DossierEventTable>, 'dossier_id' | 'id'>;
type ApologyRow = Omit<Insertable<ApologyTable>, 'dossier_id' | 'id' | 'number'> & { number: number | null };
type DossierRow = Omit<Insertable<DossierTable>, 'id'>;
/** One generated dossier: its row, its events, and its apology (if any). */
export interface HistoryDossier {
  row: DossierRow;
  events: EventRow[];
  apology: ApologyRow | null;
  extendData: Record<string, unknown> | null;
}
export interface HistoryBatch {
  dossiers: HistoryDossier[];
  counters: { day: string; last_seq: number }[];
}

export interface HistoryOptions {
  /** First day (inclusive) and the day the history stops (exclusive), in Vietnam. */
  from: LocalDate;
  to: LocalDate;
  /** Mean dossiers per working day at an ordinary time of year. */
  perDay: number;
  seed: number;
  /** From this day on, `perDay` is lowered by `by` (the living desk adds its own dossiers). */
  lighterFrom?: { day: LocalDate; by: number };
  /** Nothing happens after this instant: later steps are left undone (the dossier stays open). */
  now: Date;
}

export interface HistoryContext {
  center: Pick<Center, 'id' | 'agency_code'>;
  sameDayWeekdays: readonly number[];
  cal: WorkCalendar;
  procedures: readonly ProcedureData[];
  ids: ReadonlyMap<string, { procedureId: number; versionId: number }>;
}

const SUPPLEMENT_REASONS = [
  ['Thiếu bản sao giấy tờ chứng minh nơi cư trú', 'Bản sao giấy tờ chứng minh nơi cư trú'],
  ['Tờ khai chưa có chữ ký của người yêu cầu', 'Tờ khai có chữ ký'],
  ['Cần bản chính để đối chiếu', 'Bản chính giấy tờ để đối chiếu'],
  ['Thông tin trên tờ khai chưa khớp với Cơ sở dữ liệu quốc gia về dân cư', 'Tờ khai đã điều chỉnh thông tin'],
] as const;
const LATE_REASONS = [
  'Cần xác minh thông tin với cơ quan khác',
  'Chờ ý kiến phối hợp của cơ quan liên quan',
  'Hồ sơ cần xác minh thực địa',
  'Cán bộ phụ trách nghỉ ốm, đã bố trí người thay',
];
const WORKING_HOUR = 3_600_000;

/**
 * The shape of a year at a commune desk: weekday, season (the weeks before Tết are the busiest,
 * Tết itself is closed, the back-to-school summer brings copies and civil-status papers).
 */
function volumeFactor(day: LocalDate): number {
  const wd = weekday(day);
  const weekdayFactor = [0.35, 1.3, 1.05, 1.0, 0.95, 0.85, 0.45][wd]!;
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  let season = 1;
  const tet = lunarNewYear(Number(day.slice(0, 4)));
  const toTet = diffDays(day, tet); // days until Tết (positive before)
  if (toTet > 0 && toTet <= 35)
    season = 1.25 + 0.5 * (1 - toTet / 35); // rising to +75% just before Tết
  else if (toTet <= 0 && toTet > -14)
    season = 1.35; // the backlog after the holiday
  else if (m === 12)
    season = 1.1; // year-end
  else if (m === 7 || m === 8)
    season = 1.15; // school enrolment
  else if (m === 6 && d > 15) season = 1.05;
  return weekdayFactor * season;
}

/** Share of a quantity at a point of the year: linear from `a` (December) to `b` (now). */
const trend = (t: number, a: number, b: number) => a + (b - a) * Math.min(1, Math.max(0, t));

/**
 * Generates dossiers received on the days [from, to) (pure: no I/O). Each working day gets
 * `perDay × volume factor × noise` dossiers; online submissions also arrive on days off.
 */
export function* generateHistory(ctx: HistoryContext, o: HistoryOptions, daysPerBatch = 7): Generator<HistoryBatch> {
  const { cal, center } = ctx;
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const between = (a: number, b: number) => a + r() * (b - a);
  const nowMs = o.now.getTime();
  const procs = ctx.procedures.filter((p) => ctx.ids.has(p.code));
  const common = procs.filter((p) => p.sameDayEligible || ['Hộ tịch', 'Chứng thực'].includes(p.field));
  const others = procs.filter((p) => !common.includes(p));
  const onlineCapable = procs.filter((p) => p.channels.includes('online') && p.onlineLevel !== 'none');
  const span = Math.max(1, diffDays(o.from, o.to));
  let out: HistoryDossier[] = [];
  let counters: { day: string; last_seq: number }[] = [];
  let batchDays = 0;
  const secret = () => {
    let s = '';
    for (let i = 0; i < 6; i++) s += SECRET_ALPHABET[Math.floor(r() * SECRET_ALPHABET.length)];
    return s;
  };
  const person = () => {
    const fullName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const idNumber = `031${r() < 0.5 ? '0' : '1'}${String(60 + Math.floor(r() * 40))}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`;
    const phone = `09${Math.floor(10_000_000 + r() * 89_999_999)}`;
    const applicant: Applicant = {
      kind: 'citizen',
      fullName,
      idNumber,
      phone,
      email: '',
      address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng`,
      orgName: '',
      taxCode: '',
    };
    return applicant;
  };
  /** An instant `hours` working hours after `t`. */
  const afterWork = (t: Date, hours: number) => addWorkingMs(cal, t, Math.max(0, hours) * WORKING_HOUR);

  for (let day = o.from; day < o.to; day = addDays(day, 1)) {
    const t = diffDays(o.from, day) / span; // 0 → 1 through the year
    const working = cal.isWorkingDay(day);
    const sessions = cal.sessionsOf(day);
    const noise = 0.85 + r() * 0.3;
    // Days off: only online submissions, a handful.
    const perDay = o.lighterFrom && day >= o.lighterFrom.day ? Math.max(0, o.perDay - o.lighterFrom.by) : o.perDay;
    const n = working
      ? Math.round(perDay * volumeFactor(day) * noise)
      : Math.round(perDay * 0.08 * trend(t, 0.3, 0.9) * noise);
    if (++batchDays >= daysPerBatch && out.length) {
      yield { dossiers: out, counters };
      out = [];
      counters = [];
      batchDays = 0;
    }
    if (n <= 0) continue;
    // Receipt instants of the day, in order (codes follow the order of receipt).
    const instants: { at: Date; online: boolean }[] = [];
    for (let k = 0; k < n; k++) {
      if (!working) {
        instants.push({ at: fromLocal(day, Math.floor(between(7 * 60, 22 * 60))), online: true });
        continue;
      }
      const online = r() < trend(t, 0.3, 0.92);
      if (online && r() < 0.3) {
        instants.push({
          at: fromLocal(day, Math.floor(r() < 0.5 ? between(6 * 60, 7 * 60 + 30) : between(17 * 60, 22 * 60 + 30))),
          online,
        });
        continue;
      }
      const s = r() < 0.62 ? sessions[0]! : sessions[sessions.length - 1]!;
      instants.push({
        at: new Date(s.start.getTime() + Math.floor(r() * (s.end.getTime() - s.start.getTime() - 300_000))),
        online,
      });
    }
    instants.sort((a, b) => a.at.getTime() - b.at.getTime());
    let seq = 0;
    for (const { at: receivedAt, online: wantsOnline } of instants) {
      if (receivedAt.getTime() > nowMs) continue;
      const candidates = wantsOnline ? onlineCapable : null;
      const p = candidates
        ? r() < 0.7
          ? pick(
              candidates.filter((x) => common.includes(x)).length
                ? candidates.filter((x) => common.includes(x))
                : candidates,
            )
          : pick(candidates)
        : r() < 0.75
          ? pick(common)
          : pick(others);
      const online = wantsOnline && p.channels.includes('online');
      const channel = online ? 'online' : r() < 0.03 ? 'home' : r() < 0.02 ? 'postal' : 'direct';
      const ids = ctx.ids.get(p.code)!;
      seq++;
      const code = dossierCode(center.agency_code, receivedAt, seq);
      const applicant = person();
      const digitised = r() < trend(t, 0.55, 0.95);
      const reused = r() < trend(t, 0.2, 0.86);
      const components = p.components.map((c, i) => ({
        name: c.name,
        ...(c.requirement ? { requirement: c.requirement } : {}),
        shown: c.requirement === 'shown',
        originals: c.originals,
        certifiedCopies: c.requirement === 'shown' ? 0 : (c.certifiedCopies ?? 0),
        copies: c.requirement === 'shown' ? 0 : c.copies,
        digitised: digitised && (i === 0 || r() < 0.85),
        reused: reused && (i === 0 || r() < 0.5),
      }));
      const first = demoAppointment(cal, p, receivedAt, ctx.sameDayWeekdays);
      const receivedIso = receivedAt.toISOString();
      // Drawn in this order (the seeded stream): the secret, then the VNeID check.
      const lookupSecret = secret();
      const vneidVerified = online || r() < trend(t, 0.1, 0.6);
      const row: DossierRow = dossierRow({
        centerId: center.id,
        code,
        procedure: { id: ids.procedureId, versionId: ids.versionId, code: p.code, name: p.name, field: p.field },
        status: online ? STATUS.SUBMITTED : STATUS.ACCEPTED,
        channel,
        applicant,
        owner: null,
        subject: `${p.name} — ${applicant.fullName}`,
        sets: p.sets,
        components,
        receivedAt,
        appointment: first,
        lookupSecret,
        vneidVerified,
        createdBy: null,
        createdAt: receivedIso,
      });
      const h: HistoryDossier = { row, events: [], apology: null, extendData: null };
      out.push(h);
      const events = h.events;
      events.push(
        receivedEvent({
          centerId: center.id,
          status: row.status as Status,
          actorUserId: null,
          actorName: online ? SYSTEM_ACTOR.fullName : RECEIVER.fullName,
          at: receivedIso,
          data: receivedEventData(channel, first),
        }),
      );
      /** Records one step as act() would; false (and nothing written) when it would lie in the future. */
      const step = (
        who: Actor,
        action: DossierAction,
        at: Date,
        data: Record<string, unknown>,
        set: Partial<DossierRow> = {},
      ): boolean => {
        if (at.getTime() > nowMs) return false;
        const iso = at.toISOString();
        const from = row.status as Status;
        const to = TRANSITIONS[action].to ?? from;
        events.push({
          center_id: center.id,
          seq: events.length + 1,
          action,
          from_status: from,
          to_status: to,
          actor_user_id: null,
          actor_name: who.fullName,
          at: iso,
          data: JSON.stringify(data),
        });
        Object.assign(row, set);
        row.status = to;
        row.version = (row.version ?? 1) + 1;
        row.updated_at = iso;
        if (['refuse', 'stop', 'guide', 'withdraw', 'mark_processed', 'return_result'].includes(action))
          row.ended_at ??= iso;
        return true;
      };
      let clock = receivedAt;
      let due = first.dueAt;
      const roll = r();
      // Online submissions: a few refused, the rest accepted at the next session (new appointment).
      if (online) {
        const acceptAt = new Date(cal.nextSessionStart(receivedAt).getTime() + Math.floor(between(5, 100)) * 60_000);
        if (roll < 0.035) {
          step(RECEIVER, 'refuse', acceptAt, {
            reason: 'Hồ sơ trực tuyến không đúng thủ tục yêu cầu, đề nghị nộp lại đúng thủ tục',
          });
          continue;
        }
        const appt = demoAppointment(cal, p, acceptAt, ctx.sameDayWeekdays);
        if (
          !step(
            RECEIVER,
            'accept',
            acceptAt,
            { dueAt: appt.dueAt.toISOString() },
            { due_at: appt.dueAt.toISOString(), same_day: appt.sameDay ? 1 : 0 },
          )
        )
          continue;
        clock = acceptAt;
        due = appt.dueAt;
      } else if (roll < 0.01) {
        // Incomplete at the counter: guided with form 02, which is not a dossier (issue 11) — the
        // draw is kept so the rest of the history is unchanged, the row and its code are not.
        pick(SUPPLEMENT_REASONS);
        out.pop();
        seq--;
        continue;
      }
      const sameDay = row.same_day === 1;
      const to =
        p.field === 'Hộ tịch' || p.field === 'Chứng thực'
          ? 'Công chức Tư pháp – Hộ tịch'
          : 'Công chức chuyên môn phụ trách';
      const handoffAt = afterWork(clock, sameDay ? 0.1 : between(0.15, 1.2));
      if (
        !step(
          sameDay ? SPECIALIST : RECEIVER,
          'handoff',
          handoffAt,
          { from: 'Bộ phận Một cửa', to, note: '', onTime: handoffAt.getTime() <= due.getTime() },
          { holder: to },
        )
      )
        continue;
      clock = handoffAt;
      if (roll > 0.992) {
        step(RECEIVER, 'withdraw', afterWork(clock, between(2, 12)), {
          reason: 'Công dân xin rút hồ sơ để bổ sung sau',
        });
        continue;
      }
      if (roll > 0.99) {
        step(DIRECTOR, 'stop', afterWork(clock, between(4, 20)), { reason: 'Người yêu cầu đề nghị dừng giải quyết' });
        continue;
      }
      // Supplements: about one dossier in eleven once, one in eighty twice (counted late).
      const supplements = sameDay ? 0 : roll < 0.09 ? 1 : roll < 0.1025 ? 2 : 0;
      let pausedMs = 0;
      let open = false;
      for (let s = 0; s < supplements; s++) {
        const askAt = afterWork(clock, between(1, Math.max(1.5, workingMsBetween(cal, clock, due) / WORKING_HOUR / 3)));
        const [reason, component] = pick(SUPPLEMENT_REASONS);
        const data: Record<string, unknown> = { reason, components: [component] };
        if (s + 1 > 1) data.countsAsLate = true;
        if (!step(SPECIALIST, 'request_supplement', askAt, data, { supplement_count: s + 1 })) {
          open = true;
          break;
        }
        const backAt = afterWork(askAt, between(3, 30));
        if (!step(RECEIVER, 'complete_supplement', backAt, { note: 'Công dân đã nộp bổ sung' })) {
          open = true;
          break;
        }
        pausedMs += workingMsBetween(cal, askAt, backAt);
        clock = backAt;
      }
      if (open) continue;
      const effectiveDue = pausedMs > 0 ? addWorkingMs(cal, due, pausedMs) : due;
      // Late ones get fewer through the year; most are apologised for before the appointment.
      const late = r() < (sameDay ? trend(t, 0.06, 0.02) : trend(t, 0.075, 0.015));
      let processAt: Date;
      if (late) {
        const left = workingMsBetween(cal, clock, effectiveDue) / WORKING_HOUR;
        if (left > 1.5 && r() < trend(t, 0.5, 0.92)) {
          // Apology and re-appointment (form 04), drafted a few working hours before the appointment.
          const draftAt = afterWork(clock, left - between(0.5, Math.min(6, left - 0.5)));
          const decidedAt = new Date(draftAt.getTime() + Math.floor(between(20, 90)) * 60_000);
          // The engine's proposal (proposeNewDue): the end of the 3rd working day after the appointment.
          const dueDay = cal.addWorkingDays(toLocal(new Date(Math.max(due.getTime(), decidedAt.getTime()))).date, 3);
          const daySessions = cal.sessionsOf(dueDay);
          const newDue = daySessions.length ? daySessions[daySessions.length - 1]!.end : fromLocal(dueDay, 17 * 60);
          const reason = pick(LATE_REASONS);
          if (decidedAt.getTime() > nowMs) continue;
          h.extendData = { reason, before: due.toISOString(), after: newDue.toISOString() };
          h.apology = {
            center_id: center.id,
            round: 1,
            status: 'approved',
            reason,
            proposed_due_at: newDue.toISOString(),
            auto: 0,
            number: null,
            number_year: Number(toLocal(decidedAt).date.slice(0, 4)),
            drafted_by: null,
            drafted_at: draftAt.toISOString(),
            decided_by: null,
            decided_at: decidedAt.toISOString(),
            delivered_at: new Date(decidedAt.getTime() + Math.floor(between(10, 120)) * 60_000).toISOString(),
            delivery_channel: online ? (r() < 0.6 ? 'email' : 'sms') : 'desk',
          };
          // The extend event itself is written with its number once the year's apologies are numbered.
          step(DIRECTOR, 'extend', decidedAt, {}, { extended_due_at: newDue.toISOString() });
          processAt = new Date(
            Math.min(newDue.getTime() - 30 * 60_000, afterWork(effectiveDue, between(1, 12)).getTime()),
          );
        } else {
          processAt = afterWork(effectiveDue, sameDay ? between(0.5, 3) : between(1, 20));
        }
      } else if (sameDay) {
        processAt = new Date(Math.min(afterWork(clock, between(0.5, 2.2)).getTime(), due.getTime() - 5 * 60_000));
      } else {
        const left = Math.max(0.5, workingMsBetween(cal, clock, effectiveDue) / WORKING_HOUR);
        processAt = afterWork(clock, Math.min(left - 0.25, left * between(0.25, 0.95)));
      }
      if (processAt.getTime() <= clock.getTime()) processAt = new Date(clock.getTime() + 10 * 60_000);
      // Fees: requested while processing, paid before the result; online payment grows through the year.
      const fee = p.fees.find((f) => f.amount > 0);
      if (fee) {
        const span = processAt.getTime() - clock.getTime();
        const askAt = new Date(clock.getTime() + Math.floor(span * 0.4));
        const paidAt = new Date(
          askAt.getTime() + Math.min(Math.floor(span * 0.3), Math.floor(between(5, 40)) * 60_000),
        );
        const payMethod =
          r() < trend(t, online ? 0.35 : 0.05, online ? 0.9 : 0.45)
            ? 'online'
            : online || r() < 0.3
              ? 'transfer'
              : 'cash';
        if (step(RECEIVER, 'request_payment', askAt, { amount: fee.amount, note: fee.name }))
          step(
            RECEIVER,
            'confirm_payment',
            paidAt,
            payMethod === 'online' ? { method: 'online', online: true, note: '' } : { method: payMethod, note: '' },
          );
      }
      const electronic = r() < trend(t, 0.3, 0.9);
      if (
        !step(
          SPECIALIST,
          'mark_processed',
          processAt,
          { result: 'Đã có kết quả' },
          {
            processed_at: processAt.toISOString(),
            result_note: 'Đã có kết quả',
            holder: 'Bộ phận Một cửa',
            ...(electronic ? { electronic_result: 1 } : {}),
          },
        )
      )
        continue;
      const method = online && electronic && r() < 0.7 ? 'online' : r() < 0.04 ? 'post' : 'desk';
      const returnAt =
        sameDay && !late
          ? new Date(Math.min(processAt.getTime() + Math.floor(between(10, 60)) * 60_000, due.getTime()))
          : afterWork(processAt, method === 'online' ? between(0.05, 0.5) : between(0.3, 25));
      step(
        RECEIVER,
        'return_result',
        returnAt,
        { method },
        { returned_at: returnAt.toISOString(), return_method: method },
      );
    }
    if (seq > 0) counters.push({ day: dayKey(fromLocal(day, 12 * 60)), last_seq: seq });
  }

  if (out.length) yield { dossiers: out, counters };
}

/**
 * Writes generated dossiers in multi-row INSERTs (inside the caller's transaction), a batch of days
 * at a time so little is held in memory: dossiers, their events and the day counters; at the end
 * the apologies, numbered per year in order of approval (as decideApology() numbers them), their
 * `extend` events (which carry the number) and `apology.draft` audit rows. Portable (Kysely).
 */
/**
 * Splits rows into INSERTs of a few fixed sizes (64, 32, …, 1 rows): the SQLite adapter keeps
 * prepared statements by SQL text, and a statement per distinct row count would fill its cache
 * with large programs.
 */
function* shapes<T>(rows: readonly T[]): Generator<T[]> {
  let i = 0;
  for (let size = 64; size >= 1; size /= 2) {
    while (rows.length - i >= size && (size === 64 || rows.length - i < size * 2)) {
      yield rows.slice(i, i + size);
      i += size;
    }
  }
}

export async function insertHistory(
  db: Kysely<DB>,
  centerId: number,
  batches: Iterable<HistoryBatch>,
): Promise<number> {
  let count = 0;
  const apologised: {
    dossierId: number;
    code: string;
    apology: ApologyRow;
    extend: EventRow;
    extendData: Record<string, unknown>;
  }[] = [];
  for (const batch of batches) {
    for (const part of shapes(batch.dossiers)) {
      const ids = await db
        .insertInto('dossier')
        .values(part.map((h) => h.row))
        .returning(['id', 'code'])
        .execute();
      const idOf = new Map(ids.map((x) => [x.code, x.id]));
      const events = [];
      for (const h of part) {
        const dossierId = idOf.get(h.row.code)!;
        for (const e of h.events) {
          if (e.action === 'extend' && h.apology)
            apologised.push({
              dossierId,
              code: h.row.code,
              apology: h.apology,
              extend: e,
              extendData: h.extendData ?? {},
            });
          else events.push({ ...e, dossier_id: dossierId });
        }
      }
      for (const rows of shapes(events)) await db.insertInto('dossier_event').values(rows).execute();
    }
    for (const rows of shapes(batch.counters))
      await db
        .insertInto('dossier_counter')
        .values(rows.map((c) => ({ center_id: centerId, day: c.day, last_seq: c.last_seq })))
        .execute();
    count += batch.dossiers.length;
  }
  apologised.sort((a, b) => a.apology.decided_at!.localeCompare(b.apology.decided_at!));
  const next = new Map<number, number>();
  for (const a of apologised) {
    const year = a.apology.number_year!;
    const number = (next.get(year) ?? 0) + 1;
    next.set(year, number);
    a.apology.number = number;
    a.extend.data = JSON.stringify({ ...a.extendData, number: `${String(number).padStart(2, '0')}/PXL` });
  }
  for (const part of shapes(apologised)) {
    await db
      .insertInto('apology')
      .values(part.map((a) => ({ ...a.apology, dossier_id: a.dossierId })))
      .execute();
    await db
      .insertInto('dossier_event')
      .values(part.map((a) => ({ ...a.extend, dossier_id: a.dossierId })))
      .execute();
    await db
      .insertInto('audit_log')
      .values(
        part.map((a) => ({
          center_id: centerId,
          actor_user_id: null,
          action: 'apology.draft',
          subject: a.code,
          detail: JSON.stringify({ reason: a.apology.reason, proposed: a.apology.proposed_due_at, auto: false }),
          at: a.apology.drafted_at,
        })),
      )
      .execute();
  }
  return count;
}

/** Generates and writes a centre's history through the catalogue and calendar it has now. */
export async function loadDossierHistory(deps: Deps, slug: string, o: HistoryOptions): Promise<number> {
  const center = await getCenter(deps, slug);
  const cal = await calendarOf(deps, center);
  const catalog = await catalogOf(deps, center);
  return insertHistory(
    deps.db,
    center.id,
    generateHistory(
      {
        center,
        sameDayWeekdays: settingsOf(center).sameDayWeekdays,
        cal,
        procedures: catalog.procedures,
        ids: catalog.ids,
      },
      o,
    ),
  );
}

/**
 * The demo officer's appointment: the procedure's own, or — for a procedure whose time limit has
 * no fixed amount (decision 020) — the 10 working days the officer enters at intake.
 */
function demoAppointment(cal: WorkCalendar, p: ProcedureData, at: Date, weekdays: readonly number[]) {
  const a = appointmentFor(cal, p, at, { weekdays });
  if (!hasFixedLimit(p.timeLimit))
    return { ...computeDeadline(cal, { receivedAt: at, amount: 10, unit: 'working_days' }), sameDay: false };
  return a;
}
