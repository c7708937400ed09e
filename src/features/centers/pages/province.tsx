/** Console: /console/province-admin — the province administrator's centres, their health, and the forms that manage them. */
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVi, toLocal } from '../../../core/calendar/index.ts';
import type { CenterHealth } from '../province.ts';

export const provinceMessages = defineMessages(
  {
    province: 'Quản trị cấp tỉnh',
    title: 'Các Trung tâm của tỉnh',
    intro:
      'Tạo trung tâm cho từng xã, chép danh mục thủ tục hoặc thiết lập mẫu cho nhiều trung tâm, giao cán bộ theo dõi cấp tỉnh. Quản trị cấp tỉnh không xem nội dung hồ sơ.',
    slug: 'Mã đường dẫn',
    agency: 'Mã cơ quan',
    name: 'Tên trung tâm',
    provinceName: 'Tỉnh / thành phố',
    dossiers: 'Hồ sơ',
    open: 'Đang giải quyết',
    staff: 'Tài khoản',
    outbox: 'Tin chờ gửi',
    last: 'Hoạt động gần nhất',
    none: 'Chưa có',
    empty: 'Chưa có trung tâm nào.',
    add: 'Tạo trung tâm',
    address: 'Địa chỉ',
    create: 'Tạo',
    copyCatalog: 'Chép danh mục thủ tục',
    copySettings: 'Chép thiết lập (giờ làm việc, giờ chốt, ngày giải quyết trong ngày)',
    from: 'Từ trung tâm',
    to: 'Đến các trung tâm',
    copy: 'Chép',
    officer: 'Giao cán bộ theo dõi cấp tỉnh',
    username: 'Tên đăng nhập (tài khoản đã có)',
    assign: 'Giao',
    done: 'Đã thực hiện.',
    errors: 'Chưa thực hiện được vì:',
  },
  {
    province: 'Province administration',
    title: 'The province’s centres',
    intro:
      'Create a centre for each commune, copy a procedure catalogue or a settings template to many centres, assign province officers. The province administrator does not see dossier contents.',
    slug: 'Slug',
    agency: 'Agency code',
    name: 'Centre name',
    provinceName: 'Province / city',
    dossiers: 'Dossiers',
    open: 'Open',
    staff: 'Accounts',
    outbox: 'Messages waiting',
    last: 'Last activity',
    none: 'None yet',
    empty: 'No centre yet.',
    add: 'Create a centre',
    address: 'Address',
    create: 'Create',
    copyCatalog: 'Copy the procedure catalogue',
    copySettings: 'Copy settings (working hours, cut-off, same-day days)',
    from: 'From centre',
    to: 'To centres',
    copy: 'Copy',
    officer: 'Assign a province officer',
    username: 'Username (an existing account)',
    assign: 'Assign',
    done: 'Done.',
    errors: 'Not done because:',
  },
);

export interface ProvinceForm {
  slug: string;
  name: string;
  agencyCode: string;
  province: string;
  address: string;
}

/** dd/MM/yyyy HH:mm in Vietnam time. */
function when(iso: string | null, none: string): string {
  if (!iso) return none;
  const l = toLocal(new Date(iso));
  const hh = String(Math.floor(l.minute / 60)).padStart(2, '0');
  const mm = String(l.minute % 60).padStart(2, '0');
  return `${formatVi(l.date)} ${hh}:${mm}`;
}

