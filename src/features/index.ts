/** Registers every feature's routes. One line per capability. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../core/deps.ts';
import { registerCalendarRoutes } from './calendar/routes.ts';
import { registerConsoleRoutes } from './console/routes.ts';
import { registerCenterRoutes } from './centers/routes.ts';
import { registerSettingsRoutes } from './centers/settings-routes.ts';
import { registerDossierFormRoutes } from './dossiers/form-routes.ts';
import { registerCatalogConsoleRoutes } from './catalog/console-routes.ts';
import { registerCatalogPublicRoutes } from './catalog/public-routes.ts';
import { registerDirectoryRoutes } from './directory/routes.ts';
import { registerCommitmentsRoutes } from './commitments/routes.ts';
import { registerBoardRoutes } from './boards/routes.ts';
import { registerDossierRoutes } from './dossiers/routes.ts';
import { registerResultsBoardRoutes } from './dossiers/board-routes.ts';
import { registerDeskPages } from './dossiers/console-routes.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerAttachmentRoutes } from './dossiers/attachment-routes.ts';
import { registerDvcqgRoutes } from './dossiers/dvcqg-routes.ts';

export async function registerFeatures(app: FastifyInstance, deps: Deps): Promise<void> {
  registerCalendarRoutes(app, deps);
  registerConsoleRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerCatalogConsoleRoutes(app, deps);
  registerCatalogPublicRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerCommitmentsRoutes(app, deps);
  registerBoardRoutes(app, deps);
  registerDossierRoutes(app, deps);
  registerResultsBoardRoutes(app, deps);
  registerDeskPages(app, deps);
  registerDossierFormRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerDvcqgRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  // Last: owns the catch-all public paths /<centre-slug>.
  registerCenterRoutes(app, deps);
}
