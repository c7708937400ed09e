/**
 * Console pages of the one-stop desk (plan III.1.5, III.3.1):
 *   GET  /console/dossiers/new                  intake, step 1 (?q=) and step 2 (?procedure=<code>)
 *   POST /console/dossiers/new                  take the dossier → 303 to its page
 *   GET  /console/dossiers                      list with filters (status, field, code) and paging
 *   GET  /console/dossiers/deadlines            deadline monitor (overdue, due today, next working day)
 *   GET  /console/dossiers/:code                facts, forms, timeline, one form per allowed action
 *   POST /console/dossiers/:code/actions/:act   apply a workflow action → 303 back (409 re-renders)
 * Handlers parse the form (console-forms.ts), call one view model (view-models.ts) or service
 * function and render; rules and access stay in the service and model.ts.
 * `registerDeskPages` also registers the citizen's lookup page (public-routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { assertCan, type Actor } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { translator } from '../../core/http/i18n.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import type { ProcedureData } from '../catalog/index.ts';
import { consoleNav } from '../console/index.ts';
import { STATUS_LABELS, isAction, type DossierAction } from './model.ts';
import * as svc from './service.ts';
import * as apologies from './apologies/apologies.ts';
import { ApologySection } from './pages/apology.tsx';
import { deskMessages } from './messages.ts';
import { dossierHref, type FieldError, type Shell } from './pages/common.tsx';
import { IntakeFormPage, IntakeSearchPage, blankIntakeForm, type IntakeForm } from './pages/intake.tsx';
import { linkAfterIntake } from '../queue/index.ts';
import { DossierPage } from './pages/dossier.tsx';
import { GuidancePage } from './pages/guidance.tsx';
import { DeadlinesPage, DossierListPage, listHref } from './pages/list.tsx';
import { cccdScript } from './intake/cccd.ts';
import { CCCD_SCRIPT_PATH } from './pages/scan.tsx';
import { registerDossierPublicRoutes } from './public-routes.ts';
import {
  INTAKE_FIELDS,
  actionFieldId,
  apologyDraftOf,
  approvedDueOf,
  carryOf,
  detailsToErrors,
  field,
  fillFromScan,
  intakeFormHref,
  intakeFormOf,
  intakeInputOf,
  langSuffix,
  payloadOf,
  queryText,
  scanFromForm,
  submittedValues,
  versionOf,
  type PageRequest,
} from './console-forms.ts';
import {
  actionPrecheck,
  deadlinesPageModel,
  dossierPageModel,
  intakeFormModel,
  intakeProcedure,
  intakeSearchModel,
  listFilters,
  listPageModel,
  type ListPageQuery,
} from './view-models.ts';

/** Pages and form posts keep their hand validation (friendly re-rendered errors, never a 400). */
const page = { schema: { hide: true, querystring: AnyQuery } };
const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
const CodePage = Type.Object({ code: Type.String() });
const NEW = '/console/dossiers/new';

interface Console {
  actor: Actor;
  center: Center;
  shell: Shell;
}

/** The signed-in officer, their centre and the console's frame (navigation, CSRF token). */
async function shellOf(deps: Deps, req: FastifyRequest, current: string): Promise<Console> {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    center,
    shell: {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, current),
    },
  };
}

// ---- Intake ----

interface IntakeView {
  deps: Deps;
  req: PageRequest;
  reply: FastifyReply;
  at: Console;
}

async function renderIntakeForm(
  v: IntakeView,
  p: ProcedureData,
  form: IntakeForm,
  errors: FieldError[] = [],
  status = 200,
  scanNotice: { ok: boolean; text: string } | null = null,
) {
  const model = await intakeFormModel(v.deps, v.at.center, p, v.req.lang);
  return sendPage(
    v.reply,
    h(IntakeFormPage, { ...v.at.shell, ...model, procedure: p, form, errors, scanNotice }),
    status,
  );
}

async function renderSearch(v: IntakeView, q: string, errors: FieldError[] = [], status = 200) {
  const model = await intakeSearchModel(v.deps, v.at.center, q);
  return sendPage(v.reply, h(IntakeSearchPage, { ...v.at.shell, q, ...model, errors, carry: carryOf(v.req) }), status);
}

