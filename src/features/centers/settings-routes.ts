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

export function registerSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    form: SettingsForm | null,
    errors: string[] = [],
    status = 200,
    saved = false,
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
        form: form ?? formOf(center),
        saved,
        errors,
      }),
      status,
    );
  }

  r.get('/console/settings', { schema: { hide: true, querystring: AnyQuery } }, async (req, reply) =>
    render(req, reply, null, [], 200, req.query.saved === '1'),
  );

  r.post('/console/settings', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const actor = requireActor(req);
    const center = await getCenterById(deps, actor.homeCenterId);
    const b = req.body ?? {};
    const str = (k: string) => (typeof b[k] === 'string' ? b[k] : '');
    const weekdays = (Array.isArray(b.weekday) ? b.weekday : b.weekday === undefined ? [] : [b.weekday]).map(Number);
    const form: SettingsForm = {
      s1: str('s1'),
      e1: str('e1'),
      s2: str('s2'),
      e2: str('e2'),
      cutoff: str('cutoff'),
      weekdays,
      maxReappointments: str('maxReappointments'),
      apologyWarningHours: str('apologyWarningHours'),
      // An unticked box sends nothing: off.
      guidanceTakesCode: str('guidanceTakesCode') === '1',
      leaderName: str('leaderName'),
      leaderTitle: str('leaderTitle'),
      address: str('address'),
      email: str('email'),
      phones: str('phones'),
    };
    try {
      await updateSettings(deps, actor, center.slug, {
        sessions: [
          { start: form.s1, end: form.e1 },
          { start: form.s2, end: form.e2 },
        ],
        cutoff: form.cutoff,
        sameDayWeekdays: weekdays,
        maxReappointments: form.maxReappointments,
        apologyWarningHours: form.apologyWarningHours,
        guidanceTakesCode: form.guidanceTakesCode,
        leaderName: form.leaderName,
        leaderTitle: form.leaderTitle,
        address: form.address,
        email: form.email,
        phones: form.phones,
      });
      return reply.redirect('/console/settings?saved=1', 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return render(
          req,
          reply,
          form,
          e.details.map((d) => d[req.lang]),
          400,
        );
      throw e;
    }
  });
}