/** Every centre with its health (dossiers, open, accounts, messages waiting, last activity). */
function HealthTable(p: { lang: Lang; centers: CenterHealth[] }) {
  const t = translator(provinceMessages, p.lang);
  return (
    <>
      {p.centers.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('slug')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('agency')}</th>
              <th scope="col">{t('dossiers')}</th>
              <th scope="col">{t('open')}</th>
              <th scope="col">{t('staff')}</th>
              <th scope="col">{t('outbox')}</th>
              <th scope="col">{t('last')}</th>
            </tr>
          </thead>
          <tbody>
            {p.centers.map((c) => (
              <tr>
                <td>
                  <a href={`/${c.slug}`}>{c.slug}</a>
                </td>
                <td>{c.name}</td>
                <td>{c.agencyCode}</td>
                <td class="num">{c.dossiers}</td>
                <td class="num">{c.open}</td>
                <td class="num">{c.staff}</td>
                <td class="num">{c.outboxWaiting}</td>
                <td>{when(c.lastActivity, t('none'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('empty')}</p>
      )}
    </>
  );
}

/** The form that creates a centre (re-filled after an error). */
function AddCenterForm(p: { lang: Lang; csrf: string; form: ProvinceForm }) {
  const t = translator(provinceMessages, p.lang);
  return (
    <>
      <h2>{t('add')}</h2>
      <form method="post" action="/console/province-admin/centers" class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="slug">{t('slug')}</label>
        <input id="slug" name="slug" value={p.form.slug} required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={60} />
        <label for="name">{t('name')}</label>
        <input id="name" name="name" value={p.form.name} required maxLength={200} />
        <label for="agencyCode">{t('agency')}</label>
        <input id="agencyCode" name="agencyCode" value={p.form.agencyCode} required maxLength={40} />
        <label for="province">{t('provinceName')}</label>
        <input id="province" name="province" value={p.form.province} required maxLength={100} />
        <label for="address">{t('address')}</label>
        <input id="address" name="address" value={p.form.address} maxLength={300} />
        <button type="submit">{t('create')}</button>
      </form>
    </>
  );
}

/** Copy a catalogue or the settings from one centre to many (when there are two centres or more). */
function CopyForms(p: { lang: Lang; csrf: string; centers: CenterHealth[] }) {
  const t = translator(provinceMessages, p.lang);
  const options = p.centers.map((c) => <option value={c.slug}>{`${c.slug} — ${c.name}`}</option>);
  return (
    <>
      {p.centers.length > 1 ? (
        <>
          <h2>{t('copyCatalog')}</h2>
          <form method="post" action="/console/province-admin/catalog-copy" class="stack">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label for="cat-from">{t('from')}</label>
            <select id="cat-from" name="from">
              {options}
            </select>
            <label for="cat-to">{t('to')}</label>
            <select id="cat-to" name="to" multiple size={Math.min(8, p.centers.length)}>
              {options}
            </select>
            <button type="submit">{t('copy')}</button>
          </form>
          <h2>{t('copySettings')}</h2>
          <form method="post" action="/console/province-admin/settings-copy" class="stack">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label for="set-from">{t('from')}</label>
            <select id="set-from" name="from">
              {options}
            </select>
            <label for="set-to">{t('to')}</label>
            <select id="set-to" name="to" multiple size={Math.min(8, p.centers.length)}>
              {options}
            </select>
            <button type="submit">{t('copy')}</button>
          </form>
        </>
      ) : null}
    </>
  );
}

/** Assign a province officer to centres. */
function OfficerForm(p: { lang: Lang; csrf: string; centers: CenterHealth[] }) {
  const t = translator(provinceMessages, p.lang);
  const options = p.centers.map((c) => <option value={c.slug}>{`${c.slug} — ${c.name}`}</option>);
  return (
    <>
      {p.centers.length ? (
        <>
          <h2>{t('officer')}</h2>
          <form method="post" action="/console/province-admin/officers" class="stack">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label for="username">{t('username')}</label>
            <input id="username" name="username" required maxLength={40} />
            <label for="off-to">{t('to')}</label>
            <select id="off-to" name="to" multiple size={Math.min(8, p.centers.length)}>
              {options}
            </select>
            <button type="submit">{t('assign')}</button>
          </form>
        </>
      ) : null}
    </>
  );
}

export function ProvincePage(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centers: CenterHealth[];
  form: ProvinceForm;
  done: boolean;
  errors: string[];
}) {
  const t = translator(provinceMessages, p.lang);
  return (
    <ConsoleLayout
      {...p}
      title={t('title')}
      centerName={t('province')}
      nav={[{ href: '/console/province-admin', label: t('title'), current: true }]}
    >
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {p.done ? (
        <p class="status" role="status">
          {t('done')}
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
      <HealthTable lang={p.lang} centers={p.centers} />

      <AddCenterForm lang={p.lang} csrf={p.csrf} form={p.form} />

      <CopyForms lang={p.lang} csrf={p.csrf} centers={p.centers} />

      <OfficerForm lang={p.lang} csrf={p.csrf} centers={p.centers} />
    </ConsoleLayout>
  );
}
