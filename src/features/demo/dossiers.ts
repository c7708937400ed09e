/**
 * A living desk for the demo centre: about three weeks of realistic dossiers in every state
 * (returned early and late, processing, waiting for a supplement, twice supplemented, apologised
 * and re-appointed, due today, overdue, refused, withdrawn), made through the real service
 * functions with a moving clock, so every event and judgement is genuine. Deterministic: a seeded
 * generator, dates relative to the day the demo is loaded. Applicants are fictitious.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { fromLocal, toLocal, type LocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/service.ts';
import { calendarOf } from '../calendar/service.ts';
import { catalogOf } from '../catalog/service.ts';
import { act, intake } from '../dossiers/service.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hằng', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const VILLAGES = ['Thôn Cẩm Khê', 'Thôn Phú Lộc', 'Thôn Đông Giao', 'Thôn Tràng Kênh', 'Khu dân cư số 3', 'Thôn Hoàng Xá'];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const staff = (fullName: string): Actor => ({ ...SYSTEM_ACTOR, fullName });
const RECEIVER = staff('Lê Thị Thu Hương');
const SPECIALIST = staff('Phạm Minh Đức');
const DIRECTOR = staff('Nguyễn Thị Hà');

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

  let clock = new Date(realNow);
  const dd: Deps = { ...deps, now: () => clock };
  const at = (date: LocalDate, minute: number) => fromLocal(date, minute);
  const later = (t: Date, minutes: number) => {
    const n = new Date(t.getTime() + minutes * 60_000);
    return n.getTime() > realNow.getTime() ? null : n;
  };
  let count = 0;

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
      const channel = r() < 0.15 ? 'online' : r() < 0.05 ? 'home' : 'direct';
      const dossier = await intake(dd, RECEIVER, slug, {
        procedureCode: p.code,
        applicant: { fullName, idNumber: id, phone, address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng` },
        channel,
        vneidVerified: channel === 'online',
        components: p.components.map((c) => ({ name: c.name, originals: c.originals, copies: c.copies, digitised: r() < 0.7, reused: r() < 0.3 })),
        receivedAt: receivedAt.toISOString(),
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
        if ((await step(SPECIALIST, 'handoff', 5, { to: 'Công chức Tư pháp – Hộ tịch' })) && (await step(SPECIALIST, 'mark_processed', 90, { result: 'Đã ký, đóng dấu' }))) await step(RECEIVER, 'return_result', 20, { method: 'desk' });
        continue;
      }
      if (!(await step(RECEIVER, 'handoff', 20, { to: p.field === 'Hộ tịch' || p.field === 'Chứng thực' ? 'Công chức Tư pháp – Hộ tịch' : 'Công chức chuyên môn phụ trách' }))) continue;
      if (age >= 6 && roll < 0.15) {
        // A supplement asked and provided, then done.
        await step(SPECIALIST, 'request_supplement', 60 * 4, { reason: 'Thiếu bản sao giấy tờ chứng minh nơi cư trú', components: ['Bản sao giấy tờ chứng minh nơi cư trú'] });
        await step(RECEIVER, 'complete_supplement', 60 * 24 * 2, { note: 'Công dân đã nộp bổ sung' });
      }
      if (age >= 3 && roll < 0.2 && roll >= 0.17) {
        // Twice supplemented: counts as late.
        await step(SPECIALIST, 'request_supplement', 60, { reason: 'Thiếu tờ khai có chữ ký' });
        await step(RECEIVER, 'complete_supplement', 60 * 5, {});
        await step(SPECIALIST, 'request_supplement', 60, { reason: 'Thông tin trên tờ khai chưa khớp với CSDL dân cư' });
        continue;
      }
      if (roll >= 0.2 && roll < 0.27 && due.getTime() > clock.getTime()) {
        // Waiting for the citizen's supplement right now.
        await step(SPECIALIST, 'request_supplement', 60 * 2, { reason: 'Cần bổ sung bản chính để đối chiếu' });
        continue;
      }
      if (roll >= 0.27 && roll < 0.33 && due.getTime() - clock.getTime() > 3_600_000) {
        // Will be late: the director approves an apology and a new appointment.
        const newDue = new Date(due.getTime() + 2 * 86_400_000);
        clock = new Date(Math.min(due.getTime() - 3_600_000, realNow.getTime()));
        await act(dd, DIRECTOR, code, 'extend', { reason: 'Cần xác minh thông tin với cơ quan khác', newDueAt: newDue.toISOString() });
        continue;
      }
      // The common path: processed somewhere before (mostly) or after (sometimes) the appointment.
      const lateOne = r() < 0.08;
      const processAt = lateOne ? new Date(due.getTime() + 2 * 3_600_000) : new Date(Math.max(clock.getTime() + 3_600_000, due.getTime() - (1 + Math.floor(r() * 20)) * 3_600_000));
      if (processAt.getTime() > realNow.getTime() || age < 1) continue; // still processing
      clock = processAt;
      await act(dd, SPECIALIST, code, 'mark_processed', { result: 'Đã có kết quả', electronicResult: r() < 0.5 });
      if (r() < 0.85) await step(RECEIVER, 'return_result', 60 * (2 + Math.floor(r() * 30)), { method: channel === 'online' ? 'online' : 'desk' });
    }
  }

  // A few states the random days may not produce, made explicitly.
  const yesterday = dates.length > 1 ? dates[dates.length - 2]! : dates[0]!;
  const special = async (minute: number, onlineSubmission: boolean) => {
    clock = at(yesterday, minute);
    const p = pick(common);
    const dossier = await intake(dd, RECEIVER, slug, {
      procedureCode: p.code,
      applicant: { fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`, phone: `09${Math.floor(10_000_000 + r() * 89_999_999)}`, address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng` },
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
  await act(dd, SPECIALIST, twice, 'request_supplement', { reason: 'Thông tin trên tờ khai chưa khớp với CSDL dân cư' });
  const oneDay = catalog.procedures.find((p) => p.timeLimit.unit === 'working_days' && p.timeLimit.amount === 1 && !p.sameDayEligible);
  if (oneDay) {
    clock = at(yesterday, 15 * 60 + 30);
    const due = await intake(dd, RECEIVER, slug, {
      procedureCode: oneDay.code,
      applicant: { fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`, address: `${pick(VILLAGES)}, xã Cẩm Giàng, thành phố Hải Phòng` },
      receivedAt: clock.toISOString(),
    });
    count++;
    clock = at(yesterday, 16 * 60);
    await act(dd, RECEIVER, due.code, 'handoff', { to: 'Công chức chuyên môn phụ trách' });
  }
  clock = realNow;
  return count;
}
