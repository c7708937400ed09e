/** Console: the plan's tasks for a year (with the quarterly deadline banner) and one task's page. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVi, toIsoVn } from '../../../core/calendar/index.ts';
import {
  LINK_KINDS,
  LINK_KIND_EN,
  LINK_KIND_VI,
  ROMAN,
  STATUS_EN,
  STATUS_VI,
  TASK_STATUSES,
  type Quarter,
  type Reminder,
  isSettled,
  hasProgress,
} from '../model.ts';
import type { TaskView } from '../service.ts';

export const planMessages = defineMessages(
  {
    title: 'Kế hoạch “Chính quyền thân thiện” năm {year}',
    intro:
      'Các nhiệm vụ của Kế hoạch, tình trạng, ghi chú từng quý và minh chứng (tài liệu, hình ảnh, liên kết). Báo cáo quý được lập từ đây.',
    reminder:
      'Còn {n} ngày làm việc đến hạn báo cáo Quý {q} năm {year}: {date} (ngày làm việc cuối của Quý theo lịch làm việc của Trung tâm).',
    reminderToday: 'Hôm nay ({date}) là hạn báo cáo Quý {q} năm {year} (ngày làm việc cuối của Quý).',
    year: 'Năm',
    show: 'Xem',
    seedTitle: 'Nạp Kế hoạch cho một năm',
    seedHelp: 'Tạo các nhiệm vụ của Kế hoạch (data/plan) cho năm đã chọn; nhiệm vụ đã có được giữ nguyên.',
    seed: 'Nạp Kế hoạch',
    empty: 'Chưa có nhiệm vụ nào cho năm {year}.',
    reportsTitle: 'Báo cáo quý (Nghị định 30/2020)',
    quarter: 'Quý {q}',
    deadline: 'hạn {date}',
    pdf: 'PDF',
    docx: 'Word (DOCX)',
    zip: 'Hồ sơ minh chứng (ZIP)',
    signDigitally: 'Ký số',
    colNumber: 'Mục',
    colTask: 'Nhiệm vụ',
    colLead: 'Chủ trì',
    colTime: 'Thời gian',
    colStatus: 'Tình trạng',
    colProgress: 'Tiến độ',
    colEvidence: 'Minh chứng',
    errors: 'Chưa lưu được',
    ok_seeded: 'Đã nạp Kế hoạch.',
    ok_saved: 'Đã lưu.',
    ok_added: 'Đã thêm minh chứng.',
    ok_removed: 'Đã xóa minh chứng.',
    back: '← Danh sách nhiệm vụ',
    content: 'Nội dung thực hiện',
    lead: 'Chủ trì',
    coordinators: 'Phối hợp',
    product: 'Sản phẩm',
    timeframe: 'Thời gian thực hiện',
    statusTitle: 'Tình trạng và tiến độ',
    status: 'Tình trạng',
    progress: 'Tiến độ (%)',
    save: 'Lưu',
    notesTitle: 'Ghi chú kết quả từng quý',
    noteFor: 'Kết quả Quý {q}',
    evidenceTitle: 'Minh chứng',
    noEvidence: 'Chưa có minh chứng.',
    evQuarter: 'Quý',
    evTitle: 'Tên minh chứng',
    evKind: 'Loại',
    evOpen: 'Mở',
    remove: 'Xóa',
    file: 'Hình ảnh hoặc tài liệu',
    addFile: 'Tải lên minh chứng (ảnh chụp, ảnh màn hình trang công khai, văn bản PDF; tối đa 5 MB)',
    upload: 'Tải lên',
    addLink: 'Liên kết tới minh chứng đã có trong hệ thống',
    linkKind: 'Loại minh chứng',
    ref: 'Mã tham chiếu (mã hồ sơ, số thứ tự văn bản trong sổ…)',
    url: 'Đường dẫn (https://… hoặc /…)',
    addLinkBtn: 'Thêm liên kết',
    fileKind: 'Tệp',
  },
  {
    title: '“Friendly Government” plan {year}',
    intro:
      'The plan’s tasks, their status, quarterly notes and evidence (documents, photos, links). The quarterly report is compiled from here.',
    reminder:
      '{n} working days left to the Q{q} {year} report deadline: {date} (the last working day of the quarter in the centre’s calendar).',
    reminderToday: 'Today ({date}) is the Q{q} {year} report deadline (the last working day of the quarter).',
    year: 'Year',
    show: 'Show',
    seedTitle: 'Seed the plan for a year',
    seedHelp: 'Creates the plan’s tasks (data/plan) for the chosen year; existing tasks are kept.',
    seed: 'Seed the plan',
    empty: 'No tasks for {year} yet.',
    reportsTitle: 'Quarterly reports (Decree 30/2020)',
    quarter: 'Q{q}',
    deadline: 'due {date}',
    pdf: 'PDF',
    docx: 'Word (DOCX)',
    zip: 'Evidence archive (ZIP)',
    signDigitally: 'Sign digitally',
    colNumber: 'Item',
    colTask: 'Task',
    colLead: 'Lead',
    colTime: 'Timeframe',
    colStatus: 'Status',
    colProgress: 'Progress',
    colEvidence: 'Evidence',
    errors: 'Not saved',
    ok_seeded: 'The plan was seeded.',
    ok_saved: 'Saved.',
    ok_added: 'Evidence added.',
    ok_removed: 'Evidence removed.',
    back: '← All tasks',
    content: 'Content',
    lead: 'Lead',
    coordinators: 'Coordinators',
    product: 'Expected product',
    timeframe: 'Timeframe',
    statusTitle: 'Status and progress',
    status: 'Status',
    progress: 'Progress (%)',
    save: 'Save',
    notesTitle: 'Quarterly notes',
    noteFor: 'Results in Q{q}',
    evidenceTitle: 'Evidence',
    noEvidence: 'No evidence yet.',
    evQuarter: 'Quarter',
    evTitle: 'Title',
    evKind: 'Kind',
    evOpen: 'Open',
    remove: 'Remove',
    file: 'Photo or document',
    addFile: 'Upload evidence (photo, screenshot of a public page, PDF; at most 5 MB)',
    upload: 'Upload',
    addLink: 'Link to evidence the system already holds',
    linkKind: 'Kind of evidence',
    ref: 'Reference (dossier code, register entry id…)',
    url: 'Link (https://… or /…)',
    addLinkBtn: 'Add link',
    fileKind: 'File',
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
const statusLabel = (lang: Lang, s: TaskView['status']) => (lang === 'vi' ? STATUS_VI[s] : STATUS_EN[s]);

function Flash(p: { lang: Lang; ok: string | null; errors: string[] }) {
  const t = translator(planMessages, p.lang);
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

export function ReminderBanner(p: { lang: Lang; r: Reminder }) {
  const t = translator(planMessages, p.lang);
  const vars = {
    n: p.r.workingDaysLeft,
    q: p.lang === 'vi' ? ROMAN[p.r.quarter] : p.r.quarter,
    year: p.r.year,
    date: formatVi(p.r.deadline),
  };
  return (
    <p
      class={p.r.urgent ? 'notice' : 'status'}
      data-testid="plan-reminder"
      data-deadline={p.r.deadline}
      data-left={String(p.r.workingDaysLeft)}
    >
      {p.r.overdueToday ? t('reminderToday', vars) : t('reminder', vars)}
    </p>
  );
}

type PlanPageProps = Shell & {
  year: number;
  years: number[];
  tasks: TaskView[];
  reminder: Reminder;
  deadlines: { q: Quarter; date: string }[];
  slug: string;
  ok: string | null;
  errors: string[];
};

function PlanYearForm({ p }: { p: PlanPageProps }) {
  const t = translator(planMessages, p.lang);
  const years = [...new Set([...p.years, p.year, p.year + 1])].sort();
  return (
    <form method="get" action="/console/plan" class="inline">
      {p.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <label for="plan-year">{t('year')}</label>{' '}
      <select id="plan-year" name="year">
        {years.map((y) => (
          <option value={String(y)} selected={y === p.year}>
            {y}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        {t('show')}
      </button>
    </form>
  );
}

function QuarterReports({ p }: { p: PlanPageProps }) {
  const t = translator(planMessages, p.lang);
  return (
    <>
      <h2>{t('reportsTitle')}</h2>
      <ul data-testid="quarter-reports">
        {p.deadlines.map((d) => {
          const base = `/api/v1/centers/${p.slug}/plan/reports/${p.year}/${d.q}`;
          return (
            <li>
              <strong>{t('quarter', { q: p.lang === 'vi' ? ROMAN[d.q] : d.q })}</strong> (
              {t('deadline', { date: formatVi(d.date) })}): <a href={`${base}.pdf`}>{t('pdf')}</a> ·{' '}
              <a href={`${base}.docx`}>{t('docx')}</a> · <a href={`${base}.zip`}>{t('zip')}</a> ·{' '}
              <a href={`/console/signing?kind=quarterly_report&ref=${String(p.year)}-${String(d.q)}`}>
                {t('signDigitally')}
              </a>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function PlanSection({ p, sec, title }: { p: PlanPageProps; sec: string; title: string }) {
  const t = translator(planMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return (
    <>
      <h2>
        {sec}. {title}
      </h2>
      <div class="table-scroll">
        <table data-testid={`plan-section-${sec}`}>
          <thead>
            <tr>
              <th scope="col" class="nowrap">
                {t('colNumber')}
              </th>
              <th scope="col">{t('colTask')}</th>
              <th scope="col">{t('colLead')}</th>
              <th scope="col" class="nowrap">
                {t('colTime')}
              </th>
              <th scope="col" class="nowrap">
                {t('colStatus')}
              </th>
              <th scope="col" class="num">
                {t('colProgress')}
              </th>
              <th scope="col" class="num">
                {t('colEvidence')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.tasks
              .filter((x) => x.section === sec)
              .map((x) => (
                <tr data-number={x.number}>
                  <td class="nowrap">{x.number}</td>
                  <td>
                    <a href={`/console/plan/tasks/${x.id}${lq}`}>{x.title}</a>
                  </td>
                  <td>{x.lead}</td>
                  <td class="nowrap">{x.timeframe}</td>
                  <td class="nowrap">
                    <span
                      class={isSettled(x.status) ? 'badge ok' : x.status === 'in_progress' ? 'badge warn' : 'badge'}
                    >
                      {statusLabel(p.lang, x.status)}
                    </span>
                  </td>
                  <td class="num">{hasProgress(x.status) ? `${x.progress}%` : '—'}</td>
                  <td class="num">{x.evidence.length}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function SeedForm({ p }: { p: PlanPageProps }) {
  const t = translator(planMessages, p.lang);
  return (
    <>
      <h2>{t('seedTitle')}</h2>
      <form method="post" action="/console/plan/seed" class="card stack" data-testid="seed-form">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p class="muted">{t('seedHelp')}</p>
        <label for="seed-year">{t('year')}</label>
        <input id="seed-year" name="year" type="number" min="2020" max="2100" value={String(p.year)} required />
        <button type="submit">{t('seed')}</button>
      </form>
    </>
  );
}

export function PlanPage(p: PlanPageProps) {
  const t = translator(planMessages, p.lang);
  const sections = [...new Map(p.tasks.map((x) => [x.section, x.sectionTitle])).entries()];
  return (
    <ConsoleLayout {...p} title={t('title', { year: p.year })}>
      <h1>{t('title', { year: p.year })}</h1>
      <p class="muted">{t('intro')}</p>
      <ReminderBanner lang={p.lang} r={p.reminder} />
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <PlanYearForm p={p} />

      {p.tasks.length ? (
        <>
          <QuarterReports p={p} />
          {sections.map(([sec, title]) => (
            <PlanSection p={p} sec={sec} title={title} />
          ))}
        </>
      ) : (
        <p class="notice" data-testid="plan-empty">
          {t('empty', { year: p.year })}
        </p>
      )}

      <SeedForm p={p} />
    </ConsoleLayout>
  );
}

type TaskPageProps = Shell & { task: TaskView; quarter: Quarter; slug: string; ok: string | null; errors: string[] };

const QUARTERS: Quarter[] = [1, 2, 3, 4];

/** The words and links every part of a task's page uses. */
function taskKit(p: TaskPageProps) {
  const t = translator(planMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return {
    t,
    x: p.task,
    lq,
    quarters: QUARTERS,
    action: (s: string) => `/console/plan/tasks/${p.task.id}${s}${lq}`,
    qName: (q: Quarter) => t('quarter', { q: p.lang === 'vi' ? ROMAN[q] : q }),
  };
}

function TaskDetails({ p }: { p: TaskPageProps }) {
  const { t, x } = taskKit(p);
  return (
    <div class="table-scroll">
      <table data-testid="task-details">
        <tbody>
          <tr>
            <th scope="row">{t('content')}</th>
            <td>{x.content}</td>
          </tr>
          <tr>
            <th scope="row">{t('lead')}</th>
            <td>{x.lead}</td>
          </tr>
          <tr>
            <th scope="row">{t('coordinators')}</th>
            <td>{x.coordinators}</td>
          </tr>
          <tr>
            <th scope="row">{t('product')}</th>
            <td>{x.product}</td>
          </tr>
          <tr>
            <th scope="row">{t('timeframe')}</th>
            <td>{x.timeframe}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function TaskStatusForm({ p }: { p: TaskPageProps }) {
  const { t, x, action } = taskKit(p);
  return (
    <>
      <h2>{t('statusTitle')}</h2>
      <form method="post" action={action('')} class="card stack" data-testid="status-form">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="task-status">{t('status')}</label>
        <select id="task-status" name="status">
          {TASK_STATUSES.map((s) => (
            <option value={s} selected={s === x.status}>
              {statusLabel(p.lang, s)}
            </option>
          ))}
        </select>
        <label for="task-progress">{t('progress')}</label>
        <input id="task-progress" name="progress" type="number" min="0" max="100" value={String(x.progress)} />
        <button type="submit">{t('save')}</button>
      </form>
    </>
  );
}

function TaskNoteForms({ p }: { p: TaskPageProps }) {
  const { t, x, action, quarters } = taskKit(p);
  return (
    <>
      <h2>{t('notesTitle')}</h2>
      {quarters.map((q) => (
        <form method="post" action={action('/notes')} class="card stack" data-testid={`note-form-${q}`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="quarter" value={String(q)} />
          <label for={`note-${q}`}>{t('noteFor', { q: p.lang === 'vi' ? ROMAN[q] : q })}</label>
          <textarea id={`note-${q}`} name="note" rows={3} maxLength={4000}>
            {x.notes[q] ?? ''}
          </textarea>
          <button type="submit" class="secondary">
            {t('save')}
          </button>
        </form>
      ))}
    </>
  );
}

function evidenceKind(p: TaskPageProps, e: TaskView['evidence'][number]): string {
  const t = translator(planMessages, p.lang);
  if (e.kind === 'file')
    return `${t('fileKind')} (${e.contentType === 'application/pdf' ? 'PDF' : e.contentType === 'image/png' ? 'PNG' : 'JPEG'})`;
  if (!e.linkKind) return '';
  return p.lang === 'vi' ? LINK_KIND_VI[e.linkKind] : LINK_KIND_EN[e.linkKind];
}

function EvidenceTable({ p }: { p: TaskPageProps }) {
  const { t, x, lq, qName } = taskKit(p);
  return (
    <>
      <h2 id="evidence">{t('evidenceTitle')}</h2>
      {x.evidence.length ? (
        <div class="table-scroll">
          <table data-testid="evidence">
            <thead>
              <tr>
                <th scope="col">{t('evQuarter')}</th>
                <th scope="col">{t('evTitle')}</th>
                <th scope="col">{t('evKind')}</th>
                <th scope="col">{t('evOpen')}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {x.evidence.map((e) => (
                <tr data-id={String(e.id)}>
                  <td>{qName(e.quarter)}</td>
                  <td>
                    {e.title}
                    <span class="block muted">
                      {toIsoVn(new Date(e.addedAt)).slice(0, 10).split('-').reverse().join('/')}
                    </span>
                  </td>
                  <td>{evidenceKind(p, e)}</td>
                  <td>{e.href ? <a href={e.href}>{e.kind === 'file' ? e.name : e.url}</a> : e.ref}</td>
                  <td>
                    <form method="post" action={`/console/plan/evidence/${e.id}/delete${lq}`} class="inline">
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
        </div>
      ) : (
        <p class="muted">{t('noEvidence')}</p>
      )}
    </>
  );
}

function EvidenceFileForm({ p }: { p: TaskPageProps }) {
  const { t, action, quarters, qName } = taskKit(p);
  return (
    <form
      method="post"
      action={action('/evidence-file')}
      enctype="multipart/form-data"
      class="card stack"
      data-testid="evidence-file-form"
    >
      <h3>{t('addFile')}</h3>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="ev-q">{t('evQuarter')}</label>
      <select id="ev-q" name="quarter">
        {quarters.map((q) => (
          <option value={String(q)} selected={q === p.quarter}>
            {qName(q)}
          </option>
        ))}
      </select>
      <label for="ev-title">{t('evTitle')}</label>
      <input id="ev-title" name="title" type="text" maxLength={300} />
      <label for="ev-file">{t('file')}</label>
      <input id="ev-file" name="file" type="file" accept="image/png,image/jpeg,application/pdf" required />
      <button type="submit">{t('upload')}</button>
    </form>
  );
}

function EvidenceLinkForm({ p }: { p: TaskPageProps }) {
  const { t, action, quarters, qName } = taskKit(p);
  return (
    <form method="post" action={action('/evidence-link')} class="card stack" data-testid="evidence-link-form">
      <h3>{t('addLink')}</h3>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="lk-q">{t('evQuarter')}</label>
      <select id="lk-q" name="quarter">
        {quarters.map((q) => (
          <option value={String(q)} selected={q === p.quarter}>
            {qName(q)}
          </option>
        ))}
      </select>
      <label for="lk-kind">{t('linkKind')}</label>
      <select id="lk-kind" name="linkKind">
        {LINK_KINDS.map((k) => (
          <option value={k}>{p.lang === 'vi' ? LINK_KIND_VI[k] : LINK_KIND_EN[k]}</option>
        ))}
      </select>
      <label for="lk-title">{t('evTitle')}</label>
      <input id="lk-title" name="title" type="text" maxLength={300} required />
      <label for="lk-ref">{t('ref')}</label>
      <input id="lk-ref" name="ref" type="text" maxLength={100} />
      <label for="lk-url">{t('url')}</label>
      <input id="lk-url" name="url" type="text" maxLength={500} />
      <button type="submit">{t('addLinkBtn')}</button>
    </form>
  );
}

export function TaskPage(p: TaskPageProps) {
  const { t, x } = taskKit(p);
  return (
    <ConsoleLayout {...p} title={`${x.number}. ${x.title}`}>
      <p>
        <a href={`/console/plan?year=${x.year}${p.lang === 'en' ? '&lang=en' : ''}`}>{t('back')}</a>
      </p>
      <h1>
        {x.number}. {x.title}
      </h1>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <TaskDetails p={p} />

      <TaskStatusForm p={p} />

      <TaskNoteForms p={p} />

      <EvidenceTable p={p} />

      <EvidenceFileForm p={p} />

      <EvidenceLinkForm p={p} />
    </ConsoleLayout>
  );
}
