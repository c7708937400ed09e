/** Console: the notification outbox (counts, failed and recent messages, "send again") and the opt-out list. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { when } from '../model.ts';
import type { NotificationView, Overview } from '../service.ts';
import { outboxMessages, type OutboxKey } from '../messages.ts';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

function StatusBadge({ n, lang }: { n: NotificationView; lang: Lang }) {
  const t = translator(outboxMessages, lang);
  if (n.status === 'failed') {
    return n.final ? (
      <span class="badge late">{t('failed')}</span>
    ) : (
      <span class="badge warn">
        {t('retrying')}
        {n.nextAttemptAt ? <span class="block muted">{t('retryAt', { at: when(n.nextAttemptAt) })}</span> : null}
      </span>
    );
  }
  return <span class={n.status === 'delivered' || n.status === 'sent' ? 'badge ok' : 'badge'}>{t(n.status)}</span>;
}

function MessageTable(p: { rows: NotificationView[]; lang: Lang; csrf: string; testid: string; withRetry: boolean }) {
  const t = translator(outboxMessages, p.lang);
  return (
    <div class="table-scroll">
      <table data-testid={p.testid}>
        <thead>
          <tr>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colDossier')}</th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col" class="nowrap">
              {t('colChannel')}
            </th>
            <th scope="col" class="nowrap">
              {t('colRecipient')}
            </th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col" class="num">
              {t('colAttempts')}
            </th>
            <th scope="col">{t('colError')}</th>
            {p.withRetry ? <th scope="col">{t('colAction')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((n) => (
            <tr data-id={String(n.id)}>
              <td class="nowrap">{when(n.createdAt)}</td>
              <td class="nowrap">{n.dossierCode ?? '—'}</td>
              <td>{t(`kind_${n.kind}` as OutboxKey)}</td>
              <td>{t(`channel_${n.channel}` as OutboxKey)}</td>
              <td class="nowrap">{n.recipient}</td>
              <td>
                <StatusBadge n={n} lang={p.lang} />
              </td>
              <td class="num">{n.attempts}</td>
              <td>{n.lastError ?? ''}</td>
              {p.withRetry ? (
                <td>
                  {n.status === 'failed' ? (
                    <form method="post" action={`/console/notifications/${n.id}/retry`} class="inline">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit" class="secondary">
                        {t('retry')}
                      </button>
                    </form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COUNT_KEYS = ['queued', 'sending', 'sent', 'delivered', 'retrying', 'failed'] as const;

function Counts(p: { lang: Lang; overview: Overview }) {
  const t = translator(outboxMessages, p.lang);
  return (
    <div class="counts table-scroll">
      <table data-testid="outbox-counts">
        <thead>
          <tr>
            {COUNT_KEYS.map((k) => (
              <th scope="col" class="num">
                {t(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {COUNT_KEYS.map((k) => (
              <td class="num" data-status={k}>
                {p.overview.counts[k]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function OptOutList(p: { lang: Lang; csrf: string; overview: Overview }) {
  const t = translator(outboxMessages, p.lang);
  if (!p.overview.optOuts.length) return <p class="muted">{t('optOutNone')}</p>;
  return (
    <div class="table-scroll">
      <table data-testid="opt-outs">
        <thead>
          <tr>
            <th scope="col">{t('optOutRecipient')}</th>
            <th scope="col">{t('optOutChannel')}</th>
            <th scope="col">{t('optOutSource')}</th>
            <th scope="col">{t('colAdded')}</th>
            <th scope="col">{t('colAction')}</th>
          </tr>
        </thead>
        <tbody>
          {p.overview.optOuts.map((x) => (
            <tr>
              <td class="nowrap">{x.recipient}</td>
              <td>{x.channel === '*' ? t('channel_all') : t(`channel_${x.channel}` as OutboxKey)}</td>
              <td>{t(`source_${x.source === 'public' ? 'public' : 'desk'}`)}</td>
              <td class="nowrap">{when(x.createdAt)}</td>
              <td>
                <form method="post" action={`/console/notifications/opt-outs/${x.id}/delete`} class="inline">
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <button type="submit" class="secondary">
                    {t('optOutRemove')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddOptOutForm(p: { lang: Lang; csrf: string }) {
  const t = translator(outboxMessages, p.lang);
  return (
    <form method="post" action="/console/notifications/opt-outs" class="card stack">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="opt-recipient">{t('optOutRecipient')}</label>
      <input
        id="opt-recipient"
        name="recipient"
        type="text"
        inputmode="email"
        autocomplete="off"
        maxLength={200}
        required
      />
      <label for="opt-channel">{t('optOutChannel')}</label>
      <select id="opt-channel" name="channel">
        <option value="*">{t('channel_all')}</option>
        <option value="email">{t('channel_email')}</option>
        <option value="sms">{t('channel_sms')}</option>
        <option value="zalo">{t('channel_zalo')}</option>
      </select>
      <button type="submit">{t('optOutAdd')}</button>
    </form>
  );
}

function Notices(p: { lang: Lang; overview: Overview; errors: string[]; ok: string | null }) {
  const t = translator(outboxMessages, p.lang);
  const o = p.overview;
  return (
    <>
      {o.channels.length ? (
        <p>{t('channelsOn', { list: o.channels.map((c) => t(`channel_${c}` as OutboxKey)).join(', ') })}</p>
      ) : (
        <p class="notice" data-testid="no-channels">
          {t('channelsNone')}
        </p>
      )}
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${p.ok}` as OutboxKey)}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert">
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

export function OutboxConsolePage(p: Shell & { overview: Overview; errors: string[]; ok: string | null }) {
  const t = translator(outboxMessages, p.lang);
  const o = p.overview;
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro', { max: o.maxAttempts })}</p>
      <Notices lang={p.lang} overview={o} errors={p.errors} ok={p.ok} />
      <h2>{t('countsTitle')}</h2>
      <Counts lang={p.lang} overview={o} />
      <h2 id="failed">{t('failedTitle')}</h2>
      {o.failed.length ? (
        <MessageTable rows={o.failed} lang={p.lang} csrf={p.csrf} testid="failed-messages" withRetry />
      ) : (
        <p class="muted">{t('failedNone')}</p>
      )}
      <h2 id="recent">{t('recentTitle')}</h2>
      {o.recent.length ? (
        <MessageTable rows={o.recent} lang={p.lang} csrf={p.csrf} testid="recent-messages" withRetry={false} />
      ) : (
        <p class="muted">{t('recentNone')}</p>
      )}
      <h2 id="opt-outs">{t('optOutTitle')}</h2>
      <p class="muted">{t('optOutIntro')}</p>
      <OptOutList lang={p.lang} csrf={p.csrf} overview={o} />
      <AddOptOutForm lang={p.lang} csrf={p.csrf} />
    </ConsoleLayout>
  );
}
