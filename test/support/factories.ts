/** Factories: the smallest valid object graph for a test, with unique names. */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../src/core/deps.ts';
import { createCenter } from '../../src/features/centers/service.ts';
import { createApiToken, createUser } from '../../src/core/auth/service.ts';
import type { Role } from '../../src/core/auth/roles.ts';

const uid = () => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

export async function makeCenter(deps: Deps, over: Partial<Parameters<typeof createCenter>[1]> = {}) {
  const slug = over.slug ?? `xa-${uid()}`;
  const id = await createCenter(deps, {
    slug,
    name: `Trung tâm Phục vụ hành chính công xã ${slug}`,
    shortName: `Trung tâm ${slug}`,
    parentBody: `UBND xã ${slug}`,
    province: 'Thành phố Hải Phòng',
    agencyCode: `H26.${uid()}`,
    address: 'Xã thử nghiệm',
    sameDayWeekdays: [2, 5],
    ...over,
  });
  return { id, slug };
}

export async function makeUser(
  deps: Deps,
  centerId: number,
  roles: Role[],
  over: { username?: string; fullName?: string } = {},
) {
  const username = over.username ?? `u${uid()}`;
  const id = await createUser(deps, {
    centerId,
    username,
    fullName: over.fullName ?? 'Nguyễn Văn Thử',
    roles,
    password: TEST_PASSWORD,
  });
  return { id, username, password: TEST_PASSWORD };
}

export async function makeToken(deps: Deps, username: string) {
  return (await createApiToken(deps, username, 'test')).token;
}
