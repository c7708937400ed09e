/**
 * The citizen's opt-out page (/<centre>/tu-choi-nhan-tin): phone or e-mail plus the dossier code
 * and the receipt's lookup code as proof, no account; then a confirmation page saying what
 * happens next. Works without JavaScript.
 */
import { PublicLayout, PhoneList } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import type { PublicCenter } from '../../centers/index.ts';
import { centerNav } from '../../catalog/index.ts';
import { optOutMessages } from '../messages.ts';
import { optOutPath } from '../model.ts';

export interface OptOutForm {
  contact: string;
  code: string;
  secret: string;
}

function Contacts({ center, lang }: { center: PublicCenter; lang: Lang }) {
  const t = translator(optOutMessages, lang);
  if (!center.phones.length) return null;
  return (
    <>
      <h2>{t('contactCenter')}</h2>
      <PhoneList phones={center.phones} />
    </>
  );
}

function OptOutErrors(p: { lang: Lang; errors: string[] }) {
  const t = translator(optOutMessages, p.lang);
  if (!p.errors.length) return null;
  return (
    <div class="error-summary" role="alert" data-testid="opt-out-errors">
      <h2>{t('errors')}</h2>
      <ul>
        {p.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

function OptOutFields(p: { lang: Lang; form: OptOutForm }) {
  const t = translator(optOutMessages, p.lang);
  return (
    <>
      <label for="lien-he">{t('contact')}</label>
      <p class="hint" id="lien-he-hint">
        {t('contactHint')}
      </p>
      <input
        type="text"
        id="lien-he"
        name="lien-he"
        value={p.form.contact}
        maxLength={200}
        required
        autocomplete="off"
        aria-describedby="lien-he-hint"
      />
      <label for="ma">{t('code')}</label>
      <p class="hint" id="ma-hint">
        {t('codeHint')}
      </p>
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
        aria-describedby="ma-hint"
      />
      <label for="bi-mat">{t('secret')}</label>
      <p class="hint" id="bi-mat-hint">
        {t('secretHint')}
      </p>
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
        aria-describedby="bi-mat-hint"
      />
    </>
  );
}

export function OptOutPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf: string;
  form: OptOutForm;
  errors: string[];
}) {
  const t = translator(optOutMessages, p.lang);
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
      <p>{t('effect')}</p>
      <OptOutErrors lang={p.lang} errors={p.errors} />
      <form method="post" action={optOutPath(c.slug)} aria-label={t('title')}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <OptOutFields lang={p.lang} form={p.form} />
        <button type="submit">{t('submit')}</button>
      </form>
      <Contacts center={c} lang={p.lang} />
    </PublicLayout>
  );
}

export function OptOutDonePage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  recipient: string;
  created: boolean;
}) {
  const t = translator(optOutMessages, p.lang);
  const c = p.center;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('doneTitle')}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={centerNav(c.slug, p.lang, null)}
    >
      <div class="status" role="status" data-testid="opt-out-done">
        <h1>{t('doneTitle')}</h1>
        <p>{t(p.created ? 'done' : 'already', { recipient: p.recipient })}</p>
      </div>
      <h2>{t('nextTitle')}</h2>
      <ul>
        <li>{t('next1')}</li>
        <li>{t('next2')}</li>
        <li>{t('next3')}</li>
      </ul>
      <Contacts center={c} lang={p.lang} />
      <p>
        <a href={`/${c.slug}`}>{t('back')}</a>
      </p>
    </PublicLayout>
  );
}
