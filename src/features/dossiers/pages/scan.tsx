/** The intake form's CCCD scan box: where to put the card's details, the camera button, the status line. */
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { CCCD_PROBLEMS, type CccdProblem } from '../intake/cccd.ts';
import { dayMessages } from '../workflow/day-messages.ts';

/** Where the script of the scan is served (the CSP allows scripts from this origin only, none inline). */
export const CCCD_SCRIPT_PATH = '/console/assets/cccd-scan.js';

/**
 * A scanner types the whole QR string into one input: the inputs of the intake form accept this
 * much so that the string is not cut at the field's own length (the server checks the lengths).
 */
export const SCAN_MAX_LENGTH = 600;

/** The data attributes of the intake form the script reads: today (no future dates) and the messages. */
export function scanFormAttrs(lang: Lang, today: string): Record<string, string> {
  const t = translator(dayMessages, lang);
  const attrs: Record<string, string> = {
    'data-cccd-scan': '1',
    'data-today': today,
    'data-msg-filled': t('scanFilled'),
    'data-msg-filled-owner': t('scanFilledOwner'),
    'data-msg-camera': t('scanCameraError'),
  };
  for (const k of Object.keys(CCCD_PROBLEMS) as CccdProblem[]) attrs[`data-msg-${k}`] = CCCD_PROBLEMS[k][lang];
  return attrs;
}

export function ScanBox(p: {
  lang: Lang;
  target: 'applicant' | 'owner';
  notice: { ok: boolean; text: string } | null;
}) {
  const t = translator(dayMessages, p.lang);
  return (
    <fieldset class="cccd-scan" data-testid="cccd-scan">
      <legend>{t('scanTitle')}</legend>
      <p class="hint">{t('scanHint')}</p>
      <div class="choices" role="radiogroup" aria-label={t('scanTarget')}>
        <span>{t('scanTarget')}:</span>{' '}
        <label class="choice">
          <input type="radio" name="scanTarget" value="applicant" checked={p.target !== 'owner'} /> {t('scanApplicant')}
        </label>
        <label class="choice">
          <input type="radio" name="scanTarget" value="owner" checked={p.target === 'owner'} /> {t('scanOwner')}
        </label>
      </div>
      <p
        id="cccd-status"
        class={p.notice ? (p.notice.ok ? 'notice ok cccd-status' : 'error-summary cccd-status') : 'cccd-status'}
        role="status"
        aria-live="polite"
        data-testid="cccd-status"
        hidden={!p.notice}
      >
        {p.notice?.text ?? ''}
      </p>
      <button type="button" id="cccd-camera" class="secondary" hidden>
        {t('scanCamera')}
      </button>
      <video id="cccd-video" hidden muted playsInline width={320} height={240}></video>
    </fieldset>
  );
}
