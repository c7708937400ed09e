/** Public feedback pages: the form (/<centre>/phan-anh), the status page (/<centre>/phan-anh/<code>), published answers (/<centre>/phan-anh/da-tra-loi). JS-free, 360 px wide. */
import type { ComponentChildren } from 'preact';
import { PublicLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatHm, formatVi, toLocal } from '../../../core/calendar/index.ts';
import type { PublicCenter } from '../../centers/index.ts';
import { centerNav } from '../../catalog/index.ts';
import { ABOUT, ABOUT_LABELS, STATUS_LABELS, isOpenFeedback } from '../model.ts';
import type { PublicFeedback } from '../service.ts';
import { HONEYPOT } from '../service.ts';
import { feedbackMessages } from '../messages.ts';

export const dateVi = (iso: string) => formatVi(toLocal(new Date(iso)).date);
export const dateTimeVi = (iso: string) => {
  const l = toLocal(new Date(iso));
  return `${formatHm(l.minute)} ${formatVi(l.date)}`;
};

export interface FeedbackForm {
  about: string;
  procedureCode: string;
  dossierCode: string;
  content: string;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
}

function Shell(p: { lang: Lang; path: string; center: PublicCenter; title: string; children: ComponentChildren }) {
  const c = p.center;
  return (
    <PublicLayout
      lang={p.lang}
      title={p.title}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={centerNav(c.slug, p.lang, 'feedback')}
    >
      {p.children}
    </PublicLayout>
  );
}

interface FormPageProps {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf: string | null;
  stamp: string;
  procedures: { code: string; name: string }[];
  form: FeedbackForm;
  errors: string[];
}

/** What the petition is about, the procedure, the dossier code and the text. */
function WhatFields({ p }: { p: FormPageProps }) {
  const t = translator(feedbackMessages, p.lang);
  const f = p.form;
  return (
    <>
      <fieldset>
        <legend>{t('about')}</legend>
        {ABOUT.map((a) => (
          <label class="choice">
            <input type="radio" name="ve-viec" value={a} required checked={f.about === a} /> {ABOUT_LABELS[a][p.lang]}
          </label>
        ))}
      </fieldset>
      <label for="thu-tuc">{t('procedure')}</label>
      <select id="thu-tuc" name="thu-tuc">
        <option value="">{t('chooseProcedure')}</option>
        {p.procedures.map((x) => (
          <option value={x.code} selected={f.procedureCode === x.code}>
            {x.name}
          </option>
        ))}
      </select>
      <label for="ma-ho-so">{t('dossierCode')}</label>
      <input
        type="text"
        id="ma-ho-so"
        name="ma-ho-so"
        value={f.dossierCode}
        maxLength={40}
        autocomplete="off"
        autocapitalize="characters"
      />
      <label for="noi-dung">{t('content')}</label>
      <p class="hint" id="noi-dung-hint">
        {t('contentHint')}
      </p>
      <textarea id="noi-dung" name="noi-dung" rows={6} maxLength={5000} required aria-describedby="noi-dung-hint">
        {f.content}
      </textarea>
    </>
  );
}

/** "Anonymous" and the optional contact. */
function ContactFields({ p }: { p: FormPageProps }) {
  const t = translator(feedbackMessages, p.lang);
  const f = p.form;
  return (
    <>
      <label class="choice">
        <input type="checkbox" name="an-danh" value="1" checked={f.anonymous} /> {t('anonymous')}
      </label>
      <fieldset>
        <legend>{t('contactTitle')}</legend>
        <label for="ho-ten">{t('name')}</label>
        <input type="text" id="ho-ten" name="ho-ten" value={f.name} maxLength={120} autocomplete="name" />
        <label for="dien-thoai">{t('phone')}</label>
        <input type="tel" id="dien-thoai" name="dien-thoai" value={f.phone} maxLength={20} autocomplete="tel" />
        <label for="thu-dien-tu">{t('email')}</label>
        <input type="email" id="thu-dien-tu" name="thu-dien-tu" value={f.email} maxLength={120} autocomplete="email" />
      </fieldset>
    </>
  );
}