async function getIntake(deps: Deps, req: PageRequest, reply: FastifyReply) {
  const at = await shellOf(deps, req, NEW);
  assertCan(at.actor, 'dossier.intake', at.center.id);
  const v: IntakeView = { deps, req, reply, at };
  const q = queryText(req, 'q', 200);
  const code = queryText(req, 'procedure', 40);
  if (code) {
    const p = await intakeProcedure(deps, at.center, code);
    if (!p)
      return renderSearch(v, q, [{ message: translator(deskMessages, req.lang)('unknownProcedure', { code }) }], 404);
    const carry = carryOf(req);
    return renderIntakeForm(v, p, { ...blankIntakeForm(p), channel: carry.channel || 'direct', ve: carry.ve });
  }
  // A procedure code typed in the search box goes straight to its form.
  if (q && (await intakeProcedure(deps, at.center, q)))
    return reply.redirect(intakeFormHref(q, carryOf(req), req.lang), 303);
  return renderSearch(v, q);
}

/** Takes the dossier (or records guidance, form 02): 303 to its page; a refusal of the service re-renders the form. */
async function takeIntake(v: IntakeView, p: ProcedureData, form: IntakeForm, input: svc.IntakeInput, guide: boolean) {
  const { deps, req, reply, at } = v;
  try {
    if (guide) {
      // Guidance is not an intake: its own record and page, form 02 only.
      const id = (await svc.guideAtCounter(deps, at.actor, at.center.slug, input)).id;
      return await reply.redirect(`/console/guidance/${id}${langSuffix(req.lang, '?')}`, 303);
    }
    const d = await svc.intake(deps, at.actor, at.center.slug, input);
    // The queue ticket being served is linked to the dossier; a ticket that cannot be linked changes nothing.
    if (form.ve) await linkAfterIntake(deps, at.actor, at.center.slug, Number(form.ve), d.code);
    return await reply.redirect(`${dossierHref(d.code)}?received=1${langSuffix(req.lang, '&')}`, 303);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'VALIDATION_FAILED')) throw e;
    return renderIntakeForm(
      v,
      p,
      form,
      detailsToErrors(e.details, req.lang, (f) => INTAKE_FIELDS[f]),
      400,
    );
  }
}

async function postIntake(deps: Deps, req: PageRequest, reply: FastifyReply, sent: Record<string, unknown>) {
  const at = await shellOf(deps, req, NEW);
  assertCan(at.actor, 'dossier.intake', at.center.id);
  const v: IntakeView = { deps, req, reply, at };
  // A CCCD scanned into a field without the page's script: read it, take it out of that field.
  const scan = scanFromForm(sent);
  const body = scan ? { ...sent, [scan.key]: scan.before } : sent;
  const code = field(body, 'procedureCode', 40);
  const p = await intakeProcedure(deps, at.center, code);
  if (!p)
    return renderSearch(v, '', [{ message: translator(deskMessages, req.lang)('unknownProcedure', { code }) }], 400);
  const { form, errors } = intakeFormOf(body, p, req.lang);
  if (scan) {
    // The scan fills the form, nothing is taken yet: the officer checks it against the card.
    const filled = fillFromScan(form, scan.raw, toLocal(deps.now()).date, req.lang);
    return renderIntakeForm(v, p, filled.form, [], filled.notice.ok ? 200 : 400, filled.notice);
  }
  const outcome = field(body, 'outcome', 10);
  const input = intakeInputOf(form, body, p, outcome);
  if (outcome !== 'refuse' && outcome !== 'guide' && errors.length) return renderIntakeForm(v, p, form, errors, 400);
  return takeIntake(v, p, form, input, outcome === 'guide');
}

