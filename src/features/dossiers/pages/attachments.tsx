/**
 * The digitised documents of a dossier on its console page: per component its scanned files
 * with "Đã số hóa" / "Tái sử dụng" badges and an upload form, the result's files and form, and
 * the way to the same person's earlier documents. Also the page that lists those earlier
 * documents with a reuse form each. Plain forms: no JavaScript needed.
 */
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import {
  acceptsInStatus,
  attachmentsFromEvents,
  MAX_BYTES,
  type AttachmentView,
  type ReusableView,
} from '../attachments/attachments.ts';
import type { DossierEvent, DossierView } from '../service.ts';
import { dateTime, dossierHref, type Shell } from './common.tsx';

export const attachmentMessages = defineMessages(
  {
    title: 'Hồ sơ số hóa',
    hint: 'Nhận tệp PDF, JPEG hoặc PNG, tối đa {max} MB (kiểm tra theo nội dung tệp).',
    flagDigitised: 'Đã số hóa',
    flagReused: 'Tái sử dụng',
    flagDossierReused: 'Có tái sử dụng dữ liệu',
    flagElectronic: 'Kết quả điện tử',
    flagVneid: 'Tài khoản xác thực VNeID',
    notDigitised: 'Chưa số hóa',
    components: 'Thành phần hồ sơ',
    noComponents: 'Hồ sơ không có thành phần nào.',
    result: 'Kết quả giải quyết',
    noFiles: 'Chưa có tệp.',
    resultLater: 'Đính kèm kết quả khi hồ sơ đã xử lý xong.',
    ended: 'Hồ sơ đã kết thúc: không đính kèm thêm thành phần.',
    attachScan: 'Đính kèm bản quét',
    attachResult: 'Đính kèm kết quả',
    file: 'Tệp quét',
    name: 'Tên tệp (không bắt buộc)',
    nameHint: 'Bỏ trống: dùng tên thành phần hồ sơ.',
    upload: 'Tải lên',
    reusedFrom: 'từ hồ sơ {code}',
    by: '{who}, {at}',
    reuseLink: 'Giấy tờ đã số hóa của cùng người nộp',
    reuseTitle: 'Tái sử dụng giấy tờ đã số hóa — hồ sơ {code}',
    reuseIntro:
      'Giấy tờ đã số hóa trong các hồ sơ trước của cùng người nộp (cùng số căn cước {id}) tại Trung tâm. Dùng lại thay cho bản giấy: thành phần được đánh dấu “Tái sử dụng”.',
    reuseNoId: 'Hồ sơ chưa có số căn cước (12 chữ số) của người nộp nên không tìm được giấy tờ cũ.',
    reuseNone: 'Chưa có giấy tờ đã số hóa nào của người này trong các hồ sơ trước.',
    reuseClosed: 'Hồ sơ đã kết thúc: không tái sử dụng thêm.',
    colDocument: 'Giấy tờ',
    colFrom: 'Hồ sơ trước',
    colUse: 'Dùng cho thành phần',
    reuse: 'Tái sử dụng',
    resultOf: 'Kết quả',
    backToDossier: '← Hồ sơ {code}',
  },
  {
    title: 'Digitised documents',
    hint: 'PDF, JPEG or PNG files up to {max} MB (checked by content).',
    flagDigitised: 'Digitised',
    flagReused: 'Reused',
    flagDossierReused: 'Reuses digitised data',
    flagElectronic: 'Electronic result',
    flagVneid: 'VNeID-verified account',
    notDigitised: 'Not digitised',
    components: 'Components',
    noComponents: 'This dossier has no components.',
    result: 'Result',
    noFiles: 'No file yet.',
    resultLater: 'Attach the result once the dossier is processed.',
    ended: 'The dossier has ended: no more components can be attached.',
    attachScan: 'Attach a scan',
    attachResult: 'Attach the result',
    file: 'Scanned file',
    name: 'File name (optional)',
    nameHint: 'Left empty: the component’s name.',
    upload: 'Upload',
    reusedFrom: 'from dossier {code}',
    by: '{who}, {at}',
    reuseLink: 'Digitised documents of the same applicant',
    reuseTitle: 'Reuse digitised documents — dossier {code}',
    reuseIntro:
      'Documents digitised for earlier dossiers of the same applicant (citizen ID {id}) at this centre. Reusing one replaces the paper copy; the component is marked “Reused”.',
    reuseNoId: 'The dossier has no 12-digit citizen ID for the applicant, so earlier documents cannot be found.',
    reuseNone: 'No document of this person has been digitised in earlier dossiers.',
    reuseClosed: 'The dossier has ended: nothing more can be reused.',
    colDocument: 'Document',
    colFrom: 'Earlier dossier',
    colUse: 'Use for component',
    reuse: 'Reuse',
    resultOf: 'Result',
    backToDossier: '← Dossier {code}',
  },
);

