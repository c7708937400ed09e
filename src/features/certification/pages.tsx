/** Console: issue an electronic certified copy, the certification book; public: the citizen's copies. */
import { ConsoleLayout, PublicLayout, type ConsoleNavItem } from '../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../core/http/i18n.ts';
import { formatVi } from '../../core/calendar/index.ts';
import { money } from './model.ts';
import type { CopyView } from './service.ts';

export const certificationMessages = defineMessages(
  {
    title: 'Chứng thực bản sao điện tử',
    intro:
      'Chứng thực bản sao điện tử từ bản chính: tải lên bản chụp/quét bản chính (PDF, JPEG, PNG), hệ thống lập bản sao có lời chứng, số chứng thực trong sổ (liên tục theo năm), phí và ký số.',
    issue: 'Chứng thực một bản sao',
    dossierCode: 'Mã hồ sơ (thủ tục chứng thực)',
    documentTitle: 'Tên giấy tờ, văn bản (ví dụ: Giấy khai sinh)',
    requester: 'Người yêu cầu chứng thực (để trống: lấy theo hồ sơ)',
    file: 'Bản chính đã quét (PDF, JPEG, PNG; tối đa 5 MB)',
    signer: 'Ký bằng',
    kind_pkcs12: 'Chứng thư số của tổ chức (PKCS#12)',
    kind_pkcs11: 'USB token (PKCS#11)',
    kind_remote: 'Ký số từ xa',
    submit: 'Chứng thực và ký số',
    book: 'Sổ chứng thực năm {year}',
    bookPdf: 'Tải sổ (PDF)',
    bookXlsx: 'Tải sổ (XLSX)',
    none: 'Chưa có bản sao nào trong năm.',
    colNumber: 'Số',
    colDate: 'Ngày',
    colRequester: 'Người yêu cầu',
    colDocument: 'Giấy tờ',
    colPages: 'Trang',
    colFee: 'Phí',
    colCertifier: 'Người thực hiện',
    colDossier: 'Hồ sơ',
    colStatus: 'Ký số',
    download: 'Tải bản sao',
    status_signed: 'Đã ký',
    status_pending: 'Chờ xác nhận',
    status_rejected: 'Bị từ chối',
    status_expired: 'Hết hạn',
    status_failed: 'Lỗi',
    status_none: '—',
    errors: 'Chưa chứng thực được',
    ok_issued: 'Đã chứng thực bản sao số {n}.',
    publicTitle: 'Tải bản sao điện tử đã chứng thực',
    publicIntro:
      'Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả để tải bản sao điện tử có chữ ký số.',
    code: 'Mã hồ sơ',
    secret: 'Mã tra cứu',
    find: 'Tìm bản sao',
    notFound: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.',
    noCopies: 'Hồ sơ này chưa có bản sao điện tử đã ký số.',
    copyLine: 'Bản sao số {n}/{y} – {title} ({pages} trang, ngày {date})',
  },
  {
    title: 'Electronic certified copies',
    intro:
      'Electronic certified copies from originals: upload the scanned original (PDF, JPEG, PNG); the system builds the copy with the certification statement, the number in the book (gapless per year), the fee, and signs it.',
    issue: 'Certify a copy',
    dossierCode: 'Dossier code (certification procedure)',
    documentTitle: 'Document title (e.g. Birth certificate)',
    requester: 'Requester (empty: from the dossier)',
    file: 'Scanned original (PDF, JPEG, PNG; at most 5 MB)',
    signer: 'Sign with',
    kind_pkcs12: 'Organisation certificate (PKCS#12)',
    kind_pkcs11: 'USB token (PKCS#11)',
    kind_remote: 'Remote signing',
    submit: 'Certify and sign',
    book: 'Certification book {year}',
    bookPdf: 'Download the book (PDF)',
    bookXlsx: 'Download the book (XLSX)',
    none: 'No copy this year yet.',
    colNumber: 'No.',
    colDate: 'Date',
    colRequester: 'Requester',
    colDocument: 'Document',
    colPages: 'Pages',
    colFee: 'Fee',
    colCertifier: 'Certified by',
    colDossier: 'Dossier',
    colStatus: 'Signature',
    download: 'Download the copy',
    status_signed: 'Signed',
    status_pending: 'Waiting',
    status_rejected: 'Rejected',
    status_expired: 'Expired',
    status_failed: 'Failed',
    status_none: '—',
    errors: 'Not certified',
    ok_issued: 'Copy no. {n} certified.',
    publicTitle: 'Download a certified electronic copy',
    publicIntro: 'Enter the dossier code and the secret printed on the receipt to download the digitally signed copy.',
    code: 'Dossier code',
    secret: 'Secret',
    find: 'Find copies',
    notFound: 'No dossier matches this code and secret.',
    noCopies: 'This dossier has no signed electronic copy yet.',
    copyLine: 'Copy no. {n}/{y} – {title} ({pages} pages, {date})',
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

function Flash(p: { lang: Lang; ok: number | null; errors: string[] }) {
  const t = translator(certificationMessages, p.lang);
  return (
    <>
      {p.ok !== null ? (
        <p class="status" role="status" data-testid="flash">
          {t('ok_issued', { n: String(p.ok) })}
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

function CertifyForm(p: { lang: Lang; csrf: string; signers: string[]; prefill: { dossierCode: string } }) {
  const t = translator(certificationMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  return (
    <form
      method="post"
      action={`/console/certification${lq}`}
      enctype="multipart/form-data"
      class="card stack"
      data-testid="certify-form"
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="c-code">{t('dossierCode')}</label>
      <input id="c-code" name="dossierCode" type="text" maxLength={40} value={p.prefill.dossierCode} />
      <label for="c-title">{t('documentTitle')}</label>
      <input id="c-title" name="documentTitle" type="text" maxLength={300} required />
      <label for="c-req">{t('requester')}</label>
      <input id="c-req" name="requester" type="text" maxLength={200} />
      <label for="c-file">{t('file')}</label>
      <input id="c-file" name="file" type="file" accept="application/pdf,image/png,image/jpeg" required />
      <label for="c-signer">{t('signer')}</label>
      <select id="c-signer" name="signer">
        {p.signers.map((s) => (
          <option value={s}>{t(`kind_${s}` as 'kind_pkcs12')}</option>
        ))}
      </select>
      <button type="submit" disabled={p.signers.length === 0}>
        {t('submit')}
      </button>
    </form>
  );
}

function BookTable(p: { lang: Lang; api: string; copies: CopyView[] }) {
  const t = translator(certificationMessages, p.lang);
  if (!p.copies.length) return <p>{t('none')}</p>;
  return (
    <table data-testid="certification-book">
      <thead>
        <tr>
          <th>{t('colNumber')}</th>
          <th>{t('colDate')}</th>
          <th>{t('colRequester')}</th>
          <th>{t('colDocument')}</th>
          <th>{t('colPages')}</th>
          <th>{t('colFee')}</th>
          <th>{t('colCertifier')}</th>
          <th>{t('colDossier')}</th>
          <th>{t('colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {p.copies.map((c) => (
          <tr>
            <td>{c.number}</td>
            <td>{formatVi(c.certifiedOn)}</td>
            <td>{c.requester}</td>
            <td>{c.documentTitle}</td>
            <td>{c.pages}</td>
            <td>{money(c.fee)}</td>
            <td>{c.certifierName}</td>
            <td>{c.dossierCode ? <a href={`/console/dossiers/${c.dossierCode}`}>{c.dossierCode}</a> : ''}</td>
            <td>
              {c.status === 'signed' ? (
                <a href={`${p.api}/${String(c.id)}/file`}>{t('download')}</a>
              ) : (
                t(`status_${c.status}`)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CertificationPage(
  p: Shell & {
    slug: string;
    year: number;
    copies: CopyView[];
    signers: string[];
    prefill: { dossierCode: string };
    ok: number | null;
    errors: string[];
  },
) {
  const t = translator(certificationMessages, p.lang);
  const api = `/api/v1/centers/${p.slug}/certified-copies`;
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <h2>{t('issue')}</h2>
      <CertifyForm lang={p.lang} csrf={p.csrf} signers={p.signers} prefill={p.prefill} />
      <h2>{t('book', { year: String(p.year) })}</h2>
      <p>
        <a href={`${api}/book/${String(p.year)}.pdf`}>{t('bookPdf')}</a> ·{' '}
        <a href={`${api}/book/${String(p.year)}.xlsx`}>{t('bookXlsx')}</a>
      </p>
      <BookTable lang={p.lang} api={api} copies={p.copies} />
    </ConsoleLayout>
  );
}

export function PublicCopiesPage(p: {
  lang: Lang;
  path: string;
  center: { slug: string; name: string };
  code: string;
  secret: string;
  copies:
    { id: number; number: number; year: number; documentTitle: string; pages: number; certifiedOn: string }[] | null;
  message: 'notFound' | null;
}) {
  const t = translator(certificationMessages, p.lang);
  const q = `ma=${encodeURIComponent(p.code)}&bi-mat=${encodeURIComponent(p.secret)}`;
  return (
    <PublicLayout
      lang={p.lang}
      path={p.path}
      title={t('publicTitle')}
      centerName={p.center.name}
      centerSlug={p.center.slug}
    >
      <h1>{t('publicTitle')}</h1>
      <p>{t('publicIntro')}</p>
      <form method="get" action={`/${p.center.slug}/ban-sao-dien-tu`} class="card stack">
        <label for="p-code">{t('code')}</label>
        <input id="p-code" name="ma" type="text" maxLength={40} value={p.code} required autocomplete="off" />
        <label for="p-secret">{t('secret')}</label>
        <input id="p-secret" name="bi-mat" type="text" maxLength={16} value={p.secret} required autocomplete="off" />
        <button type="submit">{t('find')}</button>
      </form>
      {p.message === 'notFound' ? (
        <p class="error-summary" role="alert" data-testid="not-found">
          {t('notFound')}
        </p>
      ) : null}
      {p.copies ? (
        p.copies.length ? (
          <ul data-testid="public-copies">
            {p.copies.map((c) => (
              <li>
                <a href={`/${p.center.slug}/ban-sao-dien-tu/${String(c.id)}.pdf?${q}`}>
                  {t('copyLine', {
                    n: String(c.number),
                    y: String(c.year),
                    title: c.documentTitle,
                    pages: String(c.pages),
                    date: formatVi(c.certifiedOn),
                  })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noCopies')}</p>
        )
      ) : null}
    </PublicLayout>
  );
}
