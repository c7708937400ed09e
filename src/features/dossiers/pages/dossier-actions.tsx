/**
 * The dossier page's side column of workflow actions: one folded form per action the actor may
 * take now (the likely next step open), each re-rendered with what was typed and its errors.
 */
import type { ComponentChildren } from 'preact';
import { translator, type Lang } from '../../../core/http/i18n.ts';
import { PAYMENT_METHODS, RETURN_METHODS, type DossierAction } from '../model.ts';
import type { DossierView } from '../service.ts';
import { deskMessages } from '../messages.ts';
import { dayMessages } from '../workflow/day-messages.ts';
import { atTime, described, FieldMessage, type FieldError } from './common.tsx';

/** What the action forms need of the page. */
export interface ActionFormsProps {
  lang: Lang;
  csrf: string;
  dossier: DossierView;
  actions: DossierAction[];
  openAction: DossierAction | null;
  submitted: { action: DossierAction; values: Record<string, string | string[]> } | null;
  errors: FieldError[];
  handoffSuggestions: string[];
  handoffUsers?: { id: number; name: string }[];
  extendDefault: { date: string; time: string; days: number };
}

/** The forms' shared reading of the page: what was typed in the submitted form, the first field in error. */
class Typed {
  readonly p: ActionFormsProps;
  readonly firstError: string | undefined;
  constructor(p: ActionFormsProps) {
    this.p = p;
    this.firstError = p.errors.find((x) => x.field)?.field;
  }
  /** The value typed in field `k` of action `a`'s form (when that form was the one submitted), else `dflt`. */
  val(a: DossierAction, k: string, dflt = ''): string {
    if (this.p.submitted?.action !== a) return dflt;
    const v = this.p.submitted.values[k];
    return typeof v === 'string' ? v : dflt;
  }
  vals(a: DossierAction, k: string): string[] {
    if (this.p.submitted?.action !== a) return [];
    const v = this.p.submitted.values[k];
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }
}

interface InputOptions {
  type?: 'text' | 'date' | 'time';
  required?: boolean;
  area?: boolean;
  hint?: string;
  list?: string;
  value?: string;
  inputmode?: 'numeric';
}

/** One labelled input (or textarea) of an action form. */
function Input({ f, a, k, label, o = {} }: { f: Typed; a: DossierAction; k: string; label: string; o?: InputOptions }) {
  const id = `${a}-${k}`;
  const e = f.p.errors;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {o.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {o.hint}
        </p>
      ) : null}
      <FieldMessage id={id} errors={e} />
      {o.area ? (
        <textarea
          id={id}
          name={k}
          rows={3}
          required={o.required}
          autofocus={f.firstError === id}
          {...described(id, e, !!o.hint)}
        >
          {f.val(a, k, o.value ?? '')}
        </textarea>
      ) : (
        <input
          id={id}
          name={k}
          type={o.type ?? 'text'}
          value={f.val(a, k, o.value ?? '')}
          required={o.required}
          list={o.list}
          inputMode={o.inputmode}
          autocomplete="off"
          autofocus={f.firstError === id}
          {...described(id, e, !!o.hint)}
        />
      )}
    </div>
  );
}

function HandoffFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  const dt = translator(dayMessages, f.p.lang);
  return (
    <>
      <div class="field">
        <label for="handoff-toUserId">{dt('handoffUser')}</label>
        <FieldMessage id="handoff-toUserId" errors={f.p.errors} />
        <select id="handoff-toUserId" name="toUserId" autofocus={f.firstError === 'handoff-toUserId'}>
          <option value="">{dt('handoffUserNone')}</option>
          {(f.p.handoffUsers ?? []).map((u) => (
            <option value={String(u.id)} selected={f.val('handoff', 'toUserId', '') === String(u.id)}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <Input
        f={f}
        a="handoff"
        k="to"
        label={dt('handoffUnit')}
        o={{ list: 'handoff-people', hint: dt('handoffUnitHint') }}
      />
      <datalist id="handoff-people">
        {f.p.handoffSuggestions.map((s) => (
          <option value={s} />
        ))}
      </datalist>
      <Input f={f} a="handoff" k="note" label={t('note')} />
    </>
  );
}

function SupplementFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  const d = f.p.dossier;
  return (
    <>
      {d.supplementCount >= 1 ? <p class="notice">{t('supplementWarn')}</p> : null}
      <Input f={f} a="request_supplement" k="reason" label={t('reason')} o={{ area: true, required: true }} />
      {d.components.length ? (
        <fieldset>
          <legend>{t('supplementWhat')}</legend>
          {d.components.map((c) => (
            <label class="choice">
              <input
                type="checkbox"
                name="what"
                value={c.name}
                checked={f.vals('request_supplement', 'what').includes(c.name)}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Input f={f} a="request_supplement" k="other" label={t('supplementOther')} o={{ area: true }} />
    </>
  );
}

function ConfirmPaymentFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  const online = f.p.dossier.channel === 'online';
  return (
    <>
      <div class="field">
        <label for="confirm_payment-method">{t('payMethod')}</label>
        <FieldMessage id="confirm_payment-method" errors={f.p.errors} />
        <select id="confirm_payment-method" name="method">
          {PAYMENT_METHODS.map((m) => (
            <option value={m} selected={f.val('confirm_payment', 'method', online ? 'online' : 'cash') === m}>
              {t(`pay_${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="confirm_payment-gateway">{t('payGateway')}</label>
        <select id="confirm_payment-gateway" name="gateway">
          {(['dvcqg', 'local'] as const).map((g) => (
            <option value={g} selected={f.val('confirm_payment', 'gateway', 'dvcqg') === g}>
              {t(`gateway_${g}`)}
            </option>
          ))}
        </select>
      </div>
      <Input f={f} a="confirm_payment" k="reference" label={t('payReference')} />
      <Input f={f} a="confirm_payment" k="note" label={t('note')} />
    </>
  );
}

function MarkProcessedFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  return (
    <>
      <Input f={f} a="mark_processed" k="result" label={t('result')} o={{ area: true }} />
      <label class="choice">
        <input
          type="checkbox"
          id="mark_processed-electronic"
          name="electronic"
          value="1"
          checked={f.val('mark_processed', 'electronic') === '1'}
          aria-describedby="mark_processed-electronic-hint"
        />{' '}
        {t('electronic')}
      </label>
      <p class="hint" id="mark_processed-electronic-hint">
        {t('electronicHint')}
      </p>
      <FieldMessage id="mark_processed-electronic" errors={f.p.errors} />
    </>
  );
}

function ReturnResultFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  const online = f.p.dossier.channel === 'online';
  return (
    <div class="field">
      <label for="return_result-method">{t('method')}</label>
      <FieldMessage id="return_result-method" errors={f.p.errors} />
      <select id="return_result-method" name="method">
        {RETURN_METHODS.map((m) => (
          <option value={m} selected={f.val('return_result', 'method', online ? 'online' : 'desk') === m}>
            {t(`method_${m}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ExtendFields({ f }: { f: Typed }) {
  const t = translator(deskMessages, f.p.lang);
  const d = f.p.dossier;
  const x = f.p.extendDefault;
  return (
    <>
      <p class="hint">{t('extendHint', { n: x.days, current: atTime(d.extendedDueAt ?? d.dueAt, f.p.lang) })}</p>
      <Input f={f} a="extend" k="reason" label={t('reason')} o={{ area: true, required: true }} />
      <div class="row2">
        <Input f={f} a="extend" k="date" label={t('newDate')} o={{ type: 'date', required: true, value: x.date }} />
        <Input f={f} a="extend" k="time" label={t('newTime')} o={{ type: 'time', required: true, value: x.time }} />
      </div>
    </>
  );
}

/** The fields of one action's form. */
function ActionFields({ f, a }: { f: Typed; a: DossierAction }): ComponentChildren {
  const t = translator(deskMessages, f.p.lang);
  const reason = (label = t('reason')) => (
    <Input f={f} a={a} k="reason" label={label} o={{ area: true, required: true }} />
  );
  switch (a) {
    case 'accept':
      return null;
    case 'refuse':
    case 'stop':
      return reason();
    case 'guide':
      return (
        <>
          {reason()}
          <Input f={f} a="guide" k="missing" label={t('missingList')} o={{ area: true }} />
        </>
      );
    case 'handoff':
      return <HandoffFields f={f} />;
    case 'request_supplement':
      return <SupplementFields f={f} />;
    case 'complete_supplement':
      return <Input f={f} a="complete_supplement" k="note" label={t('note')} />;
    case 'request_payment':
      return (
        <>
          <Input
            f={f}
            a="request_payment"
            k="amount"
            label={t('amount')}
            o={{ required: true, inputmode: 'numeric' }}
          />
          <Input f={f} a="request_payment" k="note" label={t('note')} />
        </>
      );
    case 'confirm_payment':
      return <ConfirmPaymentFields f={f} />;
    case 'mark_processed':
      return <MarkProcessedFields f={f} />;
    case 'return_result':
      return <ReturnResultFields f={f} />;
    case 'withdraw':
      return (
        <>
          <p class="hint">{t('withdrawConfirm')}</p>
          <Input f={f} a="withdraw" k="reason" label={t('reasonOptional')} o={{ area: true }} />
        </>
      );
    case 'extend':
      return <ExtendFields f={f} />;
  }
}

function ActionForm(p: {
  code: string;
  action: DossierAction;
  csrf: string;
  version: number;
  lang: Lang;
  open: boolean;
  children?: ComponentChildren;
  danger?: boolean;
}) {
  const t = translator(deskMessages, p.lang);
  return (
    <details class="action" id={`act-${p.action}`} open={p.open} data-action={p.action}>
      <summary>{t(`act_${p.action}`)}</summary>
      <form
        method="post"
        action={`/console/dossiers/${encodeURIComponent(p.code)}/actions/${p.action}${p.lang === 'en' ? '?lang=en' : ''}`}
        class="stack"
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        {p.children}
        <button type="submit" class={p.danger ? 'danger' : undefined}>
          {t(`btn_${p.action}`)}
        </button>
      </form>
    </details>
  );
}

const DANGER = new Set<DossierAction>(['refuse', 'withdraw', 'stop']);

/** The actions section: a form per action offered, or "nothing to do now". */
export function ActionsSection(p: ActionFormsProps) {
  const t = translator(deskMessages, p.lang);
  const f = new Typed(p);
  const d = p.dossier;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actionsTitle')}</h2>
      {p.actions.length === 0 ? (
        <p class="muted" data-testid="no-actions">
          {t('noActions')}
        </p>
      ) : null}
      <div data-testid="actions">
        {p.actions.map((a) => (
          <ActionForm
            code={d.code}
            action={a}
            csrf={p.csrf}
            version={d.version}
            lang={p.lang}
            open={p.openAction === a}
            danger={DANGER.has(a)}
          >
            <ActionFields f={f} a={a} />
          </ActionForm>
        ))}
      </div>
    </section>
  );
}
