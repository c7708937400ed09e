/**
 * What the catalogue's console pages show, each from one function: the route parses and
 * authorises, calls one of these, renders. Rules live in model.ts, reads in service.ts.
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { can, type Actor } from '../../core/auth/access.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { catalogMessages } from './messages.ts';
import * as svc from './service.ts';
import { confirmationsOf, guidanceTable } from './review-service.ts';
import type { CatalogConsoleView, ImportReviewView, ProcedureEditView } from './pages/console.tsx';
import { procedureToForm, type ProcedureForm } from './form.ts';

/** The list page: fields and their procedures, drafts, confirmations; `ok`/`ma` say what was just done. */
export async function catalogConsoleModel(
  deps: Deps,
  actor: Actor,
  center: Center,
  lang: Lang,
  query: { ok?: unknown; ma?: unknown },
  errors: string[] = [],
): Promise<CatalogConsoleView> {
  const cat = await svc.catalogOf(deps, center);
  const canManage = can(actor, 'catalog.manage', center.id);
  const imports = canManage ? await svc.listImports(deps, actor, center.slug) : [];
  const confirmations = await confirmationsOf(deps, center, cat);
  const code = query.ma;
  const flash =
    query.ok === 'confirmed' && typeof code === 'string' && cat.byCode.has(code)
      ? translator(catalogMessages, lang)('flashConfirmed', { code })
      : null;
  const canConfirm = can(actor, 'catalog.publish', center.id);
  return { fields: cat.fields, imports, canManage, errors, confirmations, canConfirm, flash };
}

/** The review page of a draft (404 for another centre's or no such draft). */
export async function importReviewModel(
  deps: Deps,
  actor: Actor,
  center: Center,
  id: number,
  errors: string[] = [],
): Promise<ImportReviewView> {
  const staged = await svc.getImport(deps, actor, center.slug, id);
  return {
    id,
    source: staged.import.source_name,
    status: staged.import.status,
    summary: staged.import.summary,
    items: staged.items,
    canPublish: can(actor, 'catalog.publish', center.id),
    errors,
  };
}

/** The procedure form (403 without the right to manage the catalogue). */
export async function procedureEditModel(
  deps: Deps,
  actor: Actor,
  center: Center,
  isNew: boolean,
  form: ProcedureForm,
  errors: string[] = [],
): Promise<ProcedureEditView> {
  if (!can(actor, 'catalog.manage', center.id)) throw new AppError('FORBIDDEN');
  const cat = await svc.catalogOf(deps, center);
  return { isNew, form, fields: cat.fields.map((f) => f.name), errors };
}

/** The search-guidance editor (403 without the right to publish). */
export async function guidanceModel(
  deps: Deps,
  actor: Actor,
  center: Center,
  lang: Lang,
  o: { saved: boolean; json?: string; errors?: string[] },
) {
  if (!can(actor, 'catalog.publish', center.id)) throw new AppError('FORBIDDEN');
  const table = await guidanceTable(deps, center);
  return {
    path: '/console/catalog/guidance',
    json: o.json ?? JSON.stringify(table.topics, null, 2),
    custom: table.custom,
    updatedAt: table.updatedAt,
    errors: o.errors ?? [],
    flash: o.saved && !o.errors ? translator(catalogMessages, lang)('guidanceSaved') : null,
  };
}

/** The form of a new procedure: the usual choices preselected. */
export const NEW_PROCEDURE_FORM: ProcedureForm = {
  unit: 'working_days',
  level: 'commune',
  status: 'in_force',
  onlineLevel: 'none',
  sets: '1',
  channels: 'direct',
};

/** The form of a published procedure (404 when there is none). */
export async function editFormOf(deps: Deps, center: Center, code: string): Promise<ProcedureForm> {
  return procedureToForm((await svc.procedureWithHistory(deps, center, code)).data);
}
