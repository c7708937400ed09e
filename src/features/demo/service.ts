/**
 * Loads the demo centre (data/demo/cam-giang.json) with one staff account per role, its
 * procedure catalogue (data/catalog/cam-giang.json) and staff directory, all in one transaction. Used by `npm start` on a new database and by `motcua demo`.
 */
import demo from '../../../data/demo/cam-giang.json' with { type: 'json' };
import demoCatalog from '../../../data/catalog/cam-giang.json' with { type: 'json' };
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { hasAuditAction, insertAudit } from '../../core/auth/repo.ts';
import { createUser } from '../../core/auth/service.ts';
import { createCenter, countCenters, findCenter } from '../centers/index.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { loadInitialCatalog } from '../catalog/index.ts';
import { readCatalogFile } from '../catalog/index.ts';
import { seedCatalogReviewDemo } from '../catalog/index.ts';
import { saveContact } from '../directory/index.ts';
import { loadDemoDossiers } from './dossiers.ts';
// The living desk's dossiers go through intake/act: their letters, messages and sync rows come from the subscribers.
import '../subscribers.ts';
import { seedSurveysDemo } from '../surveys/index.ts';
import { seedFeedbackDemo } from '../feedback/index.ts';
import { seedPlanDemo } from '../plan/index.ts';
import { seedQueueDemo } from '../queue/index.ts';
import { seedHomeServiceDemo } from '../home-service/index.ts';
import { seedLetterDemo } from '../letters/index.ts';
import { seedVolunteersDemo } from '../volunteers/index.ts';
import { seedSigningDemo } from '../signing/index.ts';

export const DEMO_SLUG = demo.center.slug;
export const DEMO_PASSWORD = demo.password;
export const DEMO_USERS = demo.staff.map((s) => ({ username: s.username, roles: s.roles }));

export interface DemoResult {
  loaded: boolean;
  reason?: 'exists';
}

export async function loadDemo(deps: Deps): Promise<DemoResult> {
  if (await findCenter(deps, DEMO_SLUG)) return { loaded: false, reason: 'exists' };
  await inTransaction(deps.db, async (tx) => {
    const d: Deps = { ...deps, db: tx };
    const centerId = await createCenter(d, demo.center);
    for (const s of demo.staff) {
      await createUser(d, {
        centerId,
        username: s.username,
        fullName: s.fullName,
        title: s.title,
        roles: s.roles,
        password: demo.password,
      });
    }
    const { procedures } = readCatalogFile('cam-giang.json', JSON.stringify(demoCatalog));
    await loadInitialCatalog(d, SYSTEM_ACTOR, DEMO_SLUG, 'Danh mục mẫu (data/catalog/cam-giang.json)', procedures);
    await seedCatalogReviewDemo(d, DEMO_SLUG);
    for (const c of demo.contacts) await saveContact(d, SYSTEM_ACTOR, DEMO_SLUG, null, { ...c, isPublic: true });
    // The demo's past dossiers send no messages to their fictitious applicants, nor to the portal
    // (they were never synchronised: indicator 1.4 counts only what is sent from now on).
    await loadDemoDossiers(
      {
        ...d,
        config: {
          ...d.config,
          notify: { ...d.config.notify, fileDir: null, smtpUrl: null, smsWebhookUrl: null, zaloWebhookUrl: null },
          sync: { ...d.config.sync, url: null },
        },
      },
      DEMO_SLUG,
    );
    await seedQueueDemo(d, DEMO_SLUG);
    await seedSurveysDemo(d, DEMO_SLUG);
    await seedFeedbackDemo(d, DEMO_SLUG);
    await seedLetterDemo(d, DEMO_SLUG);
    await seedVolunteersDemo(d, DEMO_SLUG);
    await seedHomeServiceDemo(d, DEMO_SLUG);
    await seedPlanDemo(d, DEMO_SLUG);
    await seedSigningDemo(d, DEMO_SLUG);
    await insertAudit(tx, {
      center_id: centerId,
      actor_user_id: null,
      action: 'demo.load',
      subject: DEMO_SLUG,
      detail: null,
      at: deps.now().toISOString(),
    });
  });
  return { loaded: true };
}

/** True when the database holds no centre yet (a new installation). */
export async function isNewDatabase(deps: Deps): Promise<boolean> {
  return (await countCenters(deps)) === 0;
}

/** The login-page hint, shown only while the demo centre's accounts exist. */
export async function demoHint(deps: Deps): Promise<string | null> {
  return (await hasAuditAction(deps.db, 'demo.load'))
    ? `Dữ liệu mẫu / Demo: ${DEMO_USERS.map((u) => u.username).join(', ')} — mật khẩu / password: ${DEMO_PASSWORD}`
    : null;
}
