/**
 * Guidance at the counter (issue 11): the citizen's dossier was incomplete and the officer gave
 * form 02. Not a dossier: no status, no appointment, no receipt (form 01) — form 02 only.
 */
import { ConsoleLayout } from '../../../core/http/layout.tsx';
import { translator } from '../../../core/http/i18n.ts';
import { deskMessages } from '../messages.ts';
import type { GuidanceView } from '../service.ts';
import { dateTime, type Shell } from './common.tsx';

export function GuidancePage(p: Shell & { guidance: GuidanceView }) {
  const t = translator(deskMessages, p.lang);
  const g = p.guidance;
  const en = p.lang === 'en' ? '?lang=en' : '';
  return (
    <ConsoleLayout {...p} title={t('guidanceTitle')}>
      <h1>{t('guidanceTitle')}</h1>
      <p class="flash" role="status" data-testid="guidance-intro">
        {t('guidanceIntro')}
      </p>
      <dl class="facts">
        <dt>{t('fullName')}</dt>
        <dd>
          {g.applicant.kind === 'organization'
            ? `${g.applicant.orgName} — ${g.applicant.fullName}`
            : g.applicant.fullName}
        </dd>
        <dt>{t('subject')}</dt>
        <dd>
          {g.procedureName} ({g.procedureCode})
        </dd>
        <dt>{t('reason')}</dt>
        <dd data-testid="guidance-reason">{g.reason}</dd>
        <dt>{t('guidanceMissing')}</dt>
        <dd>
          <ul data-testid="guidance-missing">
            {g.missing.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('holder')}</dt>
        <dd>
          {g.actor} · {dateTime(g.at)}
        </dd>
      </dl>
      <p data-testid="guidance-code">{g.code ? t('guidanceCode', { code: g.code }) : t('guidanceNoCode')}</p>
      <p>
        <a class="button" href={`/console/guidance/${g.id}/02.pdf`} data-form="02">
          {t('guidancePrint')}
        </a>{' '}
        <a href={`/console/dossiers/new${en}`}>{t('guidanceAgain')}</a>
      </p>
    </ConsoleLayout>
  );
}
