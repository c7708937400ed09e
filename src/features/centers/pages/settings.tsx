/** Console: the centre's run-time settings (hours, same-day service, re-appointments, contacts, signer). */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { weekdayName } from '../../../core/text/index.ts';

export const settingsMessages = defineMessages(
  {
    title: 'Thiết lập của Trung tâm',
    intro:
      'Giờ làm việc và giờ chốt được dùng để tính ngày hẹn trả; ngày giải quyết trong ngày theo mô hình “Thứ 3 không hẹn, thứ 6 không chờ”.',
    hours: 'Giờ làm việc',
    morning: 'Buổi sáng',
    afternoon: 'Buổi chiều',
    from: 'Từ',
    to: 'Đến',
    cutoff: 'Giờ chốt nhận hồ sơ giải quyết trong ngày',
    sameDay: 'Ngày giải quyết trong ngày',
    reappoint: 'Số lần được xin lỗi, hẹn lại cho một hồ sơ',
    warningHours: 'Cảnh báo hồ sơ có nguy cơ trễ hạn trước ngày hẹn (số giờ làm việc, từ 1 đến 40)',
    warningHint:
      'Hồ sơ còn ít hơn số giờ làm việc này đến hạn thì được tự động soạn dự thảo thư xin lỗi (Mẫu 04) để chuyên viên ghi lý do.',
    guidanceCode: 'Ghi sổ hướng dẫn tại quầy (Mẫu 02) kèm mã hồ sơ',
    signer: 'Người ký văn bản (thư xin lỗi, thư chúc mừng)',
    leaderName: 'Họ và tên',
    leaderTitle: 'Chức vụ (ví dụ: Giám đốc, Phó Giám đốc)',
    contact: 'Liên hệ công khai',
    address: 'Địa chỉ',
    email: 'Thư điện tử',
    phones: 'Điện thoại (mỗi dòng: tên bộ phận | số điện thoại)',
    save: 'Lưu',
    saved: 'Đã lưu.',
    errors: 'Chưa lưu được vì:',
  },
  {
    title: 'Centre settings',
    intro:
      'Working hours and the cut-off set the appointment dates; same-day days follow the “no appointment on Tuesday, no waiting on Friday” model.',
    hours: 'Working hours',
    morning: 'Morning',
    afternoon: 'Afternoon',
    from: 'From',
    to: 'To',
    cutoff: 'Same-day cut-off time',
    sameDay: 'Same-day service days',
    reappoint: 'Apologies and re-appointments allowed per dossier',
    warningHours: 'Warn of dossiers at risk of being late before the appointment (working hours, 1 to 40)',
    warningHint:
      'A dossier due within this many working hours gets an automatic apology draft (form 04) for the specialist to give the reason.',
    guidanceCode: 'Log counter guidance (form 02) with a dossier code',
    signer: 'Signer of letters (apologies, congratulations)',
    leaderName: 'Full name',
    leaderTitle: 'Title (e.g. Director, Deputy Director)',
    contact: 'Public contact',
    address: 'Address',
    email: 'E-mail',
    phones: 'Phones (one per line: label | number)',
    save: 'Save',
    saved: 'Saved.',
    errors: 'Not saved because:',
  },
);

export interface SettingsForm {
  s1: string;
  e1: string;
  s2: string;
  e2: string;
  cutoff: string;
  weekdays: number[];
  maxReappointments: string;
  apologyWarningHours: string;
  guidanceTakesCode: boolean;
  leaderName: string;
  leaderTitle: string;
  address: string;
  email: string;
  phones: string;
}

type Tr = ReturnType<typeof translator<keyof typeof settingsMessages.vi>>;

function TimeInput({ f, name, label }: { f: SettingsForm; name: keyof SettingsForm; label: string }) {
  return (
    <span>
      <label for={name}>{label}</label>
      <input id={name} name={name} type="time" value={String(f[name])} required />
    </span>
  );
}

/** Working hours, cut-off, same-day weekdays, re-appointments, apology warning, guidance by code. */
function DeskInputs({ f, t, lang }: { f: SettingsForm; t: Tr; lang: Lang }) {
  return (
    <>
      <fieldset>
        <legend>{t('hours')}</legend>
        <p>
          {t('morning')}: <TimeInput f={f} name="s1" label={t('from')} /> <TimeInput f={f} name="e1" label={t('to')} />
        </p>
        <p>
          {t('afternoon')}: <TimeInput f={f} name="s2" label={t('from')} />{' '}
          <TimeInput f={f} name="e2" label={t('to')} />
        </p>
      </fieldset>
      <label for="cutoff">{t('cutoff')}</label>
      <input id="cutoff" name="cutoff" type="time" value={f.cutoff} required />
      <fieldset>
        <legend>{t('sameDay')}</legend>
        {[1, 2, 3, 4, 5, 6].map((d) => (
          <label>
            <input type="checkbox" name="weekday" value={String(d)} checked={f.weekdays.includes(d)} />{' '}
            {weekdayName(d, lang)}
          </label>
        ))}
      </fieldset>
      <label for="maxReappointments">{t('reappoint')}</label>
      <input
        id="maxReappointments"
        name="maxReappointments"
        type="number"
        min="0"
        max="3"
        value={f.maxReappointments}
        required
      />
      <label for="apologyWarningHours">{t('warningHours')}</label>
      <p class="hint" id="apologyWarningHours-hint">
        {t('warningHint')}
      </p>
      <input
        id="apologyWarningHours"
        name="apologyWarningHours"
        type="number"
        min="1"
        max="40"
        value={f.apologyWarningHours}
        aria-describedby="apologyWarningHours-hint"
        required
      />
      <label>
        <input type="checkbox" name="guidanceTakesCode" value="1" checked={f.guidanceTakesCode} /> {t('guidanceCode')}
      </label>
    </>
  );
}

/** Who signs for the centre, and how to reach it. */
function ContactInputs({ f, t }: { f: SettingsForm; t: Tr }) {
  return (
    <>
      <fieldset>
        <legend>{t('signer')}</legend>
        <label for="leaderName">{t('leaderName')}</label>
        <input id="leaderName" name="leaderName" type="text" value={f.leaderName} maxLength={120} />
        <label for="leaderTitle">{t('leaderTitle')}</label>
        <input id="leaderTitle" name="leaderTitle" type="text" value={f.leaderTitle} maxLength={120} />
      </fieldset>
      <fieldset>
        <legend>{t('contact')}</legend>
        <label for="address">{t('address')}</label>
        <input id="address" name="address" type="text" value={f.address} maxLength={300} />
        <label for="email">{t('email')}</label>
        <input id="email" name="email" type="text" value={f.email} maxLength={120} />
        <label for="phones">{t('phones')}</label>
        <textarea id="phones" name="phones" rows={3}>
          {f.phones}
        </textarea>
      </fieldset>
    </>
  );
}

export function SettingsPage(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  form: SettingsForm;
  saved: boolean;
  errors: string[];
}) {
  const t = translator(settingsMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {p.saved ? (
        <p class="status" role="status">
          {t('saved')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert">
          <h2>{t('errors')}</h2>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/console/settings" class="stack wide">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <DeskInputs f={p.form} t={t} lang={p.lang} />
        <ContactInputs f={p.form} t={t} />
        <button type="submit">{t('save')}</button>
      </form>
    </ConsoleLayout>
  );
}
