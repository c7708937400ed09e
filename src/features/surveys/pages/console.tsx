/** Console: survey results per officer, counter, field and month; low-score follow-up tasks; criteria; the counter tablet. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { formatVi } from '../../../core/calendar/index.ts';
import { isOpenFollowup, type Criterion } from '../model.ts';
import type { FollowupView, SurveyResults, Tally } from '../service.ts';
import { UNKNOWN, KIOSK_HOURS } from '../service.ts';
import { surveyConsoleMessages, type SurveyConsoleKey } from '../messages.ts';

interface Shell {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', ',')} %`);
const monthVi = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

function TallyTable(p: { lang: Lang; rows: Tally[]; head: string; testid: string; label?: (k: string) => string }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <div class="table-scroll">
      <table data-testid={p.testid}>
        <thead>
          <tr>
            <th scope="col">{p.head}</th>
            <th scope="col" class="num">
              {t('responses')}
            </th>
            <th scope="col" class="num">
              {t('verySatisfied')}
            </th>
            <th scope="col" class="num">
              {t('satisfied')}
            </th>
            <th scope="col" class="num">
              {t('dissatisfied')}
            </th>
            <th scope="col" class="num">
              {t('rate')}
            </th>
            <th scope="col" class="num">
              {t('average')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-key={r.key}>
              <th scope="row">{r.key === UNKNOWN ? t('unknown') : p.label ? p.label(r.key) : r.key}</th>
              <td class="num">{r.responses}</td>
              <td class="num">{r.verySatisfied}</td>
              <td class="num">{r.satisfied}</td>
              <td class="num">{r.dissatisfied}</td>
              <td class="num">{pct(r.satisfiedRate)}</td>
              <td class="num">{r.averagePct === null ? '—' : `${r.averagePct} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type ConsoleProps = Shell & {
  month: string;
  results: SurveyResults;
  year: SurveyResults;
  followups: FollowupView[];
  staff: { id: number; full_name: string }[];
  criteria: Criterion[];
  lowThresholdPct: number;
  canManage: boolean;
  canUnlock: boolean;
  counters: string[];
  ok: string | null;
  errors: string[];
};

function ConsoleFlash({ p }: { p: ConsoleProps }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <>
      {p.ok ? (
        <p class="status" role="status" data-testid="flash">
          {t(`ok_${p.ok}` as SurveyConsoleKey)}
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

function MonthResults({ p }: { p: ConsoleProps }) {
  const t = translator(surveyConsoleMessages, p.lang);
  const r = p.results;
  return (
    <>
      <h2>{t('total', { month: monthVi(p.month) })}</h2>
      {r.total.responses === 0 ? (
        <p data-testid="no-responses">{t('none')}</p>
      ) : (
        <>
          <TallyTable
            lang={p.lang}
            rows={[r.total]}
            head={t('month')}
            testid="survey-total"
            label={() => monthVi(p.month)}
          />
          <h3>{t('byOfficer')}</h3>
          <TallyTable lang={p.lang} rows={r.byOfficer} head={t('officer')} testid="survey-by-officer" />
          <h3>{t('byCounter')}</h3>
          <TallyTable lang={p.lang} rows={r.byCounter} head={t('counter')} testid="survey-by-counter" />
          <h3>{t('byField')}</h3>
          <TallyTable lang={p.lang} rows={r.byField} head={t('field')} testid="survey-by-field" />
          <h3>{t('byStage')}</h3>
          <TallyTable
            lang={p.lang}
            rows={r.byStage}
            head={t('byStage')}
            testid="survey-by-stage"
            label={(k) => t(`stage_${k}` as SurveyConsoleKey)}
          />
          <h3>{t('byChannel')}</h3>
          <TallyTable
            lang={p.lang}
            rows={r.byChannel}
            head={t('channel')}
            testid="survey-by-channel"
            label={(k) => t(`channel_${k}` as SurveyConsoleKey)}
          />
        </>
      )}
      <h2>{t('byMonth')}</h2>
      <TallyTable lang={p.lang} rows={p.year.byMonth} head={t('monthCol')} testid="survey-by-month" label={monthVi} />
    </>
  );
}

function FollowupActions({ p, f }: { p: ConsoleProps; f: FollowupView }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <>
      <form method="post" action={`/console/surveys/followups/${f.id}`} class="inline">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="action" value="assign" />
        <select name="assignee" aria-label={t('assign')}>
          {p.staff.map((s) => (
            <option value={String(s.id)} selected={s.id === f.assignedUserId}>
              {s.full_name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('assign')}
        </button>
      </form>
      <form method="post" action={`/console/surveys/followups/${f.id}`} class="inline">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="action" value="resolve" />
        <input type="text" name="note" aria-label={t('note')} placeholder={t('note')} maxLength={2000} required />
        <button type="submit">{t('resolve')}</button>
      </form>
    </>
  );
}

function FollowupRow({ p, f }: { p: ConsoleProps; f: FollowupView }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <tr data-id={String(f.id)}>
      <td class="nowrap">{formatVi(f.day)}</td>
      <td class="nowrap">
        {f.dossierCode ?? f.ticketCode}
        <span class="block muted">
          {t(`stage_${f.stage}` as SurveyConsoleKey)}
          {f.counter ? ` · ${f.counter}` : ''}
        </span>
      </td>
      <td>{f.officerName ?? t('unknown')}</td>
      <td>
        {t(`reason_${f.reason}` as SurveyConsoleKey)}
        {f.averagePct !== null ? <span class="block muted">{f.averagePct} %</span> : null}
      </td>
      <td>{f.comment ?? ''}</td>
      <td>
        <span class={f.status === 'resolved' ? 'badge ok' : f.status === 'open' ? 'badge warn' : 'badge'}>
          {t(`status_${f.status}` as SurveyConsoleKey)}
        </span>
        {f.assignedName ? <span class="block muted">{f.assignedName}</span> : null}
        {f.note ? <span class="block">{f.note}</span> : null}
      </td>
      <td>{p.canManage && isOpenFollowup(f) ? <FollowupActions p={p} f={f} /> : null}</td>
    </tr>
  );
}

function Followups({ p }: { p: ConsoleProps }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <>
      <h2 id="followups">{t('followups')}</h2>
      <p class="muted">{t('followupsIntro', { pct: p.lowThresholdPct })}</p>
      {p.followups.length === 0 ? (
        <p>{t('noFollowups')}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="followups">
            <thead>
              <tr>
                <th scope="col">{t('colDay')}</th>
                <th scope="col">{t('colSubject')}</th>
                <th scope="col">{t('officer')}</th>
                <th scope="col">{t('colReason')}</th>
                <th scope="col">{t('colComment')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {p.followups.map((f) => (
                <FollowupRow p={p} f={f} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function KioskUnlock({ p }: { p: ConsoleProps }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <>
      {p.canUnlock ? (
        <section class="card">
          <h2>{t('kiosk')}</h2>
          <p>{t('kioskIntro', { hours: KIOSK_HOURS })}</p>
          <form method="post" action="/console/surveys/kiosk" class="inline" data-testid="kiosk-unlock">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label for="quay">{t('kioskCounter')}</label>
            <input type="text" id="quay" name="quay" list="counters" maxLength={60} required />
            <datalist id="counters">
              {p.counters.map((c) => (
                <option value={c} />
              ))}
            </datalist>
            <button type="submit">{t('unlock')}</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

function CriterionRow({ p, c, i }: { p: ConsoleProps; c: Criterion | null; i: number }) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <tr>
      <td>
        <input
          type="text"
          name={`code_${i}`}
          value={c?.code ?? ''}
          maxLength={40}
          size={10}
          aria-label={t('colCode')}
          disabled={!p.canManage}
        />
      </td>
      <td>
        <select name={`kind_${i}`} aria-label={t('colKind')} disabled={!p.canManage}>
          <option value="indicator" selected={c?.kind !== 'conduct'}>
            {t('kind_indicator')}
          </option>
          <option value="conduct" selected={c?.kind === 'conduct'}>
            {t('kind_conduct')}
          </option>
        </select>
      </td>
      <td>
        <input
          type="text"
          name={`vi_${i}`}
          value={c?.vi ?? ''}
          maxLength={300}
          aria-label={t('colVi')}
          disabled={!p.canManage}
        />
      </td>
      <td>
        <input
          type="text"
          name={`en_${i}`}
          value={c?.en ?? ''}
          maxLength={300}
          aria-label={t('colEn')}
          disabled={!p.canManage}
        />
      </td>
      <td>
        <input
          type="checkbox"
          name={`active_${i}`}
          value="1"
          checked={c ? c.active : true}
          aria-label={t('colActive')}
          disabled={!p.canManage}
        />
      </td>
    </tr>
  );
}

function CriteriaForm({ p }: { p: ConsoleProps }) {
  const t = translator(surveyConsoleMessages, p.lang);
  const rows = [...p.criteria, ...Array.from({ length: 3 }, () => null)];
  return (
    <>
      <h2>{t('criteria')}</h2>
      <p class="muted">{t('criteriaIntro')}</p>
      <form method="post" action="/console/surveys/criteria" data-testid="criteria-form">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colCode')}</th>
                <th scope="col">{t('colKind')}</th>
                <th scope="col">{t('colVi')}</th>
                <th scope="col">{t('colEn')}</th>
                <th scope="col">{t('colActive')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c, i) => (
                <CriterionRow p={p} c={c} i={i} />
              ))}
            </tbody>
          </table>
        </div>
        <label for="nguong">{t('threshold')}</label>
        <input
          type="number"
          id="nguong"
          name="nguong"
          min={0}
          max={100}
          value={String(p.lowThresholdPct)}
          disabled={!p.canManage}
        />
        {p.canManage ? (
          <p>
            <button type="submit">{t('save')}</button>
          </p>
        ) : null}
      </form>
    </>
  );
}

export function SurveysConsolePage(p: ConsoleProps) {
  const t = translator(surveyConsoleMessages, p.lang);
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('links')}</p>
      <ConsoleFlash p={p} />
      <form method="get" action="/console/surveys" class="filters">
        <div class="field">
          <label for="thang">{t('month')}</label>
          <input type="month" id="thang" name="thang" value={p.month} />
        </div>
        <button type="submit">{t('show')}</button>
      </form>
      <MonthResults p={p} />

      <Followups p={p} />

      <KioskUnlock p={p} />

      <CriteriaForm p={p} />
    </ConsoleLayout>
  );
}
