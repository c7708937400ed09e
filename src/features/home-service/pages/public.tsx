/**
 * The public request form /<centre>/ho-tro-tai-nha (a relative on a 360 px phone, no JavaScript)
 * and its confirmation page, which shows the tracking code, the needs and the last digits of the
 * phone — never the name, the address or an ID.
 */
import { PublicLayout, PhoneList } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVi } from '../../../core/calendar/index.ts';
import type { PublicCenter } from '../../centers/index.ts';
import { centerNav } from '../../catalog/index.ts';
import { publicHomeMessages } from '../messages.ts';
import {
  NEED_LABELS,
  NEEDS,
  RELATIONSHIP_LABELS,
  RELATIONSHIPS,
  SLOT_LABELS,
  SLOTS,
  type Need,
  type Slot,
} from '../model.ts';

export const publicFormPath = (slug: string) => `/${slug}/ho-tro-tai-nha`;

export interface PublicForm {
  personName: string;
  relationship: string;
  requesterName: string;
  phone: string;
  address: string;
  needs: string[];
  needsOther: string;
  preferredDate: string;
  preferredSlot: string;
  consent: boolean;
}
export const blankPublicForm = (): PublicForm => ({
  personName: '',
  relationship: '',
  requesterName: '',
  phone: '',
  address: '',
  needs: [],
  needsOther: '',
  preferredDate: '',
  preferredSlot: 'any',
  consent: false,
});

export interface FieldError {
  field?: string;
  message: string;
}

function Err({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}
const inv = (id: string, errors: FieldError[]) =>
  errors.some((e) => e.field === id) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};

function Phones({ center, lang }: { center: PublicCenter; lang: Lang }) {
  const t = translator(publicHomeMessages, lang);
  if (!center.phones.length) return null;
  return (
    <>
      <h2>{t('callCenter')}</h2>
      <PhoneList phones={center.phones} />
    </>
  );
}

interface SectionProps {
  lang: Lang;
  form: PublicForm;
  errors: FieldError[];
  today: string;
}

