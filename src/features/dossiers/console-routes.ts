/**
 * Console pages of the one-stop desk (plan III.1.5, III.3.1):
 *   GET  /console/dossiers/new                  intake, step 1 (?q=) and step 2 (?procedure=<code>)
 *   POST /console/dossiers/new                  take the dossier → 303 to its page
 *   GET  /console/dossiers                      list with filters (status, field, code) and paging
 *   GET  /console/dossiers/deadlines            deadline monitor (overdue, due today, next working day)
 *   GET  /console/dossiers/:code                facts, forms, timeline, one form per allowed action
 *   POST /console/dossiers/:code/actions/:act   apply a workflow action → 303 back (409 re-renders)
 * Handlers parse the form, call the dossier service and present; rules and access stay in the service.
 * `registerDeskPages` also registers the citizen's lookup page (public-routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import Type from 'typebox';
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { assertCan, can, type Actor } from '../../core/auth/access.ts';
import { AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { requireActor, sendPage } from '../../core/http/context.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { nfc, weekdayName } from '../../core/text/index.ts';
import { FormBody, AnyQuery } from '../../core/http/schemas.ts';
import { formatVi, fromLocal, isLocalDate, parseHm, toLocal } from '../../core/calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { catalogOf } from '../catalog/index.ts';
import type { ProcedureData } from '../catalog/index.ts';
import { joinWords } from '../catalog/index.ts';
import { publicContacts } from '../directory/index.ts';
import { consoleNav } from '../console/index.ts';
import {
  ACTIONS,
  CHANNELS,
  STATUS_LABELS,
  appointmentFor,
  canTransition,
  isStatus,
  type DossierAction,
  type Status,
} from './model.ts';
import * as svc from './service.ts';
import * as apologies from './apologies/apologies.ts';
import { ApologySection } from './pages/apology.tsx';
import { deskMessages } from './messages.ts';
import { dossierHref, type FieldError, type Shell } from './pages/common.tsx';
import {
  IntakeFormPage,
  IntakeSearchPage,
  blankIntakeForm,
  type IntakeCarry,
  type IntakeForm,
  type ProcedureHit,
} from './pages/intake.tsx';
import { linkAfterIntake } from '../queue/index.ts';
import { DossierPage, type FormLink } from './pages/dossier.tsx';
import { dossierPanels } from './hooks.ts';
import { GuidancePage } from './pages/guidance.tsx';
import { DeadlinesPage, DossierListPage, listHref, type Bucket, type CountRow } from './pages/list.tsx';
import { CCCD_PROBLEMS, cccdScript, parseCccd, scanStart } from './intake/cccd.ts';
import { CCCD_SCRIPT_PATH } from './pages/scan.tsx';
import { dayMessages } from './workflow/day-messages.ts';
import { registerDossierPublicRoutes } from './public-routes.ts';

const PAGE_SIZE = 50;
const SEARCH_SHOWN = 100;
/** The new appointment suggested on the extension form: this many working days after the current one. */
export const EXTEND_SUGGESTED_DAYS = 3;
const OPEN_STATUSES: Status[] = [2, 4, 5, 6];
/** The step most likely next in each status: its form is shown open. */
const LIKELY_NEXT: Partial<Record<Status, DossierAction>> = {
  1: 'accept',
  2: 'handoff',
  4: 'mark_processed',
  5: 'complete_supplement',
  6: 'confirm_payment',
  9: 'return_result',
};

/** Service field names → the ids of the intake form's inputs. */
const INTAKE_FIELDS: Record<string, string> = {
  'applicant.fullName': 'fullName',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.orgName': 'orgName',
  'applicant.taxCode': 'taxCode',
  'owner.fullName': 'ownerName',
  'owner.idNumber': 'ownerId',
  channel: 'channel',
  sets: 'sets',
};

/** Form fields, from a urlencoded body: strings only (a repeated field keeps its first value). */
function field(body: Record<string, unknown>, name: string, max = 1000): string {
  const v = body[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  return nfc(s).slice(0, max);
}
function fields(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => nfc(x).slice(0, 300))
    .filter(Boolean);
}
/** A console request whose query string was declared `AnyQuery` (any parameters, read by hand). */
type PageRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;

