/**
 * Demo volunteers for the demo centre: Youth Union and Women's Union members (one linked to the
 * demo account `tinhnguyen`), a roster for this week and next, and three weeks of check-ins and
 * assistance logs made through the real service with a moving clock. Deterministic.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { addDays, fromLocal, parseHm, toLocal, weekday, type LocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import * as svc from './service.ts';
import { mondayOf, type Kind } from './model.ts';
import { seededRandom } from '../../core/random.ts';

const PEOPLE = [
  {
    fullName: 'Đỗ Quang Huy',
    organisation: 'youth_union',
    organisationName: 'Chi đoàn thôn Phú Lộc',
    phone: '0912 345 601',
    username: 'tinhnguyen',
  },
  {
    fullName: 'Nguyễn Thu Trang',
    organisation: 'youth_union',
    organisationName: 'Chi đoàn thôn Cẩm Khê',
    phone: '0912 345 602',
  },
  {
    fullName: 'Phạm Thị Hồng',
    organisation: 'women_union',
    organisationName: 'Chi hội Phụ nữ thôn Đông Giao',
    phone: '0912 345 603',
  },
  { fullName: 'Lê Thị Mai', organisation: 'women_union', organisationName: null, phone: '0912 345 604' },
] as const;

const rng = seededRandom;

export async function seedVolunteersDemo(deps: Deps, slug: string): Promise<void> {
  const center = await getCenter(deps, slug);
  const cal = await calendarOf(deps, center);
  const ids: number[] = [];
  for (const p of PEOPLE) ids.push((await svc.createVolunteer(deps, SYSTEM_ACTOR, slug, { ...p })).id);

  // Roster: this week and next, working days; mornings and afternoons in turn.
  const today = toLocal(deps.now()).date;
  const monday = mondayOf(today, weekday, addDays);
  for (let i = 0; i < 14; i++) {
    const date = addDays(monday, i);
    if (!cal.isWorkingDay(date)) continue;
    await svc.addShift(deps, SYSTEM_ACTOR, slug, { volunteerId: ids[i % ids.length], date, session: 'morning' });
    await svc.addShift(deps, SYSTEM_ACTOR, slug, {
      volunteerId: ids[(i + 1) % ids.length],
      date,
      session: 'afternoon',
    });
  }

  // Three past weeks: on two or three working days a week a volunteer served and logged help.
  const r = rng(20261126);
  const kinds: Kind[] = [
    'guide',
    'guide',
    'online_submission',
    'vneid',
    'form_filling',
    'online_submission',
    'vneid',
    'other',
  ];
  let clock = deps.now();
  const dd: Deps = { ...deps, now: () => clock };
  for (let back = 21; back >= 1; back--) {
    const date: LocalDate = addDays(today, -back);
    if (!cal.isWorkingDay(date) || r() < 0.45) continue;
    const vid = ids[Math.floor(r() * ids.length)]!;
    const morning = r() < 0.6;
    const start = parseHm(morning ? '07:40' : '13:35');
    clock = fromLocal(date, start);
    await svc.checkIn(dd, SYSTEM_ACTOR, slug, vid);
    const n = 3 + Math.floor(r() * 6);
    for (let k = 0; k < n; k++) {
      clock = fromLocal(date, start + 15 + k * 25);
      await svc.logAssist(dd, SYSTEM_ACTOR, slug, {
        volunteerId: vid,
        kind: kinds[Math.floor(r() * kinds.length)],
        count: r() < 0.8 ? 1 : 2,
      });
    }
    clock = fromLocal(date, start + 210);
    await svc.checkOut(dd, SYSTEM_ACTOR, slug, vid);
  }
}