function registerIntakePages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The intake form's CCCD scan script: the parser of cccd.ts and its glue, one static text.
  const scanScript = cccdScript();
  r.get(CCCD_SCRIPT_PATH, page, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(scanScript),
  );
  r.get(NEW, page, async (req, reply) => getIntake(deps, req, reply));
  r.post(NEW, form, async (req, reply) => postIntake(deps, req, reply, req.body ?? {}));
  r.get(
    '/console/guidance/:id',
    { schema: { ...page.schema, params: Type.Object({ id: Type.String() }) } },
    async (req, reply) => {
      const { actor, shell } = await shellOf(deps, req, NEW);
      const { guidance } = await svc.getGuidance(deps, actor, Number(req.params.id));
      return sendPage(reply, h(GuidancePage, { ...shell, guidance }));
    },
  );
}

// ---- List and deadline monitor ----

function listQuery(req: PageRequest): ListPageQuery {
  return {
    status: queryText(req, 'status', 4),
    field: queryText(req, 'field', 120),
    q: queryText(req, 'q', 100),
    mine: queryText(req, 'mine', 4) === '1',
    cursor: queryText(req, 'cursor', 200),
  };
}

function registerListPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/dossiers', page, async (req, reply) => {
    const { actor, center, shell } = await shellOf(deps, req, '/console/dossiers');
    assertCan(actor, 'dossier.read', center.id);
    const q = listQuery(req);
    // Pages are cursors now (decision 039); an old `?page=N` link opens the first page of the same filters.
    if (queryText(req, 'page', 6) !== '' && q.cursor === '')
      return reply.redirect(listHref(listFilters(q), req.lang, null), 302);
    const model = await listPageModel(deps, actor, center, q);
    return sendPage(reply, h(DossierListPage, { ...shell, ...model }));
  });
  r.get('/console/dossiers/deadlines', page, async (req, reply) => {
    const { actor, center, shell } = await shellOf(deps, req, '/console/dossiers/deadlines');
    assertCan(actor, 'dossier.read', center.id);
    const model = await deadlinesPageModel(deps, actor, center, req.lang);
    return sendPage(reply, h(DeadlinesPage, { ...shell, ...model }));
  });
}

// ---- One dossier ----

interface Render {
  submitted?: { action: DossierAction; values: Record<string, string | string[]> } | null;
  errors?: FieldError[];
  flash?: string | null;
  status?: number;
}

async function renderDossier(deps: Deps, req: PageRequest, reply: FastifyReply, code: string, o: Render = {}) {
  const { actor, shell } = await shellOf(deps, req, '/console/dossiers');
  const m = await dossierPageModel(deps, actor, code, {
    lang: req.lang,
    csrf: shell.csrf,
    submitted: o.submitted?.action ?? null,
  });
  const t = translator(deskMessages, req.lang);
  const done = queryText(req, 'done', 40);
  const flash = o.flash ?? (isAction(done) ? t('done', { action: t(`act_${done}`) }) : null);
  const { items, ...rights } = m.apology;
  return sendPage(
    reply,
    h(DossierPage, {
      ...shell,
      dossier: m.dossier,
      events: m.events,
      forms: m.forms,
      actions: m.actions,
      openAction: m.openAction,
      submitted: o.submitted ?? null,
      errors: o.errors ?? [],
      flash,
      justReceived: queryText(req, 'received', 2) === '1' && !o.errors?.length,
      handoffSuggestions: m.handoffSuggestions,
      handoffUsers: m.handoffUsers,
      extendDefault: m.extendDefault,
      extra: [
        ...m.panels.top,
        h(ApologySection, { lang: req.lang, code: m.dossier.code, csrf: shell.csrf, items, ...rights }),
        ...m.panels.bottom,
      ],
    }),
    o.status ?? 200,
  );
}

const APOLOGY_STEPS = ['', '/revise', '/approve', '/reject', '/deliver'] as const;

/** One step of an apology letter (draft, revise, approve / reject by the director, delivery). */
async function apologyStep(
  deps: Deps,
  actor: Actor,
  code: string,
  step: (typeof APOLOGY_STEPS)[number],
  body: Record<string, unknown>,
) {
  if (step === '') await apologies.draftApology(deps, actor, code, apologyDraftOf(body));
  else if (step === '/revise') await apologies.reviseApology(deps, actor, code, apologyDraftOf(body));
  else if (step === '/deliver') await apologies.deliverApology(deps, actor, code, body.channel);
  else
    await apologies.decideApology(deps, actor, code, step === '/approve' ? 'approve' : 'reject', {
      newDueAt: approvedDueOf(body),
    });
}

