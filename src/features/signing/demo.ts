/**
 * The demo centre's seal and its director's signature image (data/demo/signing/, made by
 * scripts/make-demo-signing-images.ts). No signer is configured by the demo: see docs/signing.md
 * for the SoftHSM test token (`node bin/run.mjs scripts/signing-demo-token.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../core/deps.ts';
import { ROOT } from '../../core/paths.ts';
import { findUserByUsername } from '../../core/auth/repo.ts';
import { getCenter } from '../centers/index.ts';
import { seedImage } from './service.ts';

export async function seedSigningDemo(deps: Deps, slug: string): Promise<void> {
  const center = await getCenter(deps, slug);
  const dir = join(ROOT, 'data', 'demo', 'signing');
  await seedImage(deps, center.id, 'seal', 0, readFileSync(join(dir, 'seal.png')), 40);
  const director = await findUserByUsername(deps.db, 'giamdoc');
  if (director)
    await seedImage(deps, center.id, 'signature', director.id, readFileSync(join(dir, 'signature-director.png')), 50);
}
