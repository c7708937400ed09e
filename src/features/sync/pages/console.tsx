/** Console: the DVCQG sync — health (queue length, last success, last error), failed and recent messages, "send again". */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatInstantVi } from '../../../core/calendar/index.ts';
import type { SyncMessageView, SyncOverview } from '../service.ts';
import { syncMessages, type SyncKey } from '../messages.ts';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

const when = (iso: string | null) => (iso ? formatInstantVi(new Date(iso)) : '');

export function SyncState(p: { m: SyncMessageView; lang: Lang }) {
  const t = translator(syncMessages, p.lang);
  const m = p.m;
  if (m.status === 'failed')
    return m.waiting ? (
      <span class="badge late">{t('waiting')}</span>
    ) : (
      <span class="badge warn">
        {t('retrying')}
        {m.nextAttemptAt ? <span class="block muted">{t('retryAt', { at: when(m.nextAttemptAt) })}</span> : null}
      </span>
    );
  return <span class={m.status === 'acked' ? 'badge ok' : 'badge'}>{t(`st_${m.status}` as SyncKey)}</span>;
}

function Table(p: { rows: SyncMessageView[]; lang: Lang; csrf: string; testid: string }) {
  const t = translator(syncMessages, p.lang);
  if (!p.rows.length) return <p class="muted">{t('none')}</p>;
  return (
    <div class="table-scroll">
      <table data-testid={p.testid}>
        <thead>
          <tr>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colDossier')}</th>
            <th scope="col" class="num">
              {t('colSeq')}
            </th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colAction')}</th>
            <th scope="col" class="num">
              {t('colDossierStatus')}
            </th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col" class="num">
              {t('colAttempts')}
            </th>
            <th scope="col">{t('colError')}</th>
            <th scope="col">{t('colDo')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((m) => (
            <tr data-id={String(m.id)}>
              <td class="nowrap">{when(m.createdAt)}</td>
              <td class="nowrap">
                <a href={`/console/dossiers/${encodeURIComponent(m.dossierCode)}`}>{m.dossierCode}</a>
              </td>
              <td class="num">{m.seq}</td>
              <td>{t(`kind_${m.kind}`)}</td>
              <td>{m.action}</td>
              <td class="num">{m.dossierStatus}</td>
              <td>
                <SyncState m={m} lang={p.lang} />
              </td>
              <td class="num">{m.attempts}</td>
              <td>{m.lastError ?? ''}</td>
              <td>
                {m.status === 'failed' ? (
                  <form method="post" action={`/console/sync/${m.id}/resend`} class="inline">
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit" class="secondary">
                      {t('resend')}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SyncConsolePage(p: Shell & { overview: SyncOverview; errors: string[]; ok: string | null }) {
  const t = translator(syncMessages, p.lang);
  const o = p.overview;
  const h = o.health;
  return (
    <ConsoleLayout
      lang={p.lang}
      path={p.path}
      title={t('title')}
      userName={p.userName}
      centerName={p.centerName}
      nav={p.nav}
      csrf={p.csrf}
    >
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {p.ok ? (
        <p class="flash ok" role="status">
          {p.ok === 'resynced' ? t('resynced') : t('resent')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="flash error" role="alert">
          {p.errors.map((e) => (
            <p>{e}</p>
          ))}
        </div>
      ) : null}
      {o.configured ? null : (
        <p class="flash warn" data-testid="sync-off">
          {t('off')}
        </p>
      )}
      <h2>{t('health')}</h2>
      <dl class="facts" data-testid="sync-health">
        <dt>{t('endpoint')}</dt>
        <dd>{o.url ?? '—'}</dd>
        <dt>{t('queueLength')}</dt>
        <dd data-testid="sync-queue">{h.queued + h.sending + h.failed + h.waiting}</dd>
        <dt>{t('retrying')}</dt>
        <dd>{h.failed}</dd>
        <dt>{t('waiting')}</dt>
        <dd>{h.waiting}</dd>
        <dt>{t('acked')}</dt>
        <dd data-testid="sync-acked">{h.acked}</dd>
        <dt>{t('lastSuccess')}</dt>
        <dd data-testid="sync-last-success">{h.lastAckAt ? when(h.lastAckAt) : t('never')}</dd>
        <dt>{t('lastError')}</dt>
        <dd data-testid="sync-last-error">
          {h.lastError ? `${when(h.lastError.at)} — ${h.lastError.code}: ${h.lastError.error}` : t('never')}
        </dd>
      </dl>
      <h2>{t('failedTitle')}</h2>
      <Table rows={o.failed} lang={p.lang} csrf={p.csrf} testid="sync-failed" />
      <h2>{t('recentTitle')}</h2>
      <Table rows={o.recent} lang={p.lang} csrf={p.csrf} testid="sync-recent" />
    </ConsoleLayout>
  );
}

/** The side panel of the dossier page: the dossier's sync messages and "send the current state again". */
export function DossierSyncPanel(p: {
  lang: Lang;
  code: string;
  csrf: string;
  rows: SyncMessageView[];
  canResync: boolean;
}) {
  const t = translator(syncMessages, p.lang);
  const pending = p.rows.filter((m) => m.status !== 'acked').length;
  return (
    <section class="card" data-testid="dossier-sync">
      <h2>{t('panelTitle')}</h2>
      {p.rows.length === 0 ? (
        <p class="muted">{t('panelNone')}</p>
      ) : (
        <>
          <p>{pending ? t('panelPending', { n: pending }) : t('panelAllAcked', { n: p.rows.length })}</p>
          <ol class="plain">
            {p.rows.map((m) => (
              <li data-seq={String(m.seq)}>
                {m.seq}. {t(`kind_${m.kind}`)} — {m.action} ({m.dossierStatus}) <SyncState m={m} lang={p.lang} />
                {m.lastError && m.status !== 'acked' ? <span class="block muted">{m.lastError}</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
      {p.canResync ? (
        <form method="post" action={`/console/sync/dossiers/${encodeURIComponent(p.code)}/resync`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="secondary">
            {t('resyncButton')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
