/** Console: the staff and counters directory (add, edit, delete; public or internal). */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import type { StaffContact } from '../model.ts';

export const directoryMessages = defineMessages(
  {
    title: 'Danh bạ cán bộ, công chức và quầy tiếp nhận',
    intro:
      'Công khai số điện thoại của Giám đốc và công chức tại Trung tâm (Kế hoạch, mục III.1.1). Chỉ các dòng đánh dấu “công khai” xuất hiện trên trang của Trung tâm và bản in.',
    name: 'Họ và tên',
    titleLabel: 'Chức vụ',
    counter: 'Quầy / bộ phận',
    fields: 'Lĩnh vực phụ trách (mỗi dòng một lĩnh vực)',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    isPublic: 'Công khai',
    order: 'Thứ tự',
    add: 'Thêm người',
    save: 'Lưu',
    remove: 'Xóa',
    errors: 'Chưa lưu được vì:',
    publicYes: 'Công khai',
    publicNo: 'Nội bộ',
  },
  {
    title: 'Staff and counters directory',
    intro:
      'Publish the phone numbers of the Director and the centre’s staff (plan III.1.1). Only rows marked “public” appear on the centre’s site and printouts.',
    name: 'Full name',
    titleLabel: 'Title',
    counter: 'Counter / unit',
    fields: 'Fields handled (one per line)',
    phone: 'Phone',
    email: 'E-mail',
    isPublic: 'Public',
    order: 'Order',
    add: 'Add a person',
    save: 'Save',
    remove: 'Delete',
    errors: 'Not saved because:',
    publicYes: 'Public',
    publicNo: 'Internal',
  },
);

function ContactForm({
  c,
  csrf,
  lang,
  action,
}: {
  c: Partial<StaffContact>;
  csrf: string;
  lang: Lang;
  action: string;
}) {
  const t = translator(directoryMessages, lang);
  const id = c.id ?? 'new';
  return (
    <form method="post" action={action} class="card stack">
      <input type="hidden" name="_csrf" value={csrf} />
      <label for={`name-${id}`}>{t('name')}</label>
      <input id={`name-${id}`} name="name" type="text" value={c.name ?? ''} required />
      <label for={`title-${id}`}>{t('titleLabel')}</label>
      <input id={`title-${id}`} name="title" type="text" value={c.title ?? ''} />
      <label for={`counter-${id}`}>{t('counter')}</label>
      <input id={`counter-${id}`} name="counter" type="text" value={c.counter ?? ''} />
      <label for={`fields-${id}`}>{t('fields')}</label>
      <textarea id={`fields-${id}`} name="fields" rows={2}>
        {(c.fields ?? []).join('\n')}
      </textarea>
      <label for={`phone-${id}`}>{t('phone')}</label>
      <input id={`phone-${id}`} name="phone" type="text" inputmode="tel" value={c.phone ?? ''} />
      <label for={`email-${id}`}>{t('email')}</label>
      <input id={`email-${id}`} name="email" type="text" inputmode="email" value={c.email ?? ''} />
      <label for={`order-${id}`}>{t('order')}</label>
      <input id={`order-${id}`} name="sortOrder" type="number" value={String(c.sortOrder ?? 0)} />
      <input type="hidden" name="isPublic" value="0" />
      <label>
        <input type="checkbox" name="isPublic" value="1" checked={c.isPublic ?? true} /> {t('isPublic')}
      </label>
      <button type="submit">{c.id ? t('save') : t('add')}</button>
    </form>
  );
}

export function DirectoryConsolePage(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  contacts: StaffContact[];
  errors: string[];
}) {
  const t = translator(directoryMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
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
      <table data-testid="contacts">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('titleLabel')}</th>
            <th>{t('counter')}</th>
            <th>{t('phone')}</th>
            <th>{t('isPublic')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {p.contacts.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>{c.title}</td>
              <td>{c.counter}</td>
              <td>{c.phone}</td>
              <td>{c.isPublic ? t('publicYes') : t('publicNo')}</td>
              <td>
                <details>
                  <summary>{t('save')}…</summary>
                  <ContactForm c={c} csrf={p.csrf} lang={p.lang} action={`/console/directory/${c.id}`} />
                </details>
                <form method="post" action={`/console/directory/${c.id}/delete`} class="inline">
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <button type="submit" class="secondary">
                    {t('remove')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('add')}</h2>
      <ContactForm c={{}} csrf={p.csrf} lang={p.lang} action="/console/directory" />
    </ConsoleLayout>
  );
}
