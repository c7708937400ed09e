/** The queue's console pages: the counter screen and its actions, the settings, the figures. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import { AnyQuery, FormBody, IdText } from '../../core/http/schemas.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { idOr404 } from '../../core/http/ids.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { translator } from '../../core/http/i18n.ts';
import * as svc from './service.ts';
import { queueMessages, type QueueKey } from './messages.ts';
import { counterAutoRefresh } from './model.ts';
import { CounterPage, FiguresPage, SetupPage } from './pages/console.tsx';
import { counterPageModel, figuresPageModel, queueShell, setupPageModel, type PageRequest } from './view-models.ts';
import { langSuffix, list, str } from './http.ts';

// A Map: the key is the ?ok= of the request ("constructor" must find nothing).
const FLASH = new Map<string, QueueKey>([
  ['called', 'flashCalled'],
  ['nobody', 'flashNobody'],
  ['recalled', 'flashRecalled'],
  ['skipped', 'flashSkipped'],
  ['transferred', 'flashTransferred'],
  ['served', 'flashServed'],
  ['linked', 'flashLinked'],
  ['saved', 'flashSaved'],
  ['taken', 'flashTaken'],
]);

/** A page request: its query read field by field (`AnyQuery`). */
type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;
type FormReq = FastifyRequest<{ Querystring: Record<string, unknown>; Body: Record<string, unknown> | null }>;

const pageOf = (req: QReq): PageRequest => ({ lang: req.lang, path: req.url, csrf: req.csrfToken ?? '' });

function okText(req: QReq): string | null {
  const key = FLASH.get(str(req.query.ok, 20));
  return key ? translator(queueMessages, req.lang)(key, { code: str(req.query.so, 8) }) : null;
}

/** The errors an action's form shows on the page (other errors go to the error handler). */
function formErrors(req: QReq, e: unknown): string[] | null {
  if (!(e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || e.code === 'NOT_FOUND')))
    return null;
  return e.details.length ? e.details.map((d) => d[req.lang]) : [e.message];
}

async function counterPage(
  deps: Deps,
  req: QReq,
  reply: FastifyReply,
  errors: string[] = [],
  status = 200,
  counterId: number | null = null,
) {
  const asked = counterId ?? (Number(str(req.query.quay, 6)) || null);
  const { shell, screen } = await counterPageModel(deps, requireActor(req), pageOf(req), asked);
  // While no one is being served the waiting list refreshes itself (never while a form is in use).
  if (screen.counter && counterAutoRefresh(screen, status))
    reply.header('refresh', `30; url=/console/queue?quay=${screen.counter.id}${langSuffix(req, '&')}`);
  return sendPage(reply, h(CounterPage, { ...shell, screen, ok: errors.length ? null : okText(req), errors }), status);
}

/** Runs a counter action; the page comes back with a flash, or with the error and its status. */
async function counterAct(
  deps: Deps,
  req: FormReq,
  reply: FastifyReply,
  fn: (
    slug: string,
    body: Record<string, unknown>,
  ) => Promise<{ ok: string; code?: string; counterId?: number | null }>,
) {
  const shell = await queueShell(deps, requireActor(req), pageOf(req));
  const body = req.body ?? {};
  let r: { ok: string; code?: string; counterId?: number | null };
  try {
    r = await fn(shell.slug, body);
  } catch (e) {
    const errors = formErrors(req, e);
    if (!errors || !(e instanceof AppError)) throw e;
    return await counterPage(deps, req, reply, errors, e.status, Number(str(body.counterId, 6)) || null);
  }
  const quay = r.counterId ? `&quay=${r.counterId}` : '';
  const so = r.code ? `&so=${encodeURIComponent(r.code)}` : '';
  return reply.redirect(`/console/queue?ok=${r.ok}${so}${quay}${langSuffix(req, '&')}`, 303);
}

function registerCounterPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  r.get('/console/queue', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    counterPage(deps, req, reply),
  );
  r.post('/console/queue/take', form, async (req, reply) =>
    counterAct(deps, req, reply, async (slug, b) => {
      const c = await svc.takeCounter(deps, req.actor, slug, Number(str(b.counterId, 6)));
      return { ok: 'taken', counterId: c.id };
    }),
  );
  r.post('/console/queue/call', form, async (req, reply) =>
    counterAct(deps, req, reply, async (slug, b) => {
      const counterId = Number(str(b.counterId, 6));
      const t = await svc.callNext(deps, req.actor, slug, counterId);
      return t ? { ok: 'called', code: t.code, counterId } : { ok: 'nobody', counterId };
    }),
  );
  r.post(
    '/console/queue/tickets/:id/:act',
    { schema: { ...form.schema, params: Type.Object({ id: Type.String(), act: Type.String() }) } },
    async (req, reply) =>
      counterAct(deps, req, reply, async (slug, b) =>
        svc.counterAction(deps, req.actor, slug, {
          act: req.params.act,
          ticketId: idOr404(req.params.id),
          version: str(b.version, 12) || undefined,
          dossierCode: str(b.dossierCode, 40),
          toCounterId: str(b.toCounterId, 6),
          toGroupId: str(b.toGroupId, 6),
        }),
      ),
  );
}

async function setupPage(deps: Deps, req: QReq, reply: FastifyReply, errors: string[] = [], status = 200) {
  const { shell, config } = await setupPageModel(deps, requireActor(req), pageOf(req));
  return sendPage(reply, h(SetupPage, { ...shell, config, ok: errors.length ? null : okText(req), errors }), status);
}

async function setupAct(
  deps: Deps,
  req: FormReq,
  reply: FastifyReply,
  fn: (slug: string, b: Record<string, unknown>) => Promise<unknown>,
) {
  const shell = await queueShell(deps, requireActor(req), pageOf(req));
  try {
    await fn(shell.slug, req.body ?? {});
  } catch (e) {
    const errors = formErrors(req, e);
    if (!errors || !(e instanceof AppError)) throw e;
    return await setupPage(deps, req, reply, errors, e.status);
  }
  return reply.redirect(`/console/queue/setup?ok=saved${langSuffix(req, '&')}`, 303);
}

const activeOf = (b: Record<string, unknown>) => (str(b.activeSent, 2) ? (str(b.active, 2) ? '1' : '0') : undefined);
const groupInput = (b: Record<string, unknown>): svc.GroupInput => ({
  letter: str(b.letter, 2),
  name: str(b.name, 80),
  nameEn: str(b.nameEn, 80),
  fields: list(b.fields),
  sortOrder: str(b.sortOrder, 4),
  active: activeOf(b),
});
const counterInput = (b: Record<string, unknown>): svc.CounterInput => ({
  number: str(b.number, 4),
  name: str(b.name, 100),
  groupIds: list(b.groupIds),
  staffUserId: str(b.staffUserId, 12),
  active: activeOf(b),
});

function registerSetupPages(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const formId = { schema: { ...form.schema, params: IdText } };
  r.get('/console/queue/setup', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    setupPage(deps, req, reply),
  );
  r.post('/console/queue/setup/target', form, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) =>
      svc.saveTarget(deps, req.actor, slug, { targetWaitMinutes: str(b.targetWaitMinutes, 6) }),
    ),
  );
  r.post('/console/queue/setup/floor', form, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) =>
      svc.saveFloor(deps, req.actor, slug, { priorityGroups: list(b.priorityGroups), earlyTickets: b.earlyTickets }),
    ),
  );
  r.post('/console/queue/setup/default-groups', form, async (req, reply) =>
    setupAct(deps, req, reply, (slug) => svc.createDefaultGroups(deps, req.actor, slug)),
  );
  r.post('/console/queue/setup/groups', form, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) => svc.saveGroup(deps, req.actor, slug, null, groupInput(b))),
  );
  r.post('/console/queue/setup/groups/:id', formId, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) =>
      svc.saveGroup(deps, req.actor, slug, idOr404(req.params.id), groupInput(b)),
    ),
  );
  r.post('/console/queue/setup/counters', form, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) => svc.saveCounter(deps, req.actor, slug, null, counterInput(b))),
  );
  r.post('/console/queue/setup/counters/:id', formId, async (req, reply) =>
    setupAct(deps, req, reply, (slug, b) =>
      svc.saveCounter(deps, req.actor, slug, idOr404(req.params.id), counterInput(b)),
    ),
  );
  r.get('/console/queue/figures', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) => {
    const { shell, figures } = await figuresPageModel(deps, requireActor(req), pageOf(req), req.query);
    return sendPage(reply, h(FiguresPage, { ...shell, figures }));
  });
}

export function registerQueueConsole(app: FastifyInstance, deps: Deps): void {
  registerCounterPages(app, deps);
  registerSetupPages(app, deps);
}
