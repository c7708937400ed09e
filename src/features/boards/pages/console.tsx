/** Console: links to every printable document of the centre. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';

export const boardMessages = defineMessages(
  {
    title: 'Bản in niêm yết và áp phích',
    intro:
      'Các bản PDF lấy từ danh mục đang công khai; in ra để niêm yết tại Trung tâm (Kế hoạch, mục III.1 và III.4). Mã QR dẫn tới trang hướng dẫn của từng thủ tục.',
    boards: 'Bảng niêm yết thủ tục hành chính',
    allFields: 'Tất cả lĩnh vực',
    qr: 'Tờ mã QR để cắt dán (A4)',
    fees: 'Bảng công khai phí, lệ phí (A4)',
    directory: 'Danh bạ điện thoại cán bộ, công chức (A4)',
    posters: 'Áp phích',
    commitments: '“4 xin – 4 luôn – 5 không”',
    fourOnSpot: 'Mô hình “4 tại chỗ”',
    rules: 'Nội quy làm việc',
    count: '{n} thủ tục',
  },
  {
    title: 'Printable boards and posters',
    intro:
      'PDFs made from the published catalogue, to post in the centre (plan III.1 and III.4). QR codes lead to each procedure’s guidance page.',
    boards: 'Procedure posting boards',
    allFields: 'All fields',
    qr: 'QR sheet to cut out (A4)',
    fees: 'Fee table (A4)',
    directory: 'Staff phone directory (A4)',
    posters: 'Posters',
    commitments: '“4 please – 4 always – 5 no’s”',
    fourOnSpot: '“4 on the spot” model',
    rules: 'Working rules',
    count: '{n} procedures',
  },
);

export function PrintablesConsolePage(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  slug: string;
  fields: { name: string; slug: string; count: number }[];
}) {
  const t = translator(boardMessages, p.lang);
  const base = `/${p.slug}/in`;
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      <h2>{t('boards')}</h2>
      <table>
        <tbody>
          <tr>
            <td>{t('allFields')}</td>
            <td>
              <a href={`${base}/bang-niem-yet.pdf?kho=A4`}>A4</a> · <a href={`${base}/bang-niem-yet.pdf?kho=A3`}>A3</a>
            </td>
          </tr>
          {p.fields.map((f) => (
            <tr>
              <td>
                {f.name} <span class="muted">({t('count', { n: f.count })})</span>
              </td>
              <td>
                <a href={`${base}/bang-niem-yet.pdf?linh-vuc=${f.slug}&kho=A4`}>A4</a> ·{' '}
                <a href={`${base}/bang-niem-yet.pdf?linh-vuc=${f.slug}&kho=A3`}>A3</a> ·{' '}
                <a href={`${base}/ma-qr.pdf?linh-vuc=${f.slug}`}>QR</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul>
        <li>
          <a href={`${base}/ma-qr.pdf`}>{t('qr')}</a>
        </li>
        <li>
          <a href={`${base}/bang-phi.pdf`}>{t('fees')}</a>
        </li>
        <li>
          <a href={`${base}/danh-ba.pdf`}>{t('directory')}</a>
        </li>
      </ul>
      <h2>{t('posters')}</h2>
      <ul>
        <li>
          {t('commitments')}: <a href={`${base}/khau-hieu.pdf?loai=cam-ket&kho=A3`}>A3</a> ·{' '}
          <a href={`${base}/khau-hieu.pdf?loai=cam-ket&kho=A2`}>A2</a>
        </li>
        <li>
          {t('fourOnSpot')}: <a href={`${base}/khau-hieu.pdf?loai=4-tai-cho&kho=A3`}>A3</a> ·{' '}
          <a href={`${base}/khau-hieu.pdf?loai=4-tai-cho&kho=A2`}>A2</a>
        </li>
        <li>
          {t('rules')}: <a href={`${base}/khau-hieu.pdf?loai=noi-quy&kho=A3`}>A3</a> ·{' '}
          <a href={`${base}/khau-hieu.pdf?loai=noi-quy&kho=A2`}>A2</a>
        </li>
      </ul>
    </ConsoleLayout>
  );
}
