/** The dossier page's apology section (form 04): draft, director's approval or rejection, delivery. */
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import type { ApologyView } from '../apologies.ts';

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
  },
);

export function ApologySection(p: {
  lang: Lang;
  code: string;
  csrf: string;
  items: ApologyView[];
  canDraft: boolean;
  canDecide: boolean;
  canDeliver: boolean;
}) {
  const t = translator(apologyMessages, p.lang);
  const base = `/console/dossiers/${encodeURIComponent(p.code)}/apologies`;
  const draft = p.items.find((a) => a.status === 'draft');
  const undelivered = p.items.find((a) => a.status === 'approved' && !a.deliveredAt);
  const channel = (c: string | null) => (c ? t(`ch_${c}` as 'ch_desk') : '');
  return (
    <section aria-labelledby="apology-title" data-testid="apologies">
      <h2 id="apology-title">{t('title')}</h2>
      {p.items.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <ul>
          {p.items.map((a) => (
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
              {a.reason} — {t('proposed')}: {formatInstantVi(new Date(a.proposedDueAt))}
              {a.deliveredAt ? (
                <>
                  <br />
                  {t('delivered', {
                    channel: channel(a.deliveryChannel),
                    at: formatInstantVi(new Date(a.deliveredAt)),
                  })}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!draft && p.canDraft ? (
        <form method="post" action={base} class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label for="apology-reason">{t('reason')}</label>
          <textarea id="apology-reason" name="reason" rows={2} required maxLength={1000}></textarea>
          <button type="submit" class="secondary">
            {t('draftButton')}
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
              <option value={c}>{channel(c)}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('deliver')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
