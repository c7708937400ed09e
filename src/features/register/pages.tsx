/** Console: the document register (sổ công văn đi/đến): filters, list, new entry, one entry. */
import { ConsoleLayout, type ConsoleNavItem } from '../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../core/http/i18n.ts';
import { formatVi } from '../../core/calendar/index.ts';
import {
  DIRECTIONS,
  DIRECTION_EN,
  DIRECTION_VI,
  DOC_STATUSES,
  DOC_STATUS_EN,
  DOC_STATUS_VI,
  type DocView,
} from './service.ts';
import type { RegisterFilter } from './model.ts';

export type { RegisterFilter } from './model.ts';

export const registerMessages = defineMessages(
  {
    title: 'Sổ công văn đi, đến',
    intro:
      'Văn bản đi, đến liên quan đến mô hình “Chính quyền thân thiện” (mục V.2.5 của Kế hoạch). Số đến/đi tự động, liên tục theo từng năm và từng chiều.',
    filter: 'Lọc',
    year: 'Năm',
    direction: 'Chiều',
    all: 'Tất cả',
    status: 'Trạng thái',
    search: 'Từ khóa',
    export: 'Tải sổ (XLSX)',
    colNumber: 'Số',
    colDate: 'Ngày',
    colSymbol: 'Số, ký hiệu',
    colParty: 'Nơi gửi / nơi nhận',
    colAbstract: 'Trích yếu',
    colAssignee: 'Người xử lý',
    colDeadline: 'Hạn xử lý',
    colFile: 'Tệp',
    none: 'Không có văn bản nào.',
    addTitle: 'Vào sổ văn bản mới',
    date: 'Ngày văn bản',
    symbol: 'Số, ký hiệu văn bản (ví dụ 56/KH-UBND)',
    party: 'Nơi gửi (văn bản đến) / nơi nhận (văn bản đi)',
    abstract: 'Trích yếu nội dung',
    assignee: 'Người xử lý',
    deadline: 'Hạn xử lý',
    file: 'Tệp văn bản (PDF, JPEG, PNG; tối đa 5 MB)',
    add: 'Vào sổ',
    save: 'Lưu',
    errors: 'Chưa lưu được',
    ok_added: 'Đã vào sổ.',
    ok_saved: 'Đã lưu.',
    back: '← Sổ công văn',
    entry: '{dir} số {label}',
    attach: 'Đính kèm tệp',
  },
  {
    title: 'Correspondence register',
    intro:
      'Incoming and outgoing documents about the “Friendly Government” model (plan V.2.5). Numbers are automatic and gapless per year and direction.',
    filter: 'Filter',
    year: 'Year',
    direction: 'Direction',
    all: 'All',
    status: 'Status',
    search: 'Search',
    export: 'Download the register (XLSX)',
    colNumber: 'No.',
    colDate: 'Date',
    colSymbol: 'Reference',
    colParty: 'Sender / recipient',
    colAbstract: 'Abstract',
    colAssignee: 'Assignee',
    colDeadline: 'Deadline',
    colFile: 'File',
    none: 'No documents.',
    addTitle: 'Register a document',
    date: 'Document date',
    symbol: 'Document number and symbol (e.g. 56/KH-UBND)',
    party: 'Sender (incoming) / recipient (outgoing)',
    abstract: 'Abstract',
    assignee: 'Assignee',
    deadline: 'Deadline',
    file: 'Scanned document (PDF, JPEG, PNG; at most 5 MB)',
    add: 'Register',
    save: 'Save',
    errors: 'Not saved',
    ok_added: 'Registered.',
    ok_saved: 'Saved.',
    back: '← Register',
    entry: '{dir} no. {label}',
    attach: 'Attach a file',
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

function Flash(p: { lang: Lang; ok: string | null; errors: string[] }) {
  const t = translator(registerMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${p.ok}` as 'ok_added')}
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

type Labels = ReturnType<typeof labelsOf>;

function labelsOf(lang: Lang) {
  return {
    t: translator(registerMessages, lang),
    dirL: (d: DocView['direction']) => (lang === 'vi' ? DIRECTION_VI[d] : DIRECTION_EN[d]),
    stL: (s: DocView['status']) => (lang === 'vi' ? DOC_STATUS_VI[s] : DOC_STATUS_EN[s]),
  };
}

function RegisterFilterForm({ p, l }: { p: { lang: Lang; filter: RegisterFilter }; l: Labels }) {
  const { t, dirL, stL } = l;
  return (
    <form method="get" action="/console/register" class="card" data-testid="register-filter">
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <label for="f-year">{t('year')}</label>{' '}
      <input id="f-year" name="year" type="number" min="2000" max="2100" value={p.filter.year} />{' '}
      <label for="f-dir">{t('direction')}</label>{' '}
      <select id="f-dir" name="direction">
        <option value="">{t('all')}</option>
        {DIRECTIONS.map((d) => (
          <option value={d} selected={p.filter.direction === d}>
            {dirL(d)}
          </option>
        ))}
      </select>{' '}
      <label for="f-status">{t('status')}</label>{' '}
      <select id="f-status" name="status">
        <option value="">{t('all')}</option>
        {DOC_STATUSES.map((s) => (
          <option value={s} selected={p.filter.status === s}>
            {stL(s)}
          </option>
        ))}
      </select>{' '}
      <label for="f-q">{t('search')}</label>{' '}
      <input id="f-q" name="q" type="search" value={p.filter.q} maxLength={100} />{' '}
      <button type="submit" class="secondary">
        {t('filter')}
      </button>
    </form>
  );
}

function RegisterTable({ p, l }: { p: { lang: Lang; docs: DocView[] }; l: Labels }) {
  const { t, dirL, stL } = l;
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return p.docs.length ? (
    <div class="table-scroll">
      <table data-testid="register-list">
        <thead>
          <tr>
            <th scope="col">{t('direction')}</th>
            <th scope="col">{t('colNumber')}</th>
            <th scope="col">{t('colDate')}</th>
            <th scope="col">{t('colSymbol')}</th>
            <th scope="col">{t('colParty')}</th>
            <th scope="col">{t('colAbstract')}</th>
            <th scope="col">{t('colAssignee')}</th>
            <th scope="col">{t('colDeadline')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('colFile')}</th>
          </tr>
        </thead>
        <tbody>
          {p.docs.map((d) => (
            <tr data-id={String(d.id)} data-direction={d.direction} data-number={String(d.number)}>
              <td>{dirL(d.direction)}</td>
              <td class="nowrap">
                <a href={`/console/register/${d.id}${lq}`}>{d.label}</a>
              </td>
              <td class="nowrap">{formatVi(d.date)}</td>
              <td class="nowrap">{d.symbol}</td>
              <td>{d.party}</td>
              <td>{d.abstract}</td>
              <td>{d.assignee}</td>
              <td class="nowrap">{d.deadline ? formatVi(d.deadline) : ''}</td>
              <td class="nowrap">{stL(d.status)}</td>
              <td>{d.file ? <a href={d.file.href}>{d.file.name}</a> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) : (
    <p class="muted">{t('none')}</p>
  );
}

function RegisterAddForm({ p, l }: { p: { lang: Lang; csrf: string; today: string }; l: Labels }) {
  const { t, dirL } = l;
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return (
    <>
      <h2>{t('addTitle')}</h2>
      <form
        method="post"
        action={`/console/register${lq}`}
        enctype="multipart/form-data"
        class="card stack"
        data-testid="register-add"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="r-dir">{t('direction')}</label>
        <select id="r-dir" name="direction">
          {DIRECTIONS.map((d) => (
            <option value={d}>{dirL(d)}</option>
          ))}
        </select>
        <label for="r-date">{t('date')}</label>
        <input id="r-date" name="date" type="date" value={p.today} required />
        <label for="r-symbol">{t('symbol')}</label>
        <input id="r-symbol" name="symbol" type="text" maxLength={60} />
        <label for="r-party">{t('party')}</label>
        <input id="r-party" name="party" type="text" maxLength={300} required />
        <label for="r-abstract">{t('abstract')}</label>
        <textarea id="r-abstract" name="abstract" rows={2} maxLength={1000} required></textarea>
        <label for="r-assignee">{t('assignee')}</label>
        <input id="r-assignee" name="assignee" type="text" maxLength={200} />
        <label for="r-deadline">{t('deadline')}</label>
        <input id="r-deadline" name="deadline" type="date" />
        <label for="r-file">{t('file')}</label>
        <input id="r-file" name="file" type="file" accept="application/pdf,image/png,image/jpeg" />
        <button type="submit">{t('add')}</button>
      </form>
    </>
  );
}

export function RegisterPage(
  p: Shell & {
    docs: DocView[];
    filter: RegisterFilter;
    slug: string;
    today: string;
    ok: string | null;
    errors: string[];
  },
) {
  const l = labelsOf(p.lang);
  const { t } = l;
  const qs = new URLSearchParams(Object.entries(p.filter).filter(([, v]) => v)).toString();
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <RegisterFilterForm p={p} l={l} />
      <p>
        <a href={`/api/v1/centers/${p.slug}/register/export.xlsx${qs ? `?${qs}` : ''}`} data-testid="register-export">
          {t('export')}
        </a>
      </p>
      <RegisterTable p={p} l={l} />

      <RegisterAddForm p={p} l={l} />
    </ConsoleLayout>
  );
}

export function RegisterEntryPage(p: Shell & { doc: DocView; ok: string | null; errors: string[] }) {
  const t = translator(registerMessages, p.lang);
  const d = p.doc;
  const lq = p.lang === 'en' ? '?lang=en' : '';
  const title = t('entry', {
    dir: p.lang === 'vi' ? DIRECTION_VI[d.direction] : DIRECTION_EN[d.direction],
    label: d.label,
  });
  return (
    <ConsoleLayout {...p} title={title}>
      <p>
        <a href={`/console/register${lq}`}>{t('back')}</a>
      </p>
      <h1>{title}</h1>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <form method="post" action={`/console/register/${d.id}${lq}`} class="card stack" data-testid="register-edit">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="e-date">{t('date')}</label>
        <input id="e-date" name="date" type="date" value={d.date} required />
        <label for="e-symbol">{t('symbol')}</label>
        <input id="e-symbol" name="symbol" type="text" value={d.symbol} maxLength={60} />
        <label for="e-party">{t('party')}</label>
        <input id="e-party" name="party" type="text" value={d.party} maxLength={300} required />
        <label for="e-abstract">{t('abstract')}</label>
        <textarea id="e-abstract" name="abstract" rows={2} maxLength={1000} required>
          {d.abstract}
        </textarea>
        <label for="e-assignee">{t('assignee')}</label>
        <input id="e-assignee" name="assignee" type="text" value={d.assignee} maxLength={200} />
        <label for="e-deadline">{t('deadline')}</label>
        <input id="e-deadline" name="deadline" type="date" value={d.deadline ?? ''} />
        <label for="e-status">{t('status')}</label>
        <select id="e-status" name="status">
          {DOC_STATUSES.map((s) => (
            <option value={s} selected={s === d.status}>
              {p.lang === 'vi' ? DOC_STATUS_VI[s] : DOC_STATUS_EN[s]}
            </option>
          ))}
        </select>
        <button type="submit">{t('save')}</button>
      </form>
      {d.file ? (
        <p>
          {t('colFile')}: <a href={d.file.href}>{d.file.name}</a>
        </p>
      ) : null}
      <form
        method="post"
        action={`/console/register/${d.id}/file${lq}`}
        enctype="multipart/form-data"
        class="card stack"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="e-file">{t('file')}</label>
        <input id="e-file" name="file" type="file" accept="application/pdf,image/png,image/jpeg" required />
        <button type="submit" class="secondary">
          {t('attach')}
        </button>
      </form>
    </ConsoleLayout>
  );
}
