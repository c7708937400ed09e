/**
 * Queue demo for a centre: the default service groups from its catalogue, three counters (two
 * with an officer seated), and about four weeks of ticket history with realistic waits and
 * service times (busier on the same-day weekdays), so the figures page has something to show.
 * Deterministic (seeded); times relative to the day the demo is loaded; no personal data.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { findUserByUsername } from '../../core/auth/repo.ts';
import { fromLocal, toLocal, weekday, type LocalDate } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import * as repo from './repo.ts';
import { createDefaultGroups, saveCounter, saveTarget, type CounterView, type GroupView } from './service.ts';
import { PRIORITY_REASONS, publicCode, ticketCode } from './model.ts';
import { seededRandom } from '../../core/random.ts';

const rng = seededRandom;

/** Three counters: 1 serves A and B, 2 serves B and the next two groups, 3 the rest (no officer). */
async function demoCounters(deps: Deps, slug: string, groups: GroupView[]): Promise<CounterView[]> {
  const user = async (u: string) => (await findUserByUsername(deps.db, u))?.id ?? null;
  const [a, b, ...rest] = groups;
  return [
    await saveCounter(deps, SYSTEM_ACTOR, slug, null, {
      number: 1,
      name: 'Quầy 1',
      groupIds: [a!.id, b!.id],
      staffUserId: await user('tiepnhan'),
    }),
    await saveCounter(deps, SYSTEM_ACTOR, slug, null, {
      number: 2,
      name: 'Quầy 2',
      groupIds: [b!.id, ...rest.slice(0, 2).map((g) => g.id)],
      staffUserId: await user('tuphap'),
    }),
    await saveCounter(deps, SYSTEM_ACTOR, slug, null, {
      number: 3,
      name: 'Quầy 3',
      groupIds: rest.map((g) => g.id),
      staffUserId: null,
    }),
  ];
}

interface DemoDay {
  centerId: number;
  groups: GroupView[];
  counters: CounterView[];
  sameDay: number[];
  r: () => number;
  pickGroup: () => GroupView;
}

const SERVICE_MINUTES = [6, 4, 9, 12, 10, 8];

/** One working day of served and skipped tickets; `first` numbers the public codes. */
async function seedDay(deps: Deps, x: DemoDay, date: LocalDate, first: number): Promise<number> {
  const { r, counters, groups } = x;
  const busy = x.sameDay.includes(weekday(date));
  // Same-day weekdays draw more people; most come early in each session.
  const people = (busy ? 62 : 36) + Math.floor(r() * 14);
  const arrivals = Array.from({ length: people }, () => {
    const morning = r() < 0.65;
    return morning ? 7 * 60 + 30 + Math.floor(r() ** 1.7 * 225) : 13 * 60 + 30 + Math.floor(r() ** 1.5 * 190);
  }).sort((p, q) => p - q);
  const free = new Map(counters.map((c) => [c.id, 0]));
  let count = first;
  for (const minute of arrivals) {
    const g = x.pickGroup();
    const seq = await repo.nextSeq(deps.db, x.centerId, g.id, date);
    const code = ticketCode(g.letter, seq);
    const issued = fromLocal(date, minute);
    const priority = r() < 0.08 ? PRIORITY_REASONS[Math.floor(r() * 3)]! : null;
    // The counter of the group that gets free first serves the ticket.
    const serving = counters.filter((c) => c.groupIds.includes(g.id));
    const c = serving.sort((p, q) => free.get(p.id)! - free.get(q.id)!)[0]!;
    const start = Math.max(minute + 1, free.get(c.id)!) + (priority ? 0 : Math.floor(r() * 3));
    const noShow = r() < 0.04;
    const service = noShow ? 1 : Math.max(2, Math.round((SERVICE_MINUTES[groups.indexOf(g)] ?? 8) * (0.6 + r() * 0.8)));
    free.set(c.id, start + service);
    const called = fromLocal(date, Math.min(start, 1439));
    const finished = fromLocal(date, Math.min(start + service, 1439));
    await repo.insertTicket(deps.db, {
      center_id: x.centerId,
      group_id: g.id,
      issued_group_id: g.id,
      day: date,
      seq,
      code,
      public_code: publicCode(code, date, `D${String(count % 1000).padStart(3, '0')}`),
      priority: priority ? 1 : 0,
      priority_reason: priority,
      status: noShow ? 'skipped' : 'served',
      issued_at: issued.toISOString(),
      queued_at: issued.toISOString(),
      target_counter_id: null,
      counter_id: c.id,
      called_by: c.staffUserId,
      first_called_at: called.toISOString(),
      called_at: called.toISOString(),
      call_count: noShow ? 2 : 1,
      finished_at: finished.toISOString(),
      dossier_id: null,
      dossier_code: null,
      version: 1,
    });
    count++;
  }
  return count - first;
}

export async function seedQueueDemo(deps: Deps, slug: string, days = 20): Promise<number> {
  const center = await getCenter(deps, slug);
  const groups = await createDefaultGroups(deps, SYSTEM_ACTOR, slug);
  await saveTarget(deps, SYSTEM_ACTOR, slug, { targetWaitMinutes: 15 });
  const counters = await demoCounters(deps, slug, groups);
  const cal = await calendarOf(deps, center);
  const r = rng(20261106);
  const dates: LocalDate[] = [];
  let d = toLocal(deps.now()).date;
  while (dates.length < days) {
    d = cal.previousWorkingDay(d);
    dates.unshift(d);
  }
  // Busier groups get more people: weights follow the catalogue order (A busiest).
  const weights = groups.map((_, i) => 1 / (i + 1));
  const wsum = weights.reduce((p, q) => p + q, 0);
  const pickGroup = () => {
    let x = r() * wsum;
    for (let i = 0; i < groups.length; i++) if ((x -= weights[i]!) <= 0) return groups[i]!;
    return groups[groups.length - 1]!;
  };
  const day: DemoDay = {
    centerId: center.id,
    groups,
    counters,
    sameDay: settingsOf(center).sameDayWeekdays,
    r,
    pickGroup,
  };
  let count = 0;
  for (const date of dates) count += await seedDay(deps, day, date, count);
  return count;
}
