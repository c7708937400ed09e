/**
 * Demo survey responses for the demo centre: one per stage on most demo dossiers (made through the
 * real service with a moving clock), mostly satisfied, a few not (which open follow-up tasks), and
 * a few counter-tablet ratings of queue tickets.
 */
import { latestDossiers } from '../dossiers/index.ts';
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { fromLocal, toLocal } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { criteriaOf, listFollowups, saveCriteria, submitResponse, updateFollowup } from './service.ts';
import type { Criterion, Overall } from './model.ts';
import type { Center } from '../../core/db/schema.ts';
import { seededRandom } from '../../core/random.ts';

const rng = seededRandom;

const COMMENTS_OK = [
  'Cán bộ hướng dẫn tận tình, chu đáo.',
  'Thủ tục nhanh gọn, đúng hẹn.',
  'Rất hài lòng với thái độ phục vụ.',
  '',
];
const COMMENTS_BAD = ['Phải chờ lâu dù đã đến sớm.', 'Hướng dẫn chưa rõ, phải đi lại hai lần.'];

/** The seeded random source, a clock the ratings are stamped with, and the rating generators. */
interface DemoKit {
  r: () => number;
  dd: Deps;
  realNow: Date;
  setClock: (d: Date) => void;
  rating: () => Overall;
  scoresFor: (o: Overall) => Record<string, string>;
}

function demoKit(deps: Deps, criteria: Criterion[]): DemoKit {
  const r = rng(6_2026);
  const realNow = deps.now();
  let clock = realNow;
  const dd: Deps = { ...deps, now: () => clock };
  const rating = (): Overall => {
    const x = r();
    return x < 0.55 ? 'very_satisfied' : x < 0.93 ? 'satisfied' : 'dissatisfied';
  };
  const scoresFor = (o: Overall) => {
    const s: Record<string, string> = {};
    for (const c of criteria)
      if (r() < 0.6)
        s[c.code] =
          o === 'dissatisfied'
            ? r() < 0.6
              ? 'dissatisfied'
              : 'satisfied'
            : r() < 0.6
              ? 'very_satisfied'
              : 'satisfied';
    return s;
  };
  return { r, dd, realNow, setClock: (d) => (clock = d), rating, scoresFor };
}

/** Ratings of the centre's dossiers at receipt (QR, web) and at the return of the result (link, QR). */
async function seedDossierRatings(deps: Deps, k: DemoKit, slug: string, centerId: number): Promise<number> {
  const { r, dd, realNow, rating, scoresFor } = k;
  let n = 0;
  for (const d of await latestDossiers(deps, centerId, 1000)) {
    if (d.status === 1 || d.status === 3 || r() < 0.75) continue;
    const receiptAt = new Date(new Date(d.received_at).getTime() + 10 * 60_000);
    if (receiptAt.getTime() < realNow.getTime()) {
      k.setClock(receiptAt);
      const o = rating();
      await submitResponse(dd, slug, {
        code: d.code,
        secret: d.lookup_secret,
        stage: 'receipt',
        channel: r() < 0.7 ? 'qr' : 'web',
        device: r() < 0.85 ? 'phone' : 'desktop',
        overall: o,
        scores: scoresFor(o),
        comment: o === 'dissatisfied' ? COMMENTS_BAD[n % 2] : COMMENTS_OK[n % 4],
      });
      n++;
    }
    if (d.status === 10 && d.returned_at && r() < 0.6) {
      const at = new Date(new Date(d.returned_at).getTime() + 5 * 60_000);
      if (at.getTime() < realNow.getTime()) {
        k.setClock(at);
        const o = rating();
        await submitResponse(dd, slug, {
          code: d.code,
          secret: d.lookup_secret,
          stage: 'result',
          channel: r() < 0.5 ? 'link' : 'qr',
          device: 'phone',
          overall: o,
          scores: scoresFor(o),
          comment: o === 'dissatisfied' ? COMMENTS_BAD[n % 2] : '',
        });
        n++;
      }
    }
  }
  return n;
}

/** Counter-tablet ratings of queue tickets over the last ten working days. */
async function seedTabletRatings(deps: Deps, k: DemoKit, slug: string, center: Center): Promise<number> {
  const cal = await calendarOf(deps, center);
  const counters = ['Quầy 1 – Tiếp nhận, trả kết quả', 'Quầy 2 – Tư pháp, Hộ tịch, Chứng thực'];
  let day = toLocal(k.realNow).date;
  for (let i = 1; i <= 10; i++) {
    day = cal.previousWorkingDay(day);
    k.setClock(fromLocal(day, 8 * 60 + Math.floor(k.r() * 8 * 60)));
    const o = k.rating();
    await submitResponse(k.dd, slug, {
      ticket: `A${String(i).padStart(3, '0')}`,
      stage: 'receipt',
      channel: 'tablet',
      device: 'tablet',
      overall: o,
      scores: k.scoresFor(o),
      counter: counters[i % 2],
      trusted: true,
    });
  }
  return 10;
}

export async function seedSurveysDemo(deps: Deps, slug: string): Promise<number> {
  const center = await getCenter(deps, slug);
  await saveCriteria(deps, SYSTEM_ACTOR, slug, {
    criteria: (await criteriaOf(deps, center.id)).map((c) => ({ ...c })),
    lowThresholdPct: 50,
  });
  const kit = demoKit(
    deps,
    (await criteriaOf(deps, center.id)).filter((c) => c.active),
  );
  let n = await seedDossierRatings(deps, kit, slug, center.id);
  n += await seedTabletRatings(deps, kit, slug, center);
  // The director has already dealt with the older low ratings; the last week's are still open.
  const weekAgo = new Date(kit.realNow.getTime() - 7 * 86_400_000).toISOString();
  for (const f of await listFollowups(deps, SYSTEM_ACTOR, slug)) {
    if (f.createdAt < weekAgo)
      await updateFollowup(deps, SYSTEM_ACTOR, slug, f.id, {
        action: 'resolve',
        note: 'Đã trao đổi với công chức tại cuộc họp giao ban; gọi điện xin lỗi người dân.',
      });
  }
  return n;
}
