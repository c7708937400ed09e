/** Registers every feature's routes. One line per capability. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../core/deps.ts';
import { registerCalendarRoutes } from './calendar/routes.ts';
import { registerConsoleRoutes } from './console/routes.ts';
import { registerCenterRoutes } from './centers/routes.ts';
import { registerSettingsRoutes } from './centers/settings-routes.ts';
import { registerProvinceRoutes } from './centers/province-routes.ts';
import { registerDossierFormRoutes } from './dossiers/forms/form-routes.ts';
import { registerDeclarationRoutes } from './dossiers/forms/declaration-routes.ts';
import { registerCatalogConsoleRoutes } from './catalog/console-routes.ts';
import { registerCatalogPublicRoutes } from './catalog/public-routes.ts';
import { registerDirectoryRoutes } from './directory/routes.ts';
import { registerCommitmentsRoutes } from './commitments/routes.ts';
import { registerBoardRoutes } from './boards/routes.ts';
import { registerDossierRoutes } from './dossiers/routes.ts';
import { registerResultsBoardRoutes } from './dossiers/workflow/board-routes.ts';
import { registerDeskPages } from './dossiers/console-routes.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerAttachmentRoutes } from './dossiers/attachments/attachment-routes.ts';
import { registerDvcqgRoutes } from './dossiers/dvcqg/dvcqg-routes.ts';
import { registerHomeServiceRoutes } from './home-service/routes.ts';
import { registerVolunteerApi } from './volunteers/routes.ts';
import { registerVolunteerConsole } from './volunteers/console-routes.ts';
import { registerLetterRoutes } from './letters/routes.ts';
import { registerQueueRoutes } from './queue/routes.ts';
import { registerPlanRoutes } from './plan/routes.ts';
import { registerRegisterRoutes } from './register/routes.ts';
import { registerFacilityRoutes } from './facilities/routes.ts';
import { registerSurveyRoutes } from './surveys/routes.ts';
import { registerFeedbackRoutes } from './feedback/routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { registerSyncRoutes } from './sync/index.ts';
// The desk's subscribers (events in its transaction, page panels, citizen links): decision 042.
// Wired at load, so the services work the same from the HTTP app, the CLI, jobs and tests.
import { wireDossierSubscribers } from './subscribers.ts';
export { wireDossierSubscribers };
import { registerSigningRoutes } from './signing/routes.ts';
import { registerSignables } from './signables.ts';
import { registerCertificationRoutes } from './certification/routes.ts';

export async function registerFeatures(app: FastifyInstance, deps: Deps): Promise<void> {
  registerCalendarRoutes(app, deps);
  registerConsoleRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerProvinceRoutes(app, deps);
  registerCatalogConsoleRoutes(app, deps);
  registerCatalogPublicRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerCommitmentsRoutes(app, deps);
  registerBoardRoutes(app, deps);
  registerDossierRoutes(app, deps);
  registerResultsBoardRoutes(app, deps);
  registerDeskPages(app, deps);
  registerDossierFormRoutes(app, deps);
  registerDeclarationRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerDvcqgRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  registerHomeServiceRoutes(app, deps);
  registerVolunteerApi(app, deps);
  registerVolunteerConsole(app, deps);
  registerLetterRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerRegisterRoutes(app, deps);
  registerFacilityRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerSyncRoutes(app, deps);
  // Digital signatures (issue 14): the documents the signing room can render (in the task pool), then its routes.
  registerSignables();
  registerSigningRoutes(app, deps);
  registerCertificationRoutes(app, deps);
  // Last: owns the catch-all public paths /<centre-slug>.
  registerCenterRoutes(app, deps);
}
