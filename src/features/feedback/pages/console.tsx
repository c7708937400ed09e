/** Console: the feedback list (overdue first in view), one item with its handling forms, and staff obstacles. */
import type { ComponentChildren } from 'preact';
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { ABOUT_LABELS, CLASSIFICATIONS, STATUS_LABELS, isOpenFeedback, type About } from '../model.ts';
import type { ObstacleView, StaffFeedback } from '../service.ts';
import { feedbackConsoleMessages, obstacleMessages, type FeedbackConsoleKey, type ObstacleKey } from '../messages.ts';
import { dateTimeVi, dateVi } from './public.tsx';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

function Errors(p: { errors: string[]; title: string }) {
  return p.errors.length ? (
    <div class="error-summary" role="alert">
      <h2>{p.title}</h2>
      <ul>
        {p.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  ) : null;
}

export function FeedbackListPage(
  p: Shell & { items: StaffFeedback[]; overdue: number; filter: { status: string; overdue: boolean } },
) {
  const t = translator(feedbackConsoleMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>
        {t('title')}{' '}
        {p.overdue ? (
          <span class="badge late" data-testid="overdue-count">
            {t('overdueCount', { n: p.overdue })}
          </span>
        ) : null}
      </h1>
      <p class="muted">{t('intro')}</p>
      <form method="get" action="/console/feedback" class="filters">
        <div class="field">
          <label for="trang-thai">{t('colStatus')}</label>
          <select id="trang-thai" name="trang-thai">
            <option value="">{t('all')}</option>
            {(['received', 'info_requested', 'answered', 'refused'] as const).map((s) => (
              <option value={s} selected={p.filter.status === s}>
                {STATUS_LABELS[s][p.lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="qua-han" value="1" checked={p.filter.overdue} /> {t('overdueOnly')}
          </label>
        </div>
        <button type="submit">{t('filter')}</button>
      </form>
      {p.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="feedback-list">
            <thead>
              <tr>
                <th scope="col">{t('colCode')}</th>
                <th scope="col">{t('colReceived')}</th>
                <th scope="col">{t('colAbout')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colDue')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((f) => (
                <tr data-code={f.code}>
                  <td class="nowrap">
                    <a href={`/console/feedback/${f.id}`}>{f.code}</a>
                  </td>
                  <td class="nowrap">{dateVi(f.receivedAt)}</td>
                  <td>
                    {ABOUT_LABELS[f.about][p.lang]}
                    {f.procedureName ? <span class="block muted">{f.procedureName}</span> : null}
                    <span class="block">{f.maskedPreview.slice(0, 140)}</span>
                  </td>
                  <td>
                    {STATUS_LABELS[f.status][p.lang]}
                    {f.published ? <span class="block badge ok">{t('published')}</span> : null}
                  </td>
                  <td class="nowrap">
                    {dateTimeVi(f.handleDueAt)}
                    {f.overdue ? <span class="block badge late">{t('overdue')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleLayout>
  );
}

function ActionForm(p: {
  id: number;
  csrf: string;
  version: number;
  action: string;
  title: string;
  lang: Lang;
  children?: ComponentChildren;
  open?: boolean;
}) {
  const t = translator(feedbackConsoleMessages, p.lang);
  return (
    <details class="action" open={p.open}>
      <summary>{p.title}</summary>
      <form method="post" action={`/console/feedback/${p.id}`} class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="action" value={p.action} />
        <input type="hidden" name="version" value={String(p.version)} />
        {p.children}
        <button type="submit">{t('send')}</button>
      </form>
    </details>
  );
}

type ItemProps = Shell & {
  f: StaffFeedback;
  staff: { id: number; full_name: string }[];
  ok: boolean;
  errors: string[];
};

function ItemFacts({ p }: { p: ItemProps }) {
  const t = translator(feedbackConsoleMessages, p.lang);
  const f = p.f;
  return (
    <dl class="facts">
      <dt>{t('colAbout')}</dt>
      <dd>
        {ABOUT_LABELS[f.about][p.lang]}
        {f.procedureName ? ` — ${f.procedureName} (${f.procedureCode})` : ''}
      </dd>
      {f.dossierCode ? (
        <>
          <dt>{t('dossier')}</dt>
          <dd>
            <a href={`/console/dossiers/${encodeURIComponent(f.dossierCode)}`}>{f.dossierCode}</a>
          </dd>
        </>
      ) : null}
      <dt>{t('colReceived')}</dt>
      <dd>{dateTimeVi(f.receivedAt)}</dd>
      <dt>{t('contact')}</dt>
      <dd>
        {f.anonymous ? t('anonymous') : [f.contact.name, f.contact.phone, f.contact.email].filter(Boolean).join(' · ')}
      </dd>
      <dt>{t('classify')}</dt>
      <dd>
        {f.classification ? t(`class_${f.classification}` as FeedbackConsoleKey) : '—'}
        {f.topic ? ` · ${f.topic}` : ''}
      </dd>
    </dl>
  );
}

function ItemLimits({ p }: { p: ItemProps }) {
  const t = translator(feedbackConsoleMessages, p.lang);
  const f = p.f;
  return (
    <>
      <h2>{t('limits')}</h2>
      <dl class="facts" data-testid="feedback-limits">
        <dt>{t('handleDue')}</dt>
        <dd data-testid="handle-due">{dateTimeVi(f.handleDueAt)}</dd>
        <dt>{t('refuseDue')}</dt>
        <dd>{dateTimeVi(f.refuseDueAt)}</dd>
        <dt>{t('infoDue')}</dt>
        <dd>{dateTimeVi(f.infoDueAt)}</dd>
        {f.publishDueAt ? (
          <>
            <dt>{t('publishDue')}</dt>
            <dd>{dateTimeVi(f.publishDueAt)}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

/** The petition, the information asked and given, the answer or refusal, and the masked public preview. */
function ItemTexts({ p }: { p: ItemProps }) {
  const t = translator(feedbackConsoleMessages, p.lang);
  const f = p.f;
  return (
    <>
      <h2>{t('colAbout')}</h2>
      <p class="pre">{f.content}</p>
      {f.infoRequest ? (
        <>
          <h3>{t('requestInfo')}</h3>
          <p class="pre">{f.infoRequest}</p>
        </>
      ) : null}
      {f.infoReply ? (
        <>
          <h3>{t('infoReply')}</h3>
          <p class="pre">{f.infoReply}</p>
        </>
      ) : null}
      {f.answer ? (
        <>
          <h2>{t('answer')}</h2>
          <p class="pre">{f.answer}</p>
        </>
      ) : null}
      {f.refuseReason ? (
        <>
          <h2>{t('refuse')}</h2>
          <p class="pre">{f.refuseReason}</p>
        </>
      ) : null}
      <h3>{t('preview')}</h3>
      <p class="pre muted" data-testid="masked-preview">
        {f.maskedPreview}
      </p>
    </>
  );
}

/** Classify always; assign, answer, ask for information, refuse while open; publish once answered. */
function ItemActions({ p }: { p: ItemProps }) {
  const t = translator(feedbackConsoleMessages, p.lang);
  const f = p.f;
  const open = isOpenFeedback(f.status);
  return (
    <>
      <ActionForm id={f.id} csrf={p.csrf} version={f.version} action="classify" title={t('classify')} lang={p.lang}>
        <select name="classification" aria-label={t('classify')}>
          {CLASSIFICATIONS.map((c) => (
            <option value={c} selected={f.classification === c}>
              {t(`class_${c}` as FeedbackConsoleKey)}
            </option>
          ))}
        </select>
        <label for="topic">{t('topic')}</label>
        <input type="text" id="topic" name="topic" value={f.topic ?? ''} maxLength={200} />
      </ActionForm>
      {open ? (
        <>
          <ActionForm id={f.id} csrf={p.csrf} version={f.version} action="assign" title={t('assign')} lang={p.lang}>
            <select name="assignee" aria-label={t('assign')}>
              {p.staff.map((s) => (
                <option value={String(s.id)} selected={s.id === f.assignedUserId}>
                  {s.full_name}
                </option>
              ))}
            </select>
          </ActionForm>
          <ActionForm
            id={f.id}
            csrf={p.csrf}
            version={f.version}
            action="answer"
            title={t('answer')}
            lang={p.lang}
            open
          >
            <label for="answer-text">{t('answer')}</label>
            <textarea id="answer-text" name="text" rows={6} maxLength={5000} required />
            <label class="choice">
              <input type="checkbox" name="publish" value="1" /> {t('publishNow')}
            </label>
          </ActionForm>
          {f.status === 'received' ? (
            <ActionForm
              id={f.id}
              csrf={p.csrf}
              version={f.version}
              action="request_info"
              title={t('requestInfo')}
              lang={p.lang}
            >
              <textarea name="text" rows={3} maxLength={2000} required aria-label={t('requestInfo')} />
            </ActionForm>
          ) : null}
          <ActionForm id={f.id} csrf={p.csrf} version={f.version} action="refuse" title={t('refuse')} lang={p.lang}>
            <textarea name="reason" rows={3} maxLength={2000} required aria-label={t('refuse')} />
          </ActionForm>
        </>
      ) : null}
      {f.status === 'answered' ? (
        <form method="post" action={`/console/feedback/${f.id}`} class="inline">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="action" value={f.published ? 'unpublish' : 'publish'} />
          <input type="hidden" name="version" value={String(f.version)} />
          <button type="submit" class={f.published ? 'secondary' : ''}>
            {f.published ? t('unpublish') : t('publish')}
          </button>
        </form>
      ) : null}
    </>
  );
}

export function FeedbackItemPage(p: ItemProps) {
  const t = translator(feedbackConsoleMessages, p.lang);
  const f = p.f;
  return (
    <ConsoleLayout {...p} title={f.code}>
      <p>
        <a href="/console/feedback">{t('back')}</a>
      </p>
      <h1>
        {f.code}{' '}
        <span class={f.overdue ? 'badge late' : 'badge'} data-testid="feedback-status">
          {STATUS_LABELS[f.status][p.lang]}
        </span>
      </h1>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t('ok')}
        </p>
      ) : null}
      <Errors errors={p.errors} title={t('errors')} />
      <ItemFacts p={p} />
      <ItemLimits p={p} />
      <ItemTexts p={p} />

      <ItemActions p={p} />
    </ConsoleLayout>
  );
}

export function ObstaclesPage(p: Shell & { items: ObstacleView[]; all: boolean; ok: string | null; errors: string[] }) {
  const t = translator(obstacleMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${p.ok}` as ObstacleKey)}
        </p>
      ) : null}
      <Errors errors={p.errors} title={t('errors')} />
      <details class="action" open={!p.all}>
        <summary>{t('raise')}</summary>
        <form method="post" action="/console/obstacles" class="stack" data-testid="obstacle-form">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <label for="tieu-de">{t('titleField')}</label>
          <input type="text" id="tieu-de" name="tieu-de" maxLength={200} required />
          <label for="noi-dung">{t('content')}</label>
          <textarea id="noi-dung" name="noi-dung" rows={5} maxLength={5000} required />
          <button type="submit">{t('send')}</button>
        </form>
      </details>
      <h2>{p.all ? t('all') : t('mine')}</h2>
      {p.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ol class="plain" data-testid="obstacle-list">
          {p.items.map((o) => (
            <li class="card" data-id={String(o.id)}>
              <h3>
                {o.title}{' '}
                <span class={o.status === 'answered' ? 'badge ok' : 'badge warn'}>
                  {t(o.status === 'answered' ? 'answered' : 'open')}
                </span>
              </h3>
              <p class="muted">{t('raisedBy', { name: o.raisedBy, date: dateTimeVi(o.createdAt) })}</p>
              <p class="pre">{o.content}</p>
              {o.answer ? (
                <>
                  <h4>
                    {t('answeredBy', { name: o.answeredBy ?? '', date: o.answeredAt ? dateTimeVi(o.answeredAt) : '' })}
                  </h4>
                  <p class="pre">{o.answer}</p>
                </>
              ) : null}
              {p.all && o.status !== 'answered' ? (
                <form method="post" action={`/console/obstacles/${o.id}/answer`} class="stack">
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <label for={`answer-${o.id}`}>{t('answer')}</label>
                  <textarea id={`answer-${o.id}`} name="answer" rows={3} maxLength={5000} required />
                  <button type="submit">{t('answer')}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </ConsoleLayout>
  );
}
