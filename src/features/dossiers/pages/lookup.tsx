/**
 * The citizen's dossier lookup (/<centre>/tra-cuu): code + secret from the receipt (or its QR
 * code) → the masked status and the steps so far, where to collect the result. Never shows the
 * ID number, phone, address or full name (BRIEF §13). Server HTML only, readable on a phone with
 * JavaScript off.
 */
import { PublicLayout, PhoneList } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatHm, formatVi, toLocal } from '../../../core/calendar/index.ts';
import type { PublicCenter } from '../../centers/index.ts';
import { centerNav } from '../../catalog/index.ts';
import { STATUS_LABELS, showsAppointment, showsWhatToBring } from '../model.ts';
import type { PublicDossierView } from '../service.ts';
import { lookupMessages, type LookupKey } from '../messages.ts';
import { citizenLinks } from '../hooks.ts';

export const lookupPath = (slug: string) => `/${slug}/tra-cuu`;

function at(iso: string, lang: Lang): string {
  const l = toLocal(new Date(iso));
  return translator(lookupMessages, lang)('atTime', { hm: formatHm(l.minute), date: formatVi(l.date) });
}

function dateTime(iso: string): string {
  const l = toLocal(new Date(iso));
  return `${formatVi(l.date)} ${formatHm(l.minute)}`;
}

interface LookupProps {
  lang: Lang;
  path: string;
  center: PublicCenter;
  code: string;
  secret: string;
  result: PublicDossierView | null;
  message: 'notFound' | 'missing' | null;
}
interface R {
  r: PublicDossierView;
  c: PublicCenter;
  lang: Lang;
  hours: string;
}

