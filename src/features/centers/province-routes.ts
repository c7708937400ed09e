/**
 * The province administrator's console (/console/province-admin) and API (/api/v1/province/centers):
 * create centres, copy a catalogue or settings to many centres, assign province officers, see
 * every centre's health. Only for accounts with app_user.province_admin (docs/decisions/033).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody } from '../../core/http/schemas.ts';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import { assertProvinceAdmin } from '../../core/auth/access.ts';
import { AppError, ERRORS } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { addCenter, assignProvinceOfficer, centersHealth, copyCatalog, copySettings } from './province.ts';
import { ProvincePage, type ProvinceForm } from './pages/province.tsx';

const EMPTY: ProvinceForm = { slug: '', name: '', agencyCode: '', province: '', address: '' };

const HealthSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  agencyCode: Type.String(),
  province: Type.String(),
  lastActivity: Type.Union([Type.String(), Type.Null()]),
  dossiers: Type.Integer(),
  open: Type.Integer(),
  staff: Type.Integer(),
  outboxWaiting: Type.Integer(),
});

const str = (b: Record<string, unknown>, k: string) => (typeof b[k] === 'string' ? b[k] : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** The province administrator's page: every centre's health and the forms (re-filled, with messages, after an error). */
async function renderPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  form = EMPTY,
  errors: string[] = [],
  status = 200,
  done = false,
) {
  const actor = requireActor(req);
  const centers = await centersHealth(deps, actor);
  return sendPage(
    reply,
    h(ProvincePage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centers,
      form,
      done,
      errors,
    }),
    status,
  );
}

/** Runs a form's action; a validation or conflict error re-renders the page with the message. */
async function act(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  form: ProvinceForm,
  run: () => Promise<unknown>,
) {
  assertProvinceAdmin(requireActor(req));
  try {
    await run();
  } catch (e) {
    if (e instanceof AppError && e.status < 500 && e.status !== 401 && e.status !== 403) {
      const msgs = e.details.length ? e.details.map((d) => d[req.lang]) : [ERRORS[e.code][req.lang]];
      return renderPage(deps, req, reply, form, msgs, e.status);
    }
    throw e;
  }
  return reply.redirect('/console/province-admin?done=1', 303);
}

/** The console page and its forms (/console/province-admin). */
function registerProvinceConsole(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/province-admin', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    renderPage(deps, req, reply, EMPTY, [], 200, req.query.done === '1'),
  );

  r.post('/console/province-admin/centers', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const b = req.body ?? {};
    const form: ProvinceForm = {
      slug: str(b, 'slug'),
      name: str(b, 'name'),
      agencyCode: str(b, 'agencyCode'),
      province: str(b, 'province'),
      address: str(b, 'address'),
    };
    return act(deps, req, reply, form, () => addCenter(deps, req.actor, form));
  });

  r.post('/console/province-admin/catalog-copy', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const b = req.body ?? {};
    return act(deps, req, reply, EMPTY, () => copyCatalog(deps, req.actor, str(b, 'from'), list(b.to)));
  });

  r.post('/console/province-admin/settings-copy', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const b = req.body ?? {};
    return act(deps, req, reply, EMPTY, () => copySettings(deps, req.actor, str(b, 'from'), list(b.to)));
  });

  r.post('/console/province-admin/officers', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const b = req.body ?? {};
    return act(deps, req, reply, EMPTY, () => assignProvinceOfficer(deps, req.actor, str(b, 'username'), list(b.to)));
  });
}

/** The JSON API (/api/v1/province/centers). */
function registerProvinceApi(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/province/centers',
    {
      schema: {
        operationId: 'listProvinceCenters',
        tags: ['province'],
        summary: 'Every centre with its health (province administrator)',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ centers: Type.Array(HealthSchema) }) },
      },
    },
    async (req) => ({ centers: await centersHealth(deps, req.actor) }),
  );

  r.post(
    '/api/v1/province/centers',
    {
      schema: {
        operationId: 'createCenter',
        tags: ['province'],
        summary: 'Create a centre (province administrator)',
        security: [{ bearer: [] }],
        body: Type.Object({
          slug: Type.String({ maxLength: 60 }),
          name: Type.String({ maxLength: 200 }),
          agencyCode: Type.String({ maxLength: 40 }),
          province: Type.String({ maxLength: 100 }),
          address: Type.Optional(Type.String({ maxLength: 300 })),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), slug: Type.String() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.code(201).send(await addCenter(deps, req.actor, b));
    },
  );
}

export function registerProvinceRoutes(app: FastifyInstance, deps: Deps): void {
  registerProvinceConsole(app, deps);
  registerProvinceApi(app, deps);
}
