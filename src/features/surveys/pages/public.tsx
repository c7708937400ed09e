/**
 * The citizen's survey page (/<centre>/danh-gia) and the counter tablet (/<centre>/danh-gia/quay/<counter>):
 * server HTML, no JavaScript, usable at 360 px. Radio buttons for the overall rating and each criterion.
 */
import { PublicLayout } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import type { PublicCenter } from '../../centers/index.ts';
import { centerNav } from '../../catalog/index.ts';
import { OVERALL, OVERALL_LABELS, STAGE_LABELS, STAGE_SLUGS, type Criterion, type Stage } from '../model.ts';
import { surveyMessages } from '../messages.ts';

export interface SurveyFormState {
  code: string;
  secret: string;
  ticket: string;
  channel: string;
  stage: Stage | null;
  overall: string;
  scores: Record<string, string>;
  comment: string;
}

interface Ctx {
  dossier: { code: string; procedureName: string } | null;
  ticketCode: string | null;
  stage: Stage;
  criteria: Criterion[];
}

function Criteria(p: {
  lang: Lang;
  criteria: Criterion[];
  scores: Record<string, string>;
  kind: 'indicator' | 'conduct';
}) {
  const t = translator(surveyMessages, p.lang);
  const list = p.criteria.filter((c) => c.kind === p.kind);
  if (!list.length) return null;
  return (
    <fieldset class="survey-criteria">
      <legend>{t(p.kind === 'indicator' ? 'indicators' : 'conduct')}</legend>
      {list.map((c) => (
        <fieldset class="criterion" data-criterion={c.code}>
          <legend>{p.lang === 'vi' ? c.vi : c.en}</legend>
          <div class="choices">
            {OVERALL.map((o) => (
              <label class="choice">
                <input type="radio" name={`tc-${c.code}`} value={o} checked={p.scores[c.code] === o} />{' '}
                {OVERALL_LABELS[o][p.lang]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

/** The rating fields (shared by the public page and the tablet). */
export function RatingFields(p: { lang: Lang; criteria: Criterion[]; form: SurveyFormState }) {
  const t = translator(surveyMessages, p.lang);
  return (
    <>
      <fieldset class="survey-overall">
        <legend>{t('overall')}</legend>
        {OVERALL.map((o) => (
          <label class="choice big-choice">
            <input type="radio" name="muc-do" value={o} required checked={p.form.overall === o} />{' '}
            <strong>{OVERALL_LABELS[o][p.lang]}</strong>
          </label>
        ))}
      </fieldset>
      <Criteria lang={p.lang} criteria={p.criteria} scores={p.form.scores} kind="indicator" />
      <Criteria lang={p.lang} criteria={p.criteria} scores={p.form.scores} kind="conduct" />
      <label for="gop-y">{t('comment')}</label>
      <textarea id="gop-y" name="gop-y" rows={3} maxLength={1000}>
        {p.form.comment}
      </textarea>
    </>
  );
}

function Errors(p: { lang: Lang; errors: string[] }) {
  const t = translator(surveyMessages, p.lang);
  return p.errors.length ? (
    <div class="error-summary" role="alert" data-testid="survey-errors">
      <h2>{t('errors')}</h2>
      <ul>
        {p.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  ) : null;
}

interface SurveyPageProps {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf: string | null;
  ctx: Ctx | null;
  form: SurveyFormState;
  errors: string[];
  already: string | null;
  notFound: boolean;
}

function SurveyForm({ p, ctx }: { p: SurveyPageProps; ctx: Ctx }) {
  const t = translator(surveyMessages, p.lang);
  const action = `/${p.center.slug}/danh-gia${p.lang === 'en' ? '?lang=en' : ''}`;
  return (
    <form method="post" action={action} class="stack survey-form" data-testid="survey-form">
      {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
      <input type="hidden" name="ma" value={p.form.code} />
      <input type="hidden" name="bi-mat" value={p.form.secret} />
      <input type="hidden" name="buoc" value={STAGE_SLUGS[ctx.stage]} />
      <input type="hidden" name="kenh" value={p.form.channel} />
      <dl class="facts">
        {ctx.dossier ? (
          <>
            <dt>{t('dossier')}</dt>
            <dd data-testid="survey-dossier">{ctx.dossier.code}</dd>
            <dt>{t('procedure')}</dt>
            <dd>{ctx.dossier.procedureName}</dd>
          </>
        ) : null}
        <dt>{t('stage')}</dt>
        <dd data-testid="survey-stage">{STAGE_LABELS[ctx.stage][p.lang]}</dd>
      </dl>
      <label for="ve">{t('ticket')}</label>
      <input type="text" id="ve" name="ve" value={p.form.ticket} maxLength={20} autocomplete="off" />
      <RatingFields lang={p.lang} criteria={ctx.criteria} form={p.form} />
      <button type="submit" class="big">
        {t('send')}
      </button>
    </form>
  );
}

function AskCodeForm({ p }: { p: SurveyPageProps }) {
  const t = translator(surveyMessages, p.lang);
  const c = p.center;
  return (
    <form method="get" action={`/${c.slug}/danh-gia`} class="stack" aria-label={t('title')}>
      <p>{t('askCode')}</p>
      {p.notFound ? (
        <p class="error-summary" role="alert" data-testid="survey-notfound">
          {t('notFound')}
        </p>
      ) : null}
      <label for="ma">{t('code')}</label>
      <input
        type="text"
        id="ma"
        name="ma"
        value={p.form.code}
        maxLength={40}
        required
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
      />
      <label for="bi-mat">{t('secret')}</label>
      <input
        type="text"
        id="bi-mat"
        name="bi-mat"
        value={p.form.secret}
        maxLength={16}
        required
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
      />
      <input type="hidden" name="kenh" value="web" />
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{t('open')}</button>
    </form>
  );
}

export function SurveyPage(p: SurveyPageProps) {
  const t = translator(surveyMessages, p.lang);
  const c = p.center;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('title')}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={centerNav(c.slug, p.lang, null)}
    >
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      {p.already ? (
        <p class="status" role="status" data-testid="survey-already">
          {p.already}
        </p>
      ) : null}
      <Errors lang={p.lang} errors={p.errors} />
      {p.ctx && !p.already ? <SurveyForm p={p} ctx={p.ctx} /> : null}
      {!p.ctx ? <AskCodeForm p={p} /> : null}
    </PublicLayout>
  );
}

export function ThanksPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  code: string | null;
  stage: Stage;
  low: boolean;
  kioskBack?: string;
}) {
  const t = translator(surveyMessages, p.lang);
  const c = p.center;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('thanks')}
      path={p.path}
      centerName={c.shortName}
      centerSlug={p.kioskBack ? undefined : c.slug}
      siteNav={p.kioskBack ? undefined : centerNav(c.slug, p.lang, null)}
    >
      {p.kioskBack ? <meta http-equiv="refresh" content={`6;url=${p.kioskBack}`} /> : null}
      <div class="status" role="status" data-testid="survey-thanks">
        <h1>{t('thanks')}</h1>
        <p>{p.code ? t('thanksText', { stage: STAGE_LABELS[p.stage][p.lang], code: p.code }) : t('thanksTicket')}</p>
      </div>
      {p.low && !p.kioskBack ? (
        <p>
          {t('lowNote')} <a href={`/${c.slug}/phan-anh`}>{t('feedbackLink')}</a>
        </p>
      ) : null}
      {p.kioskBack ? (
        <>
          <p class="muted">{t('kioskNext')}</p>
          <p>
            <a class="button big" href={p.kioskBack}>
              {t('kioskAgain')}
            </a>
          </p>
        </>
      ) : null}
    </PublicLayout>
  );
}

export function KioskPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf: string | null;
  counter: string | null;
  action: string;
  criteria: Criterion[];
  form: SurveyFormState;
  errors: string[];
  already: string | null;
}) {
  const t = translator(surveyMessages, p.lang);
  const c = p.center;
  if (!p.counter) {
    return (
      <PublicLayout lang={p.lang} title={t('kioskLocked')} path={p.path} centerName={c.shortName}>
        <h1 data-testid="kiosk-locked">{t('kioskLocked')}</h1>
        <p>{t('kioskLockedText')}</p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout lang={p.lang} title={t('kioskTitle')} path={p.path} centerName={c.shortName}>
      <h1>{t('kioskTitle')}</h1>
      <p class="muted" data-testid="kiosk-counter">
        {t('kioskCounter', { counter: p.counter })}
      </p>
      <p class="lead">{t('kioskIntro')}</p>
      {p.already ? (
        <p class="status" role="status" data-testid="survey-already">
          {p.already}
        </p>
      ) : null}
      <Errors lang={p.lang} errors={p.errors} />
      <form method="post" action={p.action} class="stack survey-form" data-testid="kiosk-form" autocomplete="off">
        {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
        <label for="ma">{t('kioskCode')}</label>
        <input
          type="text"
          id="ma"
          name="ma"
          value={p.form.code}
          maxLength={40}
          autocapitalize="characters"
          spellcheck={false}
        />
        <label for="ve">{t('ticket')}</label>
        <input type="text" id="ve" name="ve" value={p.form.ticket} maxLength={20} />
        <RatingFields lang={p.lang} criteria={p.criteria} form={p.form} />
        <button type="submit" class="big">
          {t('send')}
        </button>
      </form>
    </PublicLayout>
  );
}