/** Status 9: where and when to collect; status 5: the papers asked for, and how to bring them. */
function ReadyOrSupplement({ r, c, lang, hours }: R) {
  const t = translator(lookupMessages, lang);
  return (
    <>
      {r.resultReady ? (
        <div class="ready" data-testid="result-ready">
          <p>
            <strong>{t('resultReady')}</strong>
          </p>
          <p>
            {t('collectAt')}: {c.address}
          </p>
          <p>{t('hours', { hours })}</p>
        </div>
      ) : null}
      {r.status === 5 ? (
        <section class="notice supplement" aria-labelledby="supplement-title" data-testid="lookup-supplement">
          <h2 id="supplement-title">{t('supplementTitle')}</h2>
          {r.supplement ? (
            <>
              <p>{t('supplementAsked', { date: formatVi(toLocal(new Date(r.supplement.requestedAt)).date) })}</p>
              <ul data-testid="lookup-papers">
                {(r.supplement.papers.length ? r.supplement.papers : [r.supplement.reason]).map((x) => (
                  <li lang="vi">{x}</li>
                ))}
              </ul>
              {r.supplement.papers.length && r.supplement.reason ? (
                <p>
                  {t('supplementReason')} <span lang="vi">{r.supplement.reason}</span>
                </p>
              ) : null}
            </>
          ) : (
            <p>{t('supplement')}</p>
          )}
          <p>{t('supplementHow', { address: c.address, hours })}</p>
          <p>
            <strong>{t('supplementAfter')}</strong>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** The masked facts: procedure, masked name, receipt, appointment and where to collect. */
function LookupFacts({ r, c, lang }: R) {
  const t = translator(lookupMessages, lang);
  return (
    <dl class="facts" data-testid="lookup-facts">
      <dt>{t('procedure')}</dt>
      <dd lang="vi">{r.procedureName}</dd>
      <dt>{t('applicant')}</dt>
      <dd>{r.applicant}</dd>
      <dt>{t('receivedAt')}</dt>
      <dd>{dateTime(r.receivedAt)}</dd>
      {showsAppointment(r.clockState, r.status) ? (
        <>
          <dt>{r.reappointed && r.status !== 5 ? t('reappointedNote') : t('dueAt')}</dt>
          <dd data-testid="lookup-due">
            {r.status === 5 ? (
              t('dueAgain')
            ) : (
              <>
                {r.noAppointment ? t('noAppointment') : at(r.dueAt, lang)}{' '}
                {r.sameDay ? <span class="badge ok same-day">{t('sameDay')}</span> : null}
                {r.dueAt !== r.originalDueAt && !r.noAppointment ? (
                  <span class="block muted">{t('extended', { at: at(r.originalDueAt, lang) })}</span>
                ) : null}
              </>
            )}
          </dd>
          {!r.resultReady ? (
            <>
              <dt>{t('collectAt')}</dt>
              <dd>{c.address}</dd>
            </>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

/** The steps so far in plain words, the centre's phones, the links other features add (survey…). */
function StepsAndContacts({ r, c, lang, secret }: R & { secret: string }) {
  const t = translator(lookupMessages, lang);
  return (
    <>
      <h2>{t('stepsTitle')}</h2>
      <ol class="steps-list" data-testid="lookup-steps">
        {r.steps.map((s) => (
          <li data-step={s.key}>
            <span class="step-time">{dateTime(s.at)}</span>{' '}
            <span class="step-what">
              {t(`step_${s.key}` as LookupKey, { at: s.newDueAt ? at(s.newDueAt, lang) : '' })}
            </span>
          </li>
        ))}
      </ol>
      {c.phones.length ? (
        <>
          <h2>{t('contact')}</h2>
          <PhoneList phones={c.phones} />
        </>
      ) : null}
      {citizenLinks({ baseUrl: '', slug: c.slug, code: r.code, secret, channel: 'web', lang }).map((l) => (
        <p class="survey-link">
          <a class="button secondary" data-testid={`lookup-${l.name}`} href={l.url}>
            {l.label}
          </a>
        </p>
      ))}
    </>
  );
}

function LookupResult(p: R & { secret: string }) {
  const { r, lang } = p;
  const t = translator(lookupMessages, lang);
  return (
    <section class="lookup-result" aria-labelledby="result-title">
      <h1 id="result-title">{t('resultTitle', { code: r.code })}</h1>
      <p class={`status lookup-status s${r.status}`} data-testid="lookup-status">
        {STATUS_LABELS[r.status][lang]}
      </p>
      <ReadyOrSupplement {...p} />
      {r.status === 6 ? <p class="notice">{t('payment')}</p> : null}
      {r.status === 10 && r.returnedAt ? <p>{t('returned', { at: at(r.returnedAt, lang) })}</p> : null}
      <LookupFacts {...p} />
      {showsWhatToBring(r.status, r.resultReady) ? (
        <section aria-labelledby="bring-title" data-testid="lookup-bring">
          <h2 id="bring-title">{t('bringTitle')}</h2>
          <ul>
            <li>{t('bringReceipt')}</li>
            <li>{t('bringId')}</li>
            <li>{t('bringProxy')}</li>
          </ul>
        </section>
      ) : null}
      <StepsAndContacts {...p} />
      <p class="hint">{t('privacy')}</p>
    </section>
  );
}

/** The code and secret form (again below a result). */
function LookupForm({ p, again }: { p: LookupProps; again: boolean }) {
  const t = translator(lookupMessages, p.lang);
  return (
    <form
      method="get"
      action={lookupPath(p.center.slug)}
      class={again ? 'lookup-form again' : 'lookup-form'}
      aria-label={t('title')}
    >
      {again ? <h2>{t('title')}</h2> : null}
      <label for="ma">{t('code')}</label>
      <p class="hint" id="ma-hint">
        {t('codeHint')}
      </p>
      <input
        type="text"
        id="ma"
        name="ma"
        value={p.code}
        maxLength={40}
        required
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        aria-describedby="ma-hint"
        autofocus={!again}
      />
      <label for="bi-mat">{t('secret')}</label>
      <p class="hint" id="bi-mat-hint">
        {t('secretHint')}
      </p>
      <input
        type="text"
        id="bi-mat"
        name="bi-mat"
        value={p.secret}
        maxLength={16}
        required
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        aria-describedby="bi-mat-hint"
      />
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('submit')}</button>
    </form>
  );
}

export function LookupPage(p: LookupProps) {
  const t = translator(lookupMessages, p.lang);
  const c = p.center;
  const nav = centerNav(c.slug, p.lang, null);
  // The centre's bar may already list the lookup page; mark it current, or add it.
  const here = lookupPath(c.slug);
  const listed = nav.items.some((i) => i.href === here);
  const siteNav = {
    ...nav,
    items: listed
      ? nav.items.map((i) => ({ ...i, current: i.href === here }))
      : [...nav.items, { href: here, label: t('navLookup'), current: true }],
  };
  const r = p.result;
  const hours = c.workingSessions.map((s) => `${s.start}–${s.end}`).join(p.lang === 'vi' ? ' và ' : ' and ');
  return (
    <PublicLayout
      lang={p.lang}
      title={r ? t('resultTitle', { code: r.code }) : t('title')}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={siteNav}
    >
      {r ? (
        <LookupResult r={r} c={c} lang={p.lang} hours={hours} secret={p.secret} />
      ) : (
        <>
          <h1>{t('title')}</h1>
          <p class="lead">{t('intro')}</p>
        </>
      )}
      {p.message ? (
        <p class="error-summary" role="alert" data-testid="lookup-message">
          {t(p.message)}
        </p>
      ) : null}
      <LookupForm p={p} again={r !== null} />
    </PublicLayout>
  );
}
