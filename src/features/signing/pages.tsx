/** Console: signers' health, seal and signature images, sign a document, the signed documents. */
import { ConsoleLayout, type ConsoleNavItem } from '../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../core/http/i18n.ts';
import { formatVi, localDateOf } from '../../core/calendar/index.ts';
import type { SignedView, SignerHealth } from './service.ts';

export const signingMessages = defineMessages(
  {
    title: 'Ký số văn bản',
    intro:
      'Chữ ký số PAdES trên văn bản do hệ thống lập (mẫu 04, thư chúc mừng/chia buồn, báo cáo quý, bản sao điện tử). Hình ảnh chữ ký và con dấu đặt theo Phụ lục I Nghị định 30/2020/NĐ-CP.',
    health: 'Thiết bị, dịch vụ ký số',
    kind_pkcs12: 'Chứng thư số của tổ chức (tệp PKCS#12 trên máy chủ)',
    kind_pkcs11: 'USB token (PKCS#11)',
    kind_remote: 'Ký số từ xa (xác nhận trên điện thoại)',
    notConfigured: 'Chưa cấu hình',
    validUntil: 'hiệu lực đến {date} (còn {days} ngày)',
    expired: 'ĐÃ HẾT HIỆU LỰC ({date})',
    tsa: 'Dấu thời gian (PAdES B-T)',
    tsaOff: 'Chưa cấu hình — chữ ký ở mức PAdES B-B',
    images: 'Hình ảnh con dấu và chữ ký',
    seal: 'Con dấu của cơ quan (PNG nền trong suốt, màu đỏ)',
    signature: 'Chữ ký của tôi (PNG nền trong suốt, màu xanh)',
    widthMm: 'Kích thước thật (mm)',
    upload: 'Tải lên',
    noImage: 'Chưa có',
    sign: 'Ký số một văn bản',
    docKind: 'Loại văn bản',
    ref: 'Mã văn bản (mã hồ sơ, số thư, năm-quý…)',
    signer: 'Ký bằng',
    signNow: 'Ký số',
    list: 'Văn bản đã ký',
    none: 'Chưa có văn bản nào được ký.',
    colTitle: 'Văn bản',
    colSigner: 'Người ký',
    colStatus: 'Trạng thái',
    colTime: 'Thời điểm ký',
    download: 'Tải tệp đã ký',
    status_pending: 'Chờ xác nhận trên điện thoại',
    status_signed: 'Đã ký',
    status_rejected: 'Người ký từ chối',
    status_expired: 'Hết hạn xác nhận',
    status_failed: 'Lỗi',
    refresh: 'Kiểm tra lại',
    errors: 'Chưa ký được',
    ok_image: 'Đã lưu hình ảnh.',
    back: '← Ký số văn bản',
    certificate: 'Chứng thư số',
    level: 'Mức chữ ký',
  },
  {
    title: 'Digital signatures',
    intro:
      'PAdES signatures on documents the system produces (form 04, courtesy letters, quarterly report, electronic certified copies). Signature and seal images placed as Decree 30/2020 Appendix I requires.',
    health: 'Signing devices and services',
    kind_pkcs12: 'Organisation certificate (PKCS#12 file on the server)',
    kind_pkcs11: 'USB token (PKCS#11)',
    kind_remote: 'Remote signing (confirmed on the phone)',
    notConfigured: 'Not configured',
    validUntil: 'valid until {date} ({days} days left)',
    expired: 'EXPIRED ({date})',
    tsa: 'Time-stamps (PAdES B-T)',
    tsaOff: 'Not configured — signatures are PAdES B-B',
    images: 'Seal and signature images',
    seal: "The organisation's seal (transparent PNG, red)",
    signature: 'My signature (transparent PNG, blue)',
    widthMm: 'Real width (mm)',
    upload: 'Upload',
    noImage: 'None yet',
    sign: 'Sign a document',
    docKind: 'Document',
    ref: 'Reference (dossier code, letter id, year-quarter…)',
    signer: 'Sign with',
    signNow: 'Sign',
    list: 'Signed documents',
    none: 'Nothing has been signed yet.',
    colTitle: 'Document',
    colSigner: 'Signer',
    colStatus: 'Status',
    colTime: 'Signing time',
    download: 'Download the signed file',
    status_pending: 'Waiting for the phone confirmation',
    status_signed: 'Signed',
    status_rejected: 'Rejected by the signer',
    status_expired: 'Confirmation expired',
    status_failed: 'Failed',
    refresh: 'Check again',
    errors: 'Not signed',
    ok_image: 'Image saved.',
    back: '← Digital signatures',
    certificate: 'Certificate',
    level: 'Signature level',
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

/** dd/MM/yyyy HH:mm:ss in Vietnam time, with the ISO 8601 +07:00 form in a title. */
export function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function Errors(p: { lang: Lang; errors: string[]; ok: string | null }) {
  const t = translator(signingMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t('ok_image')}
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

interface SigningImage {
  kind: string;
  owner: number;
  widthMm: number;
  png: string | null;
}

function certificateText(lang: Lang, s: SignerHealth): string {
  const t = translator(signingMessages, lang);
  if (!s.configured) return t('notConfigured');
  if (s.error) return s.error[lang];
  if (!s.certificate) return '';
  const date = formatVi(localDateOf(new Date(s.certificate.notAfter)));
  return `${s.certificate.subject} — ${
    (s.daysLeft ?? 0) < 0 ? t('expired', { date }) : t('validUntil', { date, days: String(s.daysLeft ?? 0) })
  }`;
}

function SignerHealthTable(p: { lang: Lang; signers: SignerHealth[]; tsa: { url: string } | null }) {
  const t = translator(signingMessages, p.lang);
  return (
    <table data-testid="signer-health">
      <tbody>
        {p.signers.map((s) => (
          <tr>
            <th scope="row">{t(`kind_${s.kind}`)}</th>
            <td>{certificateText(p.lang, s)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('tsa')}</th>
          <td>{p.tsa ? p.tsa.url : t('tsaOff')}</td>
        </tr>
      </tbody>
    </table>
  );
}

function SignForm(p: {
  lang: Lang;
  csrf: string;
  configured: SignerHealth[];
  kinds: { kind: string; label: { vi: string; en: string } }[];
  prefill: { kind: string; ref: string };
}) {
  const t = translator(signingMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  if (!p.configured.length) return <p>{t('notConfigured')}</p>;
  return (
    <form method="post" action={`/console/signing${lq}`} class="card stack" data-testid="sign-form">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="s-kind">{t('docKind')}</label>
      <select id="s-kind" name="kind">
        {p.kinds.map((k) => (
          <option value={k.kind} selected={k.kind === p.prefill.kind}>
            {k.label[p.lang]}
          </option>
        ))}
      </select>
      <label for="s-ref">{t('ref')}</label>
      <input id="s-ref" name="ref" type="text" value={p.prefill.ref} maxLength={60} required />
      <label for="s-signer">{t('signer')}</label>
      <select id="s-signer" name="signer">
        {p.configured.map((s) => (
          <option value={s.kind}>{t(`kind_${s.kind}`)}</option>
        ))}
      </select>
      <button type="submit">{t('signNow')}</button>
    </form>
  );
}

function ImageForm(p: { lang: Lang; csrf: string; kind: 'seal' | 'signature'; img: SigningImage | undefined }) {
  const t = translator(signingMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  const { kind, img } = p;
  return (
    <form
      method="post"
      action={`/console/signing/images${lq}`}
      enctype="multipart/form-data"
      class="card stack"
      data-testid={`image-${kind}`}
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="kind" value={kind} />
      <strong>{t(kind)}</strong>
      {img?.png ? (
        <img src={`data:image/png;base64,${img.png}`} alt={t(kind)} width={kind === 'seal' ? 120 : 160} />
      ) : (
        <span>{t('noImage')}</span>
      )}
      <input name="file" type="file" accept="image/png" required aria-label={t(kind)} />
      <label>
        {t('widthMm')}{' '}
        <input
          name="widthMm"
          type="number"
          min={10}
          max={80}
          value={String(img?.widthMm ?? (kind === 'seal' ? 40 : 50))}
        />
      </label>
      <button type="submit" class="secondary">
        {t('upload')}
      </button>
    </form>
  );
}

function SignedList(p: { lang: Lang; docs: SignedView[] }) {
  const t = translator(signingMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  if (!p.docs.length) return <p>{t('none')}</p>;
  return (
    <table data-testid="signed-list">
      <thead>
        <tr>
          <th>{t('colTitle')}</th>
          <th>{t('colSigner')}</th>
          <th>{t('colTime')}</th>
          <th>{t('colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {p.docs.map((d) => (
          <tr>
            <td>
              <a href={`/console/signing/${String(d.id)}${lq}`}>{d.title}</a>
            </td>
            <td>
              {d.signerName} ({t(`kind_${d.signerKind}`)})
            </td>
            <td>{vnTime(d.signingTime)}</td>
            <td>
              {t(`status_${d.status}`)}
              {d.href ? (
                <>
                  {' · '}
                  <a href={d.href}>{t('download')}</a>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SigningPage(
  p: Shell & {
    signers: SignerHealth[];
    tsa: { url: string } | null;
    images: SigningImage[];
    kinds: { kind: string; label: { vi: string; en: string } }[];
    docs: SignedView[];
    prefill: { kind: string; ref: string };
    errors: string[];
    ok: string | null;
  },
) {
  const t = translator(signingMessages, p.lang);
  const seal = p.images.find((i) => i.kind === 'seal');
  const mine = p.images.find((i) => i.kind === 'signature');
  const configured = p.signers.filter((s) => s.configured);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <Errors lang={p.lang} errors={p.errors} ok={p.ok} />
      <h2>{t('health')}</h2>
      <SignerHealthTable lang={p.lang} signers={p.signers} tsa={p.tsa} />

      <h2>{t('sign')}</h2>
      <SignForm lang={p.lang} csrf={p.csrf} configured={configured} kinds={p.kinds} prefill={p.prefill} />

      <h2>{t('images')}</h2>
      <div class="grid">
        <ImageForm lang={p.lang} csrf={p.csrf} kind="seal" img={seal} />
        <ImageForm lang={p.lang} csrf={p.csrf} kind="signature" img={mine} />
      </div>

      <h2>{t('list')}</h2>
      <SignedList lang={p.lang} docs={p.docs} />
    </ConsoleLayout>
  );
}

export function SignedPage(p: Shell & { doc: SignedView }) {
  const t = translator(signingMessages, p.lang);
  const lq = p.lang === 'en' ? '?lang=en' : '';
  const d = p.doc;
  return (
    <ConsoleLayout {...p} title={d.title}>
      <p>
        <a href={`/console/signing${lq}`}>{t('back')}</a>
      </p>
      <h1>{d.title}</h1>
      <dl data-testid="signed-doc">
        <dt>{t('colStatus')}</dt>
        <dd data-testid="signed-status">{t(`status_${d.status}`)}</dd>
        <dt>{t('colSigner')}</dt>
        <dd>
          {d.signerName} ({t(`kind_${d.signerKind}`)})
        </dd>
        <dt>{t('certificate')}</dt>
        <dd>{d.certificateSubject ?? ''}</dd>
        <dt>{t('colTime')}</dt>
        <dd>{vnTime(d.signingTime)} (+07:00)</dd>
        {d.level ? (
          <>
            <dt>{t('level')}</dt>
            <dd>PAdES {d.level}</dd>
          </>
        ) : null}
        {d.error ? (
          <>
            <dt>{t('status_failed')}</dt>
            <dd>{d.error}</dd>
          </>
        ) : null}
      </dl>
      {d.href ? (
        <p>
          <a href={d.href} data-testid="signed-download">
            {t('download')}
          </a>
        </p>
      ) : null}
      {d.status === 'pending' ? (
        <p>
          <a href={`/console/signing/${String(d.id)}${lq}`}>{t('refresh')}</a>
        </p>
      ) : null}
    </ConsoleLayout>
  );
}
