/** Console: the facility checklist (plan III.2.3) and the facility spending lines (plan V.2.6). */
import { ConsoleLayout, type ConsoleNavItem } from '../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../core/http/i18n.ts';
import { formatVi } from '../../core/calendar/index.ts';
import { FACILITY_STATUSES, FACILITY_STATUS_EN, FACILITY_STATUS_VI, SOURCES_SUGGESTED } from './model.ts';
import type { ItemView, SpendingView } from './service.ts';

export const facilityMessages = defineMessages(
  {
    title: 'Cơ sở vật chất',
    intro:
      'Danh mục trang thiết bị phục vụ Nhân dân theo mục III.2.3 của Kế hoạch, kèm ảnh minh chứng; các khoản chi đầu tư cơ sở vật chất theo mục V.2.6. Các mục này có trong báo cáo quý.',
    counts: 'Đã có: {a} · Có một phần: {p} · Chưa có: {m}',
    colItem: 'Hạng mục',
    colStatus: 'Tình trạng',
    colNote: 'Ghi chú',
    colPhoto: 'Ảnh minh chứng',
    photo: 'Ảnh (JPEG, PNG)',
    save: 'Lưu',
    spendingTitle: 'Kinh phí đầu tư cơ sở vật chất',
    colDate: 'Ngày',
    colWhat: 'Nội dung chi',
    colAmount: 'Số tiền',
    colSource: 'Nguồn kinh phí',
    total: 'Tổng cộng',
    none: 'Chưa có khoản chi nào.',
    remove: 'Xóa',
    addTitle: 'Thêm khoản chi',
    date: 'Ngày chi',
    what: 'Nội dung chi',
    amount: 'Số tiền (đồng, ví dụ 1.234.567)',
    source: 'Nguồn kinh phí',
    note: 'Ghi chú',
    add: 'Thêm',
    errors: 'Chưa lưu được',
    ok_saved: 'Đã lưu.',
    ok_added: 'Đã thêm khoản chi.',
    ok_removed: 'Đã xóa khoản chi.',
    open: 'Xem ảnh',
    update: 'Cập nhật tình trạng, ghi chú, ảnh',
  },
  {
    title: 'Facilities',
    intro:
      'The equipment for citizens required by plan III.2.3, with photo evidence; facility spending lines (plan V.2.6). Both appear in the quarterly report.',
    counts: 'Available: {a} · Partly: {p} · Missing: {m}',
    colItem: 'Item',
    colStatus: 'Status',
    colNote: 'Note',
    colPhoto: 'Photo',
    photo: 'Photo (JPEG, PNG)',
    save: 'Save',
    spendingTitle: 'Facility spending',
    colDate: 'Date',
    colWhat: 'Item',
    colAmount: 'Amount',
    colSource: 'Source of funds',
    total: 'Total',
    none: 'No spending yet.',
    remove: 'Remove',
    addTitle: 'Add a spending line',
    date: 'Date',
    what: 'Item',
    amount: 'Amount (đồng, e.g. 1.234.567)',
    source: 'Source of funds',
    note: 'Note',
    add: 'Add',
    errors: 'Not saved',
    ok_saved: 'Saved.',
    ok_added: 'Spending line added.',
    ok_removed: 'Spending line removed.',
    open: 'View photo',
    update: 'Update status, note, photo',
  },
);

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

function statusLabel(lang: Lang, s: ItemView['status']): string {
  return lang === 'vi' ? FACILITY_STATUS_VI[s] : FACILITY_STATUS_EN[s];
}

