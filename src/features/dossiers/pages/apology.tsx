/** The dossier page's apology section (form 04): draft, director's approval or rejection, delivery. */
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { formatHm, formatInstantVi, toLocal } from '../../../core/calendar/index.ts';
import { MIN_REASON_CHARS, type ApologyView } from '../apologies/apologies.ts';

export const apologyMessages = defineMessages(
  {
    title: 'Thư xin lỗi và hẹn lại (Mẫu 04)',
    none: 'Chưa có thư xin lỗi.',
    draft: 'Dự thảo chờ Giám đốc duyệt',
    auto: 'tự động soạn vì hồ sơ có nguy cơ trễ hạn',
    approved: 'Đã duyệt, số {number}',
    rejected: 'Không duyệt',
    delivered: 'Đã gửi ({channel}) lúc {at}',
    reason: 'Lý do chậm trả kết quả',
    reasonHint: 'Viết cụ thể: việc gì đang chờ, chờ cơ quan hay người nào, vì sao chậm (ít nhất 15 ký tự).',
    noReason: 'chưa có lý do',
    notReady: 'Chưa thể duyệt: {why}',
    proposedDate: 'Ngày hẹn mới đề xuất (để trống: 3 ngày làm việc sau hẹn hiện tại)',
    proposedTime: 'Giờ',
    revise: 'Ghi lý do và ngày hẹn mới',
    reviseButton: 'Lưu lý do, trình Giám đốc duyệt',
    proposed: 'Ngày hẹn mới đề xuất',
    newDue: 'Ngày hẹn mới (để trống: theo đề xuất)',
    draftButton: 'Soạn thư xin lỗi, trình duyệt',
    approve: 'Duyệt và hẹn lại',
    reject: 'Không duyệt',
    deliver: 'Ghi nhận đã gửi',
    channel: 'Hình thức gửi',
    ch_desk: 'Trao tại Bộ phận Một cửa',
    ch_email: 'Thư điện tử',
    ch_sms: 'Tin nhắn',
    ch_post: 'Bưu điện',
    signerLegend: 'Cơ quan chịu trách nhiệm và người ký (để trống: Trung tâm, Giám đốc ký)',
    responsibleUnit: 'Cơ quan, đơn vị chịu trách nhiệm (gây chậm)',
    signerTitle: 'Chức vụ người ký',
    signerName: 'Họ tên người ký',
    signedBy: 'Người ký: {title} {name}',
    unitLabel: 'Cơ quan chịu trách nhiệm: {unit}',
  },
  {
    title: 'Apology and re-appointment (form 04)',
    none: 'No apology yet.',
    draft: 'Draft awaiting the director',
    auto: 'drafted automatically: the dossier is at risk of being late',
    approved: 'Approved, number {number}',
    rejected: 'Rejected',
    delivered: 'Delivered ({channel}) at {at}',
    reason: 'Reason for the delay',
    reasonHint:
      'Be specific: what is being waited for, from which agency or person, why it is late (15 characters at least).',
    noReason: 'no reason yet',
    notReady: 'Cannot be approved yet: {why}',
    proposedDate: 'Proposed new appointment (empty: 3 working days after the current one)',
    proposedTime: 'Time',
    revise: 'Write the reason and the new date',
    reviseButton: 'Save the reason, send to the director',
    proposed: 'Proposed new appointment',
    newDue: 'New appointment (empty: as proposed)',
    draftButton: 'Draft an apology for approval',
    approve: 'Approve and re-appoint',
    reject: 'Reject',
    deliver: 'Record delivery',
    channel: 'Delivered by',
    ch_desk: 'Handed over at the desk',
    ch_email: 'E-mail',
    ch_sms: 'Text message',
    ch_post: 'Post',
    signerLegend: 'Body responsible and signer (empty: the centre, signed by its director)',
    responsibleUnit: 'Body (unit) responsible for the delay',
    signerTitle: "Signer's title",
    signerName: "Signer's name",
    signedBy: 'Signed by: {title} {name}',
    unitLabel: 'Body responsible: {unit}',
  },
);

type T = ReturnType<typeof apologyTranslator>;
const apologyTranslator = (lang: Lang) => translator(apologyMessages, lang);

/** The reason, the proposed date and the signer: the draft's and the revision's fields. */
function ReasonFields({
  t,
  reason,
  proposed,
  signer,
}: {
  t: T;
  reason: string;
  proposed?: string;
  signer?: ApologyView;
}) {
  const local = proposed ? toLocal(new Date(proposed)) : null;
  return (
    <>
      <label for="apology-reason">{t('reason')}</label>
      <p class="hint" id="apology-reason-hint">
        {t('reasonHint')}
      </p>
      <textarea
        id="apology-reason"
        name="reason"
        rows={3}
        required
        minLength={MIN_REASON_CHARS}
        maxLength={1000}
        aria-describedby="apology-reason-hint"
      >
        {reason}
      </textarea>
      <div class="row2">
        <div class="field">
          <label for="apology-date">{t('proposedDate')}</label>
          <input id="apology-date" name="proposedDate" type="date" value={local?.date ?? ''} />
        </div>
        <div class="field">
          <label for="apology-time">{t('proposedTime')}</label>
          <input id="apology-time" name="proposedTime" type="time" value={local ? formatHm(local.minute) : '17:00'} />
        </div>
      </div>
      <fieldset>
        <legend>{t('signerLegend')}</legend>
        <label for="apology-unit">{t('responsibleUnit')}</label>
        <input id="apology-unit" name="responsibleUnit" maxLength={200} value={signer?.responsibleUnit ?? ''} />
        <div class="row2">
          <div class="field">
            <label for="apology-signer-title">{t('signerTitle')}</label>
            <input id="apology-signer-title" name="signerTitle" maxLength={100} value={signer?.signerTitle ?? ''} />
          </div>
          <div class="field">
            <label for="apology-signer-name">{t('signerName')}</label>
            <input id="apology-signer-name" name="signerName" maxLength={100} value={signer?.signerName ?? ''} />
          </div>
        </div>
      </fieldset>
    </>
  );
}