function ErrorList(p: { lang: Lang; errors: FieldError[] }) {
  const t = translator(publicHomeMessages, p.lang);
  return p.errors.length ? (
    <div class="error-summary" role="alert" tabindex={-1} data-testid="errors">
      <h2>{t('errors')}</h2>
      <ul>
        {p.errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  ) : null;
}

/** Who needs help, who asks, how to reach them. */
function WhoFieldset(p: SectionProps) {
  const t = translator(publicHomeMessages, p.lang);
  const f = p.form;
  return (
    <fieldset>
      <legend>{t('whoTitle')}</legend>
      <label for="personName">{t('personName')}</label>
      <Err id="personName" errors={p.errors} />
      <input
        type="text"
        id="personName"
        name="personName"
        value={f.personName}
        maxLength={120}
        required
        autocomplete="off"
        {...inv('personName', p.errors)}
      />
      <label for="relationship">{t('relationship')}</label>
      <Err id="relationship" errors={p.errors} />
      <select id="relationship" name="relationship" required {...inv('relationship', p.errors)}>
        <option value="">—</option>
        {RELATIONSHIPS.map((r) => (
          <option value={r} selected={f.relationship === r}>
            {RELATIONSHIP_LABELS[r][p.lang]}
          </option>
        ))}
      </select>
      <label for="requesterName">{t('requesterName')}</label>
      <p class="hint" id="requesterName-hint">
        {t('requesterHint')}
      </p>
      <Err id="requesterName" errors={p.errors} />
      <input
        type="text"
        id="requesterName"
        name="requesterName"
        value={f.requesterName}
        maxLength={120}
        autocomplete="name"
        aria-describedby="requesterName-hint"
      />
      <label for="phone">{t('phone')}</label>
      <Err id="phone" errors={p.errors} />
      <input
        type="tel"
        id="phone"
        name="phone"
        value={f.phone}
        maxLength={20}
        required
        autocomplete="tel"
        inputMode="tel"
        {...inv('phone', p.errors)}
      />
      <label for="address">{t('address')}</label>
      <Err id="address" errors={p.errors} />
      <textarea id="address" name="address" rows={2} maxLength={300} required {...inv('address', p.errors)}>
        {f.address}
      </textarea>
    </fieldset>
  );
}

/** What is needed. */
function WhatFieldset(p: SectionProps) {
  const t = translator(publicHomeMessages, p.lang);
  const f = p.form;
  return (
    <fieldset id="needs">
      <legend>{t('whatTitle')}</legend>
      <Err id="needs" errors={p.errors} />
      {NEEDS.map((n) => (
        <label class="choice">
          <input type="checkbox" name="needs" value={n} checked={f.needs.includes(n)} /> {NEED_LABELS[n][p.lang]}
        </label>
      ))}
      <label for="needsOther">{t('needsOther')}</label>
      <Err id="needsOther" errors={p.errors} />
      <input
        type="text"
        id="needsOther"
        name="needsOther"
        value={f.needsOther}
        maxLength={500}
        {...inv('needsOther', p.errors)}
      />
    </fieldset>
  );
}

/** When would suit. */
function WhenFieldset(p: SectionProps) {
  const t = translator(publicHomeMessages, p.lang);
  const f = p.form;
  return (
    <fieldset>
      <legend>{t('whenTitle')}</legend>
      <label for="preferredDate">{t('preferredDate')}</label>
      <Err id="preferredDate" errors={p.errors} />
      <input
        type="date"
        id="preferredDate"
        name="preferredDate"
        value={f.preferredDate}
        min={p.today}
        {...inv('preferredDate', p.errors)}
      />
      <label for="preferredSlot">{t('preferredSlot')}</label>
      <select id="preferredSlot" name="preferredSlot">
        {SLOTS.map((s) => (
          <option value={s} selected={f.preferredSlot === s}>
            {SLOT_LABELS[s][p.lang]}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export function PublicRequestPage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  csrf?: string | null;
  token: string;
  today: string;
  form: PublicForm;
  errors: FieldError[];
}) {
  const t = translator(publicHomeMessages, p.lang);
  const c = p.center;
  const f = p.form;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('title')}
      path={p.path}
      centerName={c.shortName}
      centerSlug={c.slug}
      siteNav={centerNav(c.slug, p.lang, 'homeService')}
    >
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      <p>{t('free')}</p>
      <ErrorList lang={p.lang} errors={p.errors} />
      <form method="post" action={publicFormPath(c.slug)} class="stack home-request" aria-label={t('title')}>
        {/* Signed-in staff using the same browser carry a session cookie: the global CSRF check then wants the token. */}
        {p.csrf ? <input type="hidden" name="_csrf" value={p.csrf} /> : null}
        <input type="hidden" name="_ts" value={p.token} />
        {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        {/* Honeypot: hidden from people and screen readers; robots fill every field. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">{t('honeypot')}</label>
          <input type="text" id="website" name="website" value="" tabindex={-1} autocomplete="off" />
        </div>
        <WhoFieldset {...p} />
        <WhatFieldset {...p} />
        <WhenFieldset {...p} />
        <Err id="consent" errors={p.errors} />
        <label class="choice" for="consent">
          <input
            type="checkbox"
            id="consent"
            name="consent"
            value="yes"
            checked={f.consent}
            required
            {...inv('consent', p.errors)}
          />{' '}
          {t('consent')}
        </label>
        <button type="submit" class="big">
          {t('submit')}
        </button>
      </form>
      <Phones center={c} lang={p.lang} />
    </PublicLayout>
  );
}

export function PublicDonePage(p: {
  lang: Lang;
  path: string;
  center: PublicCenter;
  code: string;
  needs: Need[];
  preferredDate: string | null;
  preferredSlot: Slot;
  phoneEnd: string;
}) {
  const t = translator(publicHomeMessages, p.lang);
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
      <div class="status" role="status">
        <h1>{t('doneTitle')}</h1>
        <p>
          {t('doneCode')}:{' '}
          <strong class="tracking-code" data-testid="tracking-code">
            {p.code}
          </strong>
        </p>
      </div>
      <p>{t('doneKeep')}</p>
      <p>{t('doneCall', { end: p.phoneEnd })}</p>
      <dl class="facts">
        <dt>{t('doneNeeds')}</dt>
        <dd>
          <ul class="plain">
            {p.needs.map((n) => (
              <li>{NEED_LABELS[n][p.lang]}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('donePreferred')}</dt>
        <dd>
          {p.preferredDate ? `${formatVi(p.preferredDate)} — ` : `${t('preferredAny')} — `}
          {SLOT_LABELS[p.preferredSlot][p.lang]}
        </dd>
      </dl>
      <Phones center={c} lang={p.lang} />
      <p>
        <a href={`/${c.slug}`}>{t('back')}</a>
      </p>
    </PublicLayout>
  );
}
