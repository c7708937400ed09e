/**
 * Demo catalogue review (issue 12): the demo centre's fees and time limits are recorded as checked
 * for the plan's same-day procedures ("Ngày thứ 3 không hẹn, ngày thứ 6 không chờ", the 12 flagged
 * sameDayEligible) and for the civil-status procedures whose values come from the domain brief's
 * procedure table (BRIEF §10.2). Every other procedure keeps the amber notice: its values are
 * truly unchecked. The record names the demo loader, not a person.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { getCenter } from '../centers/index.ts';
import { catalogOf } from './service.ts';
import { confirmProcedure } from './review-service.ts';

/** Procedures of BRIEF §10.2 whose time limit and fee the brief gives (beyond the same-day ones). */
export const BRIEF_CONFIRMED = ['1.001193', '1.000894', '1.000419', '2.002913', '3.000722'] as const;

export async function seedCatalogReviewDemo(deps: Deps, slug: string): Promise<number> {
  const cat = await catalogOf(deps, await getCenter(deps, slug));
  const codes = cat.procedures
    .filter((p) => p.sameDayEligible || (BRIEF_CONFIRMED as readonly string[]).includes(p.code))
    .map((p) => p.code);
  const actor = { ...SYSTEM_ACTOR, fullName: 'Dữ liệu mẫu' };
  for (const code of codes)
    await confirmProcedure(deps, actor, slug, code, 'Dữ liệu mẫu: bảng thủ tục của tài liệu nghiệp vụ (BRIEF §10.2)');
  return codes.length;
}