const channelText = (t: T, c: string | null) => (c ? t(`ch_${c}` as 'ch_desk') : '');

/** One letter: its state, reason and proposed date, who answers for the delay, its delivery. */
function ApologyItem({ t, a, lang }: { t: T; a: ApologyView; lang: Lang }) {
  return (
    <li>
      <strong>
        {a.status === 'draft'
          ? t('draft')
          : a.status === 'approved'
            ? t('approved', { number: a.number ?? '' })
            : t('rejected')}
      </strong>
      {a.auto ? <span class="muted"> — {t('auto')}</span> : null}
      <br />
      <span data-testid="apology-reason">{a.reason || <em>{t('noReason')}</em>}</span> — {t('proposed')}:{' '}
      {formatInstantVi(new Date(a.proposedDueAt))}
      {a.responsibleUnit ? (
        <>
          <br />
          <span data-testid="apology-unit">{t('unitLabel', { unit: a.responsibleUnit })}</span>
        </>
      ) : null}
      {a.signerTitle ? (
        <>
          <br />
          <span data-testid="apology-signer">{t('signedBy', { title: a.signerTitle, name: a.signerName ?? '' })}</span>
        </>
      ) : null}
      {a.notReady ? (
        <p class="notice warn" data-testid="apology-not-ready">
          {t('notReady', { why: a.notReady[lang] })}
        </p>
      ) : null}
      {a.deliveredAt ? (
        <>
          <br />
          {t('delivered', {
            channel: channelText(t, a.deliveryChannel),
            at: formatInstantVi(new Date(a.deliveredAt)),
          })}
        </>
      ) : null}
    </li>
  );
}

interface SectionProps {
  lang: Lang;
  code: string;
  csrf: string;
  items: ApologyView[];
  canDraft: boolean;
  /** The specialist or holder may write the reason and the date of the pending draft. */
  canRevise?: boolean;
  canDecide: boolean;
  canDeliver: boolean;
}

/** The forms of the letters' steps, each shown only to who may take it, when it can be taken. */
function ApologyForms({ p, t }: { p: SectionProps; t: T }) {
  const base = `/console/dossiers/${encodeURIComponent(p.code)}/apologies`;
  const draft = p.items.find((a) => a.status === 'draft');
  const undelivered = p.items.find((a) => a.status === 'approved' && !a.deliveredAt);
  return (
    <>
      {!draft && p.canDraft ? (
        <form method="post" action={base} class="stack" data-testid="apology-draft">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <ReasonFields t={t} reason="" />
          <button type="submit" class="secondary">
            {t('draftButton')}
          </button>
        </form>
      ) : null}
      {draft && p.canRevise ? (
        <form method="post" action={`${base}/revise`} class="stack" data-testid="apology-revise">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h3>{t('revise')}</h3>
          <ReasonFields t={t} reason={draft.reason} proposed={draft.proposedDueAt} signer={draft} />
          <button type="submit" class="secondary">
            {t('reviseButton')}
          </button>
        </form>
      ) : null}
      {draft && p.canDecide ? (
        <form method="post" action={`${base}/approve`} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label for="apology-due">{t('newDue')}</label>
          <input id="apology-due" name="newDueAt" type="datetime-local" />
          <button type="submit">{t('approve')}</button>
          <button type="submit" class="secondary" formaction={`${base}/reject`}>
            {t('reject')}
          </button>
        </form>
      ) : null}
      {undelivered && p.canDeliver ? (
        <form method="post" action={`${base}/deliver`} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label for="apology-channel">{t('channel')}</label>
          <select id="apology-channel" name="channel">
            {(['desk', 'email', 'sms', 'post'] as const).map((c) => (
              <option value={c}>{channelText(t, c)}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('deliver')}
          </button>
        </form>
      ) : null}
    </>
  );
}

export function ApologySection(p: SectionProps) {
  const t = apologyTranslator(p.lang);
  return (
    <section aria-labelledby="apology-title" data-testid="apologies">
      <h2 id="apology-title">{t('title')}</h2>
      {p.items.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <ul>
          {p.items.map((a) => (
            <ApologyItem t={t} a={a} lang={p.lang} />
          ))}
        </ul>
      )}
      <ApologyForms p={p} t={t} />
    </section>
  );
}