export function FeedbackFormPage(p: FormPageProps) {
  const t = translator(feedbackMessages, p.lang);
  const c = p.center;
  return (
    <Shell lang={p.lang} path={p.path} center={c} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      <p class="muted">{t('limits')}</p>
      <p>
        <a href={`/${c.slug}/phan-anh/da-tra-loi`}>{t('seePublished')}</a>
      </p>
      {p.errors.length ? (
        <div class="error-summary" role="alert" data-testid="feedback-errors">
          <h2>{t('errors')}</h2>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        method="post"
        action={`/${c.slug}/phan-anh${p.lang === 'en' ? '?lang=en' : ''}`}
        class="stack"
        data-testid="feedback-form"
      >
        {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
        <input type="hidden" name="_t" value={p.stamp} />
        <div class="visually-hidden" aria-hidden="true">
          <label for={HONEYPOT}>{t('honeypot')}</label>
          <input type="text" id={HONEYPOT} name={HONEYPOT} value="" tabindex={-1} autocomplete="off" />
        </div>
        <WhatFields p={p} />
        <ContactFields p={p} />
        <button type="submit" class="big">
          {t('send')}
        </button>
      </form>
      <form method="get" action={`/${c.slug}/phan-anh/tra-cuu`} class="stack">
        <h2>{t('lookupTitle')}</h2>
        <label for="ma">{t('code')}</label>
        <input type="text" id="ma" name="ma" maxLength={20} autocomplete="off" autocapitalize="characters" />
        <button type="submit" class="secondary">
          {t('view')}
        </button>
      </form>
    </Shell>
  );
}

export function FeedbackSentPage(p: { lang: Lang; path: string; center: PublicCenter; code: string; due: string }) {
  const t = translator(feedbackMessages, p.lang);
  return (
    <Shell lang={p.lang} path={p.path} center={p.center} title={t('sentTitle')}>
      <div class="status" role="status">
        <h1>{t('sentTitle')}</h1>
        <p>
          {t('sentText')} <strong data-testid="feedback-code">{p.code}</strong>
        </p>
        <p>{t('sentKeep', { due: dateTimeVi(p.due) })}</p>
      </div>
      <p>
        <a href={`/${p.center.slug}/phan-anh/${p.code}`} data-testid="feedback-status-link">
          {t('statusLink')}
        </a>
      </p>
    </Shell>
  );
}

interface StatusPageProps {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf: string | null;
  stamp: string;
  f: PublicFeedback;
  errors: string[];
  infoSent: boolean;
}

function StatusFacts({ p }: { p: StatusPageProps }) {
  const t = translator(feedbackMessages, p.lang);
  const f = p.f;
  return (
    <dl class="facts" data-testid="feedback-status">
      <dt>{t('status')}</dt>
      <dd data-testid="feedback-state">
        {STATUS_LABELS[f.status][p.lang]}
        {f.overdue ? (
          <>
            {' '}
            <span class="badge late">{t('overdue')}</span>
          </>
        ) : null}
      </dd>
      <dt>{t('about')}</dt>
      <dd>
        {ABOUT_LABELS[f.about][p.lang]}
        {f.procedureName ? ` — ${f.procedureName}` : ''}
      </dd>
      <dt>{t('receivedAt')}</dt>
      <dd>{dateTimeVi(f.receivedAt)}</dd>
      {isOpenFeedback(f.status) ? (
        <>
          <dt>{t('dueAt')}</dt>
          <dd data-testid="feedback-due">{dateTimeVi(f.handleDueAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The centre asked for more information: the question and the citizen's reply form. */
function InfoReplyForm({ p, infoRequest }: { p: StatusPageProps; infoRequest: string }) {
  const t = translator(feedbackMessages, p.lang);
  const f = p.f;
  return (
    <form method="post" action={`/${p.center.slug}/phan-anh/${f.code}`} class="stack">
      <h2>{t('infoRequest')}</h2>
      <p class="pre">{infoRequest}</p>
      {p.errors.length ? (
        <div class="error-summary" role="alert">
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
      <input type="hidden" name="_t" value={p.stamp} />
      <div class="visually-hidden" aria-hidden="true">
        <label for={HONEYPOT}>{t('honeypot')}</label>
        <input type="text" id={HONEYPOT} name={HONEYPOT} value="" tabindex={-1} autocomplete="off" />
      </div>
      <label for="bo-sung">{t('infoReply')}</label>
      <textarea id="bo-sung" name="bo-sung" rows={4} maxLength={5000} required />
      <button type="submit">{t('sendInfo')}</button>
    </form>
  );
}

export function FeedbackStatusPage(p: StatusPageProps) {
  const t = translator(feedbackMessages, p.lang);
  const f = p.f;
  return (
    <Shell lang={p.lang} path={p.path} center={p.center} title={t('statusTitle', { code: f.code })}>
      <h1>{t('statusTitle', { code: f.code })}</h1>
      {p.infoSent ? (
        <p class="status" role="status">
          {t('infoSent')}
        </p>
      ) : null}
      <StatusFacts p={p} />
      <h2>{t('question')}</h2>
      <p class="pre">{f.content}</p>
      {f.answer ? (
        <>
          <h2>{t('answer')}</h2>
          <p class="pre" data-testid="feedback-answer">
            {f.answer}
          </p>
        </>
      ) : null}
      {f.refuseReason ? (
        <>
          <h2>{t('refused')}</h2>
          <p class="pre">{f.refuseReason}</p>
        </>
      ) : null}
      {f.infoRequest ? <InfoReplyForm p={p} infoRequest={f.infoRequest} /> : null}
      <p>
        <a href={`/${p.center.slug}/phan-anh`}>{t('newFeedback')}</a> ·{' '}
        <a href={`/${p.center.slug}/phan-anh/da-tra-loi`}>{t('seePublished')}</a>
      </p>
    </Shell>
  );
}

export function PublishedPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  items: {
    code: string;
    about: string;
    procedureName: string | null;
    receivedAt: string;
    question: string;
    answer: string;
    answeredAt: string | null;
  }[];
}) {
  const t = translator(feedbackMessages, p.lang);
  return (
    <Shell lang={p.lang} path={p.path} center={p.center} title={t('publishedTitle')}>
      <h1>{t('publishedTitle')}</h1>
      <p class="lead">{t('publishedIntro')}</p>
      <p>
        <a href={`/${p.center.slug}/phan-anh`}>{t('newFeedback')}</a>
      </p>
      {p.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ol class="plain published" data-testid="published-list">
          {p.items.map((i) => (
            <li class="card" data-code={i.code}>
              <h2>
                {i.code}
                {i.procedureName ? ` — ${i.procedureName}` : ''}
              </h2>
              <h3>{t('asked', { date: dateVi(i.receivedAt) })}</h3>
              <p class="pre">{i.question}</p>
              <h3>{t('answered', { date: i.answeredAt ? dateVi(i.answeredAt) : '' })}</h3>
              <p class="pre">{i.answer}</p>
            </li>
          ))}
        </ol>
      )}
    </Shell>
  );
}