function queryText(req: PageRequest, name: string, max: number): string {
  const v = req.query[name];
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

function detailsToErrors(
  details: ErrorDetail[],
  lang: Lang,
  idOf: (field: string) => string | undefined,
): FieldError[] {
  return details.map((d) => ({ field: d.field ? idOf(d.field) : undefined, message: d[lang] }));
}

/**
 * A CCCD QR string typed by a scanner into any field of the intake form (the form was sent by the
 * scanner's Enter, without the page's script): which field, what it held before, and the scan.
 */
function scanFromForm(body: Record<string, unknown>): { key: string; before: string; raw: string } | null {
  for (const [key, v] of Object.entries(body)) {
    if (key === '_csrf' || typeof v !== 'string') continue;
    const at = scanStart(v);
    if (at >= 0) return { key, before: v.slice(0, at), raw: v.slice(at) };
  }
  return null;
}

function isAction(s: string): s is DossierAction {
  return (ACTIONS as readonly string[]).includes(s);
}

export function registerDossierConsoleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  /** Pages and form posts keep their hand validation (friendly re-rendered errors, never a 400). */
  const page = { schema: { hide: true, querystring: AnyQuery } };
  const form = { schema: { hide: true, querystring: AnyQuery, body: FormBody } };
  const CodePage = Type.Object({ code: Type.String() });

  async function shellOf(
    req: FastifyRequest,
    current: string,
  ): Promise<{ actor: Actor; center: Center; shell: Shell }> {
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

  // The intake form's CCCD scan script: the parser of cccd.ts and its glue, one static text.
  const scanScript = cccdScript();
  r.get(CCCD_SCRIPT_PATH, page, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(scanScript),
  );

  // ---- Intake ----

  async function preview(center: Center, p: ProcedureData) {
    const cal = await calendarOf(deps, center);
    const s = settingsOf(center);
    const a = appointmentFor(cal, p, deps.now(), { weekdays: s.sameDayWeekdays });
    return {
      preview: { dueAt: a.dueAt.toISOString(), sameDay: a.sameDay },
      cutoff: s.cutoff,
      weekdays: s.sameDayWeekdays,
    };
  }

  async function renderIntakeForm(
    req: FastifyRequest,
    reply: FastifyReply,
    center: Center,
    shell: Shell,
    p: ProcedureData,
    form: IntakeForm,
    errors: FieldError[] = [],
    status = 200,
    scanNotice: { ok: boolean; text: string } | null = null,
  ) {
    const { preview: pv, cutoff, weekdays } = await preview(center, p);
    const days = joinWords(
      weekdays.map((d) => weekdayName(d, req.lang)),
      req.lang,
    );
    const today = toLocal(deps.now()).date;
    return sendPage(
      reply,
      h(IntakeFormPage, {
        ...shell,
        procedure: p,
        form,
        errors,
        preview: pv,
        sameDayDays: days,
        cutoff,
        today,
        scanNotice,
      }),
      status,
    );
  }

  /** `?ve=<ticket id>` (from the queue's counter screen) and `?channel=home` (from a home visit) carried through the intake steps. */
  function carryOf(req: PageRequest): IntakeCarry {
    const ve = queryText(req, 've', 12);
    const channel = queryText(req, 'channel', 10);
    return {
      ve: /^[1-9]\d{0,8}$/.test(ve) ? ve : '',
      channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
    };
  }

  async function renderSearch(
    req: PageRequest,
    reply: FastifyReply,
    center: Center,
    shell: Shell,
    q: string,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const cat = await catalogOf(deps, center);
    const hits = cat.search(q);
    const shown: ProcedureHit[] = [];
    for (const x of hits.slice(0, SEARCH_SHOWN)) {
      const p = cat.byCode.get(x.code);
      if (p)
        shown.push({
          code: p.code,
          name: p.name,
          field: p.field,
          timeLimit: p.timeLimit,
          sameDayEligible: p.sameDayEligible,
        });
    }
    return sendPage(
      reply,
      h(IntakeSearchPage, { ...shell, q, hits: shown, total: hits.length, errors, carry: carryOf(req) }),
      status,
    );
  }

  r.get('/console/dossiers/new', page, async (req, reply) => {
    const { actor, center, shell } = await shellOf(req, '/console/dossiers/new');
    assertCan(actor, 'dossier.intake', center.id);
    const q = queryText(req, 'q', 200);
    const code = queryText(req, 'procedure', 40);
    const cat = await catalogOf(deps, center);
    if (code) {
      const p = cat.byCode.get(code);
      if (!p)
        return renderSearch(
          req,
          reply,
          center,
          shell,
          q,
          [{ message: translator(deskMessages, req.lang)('unknownProcedure', { code }) }],
          404,
        );
      const carry = carryOf(req);
      return renderIntakeForm(req, reply, center, shell, p, {
        ...blankIntakeForm(p),
        channel: carry.channel || 'direct',
        ve: carry.ve,
      });
    }
    // A procedure code typed in the search box goes straight to its form.
    if (q && cat.byCode.has(q)) {
      const c = carryOf(req);
      const carry = `${c.ve ? `&ve=${c.ve}` : ''}${c.channel ? `&channel=${c.channel}` : ''}`;
      return reply.redirect(
        `/console/dossiers/new?procedure=${encodeURIComponent(q)}${carry}${req.lang === 'en' ? '&lang=en' : ''}`,
        303,
      );
    }
    return renderSearch(req, reply, center, shell, q);
  });

  r.post('/console/dossiers/new', form, async (req, reply) => {
    const { actor, center, shell } = await shellOf(req, '/console/dossiers/new');
    assertCan(actor, 'dossier.intake', center.id);
    const t = translator(deskMessages, req.lang);
    const sent = req.body ?? {};
    // A CCCD scanned into a field without the page's script: read it, take it out of that field.
    const scan = scanFromForm(sent);
    const body = scan ? { ...sent, [scan.key]: scan.before } : sent;
    const code = field(body, 'procedureCode', 40);
    const p = (await catalogOf(deps, center)).byCode.get(code);
    if (!p) return renderSearch(req, reply, center, shell, '', [{ message: t('unknownProcedure', { code }) }], 400);
    const form: IntakeForm = {
      procedureCode: p.code,
      kind: field(body, 'kind') === 'organization' ? 'organization' : 'citizen',
      fullName: field(body, 'fullName', 120),
      idNumber: field(body, 'idNumber', 20),
      phone: field(body, 'phone', 20),
      email: field(body, 'email', 120),
      address: field(body, 'address', 300),
      orgName: field(body, 'orgName', 300),
      taxCode: field(body, 'taxCode', 20),
      ownerName: field(body, 'ownerName', 120),
      ownerId: field(body, 'ownerId', 20),
      ownerAddress: field(body, 'ownerAddress', 300),
      channel: field(body, 'channel', 20) || 'direct',
      sets: field(body, 'sets', 4),
      subject: field(body, 'subject', 1000),
      components: [],
      fee: {
        items: Object.fromEntries(p.fees.map((_, i) => [i, field(body, `fee_q${i}`, 6)])),
        pages: field(body, 'fee_pages', 6),
        copies: field(body, 'fee_copies', 6),
        status: field(body, 'fee_status', 10),
        method: field(body, 'fee_method', 10),
        receipt: field(body, 'fee_receipt', 40),
      },
      ve: /^[1-9]\d{0,8}$/.test(field(body, 've', 12)) ? field(body, 've', 12) : undefined,
      scanTarget: field(body, 'scanTarget', 10) === 'owner' ? 'owner' : 'applicant',
    };
    const errors: FieldError[] = [];
    for (let i = 0; i < 50 && typeof body[`c${i}_name`] === 'string'; i++) {
      const req = field(body, `c${i}_req`, 10);
      const c = {
        name: field(body, `c${i}_name`, 300),
        requirement: requirementOf(req),
        received: field(body, `c${i}_got`) === '1',
        shown: field(body, `c${i}_shown`) === '1',
        originals: field(body, `c${i}_o`, 4) || '0',
        certified: field(body, `c${i}_c`, 4) || '0',
        copies: field(body, `c${i}_p`, 4) || '0',
      };
      form.components.push(c);
      for (const [k, v] of [
        ['o', c.originals],
        ['c', c.certified],
        ['p', c.copies],
      ] as const) {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 100) errors.push({ field: `c${i}_${k}`, message: `${c.name}: ${t('badNumber')}` });
      }
    }
    if (scan) {
      // The scan fills the form, nothing is taken yet: the officer checks it against the card.
      const r = parseCccd(scan.raw, toLocal(deps.now()).date);
      if (!r.ok)
        return renderIntakeForm(req, reply, center, shell, p, form, [], 400, {
          ok: false,
          text: CCCD_PROBLEMS[r.problem][req.lang],
        });
      const c = r.card;
      if (form.scanTarget === 'owner') {
        form.ownerName = c.fullName;
        form.ownerId = c.idNumber;
        form.ownerAddress = c.address;
      } else {
        form.kind = 'citizen';
        form.fullName = c.fullName;
        form.idNumber = c.idNumber;
        form.address = c.address;
      }
      const d = translator(dayMessages, req.lang);
      const vars = { name: c.fullName, id: c.idNumber, birth: formatVi(c.birthDate), sex: c.sex };
      return renderIntakeForm(req, reply, center, shell, p, form, [], 200, {
        ok: true,
        text: d(form.scanTarget === 'owner' ? 'scanFilledOwner' : 'scanFilled', vars),
      });
    }
    const owner =
      form.ownerName || form.ownerId || form.ownerAddress
        ? { fullName: form.ownerName, idNumber: form.ownerId, address: form.ownerAddress }
        : undefined;
    const input: svc.IntakeInput = {
      procedureCode: p.code,
      applicant: {
        kind: form.kind,
        fullName: form.fullName,
        idNumber: form.idNumber,
        phone: form.phone,
        email: form.email,
        address: form.address,
        orgName: form.orgName,
        taxCode: form.taxCode,
      },
      owner,
      channel: form.channel,
      sets: form.sets === '' ? undefined : Number(form.sets),
      subject: form.subject || undefined,
      // No fixed time limit: the appointment the officer gives (17:00 of that day), else "không xác định".
      dueAt: isLocalDate(field(body, 'dueDate', 10))
        ? fromLocal(field(body, 'dueDate', 10), 17 * 60).toISOString()
        : undefined,
      components: form.components
        .filter((c) => c.received)
        .map((c) => ({
          name: c.name,
          shown: c.shown,
          originals: Number(c.originals),
          certifiedCopies: Number(c.certified),
          copies: Number(c.copies),
        })),
      fee: p.fees.some((x) => x.amount > 0)
        ? {
            items: Object.entries(form.fee.items)
              .filter(([i, q]) => !p.fees[Number(i)]?.tier && q !== '')
              .map(([i, q]) => ({ item: Number(i), quantity: /^\d+$/.test(q) ? Number(q) : -1 })),
            ...(form.fee.pages !== '' ? { pages: form.fee.pages } : {}),
            ...(form.fee.copies !== '' ? { copies: form.fee.copies } : {}),
            status: form.fee.status,
            method: form.fee.method,
            receipt: form.fee.receipt,
          }
        : undefined,
    };
    const outcome = field(body, 'outcome', 10);
    if (outcome === 'refuse' || outcome === 'guide') {
      // Not received: the reason, and what is missing (typed, or the components left unticked).
      const typed = field(body, 'missing', 3000)
        .split(/\r?\n/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (outcome === 'refuse') input.outcome = outcome;
      input.fee = undefined;
      input.reason = field(body, 'reason');
      input.missing = typed.length ? typed : form.components.filter((c) => !c.received).map((c) => c.name);
    } else if (errors.length) return renderIntakeForm(req, reply, center, shell, p, form, errors, 400);
    if (outcome === 'guide') {
      // Guidance is not an intake: its own record and page, form 02 only.
      let id: number;
      try {
        id = (await svc.guideAtCounter(deps, actor, center.slug, input)).id;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'VALIDATION_FAILED')) throw e;
        return renderIntakeForm(
          req,
          reply,
          center,
          shell,
          p,
          form,
          detailsToErrors(e.details, req.lang, (f) => INTAKE_FIELDS[f]),
          400,
        );
      }
      return reply.redirect(`/console/guidance/${id}${req.lang === 'en' ? '?lang=en' : ''}`, 303);
    }
    try {
      const d = await svc.intake(deps, actor, center.slug, input);
      // The queue ticket being served is linked to the dossier; a ticket that cannot be linked changes nothing.
      if (form.ve) await linkAfterIntake(deps, actor, center.slug, Number(form.ve), d.code);
      return reply.redirect(`${dossierHref(d.code)}?received=1${req.lang === 'en' ? '&lang=en' : ''}`, 303);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'VALIDATION_FAILED')) throw e;
      return renderIntakeForm(
        req,
        reply,
        center,
        shell,
        p,
        form,
        detailsToErrors(e.details, req.lang, (f) => INTAKE_FIELDS[f]),
        400,
      );
    }
  });

  r.get(
    '/console/guidance/:id',
    { schema: { ...page.schema, params: Type.Object({ id: Type.String() }) } },
    async (req, reply) => {
      const { actor, shell } = await shellOf(req, '/console/dossiers/new');
      const { guidance } = await svc.getGuidance(deps, actor, Number(req.params.id));
      return sendPage(reply, h(GuidancePage, { ...shell, guidance }));
    },
  );

  // ---- List and deadline monitor ----

  r.get('/console/dossiers', page, async (req, reply) => {
    const { actor, center, shell } = await shellOf(req, '/console/dossiers');
    assertCan(actor, 'dossier.read', center.id);
    const statusQ = queryText(req, 'status', 4);
    const status =
      statusQ === 'open' ? OPEN_STATUSES : isStatus(Number(statusQ)) && statusQ !== '' ? [Number(statusQ)] : undefined;
    const fieldQ = queryText(req, 'field', 120);
    const q = queryText(req, 'q', 100);
    const mine = queryText(req, 'mine', 4) === '1';
    const filters = { status: status ? statusQ : '', field: fieldQ, q, mine };
    // Pages are cursors now (decision 039); an old `?page=N` link opens the first page of the same filters.
    if (queryText(req, 'page', 6) !== '' && queryText(req, 'cursor', 200) === '')
      return reply.redirect(listHref(filters, req.lang, null), 302);
    const page = await svc.listDossierPage(deps, actor, center.slug, {
      status,
      field: fieldQ || undefined,
      q: q || undefined,
      mine,
      limit: PAGE_SIZE,
      cursor: queryText(req, 'cursor', 200) || undefined,
    });
    const cat = await catalogOf(deps, center);
    const fieldNames = cat.fields.map((f) => f.name);
    if (fieldQ && !fieldNames.includes(fieldQ)) fieldNames.push(fieldQ);
    return sendPage(
      reply,
      h(DossierListPage, {
        ...shell,
        filters,
        fields: fieldNames,
        items: page.items,
        next: page.next,
        prev: page.prev,
        canIntake: can(actor, 'dossier.intake', center.id),
      }),
    );
  });

  r.get('/console/dossiers/deadlines', page, async (req, reply) => {
    const { actor, center, shell } = await shellOf(req, '/console/dossiers/deadlines');
    assertCan(actor, 'dossier.read', center.id);
    const t = translator(deskMessages, req.lang);
    const buckets = await svc.deadlineMonitor(deps, actor, center.slug);
    const cal = await calendarOf(deps, center);
    const today = toLocal(deps.now()).date;
    const nextDay = cal.addWorkingDays(today, 1);
    const byField = new Map<string, CountRow>();
    const byHolder = new Map<string, CountRow>();
    const row = (m: Map<string, CountRow>, name: string) =>
      m.get(name) ?? m.set(name, { name, open: 0, overdue: 0, today: 0, next: 0 }).get(name)!;
    const col = { overdue: 'overdue', dueToday: 'today', dueNextWorkingDay: 'next' } as const;
    let totalOpen = 0;
    for (const [b, items] of Object.entries(buckets) as [Bucket | 'later', svc.MonitorItem[]][]) {
      if (b === 'awaitingAcceptance') continue;
      for (const d of items) {
        totalOpen++;
        for (const r of [row(byField, d.field), row(byHolder, d.holder ?? t('holderDesk'))]) {
          r.open++;
          if (b !== 'paused' && b !== 'later') r[col[b]]++;
        }
      }
    }
    const sortRows = (m: Map<string, CountRow>) =>
      [...m.values()].sort(
        (a, b) => b.overdue - a.overdue || b.today - a.today || b.open - a.open || a.name.localeCompare(b.name, 'vi'),
      );
    return sendPage(
      reply,
      h(DeadlinesPage, {
        ...shell,
        today: `${weekdayName(cal.dayInfo(today).weekday, req.lang)}, ${formatVi(today)}`,
        nextDate: formatVi(nextDay),
        buckets,
        byField: sortRows(byField),
        byHolder: sortRows(byHolder),
        totalOpen,
      }),
    );
  });

  // ---- One dossier ----

  interface Render {
    submitted?: { action: DossierAction; values: Record<string, string | string[]> } | null;
    errors?: FieldError[];
    flash?: string | null;
    status?: number;
  }

  async function renderDossier(req: PageRequest, reply: FastifyReply, code: string, o: Render = {}) {
    const { actor, shell } = await shellOf(req, '/console/dossiers');
    const { center, dossier: d, events } = await svc.getDossier(deps, actor, code);
    // Re-appointment goes through the apology letter (numbered, approved by the director) below.
    const actions = ACTIONS.filter(
      (a) => a !== 'extend' && canTransition(a, d.status) && can(actor, svc.ACTION_PERMISSION[a], center.id),
    );
    const apologyItems = await apologies.apologiesOf(deps, actor, code);
    // A receipt (01) and a control slip (06) only for a dossier that was received: a refusal
    // prints form 03 only, guidance form 02 only (issue 11).
    const received = events.some((e) => e.action === 'accept' || (e.action === 'received' && e.toStatus === 2));
    const forms: FormLink[] = received ? [{ n: '01', label: 'form01' }] : [];
    if (events.some((e) => e.action === 'request_supplement' || e.action === 'guide'))
      forms.push({ n: '02', label: 'form02' });
    if (events.some((e) => e.action === 'refuse')) forms.push({ n: '03', label: 'form03' });
    if (d.extendedDueAt) forms.push({ n: '04', label: 'form04' });
    if (events.some((e) => e.action === 'stop')) forms.push({ n: '05', label: 'form05' });
    if (received) forms.push({ n: '06', label: 'form06' });
    const likely = LIKELY_NEXT[d.status];
    const openAction =
      o.submitted && actions.includes(o.submitted.action)
        ? o.submitted.action
        : likely && actions.includes(likely)
          ? likely
          : null;
    // The hand-off picks an officer of the centre, or a unit (suggested from the centre's public contacts, its field first).
    let handoffSuggestions: string[] = [];
    let handoffUsers: { id: number; name: string }[] = [];
    if (actions.includes('handoff')) {
      handoffUsers = (await svc.handoffUsers(deps, center.id)).map((u) => ({
        id: u.id,
        name: u.title ? `${u.full_name} — ${u.title}` : u.full_name,
      }));
      const contacts = await publicContacts(deps, center.id);
      handoffSuggestions = [
        ...contacts.filter((c) => c.fields.includes(d.field)),
        ...contacts.filter((c) => !c.fields.includes(d.field)),
      ].map((c) => (c.title ? `${c.name} — ${c.title}` : c.name));
    }
    // The direct `extend` form is not offered (re-appointment goes through the apology letter).
    const extendDefault = { date: '', time: '', days: EXTEND_SUGGESTED_DAYS };
    const t = translator(deskMessages, req.lang);
    const done = queryText(req, 'done', 40);
    const flash = o.flash ?? (isAction(done) ? t('done', { action: t(`act_${done}`) }) : null);
    const panelContext = { actor, centerId: center.id, code: d.code, lang: req.lang, csrf: shell.csrf };
    return sendPage(
      reply,
      h(DossierPage, {
        ...shell,
        dossier: d,
        events,
        forms,
        actions,
        openAction,
        submitted: o.submitted ?? null,
        errors: o.errors ?? [],
        flash,
        justReceived: queryText(req, 'received', 2) === '1' && !o.errors?.length,
        handoffSuggestions,
        handoffUsers,
        extendDefault,
        extra: [
          ...(await dossierPanels(deps, panelContext, 'top')),
          h(ApologySection, {
            lang: req.lang,
            code: d.code,
            csrf: shell.csrf,
            items: apologyItems,
            // The centre's limit counts re-appointments (extend events), as drafting does.
            canDraft:
              [2, 4, 5, 6].includes(d.status) &&
              can(actor, 'dossier.process', center.id) &&
              events.filter((e) => e.action === 'extend').length < center.max_reappointments,
            canRevise: can(actor, 'dossier.process', center.id),
            canDecide: can(actor, 'dossier.extend', center.id),
            canDeliver: can(actor, 'dossier.intake', center.id),
          }),
          ...(await dossierPanels(deps, panelContext, 'bottom')),
        ],
      }),
      o.status ?? 200,
    );
  }

  // Apology letters: draft, approve / reject (director), record delivery.
  for (const step of ['', '/revise', '/approve', '/reject', '/deliver'] as const) {
    r.post(
      `/console/dossiers/:code/apologies${step}`,
      { schema: { ...form.schema, params: CodePage } },
      async (req, reply) => {
        const actor = requireActor(req);
        const code = req.params.code;
        const body = req.body ?? {};
        try {
          // The proposed date: a date and a time typed in Vietnam (empty: the engine's proposal).
          const proposedDueAt = (() => {
            const date = field(body, 'proposedDate', 10);
            if (!date) return undefined;
            const time = field(body, 'proposedTime', 5) || '17:00';
            let minute = Number.NaN;
            try {
              minute = parseHm(time);
            } catch (e) {
              if (!(e instanceof RangeError)) throw e;
            }
            return isLocalDate(date) && !Number.isNaN(minute) ? fromLocal(date, minute).toISOString() : 'invalid';
          })();
          const signer = {
            responsibleUnit: field(body, 'responsibleUnit', 600),
            signerTitle: field(body, 'signerTitle', 600),
            signerName: field(body, 'signerName', 600),
          };
          if (step === '')
            await apologies.draftApology(deps, actor, code, { reason: body.reason, proposedDueAt, ...signer });
          else if (step === '/revise')
            await apologies.reviseApology(deps, actor, code, { reason: body.reason, proposedDueAt, ...signer });
          else if (step === '/deliver') await apologies.deliverApology(deps, actor, code, body.channel);
          else {
            // datetime-local gives Vietnam wall time without an offset.
            const local =
              typeof body.newDueAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(body.newDueAt)
                ? `${body.newDueAt}:00+07:00`
                : undefined;
            await apologies.decideApology(deps, actor, code, step === '/approve' ? 'approve' : 'reject', {
              newDueAt: local,
            });
          }
        } catch (e) {
          // A clear refusal (bad input, not now, nothing to approve) re-renders the page with it; an unknown dossier stays a 404.
          if (
            e instanceof AppError &&
            (e.code === 'VALIDATION_FAILED' ||
              e.code === 'CONFLICT' ||
              (e.code === 'NOT_FOUND' && e.details.length > 0))
          ) {
            return renderDossier(req, reply, code, {
              errors: e.details.map((d) => ({ message: d[req.lang] })),
              status: e.status,
            });
          }
          throw e;
        }
        return reply.redirect(`${dossierHref(code)}${req.lang === 'en' ? '?lang=en' : ''}`, 303);
      },
    );
  }

  r.get('/console/dossiers/:code', { schema: { ...page.schema, params: CodePage } }, async (req, reply) =>
    renderDossier(req, reply, req.params.code),
  );

  /** The service payload of an action, from its form; problems found here are returned as field errors. */
  function payloadOf(
    action: DossierAction,
    body: Record<string, unknown>,
    lang: Lang,
  ): { payload: Record<string, unknown>; errors: FieldError[] } {
    const t = translator(deskMessages, lang);
    const f = (k: string, max = 1000) => field(body, k, max);
    switch (action) {
      case 'refuse':
      case 'stop':
      case 'withdraw':
        return { payload: { reason: f('reason') }, errors: [] };
      case 'guide': {
        const missing = f('missing', 3000)
          .split(/\r?\n/)
          .map((x) => x.trim())
          .filter(Boolean);
        return { payload: { reason: f('reason'), components: missing }, errors: [] };
      }
      case 'handoff': {
        const toUserId = f('toUserId', 12);
        return {
          payload: { toUserId: toUserId || undefined, to: f('to', 200), note: f('note', 500) },
          errors: [],
        };
      }
      case 'request_supplement': {
        const other = f('other', 3000)
          .split(/\r?\n/)
          .map((x) => x.trim())
          .filter(Boolean);
        return { payload: { reason: f('reason'), components: [...fields(body, 'what'), ...other] }, errors: [] };
      }
      case 'complete_supplement':
        return { payload: { note: f('note', 500) }, errors: [] };
      case 'confirm_payment':
        return {
          payload: {
            method: f('method', 20) || 'cash',
            ...(f('method', 20) === 'online' ? { gateway: f('gateway', 20) } : {}),
            reference: f('reference', 100),
            note: f('note', 500),
          },
          errors: [],
        };
      case 'request_payment': {
        const digits = f('amount', 30).replace(/[\s.,đ]/gi, '');
        return {
          payload: { amount: /^\d+$/.test(digits) ? Number(digits) : Number.NaN, note: f('note', 500) },
          errors: [],
        };
      }
      case 'mark_processed':
        return { payload: { result: f('result'), electronicResult: f('electronic') === '1' }, errors: [] };
      case 'return_result':
        return { payload: { method: f('method', 20) || 'desk' }, errors: [] };
      case 'extend': {
        const date = f('date', 10);
        const time = f('time', 5);
        let minute = Number.NaN;
        try {
          minute = parseHm(time);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
        }
        if (!isLocalDate(date) || Number.isNaN(minute))
          return { payload: {}, errors: [{ field: 'extend-date', message: t('badDate') }] };
        return { payload: { reason: f('reason'), newDueAt: fromLocal(date, minute).toISOString() }, errors: [] };
      }
      case 'accept':
        return { payload: {}, errors: [] };
    }
  }

  r.post(
    '/console/dossiers/:code/actions/:action',
    { schema: { ...form.schema, params: Type.Object({ code: Type.String(), action: Type.String() }) } },
    async (req, reply) => {
      const actor = requireActor(req);
      const code = req.params.code;
      const { action } = req.params;
      if (!isAction(action)) throw new AppError('NOT_FOUND');
      const body = req.body ?? {};
      const values: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(body))
        if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))
          values[k] = typeof v === 'string' ? v : v.filter((x): x is string => typeof x === 'string');
      const submitted = { action, values };
      const t = translator(deskMessages, req.lang);
      // The page the officer acted on must still be the current state: otherwise someone acted first.
      const current = (await svc.getDossier(deps, actor, code)).dossier;
      const version = Number(field(body, 'version', 12));
      if (Number.isInteger(version) && version > 0 && version !== current.version) {
        return renderDossier(req, reply, code, {
          submitted,
          errors: [{ message: t('stale', { status: STATUS_LABELS[current.status][req.lang] }) }],
          status: 409,
        });
      }
      if (!canTransition(action, current.status)) {
        return renderDossier(req, reply, code, {
          submitted,
          errors: [
            { message: t('notNow', { action: t(`act_${action}`), status: STATUS_LABELS[current.status][req.lang] }) },
          ],
          status: 409,
        });
      }
      const { payload, errors } = payloadOf(action, body, req.lang);
      if (errors.length) return renderDossier(req, reply, code, { submitted, errors, status: 400 });
      try {
        await svc.act(
          deps,
          actor,
          code,
          action,
          Number.isInteger(version) && version > 0 ? { ...payload, version } : payload,
        );
      } catch (e) {
        if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'UNPROCESSABLE')) {
          const idOf = (f: string) =>
            f === 'newDueAt' ? 'extend-date' : f === 'action' ? undefined : `${action}-${f}`;
          return renderDossier(req, reply, code, {
            submitted,
            errors: detailsToErrors(e.details, req.lang, (f) =>
              f === 'electronicResult' ? `${action}-electronic` : idOf(f),
            ),
            status: e.status,
          });
        }
        if (e instanceof AppError && e.code === 'CONFLICT') {
          const message = e.details.length ? e.details.map((d) => d[req.lang]).join(' ') : e.message;
          return renderDossier(req, reply, code, {
            submitted,
            errors: [{ message: t('conflict', { message }) }],
            status: 409,
          });
        }
        throw e;
      }
      return reply.redirect(`${dossierHref(code)}?done=${action}${req.lang === 'en' ? '&lang=en' : ''}`, 303);
    },
  );
}

/** The checklist's requirement posted back with the intake form (the catalogue's, kept in a hidden field). */
function requirementOf(raw: string): 'required' | 'optional' | 'shown' {
  return raw === 'optional' || raw === 'shown' ? raw : 'required';
}

/** The desk's console pages and the citizen's lookup page: one registration for features/index.ts. */
export function registerDeskPages(app: FastifyInstance, deps: Deps): void {
  registerDossierConsoleRoutes(app, deps);
  registerDossierPublicRoutes(app, deps);
}
