/** Public results board: results ready to collect (masked names) and the month's figures per field. */
import { PublicLayout } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import { centerNav } from '../../catalog/index.ts';
import type { ResultsBoard } from '../workflow/board.ts';

export const boardMessages = defineMessages(
  {
    title: 'Công khai kết quả giải quyết thủ tục hành chính',
    intro:
      'Hồ sơ đã có kết quả, mời công dân, tổ chức đến nhận. Để bảo vệ thông tin cá nhân, chỉ hiển thị mã hồ sơ và tên viết tắt.',
    ready: 'Kết quả đã có, mời đến nhận',
    none: 'Hiện không có kết quả chờ nhận.',
    code: 'Mã hồ sơ',
    applicant: 'Người nộp',
    procedure: 'Thủ tục',
    since: 'Có kết quả lúc',
    figures: 'Số liệu tháng {month}',
    field: 'Lĩnh vực',
    received: 'Tiếp nhận',
    resolved: 'Đã giải quyết',
    onTime: 'Đúng hạn, trước hạn',
    late: 'Quá hạn',
    apologised: 'Có thư xin lỗi, hẹn lại',
    open: 'Đang giải quyết',
    prev: '← Tháng trước',
    next: 'Tháng sau →',
    total: 'Tổng',
    noData: 'Chưa có số liệu trong tháng.',
    sameDay:
      'Giải quyết trong ngày (“Thứ 3 không hẹn, thứ 6 không chờ”): {received} hồ sơ, {returned} hồ sơ trả kết quả ngay trong ngày.',
  },
  {
    title: 'Public results of administrative procedures',
    intro:
      'Dossiers whose results are ready to collect. To protect personal data only the dossier code and initials are shown.',
    ready: 'Results ready to collect',
    none: 'No result is waiting to be collected.',
    code: 'Dossier code',
    applicant: 'Applicant',
    procedure: 'Procedure',
    since: 'Ready since',
    figures: 'Figures for {month}',
    field: 'Field',
    received: 'Received',
    resolved: 'Resolved',
    onTime: 'On time or early',
    late: 'Late',
    apologised: 'Apologised, re-appointed',
    open: 'In progress',
    prev: '← Previous month',
    next: 'Next month →',
    total: 'Total',
    noData: 'No figures for this month yet.',
    sameDay:
      'Same-day service (“no appointment on Tuesday, no waiting on Friday”): {received} dossiers, {returned} returned the same day.',
  },
);

type BoardT = ReturnType<typeof boardT>;
const boardT = (lang: Lang) => translator(boardMessages, lang);

/** The results ready for collection, by field (the applicant's name as the board may show it). */
function ReadyTables({ board, t }: { board: ResultsBoard; t: BoardT }) {
  return (
    <>
      {board.ready.map((g) => (
        <section>
          <h3>{g.field}</h3>
          <table class="stack-table" data-testid="ready">
            <thead>
              <tr>
                <th>{t('code')}</th>
                <th>{t('applicant')}</th>
                <th>{t('procedure')}</th>
                <th>{t('since')}</th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((i) => (
                <tr>
                  <td class="nowrap">{i.code}</td>
                  <td data-label={t('applicant')}>{i.applicant}</td>
                  <td data-label={t('procedure')}>{i.procedureName}</td>
                  <td class="nowrap" data-label={t('since')}>
                    {i.processedAt ? formatInstantVi(new Date(i.processedAt)) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

/** The month's figures by field, with the totals. */
function FiguresTable({ board, t, monthText }: { board: ResultsBoard; t: BoardT; monthText: string }) {
  const sum = (k: 'received' | 'resolved' | 'onTime' | 'late' | 'apologised' | 'open') =>
    board.figures.reduce((n, f) => n + f[k], 0);
  if (board.figures.length === 0) return <p>{t('noData')}</p>;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={t('figures', { month: monthText })}>
      <table data-testid="figures">
        <thead>
          <tr>
            <th>{t('field')}</th>
            <th>{t('received')}</th>
            <th>{t('resolved')}</th>
            <th>{t('onTime')}</th>
            <th>{t('late')}</th>
            <th>{t('apologised')}</th>
            <th>{t('open')}</th>
          </tr>
        </thead>
        <tbody>
          {board.figures.map((f) => (
            <tr>
              <td>{f.field}</td>
              <td>{f.received}</td>
              <td>{f.resolved}</td>
              <td>{f.onTime}</td>
              <td>{f.late}</td>
              <td>{f.apologised}</td>
              <td>{f.open}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('total')}</th>
            <td>{sum('received')}</td>
            <td>{sum('resolved')}</td>
            <td>{sum('onTime')}</td>
            <td>{sum('late')}</td>
            <td>{sum('apologised')}</td>
            <td>{sum('open')}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function ResultsBoardPage(p: {
  lang: Lang;
  path: string;
  center: { slug: string; shortName: string };
  board: ResultsBoard;
  prevMonth: string;
  nextMonth: string | null;
}) {
  const t = boardT(p.lang);
  const [y, m] = p.board.month.split('-');
  const monthText = `${m}/${y}`;
  const base = `/${p.center.slug}/ket-qua`;
  return (
    <PublicLayout
      lang={p.lang}
      title={t('title')}
      path={p.path}
      centerName={p.center.shortName}
      centerSlug={p.center.slug}
      siteNav={centerNav(p.center.slug, p.lang, 'results')}
    >
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      <h2>{t('ready')}</h2>
      {p.board.ready.length === 0 ? <p>{t('none')}</p> : null}
      <ReadyTables board={p.board} t={t} />
      <h2>{t('figures', { month: monthText })}</h2>
      <p>
        <a href={`${base}?thang=${p.prevMonth}`}>{t('prev')}</a>
        {p.nextMonth ? (
          <>
            {' '}
            · <a href={`${base}?thang=${p.nextMonth}`}>{t('next')}</a>
          </>
        ) : null}
      </p>
      <p data-testid="same-day">
        {t('sameDay', { received: p.board.sameDay.received, returned: p.board.sameDay.returnedSameDay })}
      </p>
      <FiguresTable board={p.board} t={t} monthText={monthText} />
    </PublicLayout>
  );
}