/** "350 KB", "1,2 MB" (Vietnamese decimal comma) / "1.2 MB". */
export function formatBytes(n: number, lang: Lang): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  const mb = (Math.round((n / (1024 * 1024)) * 10) / 10).toFixed(1);
  return `${lang === 'vi' ? mb.replace('.', ',') : mb} MB`;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const langQ = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');

/** Where the console downloads a file (errors as pages; every download is audited). */
export function consoleFileHref(code: string, id: number): string {
  return `${dossierHref(code)}/attachments/${id}`;
}

export function reuseHref(code: string): string {
  return `${dossierHref(code)}/attachments/reuse`;
}

function FileList({ code, files, lang }: { code: string; files: AttachmentView[]; lang: Lang }) {
  const t = translator(attachmentMessages, lang);
  if (!files.length) return <p class="muted">{t('noFiles')}</p>;
  return (
    <ul class="compact" data-testid="attachment-files">
      {files.map((f) => (
        <li data-attachment={f.id}>
          <a href={consoleFileHref(code, f.id)} download>
            {f.name}
          </a>{' '}
          <span class="muted">({formatBytes(f.bytes, lang)})</span>
          {f.reusedFrom ? (
            <>
              {' '}
              <span class="badge ok">{t('flagReused')}</span>{' '}
              <span class="muted">
                {f.reusedFrom.dossierCode ? t('reusedFrom', { code: f.reusedFrom.dossierCode }) : ''}
              </span>
            </>
          ) : null}
          {f.uploadedBy ? (
            <span class="block muted">{t('by', { who: f.uploadedBy, at: dateTime(f.uploadedAt) })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function UploadForm({
  code,
  csrf,
  lang,
  kind,
  index,
  label,
}: {
  code: string;
  csrf: string;
  lang: Lang;
  kind: 'component' | 'result';
  index: number | null;
  label: string;
}) {
  const t = translator(attachmentMessages, lang);
  const id = kind === 'result' ? 'att-result' : `att-${index}`;
  return (
    <details class="action" data-upload={kind === 'result' ? 'result' : String(index)}>
      <summary>{label}</summary>
      <form
        method="post"
        action={`${dossierHref(code)}/attachments${langQ(lang)}`}
        enctype="multipart/form-data"
        class="stack"
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="kind" value={kind} />
        {index !== null ? <input type="hidden" name="componentIndex" value={String(index)} /> : null}
        <div class="field">
          <label for={`${id}-file`}>{t('file')}</label>
          <input id={`${id}-file`} name="file" type="file" accept={ACCEPT} required />
        </div>
        <div class="field">
          <label for={`${id}-name`}>{t('name')}</label>
          <p class="hint" id={`${id}-name-hint`}>
            {t('nameHint')}
          </p>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            maxLength={150}
            autocomplete="off"
            aria-describedby={`${id}-name-hint`}
          />
        </div>
        <button type="submit">{t('upload')}</button>
      </form>
    </details>
  );
}

/** The earlier documents of the same person, each with a form choosing the component it stands for. */
export function ReusableList({
  code,
  csrf,
  lang,
  components,
  reusable,
}: {
  code: string;
  csrf: string;
  lang: Lang;
  components: DossierView['components'];
  reusable: ReusableView[];
}) {
  const t = translator(attachmentMessages, lang);
  if (!reusable.length)
    return (
      <p class="muted" data-testid="reusable-none">
        {t('reuseNone')}
      </p>
    );
  return (
    <table class="stack-table" data-testid="reusable">
      <thead>
        <tr>
          <th scope="col">{t('colDocument')}</th>
          <th scope="col">{t('colFrom')}</th>
          <th scope="col">{t('colUse')}</th>
        </tr>
      </thead>
      <tbody>
        {reusable.map((r) => (
          <tr data-attachment={r.id}>
            <td data-label={t('colDocument')}>
              {r.name} <span class="muted">({formatBytes(r.bytes, lang)})</span>
              <span class="block muted">{r.kind === 'result' ? t('resultOf') : r.component}</span>
            </td>
            <td data-label={t('colFrom')}>
              {r.dossier.code}
              <span class="block muted">
                {r.dossier.procedureName} · {dateTime(r.dossier.receivedAt)}
              </span>
            </td>
            <td data-label={t('colUse')}>
              <form method="post" action={`${reuseHref(code)}${langQ(lang)}`} class="inline">
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="fromAttachmentId" value={String(r.id)} />
                <label class="visually-hidden" for={`reuse-${r.id}`}>
                  {t('colUse')}
                </label>
                <select id={`reuse-${r.id}`} name="componentIndex">
                  {components.map((c, i) => (
                    <option value={String(i)} selected={c.name === r.component}>
                      {c.name}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit">{t('reuse')}</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface AttachmentsSectionProps {
  lang: Lang;
  csrf: string;
  dossier: DossierView;
  /** The dossier's events: its attachments are read from the `attach` / `reuse` events unless `attachments` is given. */
  events: DossierEvent[];
  attachments?: AttachmentView[];
  /** The same person's earlier documents, when the page loaded them; otherwise a link to the reuse page. */
  reusable?: ReusableView[];
  /** Whether to show the upload and reuse forms (the service decides anyway); default true. */
  canAttach?: boolean;
}

/** The components received, each with its scans and (while the dossier is open) an upload form. */
function ComponentFiles({
  d,
  files,
  csrf,
  lang,
  upload,
}: {
  d: DossierView;
  files: AttachmentView[];
  csrf: string;
  lang: Lang;
  upload: boolean;
}) {
  const t = translator(attachmentMessages, lang);
  return (
    <ol data-testid="attachment-components">
      {d.components.map((c, i) => (
        <li data-component={i}>
          <strong>{c.name}</strong>{' '}
          {c.digitised ? (
            <span class="badge ok" data-badge="digitised">
              {t('flagDigitised')}
            </span>
          ) : (
            <span class="badge" data-badge="none">
              {t('notDigitised')}
            </span>
          )}{' '}
          {c.reused ? (
            <span class="badge ok" data-badge="reused">
              {t('flagReused')}
            </span>
          ) : null}
          <FileList
            code={d.code}
            files={files.filter((f) => f.kind === 'component' && f.componentIndex === i)}
            lang={lang}
          />
          {upload ? (
            <UploadForm code={d.code} csrf={csrf} lang={lang} kind="component" index={i} label={t('attachScan')} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The dossier page's section; add it to pages/dossier.tsx with the dossier and its events. */
export function AttachmentsSection(p: AttachmentsSectionProps) {
  const t = translator(attachmentMessages, p.lang);
  const d = p.dossier;
  const files = p.attachments ?? attachmentsFromEvents(d.code, d.components, p.events);
  const can = p.canAttach !== false;
  const components = can && acceptsInStatus('component', d.status);
  const results = can && acceptsInStatus('result', d.status);
  const flags: [boolean, string, string][] = [
    [d.flags.digitised, t('flagDigitised'), 'digitised'],
    [d.flags.reused, t('flagDossierReused'), 'reused'],
    [d.flags.electronicResult, t('flagElectronic'), 'electronic'],
    [d.flags.vneidVerified, t('flagVneid'), 'vneid'],
  ];
  return (
    <section class="card" id="attachments" aria-labelledby="attachments-title" data-testid="attachments">
      <h2 id="attachments-title">{t('title')}</h2>
      <p data-testid="attachment-flags">
        {flags
          .filter(([on]) => on)
          .map(([, label, key]) => (
            <>
              <span class="badge ok" data-flag={key}>
                {label}
              </span>{' '}
            </>
          ))}
      </p>
      {components || results ? <p class="hint">{t('hint', { max: MAX_BYTES / (1024 * 1024) })}</p> : null}
      <h3>{t('components')}</h3>
      {d.components.length === 0 ? <p class="muted">{t('noComponents')}</p> : null}
      {!components && can && d.components.length ? <p class="muted">{t('ended')}</p> : null}
      <ComponentFiles d={d} files={files} csrf={p.csrf} lang={p.lang} upload={components} />
      <h3>{t('result')}</h3>
      <FileList code={d.code} files={files.filter((f) => f.kind === 'result')} lang={p.lang} />
      {results ? (
        <UploadForm code={d.code} csrf={p.csrf} lang={p.lang} kind="result" index={null} label={t('attachResult')} />
      ) : can && !acceptsInStatus('result', d.status) && components ? (
        <p class="muted">{t('resultLater')}</p>
      ) : null}
      {components && d.components.length ? (
        p.reusable ? (
          <>
            <h3>{t('reuseLink')}</h3>
            <ReusableList code={d.code} csrf={p.csrf} lang={p.lang} components={d.components} reusable={p.reusable} />
          </>
        ) : (
          <p>
            <a href={`${reuseHref(d.code)}${langQ(p.lang)}`} data-testid="reuse-link">
              {t('reuseLink')} →
            </a>
          </p>
        )
      ) : null}
    </section>
  );
}

/** GET /console/dossiers/:code/attachments/reuse */
export function ReusePage(p: Shell & { dossier: DossierView; reusable: ReusableView[] }) {
  const t = translator(attachmentMessages, p.lang);
  const d = p.dossier;
  const id = d.applicant.idNumber;
  const open = acceptsInStatus('component', d.status);
  return (
    <ConsoleLayout {...p} title={t('reuseTitle', { code: d.code })}>
      <p class="crumbs">
        <a href={`${dossierHref(d.code)}${langQ(p.lang)}#attachments`}>{t('backToDossier', { code: d.code })}</a>
      </p>
      <h1>{t('reuseTitle', { code: d.code })}</h1>
      {!/^\d{12}$/.test(id) ? (
        <p class="notice">{t('reuseNoId')}</p>
      ) : !open ? (
        <p class="notice">{t('reuseClosed')}</p>
      ) : (
        <>
          <p>{t('reuseIntro', { id })}</p>
          <ReusableList code={d.code} csrf={p.csrf} lang={p.lang} components={d.components} reusable={p.reusable} />
        </>
      )}
    </ConsoleLayout>
  );
}