function Flash(p: { lang: Lang; ok: string | null; errors: string[] }) {
  const t = translator(facilityMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${p.ok}` as 'ok_saved')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert" data-testid="errors">
          <h2>{t('errors')}</h2>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function ItemUpdateForm(p: { lang: Lang; csrf: string; item: ItemView }) {
  const t = translator(facilityMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  const i = p.item;
  return (
    <form method="post" action={`/console/facilities/items/${i.code}${lq}`} enctype="multipart/form-data" class="stack">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for={`st-${i.code}`}>{t('colStatus')}</label>
      <select id={`st-${i.code}`} name="status">
        {FACILITY_STATUSES.map((s) => (
          <option value={s} selected={s === i.status}>
            {statusLabel(p.lang, s)}
          </option>
        ))}
      </select>
      <label for={`nt-${i.code}`}>{t('colNote')}</label>
      <input id={`nt-${i.code}`} name="note" type="text" value={i.note} maxLength={1000} />
      <label for={`ph-${i.code}`}>{t('photo')}</label>
      <input id={`ph-${i.code}`} name="photo" type="file" accept="image/png,image/jpeg" />
      <button type="submit" class="secondary">
        {t('save')}
      </button>
    </form>
  );
}

function FacilityItemCard(p: { lang: Lang; csrf: string; item: ItemView }) {
  const t = translator(facilityMessages, p.lang);
  const i = p.item;
  return (
    <section class="card stack" data-code={i.code} data-status={i.status} aria-labelledby={`fi-${i.code}`}>
      <h3 id={`fi-${i.code}`}>{p.lang === 'vi' ? i.label : i.labelEn}</h3>
      <p>
        <span class={i.status === 'available' ? 'badge ok' : i.status === 'partly' ? 'badge warn' : 'badge'}>
          {statusLabel(p.lang, i.status)}
        </span>
        {i.photo ? (
          <>
            {' '}
            · <a href={i.photo.href}>{t('open')}</a>
          </>
        ) : null}
      </p>
      {i.note ? <p>{i.note}</p> : null}
      <details>
        <summary>{t('update')}</summary>
        <ItemUpdateForm lang={p.lang} csrf={p.csrf} item={i} />
      </details>
    </section>
  );
}

function SpendingTable(p: { lang: Lang; csrf: string; spending: SpendingView[]; totalText: string }) {
  const t = translator(facilityMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  if (!p.spending.length) return <p class="muted">{t('none')}</p>;
  return (
    <div class="table-scroll">
      <table data-testid="facility-spending">
        <thead>
          <tr>
            <th scope="col">{t('colWhat')}</th>
            <th scope="col" class="num">
              {t('colAmount')}
            </th>
            <th scope="col">{t('colSource')}</th>
          </tr>
        </thead>
        <tbody>
          {p.spending.map((s) => (
            <tr data-id={String(s.id)}>
              <td>
                <span class="block muted">{formatVi(s.date)}</span>
                {s.item}
                {s.note ? <span class="block muted">{s.note}</span> : null}
                <div>
                  <form method="post" action={`/console/facilities/spending/${s.id}/delete${lq}`} class="inline">
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit" class="link">
                      {t('remove')}
                    </button>
                  </form>
                </div>
              </td>
              <td class="num nowrap">{s.amountText}</td>
              <td>{s.source}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            <td class="num nowrap" data-testid="spending-total">
              {p.totalText}
            </td>
            <td></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function SpendingAddForm(p: { lang: Lang; csrf: string; today: string }) {
  const t = translator(facilityMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return (
    <form method="post" action={`/console/facilities/spending${lq}`} class="card stack" data-testid="spending-add">
      <h3>{t('addTitle')}</h3>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="sp-date">{t('date')}</label>
      <input id="sp-date" name="date" type="date" value={p.today} required />
      <label for="sp-item">{t('what')}</label>
      <input id="sp-item" name="item" type="text" maxLength={300} required />
      <label for="sp-amount">{t('amount')}</label>
      <input id="sp-amount" name="amount" type="text" inputmode="numeric" maxLength={25} required />
      <label for="sp-source">{t('source')}</label>
      <input id="sp-source" name="source" type="text" list="sp-sources" maxLength={200} required />
      <datalist id="sp-sources">
        {SOURCES_SUGGESTED.map((s) => (
          <option value={s} />
        ))}
      </datalist>
      <label for="sp-note">{t('note')}</label>
      <input id="sp-note" name="note" type="text" maxLength={1000} />
      <button type="submit">{t('add')}</button>
    </form>
  );
}

export function FacilitiesPage(
  p: Shell & {
    items: ItemView[];
    spending: SpendingView[];
    totalText: string;
    counts: { available: number; partly: number; missing: number };
    today: string;
    ok: string | null;
    errors: string[];
  },
) {
  const t = translator(facilityMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <p data-testid="facility-counts">
        {t('counts', { a: p.counts.available, p: p.counts.partly, m: p.counts.missing })}
      </p>
      <div data-testid="facility-items">
        {p.items.map((i) => (
          <FacilityItemCard lang={p.lang} csrf={p.csrf} item={i} />
        ))}
      </div>

      <h2>{t('spendingTitle')}</h2>
      <SpendingTable lang={p.lang} csrf={p.csrf} spending={p.spending} totalText={p.totalText} />
      <SpendingAddForm lang={p.lang} csrf={p.csrf} today={p.today} />
    </ConsoleLayout>
  );
}