function registerDossierPage(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Apology letters: draft, approve / reject (director), record delivery.
  for (const step of APOLOGY_STEPS) {
    r.post(
      `/console/dossiers/:code/apologies${step}`,
      { schema: { ...form.schema, params: CodePage } },
      async (req, reply) => {
        const code = req.params.code;
        try {
          await apologyStep(deps, requireActor(req), code, step, req.body ?? {});
        } catch (e) {
          // A clear refusal (bad input, not now, nothing to approve) re-renders the page with it; an unknown dossier stays a 404.
          if (
            e instanceof AppError &&
            (e.code === 'VALIDATION_FAILED' ||
              e.code === 'CONFLICT' ||
              (e.code === 'NOT_FOUND' && e.details.length > 0))
          )
            return renderDossier(deps, req, reply, code, {
              errors: e.details.map((d) => ({ message: d[req.lang] })),
              status: e.status,
            });
          throw e;
        }
        return reply.redirect(`${dossierHref(code)}${langSuffix(req.lang, '?')}`, 303);
      },
    );
  }
  r.get('/console/dossiers/:code', { schema: { ...page.schema, params: CodePage } }, async (req, reply) =>
    renderDossier(deps, req, reply, req.params.code),
  );
}

/** An action posted from the dossier's page: 303 back, or the page again with the problem (400, 409, 422). */
async function postAction(
  deps: Deps,
  req: PageRequest,
  reply: FastifyReply,
  code: string,
  action: DossierAction,
  body: Record<string, unknown>,
) {
  const actor = requireActor(req);
  const submitted = { action, values: submittedValues(body) };
  const again = (errors: FieldError[], status: number) =>
    renderDossier(deps, req, reply, code, { submitted, errors, status });
  const t = translator(deskMessages, req.lang);
  // The page the officer acted on must still be the current state: otherwise someone acted first.
  const version = versionOf(body);
  const blocked = await actionPrecheck(deps, actor, code, action, version);
  if (blocked) {
    const status = STATUS_LABELS[blocked.status][req.lang];
    const message =
      blocked.problem === 'stale' ? t('stale', { status }) : t('notNow', { action: t(`act_${action}`), status });
    return again([{ message }], 409);
  }
  const { payload, errors } = payloadOf(action, body, req.lang);
  if (errors.length) return again(errors, 400);
  try {
    await svc.act(deps, actor, code, action, version !== null ? { ...payload, version } : payload);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'UNPROCESSABLE'))
      return again(
        detailsToErrors(e.details, req.lang, (f) => actionFieldId(action, f)),
        e.status,
      );
    if (e instanceof AppError && e.code === 'CONFLICT') {
      const message = e.details.length ? e.details.map((d) => d[req.lang]).join(' ') : e.message;
      return again([{ message: t('conflict', { message }) }], 409);
    }
    throw e;
  }
  return reply.redirect(`${dossierHref(code)}?done=${action}${langSuffix(req.lang, '&')}`, 303);
}

function registerActionForms(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/console/dossiers/:code/actions/:action',
    { schema: { ...form.schema, params: Type.Object({ code: Type.String(), action: Type.String() }) } },
    async (req, reply) => {
      const { code, action } = req.params;
      if (!isAction(action)) throw new AppError('NOT_FOUND');
      return postAction(deps, req, reply, code, action, req.body ?? {});
    },
  );
}

export function registerDossierConsoleRoutes(app: FastifyInstance, deps: Deps): void {
  registerIntakePages(app, deps);
  registerListPages(app, deps);
  registerDossierPage(app, deps);
  registerActionForms(app, deps);
}

/** The desk's console pages and the citizen's lookup page: one registration for features/index.ts. */
export function registerDeskPages(app: FastifyInstance, deps: Deps): void {
  registerDossierConsoleRoutes(app, deps);
  registerDossierPublicRoutes(app, deps);
}
