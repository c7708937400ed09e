/** Console: /console/settings — the centre's run-time settings, for its admin and director. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AnyQuery, FormBody } from '../../core/http/schemas.ts';
import { h } from 'preact';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { assertCan } from '../../core/auth/access.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { consoleNav } from '../console/index.ts';
import { getCenterById, updateSettings } from './service.ts';
import { phonesOf, settingsOf } from './model.ts';
import { SettingsPage, type SettingsForm } from './pages/settings.tsx';

function formOf(c: Center): SettingsForm {
  const s = settingsOf(c);
  return {
    s1: s.sessions[0]?.start ?? '07:30',
    e1: s.sessions[0]?.end ?? '11:30',
    s2: s.sessions[1]?.start ?? '13:30',
    e2: s.sessions[1]?.end ?? '17:00',
    cutoff: s.cutoff,
    weekdays: s.sameDayWeekdays,
    maxReappointments: String(s.maxReappointments),
    apologyWarningHours: String(c.apology_warning_hours),
    guidanceTakesCode: c.guidance_takes_code === 1,
    leaderName: c.leader_name ?? '',
    leaderTitle: c.leader_title ?? '',
    address: c.address,
    email: c.email ?? '',
    phones: phonesOf(c)
      .map((p) => `${p.label} | ${p.number}`)
      .join('\n'),
  };
}

/** The settings form as posted (an unticked box sends nothing: off). */
function formFromBody(b: Record<string, unknown>): SettingsForm {
  const str = (k: string) => (typeof b[k] === 'string' ? b[k] : '');
  const weekdays = (Array.isArray(b.weekday) ? b.weekday : b.weekday === undefined ? [] : [b.weekday]).map(Number);
  return {
    s1: str('s1'),
    e1: str('e1'),
    s2: str('s2'),
    e2: str('e2'),
    cutoff: str('cutoff'),
    weekdays,
    maxReappointments: str('maxReappointments'),
    apologyWarningHours: str('apologyWarningHours'),
    guidanceTakesCode: str('guidanceTakesCode') === '1',
    leaderName: str('leaderName'),
    leaderTitle: str('leaderTitle'),
    address: str('address'),
    email: str('email'),
    phones: str('phones'),
  };
}

/** What the form asks `updateSettings` to save. */
function settingsUpdateOf(form: SettingsForm) {
  return {
    sessions: [
      { start: form.s1, end: form.e1 },
      { start: form.s2, end: form.e2 },
    ],
    cutoff: form.cutoff,
    sameDayWeekdays: form.weekdays,
    maxReappointments: form.maxReappointments,
    apologyWarningHours: form.apologyWarningHours,
    guidanceTakesCode: form.guidanceTakesCode,
    leaderName: form.leaderName,
    leaderTitle: form.leaderTitle,
    address: form.address,
    email: form.email,
    phones: form.phones,
  };
}

async function render(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  o: { form?: SettingsForm; errors?: string[]; status?: number; saved?: boolean } = {},
) {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  assertCan(actor, 'center.settings.update', center.id);
  return sendPage(
    reply,
    h(SettingsPage, {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, '/console/settings'),
      form: o.form ?? formOf(center),
      saved: o.saved ?? false,
      errors: o.errors ?? [],
    }),
    o.status ?? 200,
  );
}

export function registerSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/console/settings', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(deps, req, reply, { saved: req.query.saved === '1' }),
  );

  r.post('/console/settings', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const form = formFromBody(req.body ?? {});
    try {
      await updateSettings(deps, actor, center.slug, settingsUpdateOf(form), {
        origin: `${req.protocol}://${req.host}`,
      });
      return await reply.redirect('/console/settings?saved=1', 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return render(deps, req, reply, { form, errors: e.details.map((d) => d[req.lang]), status: 400 });
      throw e;
    }
  });
}
