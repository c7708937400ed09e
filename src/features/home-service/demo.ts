/**
 * Demo data of the home service (fictitious people): three register entries with their consent,
 * a request from the public form waiting to be scheduled, a visit done yesterday (card delivered,
 * confirmed by the citizen), and today's visits for the receiving officer — one returns the result
 * of a demo dossier that is ready, if there is one. Made through the real services with a moving clock.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { addDays, fromLocal, localDateOf } from '../../core/calendar/index.ts';
import { getCenter } from '../centers/index.ts';
import { dossiersInStatus } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import * as svc from './service.ts';

export async function seedHomeServiceDemo(deps: Deps, slug: string): Promise<void> {
  const center = await getCenter(deps, slug);
  const officerId = await repo.userIdByUsername(deps.db, center.id, 'tiepnhan');
  if (officerId === undefined) return;
  const today = localDateOf(deps.now());
  const p1 = await seedRegister(deps, slug, addDays(today, -30));
  await seedYesterday(deps, slug, officerId, addDays(today, -1), p1);
  await seedWaiting(deps, slug, today);
  await seedToday(deps, slug, center.id, officerId, today);
}

/** Three register entries with their consent; the first one's id. */
async function seedRegister(deps: Deps, slug: string, consent: string): Promise<number> {
  const A = SYSTEM_ACTOR;
  const p1 = await svc.createPerson(deps, A, slug, {
    fullName: 'Nguyễn Thị Lựu',
    birthYear: 1936,
    address: 'Thôn Phú Lộc, xã Cẩm Giàng',
    phone: '',
    categories: ['elderly', 'living_alone'],
    carerName: 'Trần Văn Hậu',
    carerRelation: 'Cháu nội',
    carerPhone: '0912 400 321',
    notes: 'Đi lại khó khăn, nghe kém: nói to, chậm.',
    consentDate: consent,
    consentMethod: 'written',
    consentGivenBy: 'Bà Nguyễn Thị Lựu (tự ký)',
  });
  await svc.createPerson(deps, A, slug, {
    fullName: 'Phạm Văn Đạt',
    birthYear: 1950,
    address: 'Thôn Đông Giao, xã Cẩm Giàng',
    phone: '0978 112 233',
    categories: ['war_invalid', 'meritorious'],
    carerName: 'Phạm Thị Hoa',
    carerRelation: 'Vợ',
    carerPhone: '0978 112 234',
    notes: 'Thương binh hạng 2/4.',
    consentDate: consent,
    consentMethod: 'verbal',
    consentGivenBy: 'Ông Phạm Văn Đạt',
  });
  await svc.createPerson(deps, A, slug, {
    fullName: 'Lê Minh Khôi',
    birthYear: 1988,
    address: 'Khu dân cư số 3, xã Cẩm Giàng',
    phone: '0905 778 990',
    categories: ['disabled'],
    carerName: 'Lê Thị Ngọc',
    carerRelation: 'Mẹ',
    carerPhone: '0905 778 991',
    notes: 'Khuyết tật vận động, dùng xe lăn.',
    consentDate: consent,
    consentMethod: 'relative',
    consentGivenBy: 'Bà Lê Thị Ngọc (mẹ, người giám hộ)',
  });
  return p1.id;
}

const at = (deps: Deps, date: string, hm: number): Deps => ({ ...deps, now: () => fromLocal(date, hm) });

/** Yesterday: a card delivered at home, confirmed by the citizen. */
async function seedYesterday(deps: Deps, slug: string, officerId: number, yesterday: string, personId: number) {
  const A = SYSTEM_ACTOR;
  const y = at(deps, yesterday, 8 * 60);
  const r1 = await svc.createRequest(y, A, slug, {
    carePersonId: personId,
    needs: ['deliver_card'],
    notes: 'Cháu gọi điện báo.',
  });
  const v1 = await svc.scheduleVisit(y, A, slug, r1.id, {
    officerId,
    date: yesterday,
    time: '15:00',
    tasks: ['deliver_card'],
  });
  await svc.recordVisit(at(deps, yesterday, 16 * 60), A, slug, v1.id, {
    outcome: 'done',
    time: '15:10',
    confirmKind: 'typed',
    confirmName: 'Nguyễn Thị Lựu',
    confirmed: true,
    cardDelivered: true,
    notes: 'Đã trao thẻ BHYT năm 2027.',
  });
}

/** From the public form, waiting to be scheduled. */
async function seedWaiting(deps: Deps, slug: string, today: string) {
  await svc.submitPublicRequest(deps, slug, {
    personName: 'Đỗ Văn Tình',
    relationship: 'child',
    requesterName: 'Đỗ Thị Mai',
    phone: '0934 556 677',
    address: 'Thôn Hoàng Xá, xã Cẩm Giàng',
    needs: ['take_dossier'],
    needsOther: '',
    preferredDate: addDays(today, 1),
    preferredSlot: 'morning',
    consent: 'yes',
  });
}

/** Today, for the receiving officer: return a ready result at home when the demo has one (the longest ready). */
async function seedToday(deps: Deps, slug: string, centerId: number, officerId: number, today: string) {
  const A = SYSTEM_ACTOR;
  const ready = (await dossiersInStatus(deps, centerId, [9], 500)).sort((a, b) =>
    (a.processed_at ?? '').localeCompare(b.processed_at ?? ''),
  )[0];
  const t = deps;
  if (ready) {
    const r2 = await svc.createRequest(t, A, slug, {
      dossierCode: ready.code,
      needs: ['return_result'],
      address: 'Thôn Đông Giao, xã Cẩm Giàng',
      notes: 'Người nộp ốm, nhờ trả kết quả tại nhà.',
    });
    await svc.scheduleVisit(t, A, slug, r2.id, {
      officerId,
      date: today,
      time: '09:00',
      tasks: ['return_result'],
      dossierCode: ready.code,
    });
  }
  const r3 = await svc.createRequest(t, A, slug, {
    personName: 'Phạm Văn Đạt',
    phone: '0978 112 234',
    relationship: 'spouse',
    requesterName: 'Phạm Thị Hoa',
    address: 'Thôn Đông Giao, xã Cẩm Giàng',
    needs: ['deliver_card', 'take_dossier'],
  });
  await svc.scheduleVisit(t, A, slug, r3.id, {
    officerId,
    date: today,
    time: '14:30',
    tasks: ['deliver_card', 'take_dossier'],
  });
}
