/** Console pages of the queue: the counter screen (call, recall, skip, transfer, finish, link a dossier), settings and figures. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { weekdayName } from '../../../core/text/index.ts';
import { formatHm, toLocal } from '../../../core/calendar/index.ts';
import { queueMessages, type QueueKey } from '../messages.ts';
import { PRIORITY_LABELS, PRIORITY_REASONS, percent, type Metrics } from '../model.ts';
import type { CounterScreen, CounterView, FiguresView, GroupView, QueueConfig, TicketView } from '../service.ts';
import { queuePaths } from './public.tsx';

export interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  slug: string;
}

const hm = (iso: string) => formatHm(toLocal(new Date(iso)).minute);

function Flash(p: { lang: Lang; ok: string | null; errors: string[] }) {
  const t = translator(queueMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {p.ok}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert" data-testid="errors">
          <h2>{t('errorsTitle')}</h2>
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

function Links(p: Shell & { canManage: boolean }) {
  const t = translator(queueMessages, p.lang);
  return (
    <p class="meta">
      <a href={queuePaths.board(p.slug)} target="_blank" rel="noopener">
        {t('boardLink')}
      </a>
      <a href={queuePaths.kiosk(p.slug)} target="_blank" rel="noopener">
        {t('kioskLink')}
      </a>
      {p.canManage ? <a href="/console/queue/setup">{t('setup')}</a> : null}
      {p.canManage ? <a href="/console/queue/figures">{t('figures')}</a> : null}
    </p>
  );
}

function Hidden(p: { csrf: string; ticket?: TicketView; counterId?: number }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={p.csrf} />
      {p.ticket ? <input type="hidden" name="version" value={String(p.ticket.version)} /> : null}
      {p.counterId ? <input type="hidden" name="counterId" value={String(p.counterId)} /> : null}
    </>
  );
}

type Screen = CounterScreen;
interface GroupLabel {
  letter: string;
  name: string;
  nameEn: string;
}
const groupLabel = (lang: Lang, g: GroupLabel) => `${g.letter} — ${lang === 'vi' ? g.name : g.nameEn}`;

function ChooseCounter(p: { lang: Lang; csrf: string; screen: Screen }) {
  const t = translator(queueMessages, p.lang);
  return (
    <section class="card" data-testid="choose-counter">
      <h2>{t('chooseCounter')}</h2>
      <p class="muted">{t('chooseCounterHelp')}</p>
      {p.screen.counters.map((x) => (
        <form method="post" action="/console/queue/take" class="inline">
          <Hidden csrf={p.csrf} counterId={x.id} />
          <button type="submit" class="secondary" data-testid={`take-${x.number}`}>
            {x.name}
            {x.staffName ? ` (${x.staffName})` : ''}
          </button>{' '}
        </form>
      ))}
    </section>
  );
}

function MyCounter(p: { lang: Lang; csrf: string; screen: Screen; counter: CounterView }) {
  const t = translator(queueMessages, p.lang);
  const s = p.screen;
  const c = p.counter;
  const served = c.groupIds
    .map((id) => {
      const g = s.groups.find((x) => x.id === id);
      return g ? groupLabel(p.lang, g) : '';
    })
    .filter(Boolean)
    .join('; ');
  return (
    <section class="card" data-testid="my-counter" data-counter={String(c.id)}>
      <h2>{t('myCounter', { name: c.name })}</h2>
      <p class="muted">{t('groupsServed', { groups: served })}</p>
      <details>
        <summary>{t('changeCounter')}</summary>
        {s.counters
          .filter((x) => x.id !== c.id)
          .map((x) => (
            <form method="post" action="/console/queue/take" class="inline">
              <Hidden csrf={p.csrf} counterId={x.id} />
              <button type="submit" class="secondary">
                {x.name}
              </button>{' '}
            </form>
          ))}
      </details>
    </section>
  );
}

function TicketActions(p: { lang: Lang; csrf: string; cur: TicketView }) {
  const t = translator(queueMessages, p.lang);
  const actions: { act: string; key: QueueKey; primary: boolean }[] = [
    { act: 'recall', key: 'recall', primary: false },
    { act: 'skip', key: 'skip', primary: false },
    { act: 'finish', key: 'finish', primary: true },
  ];
  return (
    <div class="q-actions">
      {actions.map((a) => (
        <form method="post" action={`/console/queue/tickets/${p.cur.id}/${a.act}`}>
          <Hidden csrf={p.csrf} ticket={p.cur} />
          <button type="submit" class={a.primary ? undefined : 'secondary'} data-testid={a.act}>
            {t(a.key)}
          </button>
        </form>
      ))}
    </div>
  );
}

function TransferForm(p: { lang: Lang; csrf: string; screen: Screen; counter: CounterView; cur: TicketView }) {
  const t = translator(queueMessages, p.lang);
  const s = p.screen;
  return (
    <details class="card">
      <summary>{t('transfer')}</summary>
      <form method="post" action={`/console/queue/tickets/${p.cur.id}/transfer`} class="q-inline">
        <Hidden csrf={p.csrf} ticket={p.cur} />
        <label>
          {t('toCounter')}
          <select name="toCounterId" data-testid="transfer-counter">
            <option value="">—</option>
            {s.counters
              .filter((x) => x.id !== p.counter.id)
              .map((x) => (
                <option value={String(x.id)}>{x.name}</option>
              ))}
          </select>
        </label>
        <label>
          {t('toGroup')}
          <select name="toGroupId">
            <option value="">—</option>
            {s.groups
              .filter((g) => g.active && g.id !== p.cur.groupId)
              .map((g) => (
                <option value={String(g.id)}>{groupLabel(p.lang, g)}</option>
              ))}
          </select>
        </label>
        <button type="submit" class="secondary" data-testid="transfer">
          {t('transfer')}
        </button>
      </form>
    </details>
  );
}

function LinkDossier(p: { lang: Lang; csrf: string; screen: Screen; cur: TicketView }) {
  const t = translator(queueMessages, p.lang);
  const recent = p.screen.recentDossiers;
  const action = `/console/queue/tickets/${p.cur.id}/link`;
  return (
    <section class="card" aria-labelledby="link-h">
      <h3 id="link-h">{t('link')}</h3>
      <p class="muted">{t('linkHelp')}</p>
      <p>
        <a class="button" href={`/console/dossiers/new?ve=${p.cur.id}`} data-testid="intake-for-ticket">
          {t('intakeForTicket')}
        </a>
      </p>
      <form method="post" action={action} class="q-inline">
        <Hidden csrf={p.csrf} ticket={p.cur} />
        <label for="dossierCode">{t('dossierCode')}</label>
        <input
          id="dossierCode"
          name="dossierCode"
          type="text"
          list="recent-dossiers"
          maxLength={40}
          autocomplete="off"
          data-testid="dossier-code"
        />
        <datalist id="recent-dossiers">
          {recent.map((d) => (
            <option value={d.code}>{d.procedureName}</option>
          ))}
        </datalist>
        <button type="submit" class="secondary" data-testid="link">
          {t('link')}
        </button>
      </form>
      {recent.length ? (
        <>
          <p>{t('pickDossier')}:</p>
          <ul class="plain">
            {recent.map((d) => (
              <li>
                <form method="post" action={action} class="inline">
                  <Hidden csrf={p.csrf} ticket={p.cur} />
                  <input type="hidden" name="dossierCode" value={d.code} />
                  <button type="submit" class="link" data-testid={`pick-${d.code}`}>
                    {d.code}
                  </button>{' '}
                  — {d.procedureName} ({hm(d.receivedAt)})
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CurrentTicket(p: { lang: Lang; csrf: string; screen: Screen; counter: CounterView; cur: TicketView }) {
  const t = translator(queueMessages, p.lang);
  const cur = p.cur;
  return (
    <div data-testid="current" data-ticket={String(cur.id)}>
      <p class="q-current" data-testid="current-code">
        {cur.code} {cur.priority ? <span class="q-prio">{t('priority')}</span> : null}
      </p>
      <p class="muted">
        {p.lang === 'vi' ? cur.groupName : cur.groupNameEn} · {t('waitingSince', { at: hm(cur.issuedAt) })} ·{' '}
        {t('callCount', { n: cur.callCount })}
        {cur.priorityReason ? ` · ${PRIORITY_LABELS[cur.priorityReason][p.lang]}` : ''}
      </p>
      {cur.dossierCode ? (
        <p class="status" data-testid="linked">
          {t('linked', { code: cur.dossierCode })}
        </p>
      ) : null}
      <TicketActions lang={p.lang} csrf={p.csrf} cur={cur} />
      <TransferForm {...p} />
      <LinkDossier lang={p.lang} csrf={p.csrf} screen={p.screen} cur={cur} />
    </div>
  );
}

function CurrentSection(p: { lang: Lang; csrf: string; screen: Screen; counter: CounterView }) {
  const t = translator(queueMessages, p.lang);
  const cur = p.screen.current;
  return (
    <section class="card">
      <h2>{t('current')}</h2>
      {cur ? (
        <CurrentTicket {...p} cur={cur} />
      ) : (
        <>
          <p>{t('currentNone')}</p>
          <form method="post" action="/console/queue/call" class="q-call">
            <Hidden csrf={p.csrf} counterId={p.counter.id} />
            <button type="submit" data-testid="call-next">
              {t('callNext')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function WaitingList(p: { lang: Lang; screen: Screen }) {
  const t = translator(queueMessages, p.lang);
  const waiting = p.screen.waiting;
  return (
    <section>
      <h2>{t('waitingList', { n: waiting.length })}</h2>
      {waiting.length ? (
        <div class="table-scroll" tabindex={0} role="region" aria-label={t('waitingList', { n: waiting.length })}>
          <table data-testid="waiting-list">
            <thead>
              <tr>
                <th>{t('code')}</th>
                <th>{t('group')}</th>
                <th>{t('issuedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w) => (
                <tr data-code={w.code}>
                  <td>
                    {w.code} {w.priority ? <span class="q-prio">{t('priority')}</span> : null}
                  </td>
                  <td>{p.lang === 'vi' ? w.groupName : w.groupNameEn}</td>
                  <td>{hm(w.issuedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t('nobodyWaiting')}</p>
      )}
    </section>
  );
}

function ServedList(p: { lang: Lang; screen: Screen }) {
  const t = translator(queueMessages, p.lang);
  if (!p.screen.servedToday.length) return null;
  return (
    <section>
      <h2>{t('servedToday')}</h2>
      <table data-testid="served-list">
        <thead>
          <tr>
            <th>{t('code')}</th>
            <th>{t('group')}</th>
            <th>{t('issuedAt')}</th>
            <th>{t('dossier')}</th>
          </tr>
        </thead>
        <tbody>
          {p.screen.servedToday.map((w) => (
            <tr data-code={w.code}>
              <td>{w.code}</td>
              <td>{p.lang === 'vi' ? w.groupName : w.groupNameEn}</td>
              <td>{hm(w.issuedAt)}</td>
              <td>
                {w.dossierCode ? (
                  <a href={`/console/dossiers/${encodeURIComponent(w.dossierCode)}`}>{w.dossierCode}</a>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CounterPage(p: Shell & { screen: CounterScreen; ok: string | null; errors: string[] }) {
  const t = translator(queueMessages, p.lang);
  const s = p.screen;
  const c = s.counter;
  return (
    <ConsoleLayout {...p} title={t('consoleTitle')}>
      <link rel="stylesheet" href="/queue-assets/queue.css" />
      <h1>{t('consoleTitle')}</h1>
      <Links {...p} canManage={s.canManage} />
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      {!c ? (
        <ChooseCounter lang={p.lang} csrf={p.csrf} screen={s} />
      ) : (
        <>
          <MyCounter lang={p.lang} csrf={p.csrf} screen={s} counter={c} />
          <CurrentSection lang={p.lang} csrf={p.csrf} screen={s} counter={c} />
          <WaitingList lang={p.lang} screen={s} />
          <ServedList lang={p.lang} screen={s} />
        </>
      )}
    </ConsoleLayout>
  );
}

type Cfg = QueueConfig;

function TargetForm(p: { lang: Lang; csrf: string; cfg: Cfg }) {
  const t = translator(queueMessages, p.lang);
  return (
    <form method="post" action="/console/queue/setup/target" class="card q-inline">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="target">{t('targetWait')}</label>
      <input
        id="target"
        name="targetWaitMinutes"
        type="number"
        min={1}
        max={240}
        value={String(p.cfg.targetWaitMinutes)}
        required
      />
      <button type="submit">{t('save')}</button>
      <p class="muted">{t('targetHelp')}</p>
    </form>
  );
}

function FloorForm(p: { lang: Lang; csrf: string; cfg: Cfg }) {
  const t = translator(queueMessages, p.lang);
  return (
    <form method="post" action="/console/queue/setup/floor" class="card" data-testid="floor-form">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <h2>{t('floorTitle')}</h2>
      <fieldset>
        <legend>{t('floorPriority')}</legend>
        {PRIORITY_REASONS.map((r) => (
          <label class="check">
            <input
              type="checkbox"
              name="priorityGroups"
              value={r}
              checked={p.cfg.priorityGroups.includes(r)}
              data-testid={`floor-${r}`}
            />{' '}
            {PRIORITY_LABELS[r][p.lang]}
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="earlyTickets" value="on" checked={p.cfg.earlyTickets} /> {t('floorEarly')}
      </label>
      <p class="muted">{t('floorHelp')}</p>
      <button type="submit">{t('save')}</button>
    </form>
  );
}

function GroupForm(p: { lang: Lang; csrf: string; cfg: Cfg; g: GroupView | null }) {
  const t = translator(queueMessages, p.lang);
  const g = p.g;
  return (
    <form
      method="post"
      action={g ? `/console/queue/setup/groups/${g.id}` : '/console/queue/setup/groups'}
      class="card q-inline"
      data-testid={g ? `group-form-${g.letter}` : 'group-new'}
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      {g ? null : <strong>{t('addGroup')}</strong>}
      <label>
        {t('letter')} <input name="letter" type="text" maxLength={1} size={2} value={g?.letter ?? ''} required />
      </label>
      <label>
        {t('name')} <input name="name" type="text" maxLength={60} value={g?.name ?? ''} required />
      </label>
      <label>
        {t('nameEn')} <input name="nameEn" type="text" maxLength={60} value={g?.nameEn ?? ''} />
      </label>
      <label>
        {t('order')} <input name="sortOrder" type="number" min={0} max={999} value={g ? String(g.sortOrder) : ''} />
      </label>
      <label>
        {t('fields')}
        <select name="fields" multiple size={Math.min(6, Math.max(2, p.cfg.fields.length))}>
          {[...new Set([...p.cfg.fields, ...(g?.fields ?? [])])].map((f) => (
            <option value={f} selected={g?.fields.includes(f)}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" name="active" value="1" checked={g ? g.active : true} /> {t('active')}
      </label>
      <input type="hidden" name="activeSent" value="1" />
      <button type="submit" class="secondary">
        {g ? t('save') : t('addGroup')}
      </button>
    </form>
  );
}

function CounterForm(p: { lang: Lang; csrf: string; cfg: Cfg; c: CounterView | null }) {
  const t = translator(queueMessages, p.lang);
  const c = p.c;
  return (
    <form
      method="post"
      action={c ? `/console/queue/setup/counters/${c.id}` : '/console/queue/setup/counters'}
      class="card q-inline"
      data-testid={c ? `counter-form-${c.number}` : 'counter-new'}
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      {c ? null : <strong>{t('addCounter')}</strong>}
      <label>
        {t('number')} <input name="number" type="number" min={1} max={99} value={c ? String(c.number) : ''} required />
      </label>
      <label>
        {t('name')} <input name="name" type="text" maxLength={80} value={c?.name ?? ''} />
      </label>
      <fieldset>
        <legend>{t('groups')}</legend>
        {p.cfg.groups.map((g) => (
          <label>
            <input type="checkbox" name="groupIds" value={String(g.id)} checked={c?.groupIds.includes(g.id)} />{' '}
            {g.letter} — {g.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('staff')}
        <select name="staffUserId">
          <option value="">{t('noStaff')}</option>
          {p.cfg.staff.map((s) => (
            <option value={String(s.id)} selected={c?.staffUserId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" name="active" value="1" checked={c ? c.active : true} /> {t('active')}
      </label>
      <input type="hidden" name="activeSent" value="1" />
      <button type="submit" class="secondary">
        {c ? t('save') : t('addCounter')}
      </button>
    </form>
  );
}

export function SetupPage(p: Shell & { config: QueueConfig; ok: string | null; errors: string[] }) {
  const t = translator(queueMessages, p.lang);
  const cfg = p.config;
  return (
    <ConsoleLayout {...p} title={t('setupTitle')}>
      <link rel="stylesheet" href="/queue-assets/queue.css" />
      <h1>{t('setupTitle')}</h1>
      <Links {...p} canManage />
      <Flash lang={p.lang} ok={p.ok} errors={p.errors} />
      <TargetForm lang={p.lang} csrf={p.csrf} cfg={cfg} />
      <FloorForm lang={p.lang} csrf={p.csrf} cfg={cfg} />
      <h2>{t('groups')}</h2>
      <p class="muted">{t('groupsHelp')}</p>
      {cfg.groups.length === 0 ? (
        <form method="post" action="/console/queue/setup/default-groups">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" data-testid="default-groups">
            {t('defaultGroups')}
          </button>
        </form>
      ) : null}
      {[...cfg.groups, null].map((g) => (
        <GroupForm lang={p.lang} csrf={p.csrf} cfg={cfg} g={g} />
      ))}
      <h2>{t('counters')}</h2>
      {[...cfg.counters, null].map((c) => (
        <CounterForm lang={p.lang} csrf={p.csrf} cfg={cfg} c={c} />
      ))}
    </ConsoleLayout>
  );
}

function MetricCells(p: { m: Metrics }) {
  return (
    <>
      <td>{p.m.tickets}</td>
      <td>{p.m.served}</td>
      <td>{p.m.skipped}</td>
      <td>{p.m.avgWaitMinutes ?? '—'}</td>
      <td>{p.m.maxWaitMinutes ?? '—'}</td>
      <td>{p.m.avgServiceMinutes ?? '—'}</td>
      <td>{percent(p.m.withinTargetRate)}</td>
    </>
  );
}

function MetricHead(p: { lang: Lang; first: string; target: number }) {
  const t = translator(queueMessages, p.lang);
  const keys: QueueKey[] = ['tickets', 'served', 'skipped', 'avgWait', 'maxWait', 'avgService'];
  return (
    <thead>
      <tr>
        <th scope="col">{p.first}</th>
        {keys.map((k) => (
          <th scope="col">{t(k)}</th>
        ))}
        <th scope="col">{t('withinTarget', { n: p.target })}</th>
      </tr>
    </thead>
  );
}

/** One table of figures: a heading row, then one row per line with its metrics. */
function FigureTable(p: {
  lang: Lang;
  title: string;
  testid: string;
  first: string;
  target: number;
  rows: { key: string; attrs: Record<string, string | undefined>; head: string; m: Metrics }[];
}) {
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={p.title}>
      <table class="q-figs" data-testid={p.testid}>
        <MetricHead lang={p.lang} first={p.first} target={p.target} />
        <tbody>
          {p.rows.map((r) => (
            <tr {...r.attrs}>
              <th scope="row">{r.head}</th>
              <MetricCells m={r.m} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FiguresRange(p: { lang: Lang; f: FiguresView }) {
  const t = translator(queueMessages, p.lang);
  return (
    <form method="get" action="/console/queue/figures" class="q-inline card">
      <label>
        {t('from')} <input type="date" name="from" value={p.f.from} />
      </label>
      <label>
        {t('to')} <input type="date" name="to" value={p.f.to} />
      </label>
      <button type="submit" class="secondary">
        {t('show')}
      </button>
    </form>
  );
}

const hourSpan = (h: number) => `${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59`;

export function FiguresPage(p: Shell & { figures: FiguresView }) {
  const t = translator(queueMessages, p.lang);
  const f = p.figures;
  const days = f.sameDayWeekdays.map((d) => weekdayName(d, p.lang)).join(', ');
  const group = (id: number) => f.groups.find((g) => g.id === id);
  const common = { lang: p.lang, target: f.targetWaitMinutes };
  return (
    <ConsoleLayout {...p} title={t('figuresTitle')}>
      <link rel="stylesheet" href="/queue-assets/queue.css" />
      <h1>{t('figuresTitle')}</h1>
      <Links {...p} canManage />
      <FiguresRange lang={p.lang} f={f} />
      {f.total.tickets === 0 ? <p class="notice">{t('noData')}</p> : null}
      <FigureTable
        {...common}
        title={t('figuresTitle')}
        testid="figures-total"
        first=""
        rows={[
          {
            key: 'same',
            attrs: { class: 'q-sameday', 'data-testid': 'same-day-row' },
            head: t('sameDayDays', { days }),
            m: f.sameDayDays,
          },
          { key: 'other', attrs: {}, head: t('otherDays'), m: f.otherDays },
          { key: 'total', attrs: { 'data-testid': 'total-row' }, head: t('total'), m: f.total },
        ]}
      />
      <h2>{t('byGroup')}</h2>
      <FigureTable
        {...common}
        title={t('byGroup')}
        testid="figures-groups"
        first={t('group')}
        rows={f.byGroup.map((g) => {
          const x = group(g.groupId);
          return {
            key: String(g.groupId),
            attrs: { 'data-group': x?.letter ?? '' },
            head: x ? groupLabel(p.lang, x) : String(g.groupId),
            m: g,
          };
        })}
      />
      <h2>{t('byWeekday')}</h2>
      <FigureTable
        {...common}
        title={t('byWeekday')}
        testid="figures-weekdays"
        first={t('weekday')}
        rows={f.byWeekday.map((d) => ({
          key: String(d.weekday),
          attrs: { class: d.sameDay ? 'q-sameday' : undefined, 'data-weekday': String(d.weekday) },
          head: `${weekdayName(d.weekday, p.lang)}${d.sameDay ? ` (${t('sameDayMark')})` : ''}`,
          m: d,
        }))}
      />
      <h2>{t('byHour')}</h2>
      <FigureTable
        {...common}
        title={t('byHour')}
        testid="figures-hours"
        first={t('hour')}
        rows={f.byHour.map((h) => ({ key: String(h.hour), attrs: {}, head: hourSpan(h.hour), m: h }))}
      />
    </ConsoleLayout>
  );
}
