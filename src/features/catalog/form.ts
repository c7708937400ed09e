/** Converts a procedure to the console edit form's fields and back (pure). */
import type { ProcedureData } from './model.ts';

export type ProcedureForm = Record<string, string>;

const lines = (xs: string[]) => xs.join('\n');
const split = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export function procedureToForm(p: ProcedureData): ProcedureForm {
  return {
    code: p.code,
    localCode: p.localCode,
    name: p.name,
    field: p.field,
    level: p.level,
    implementingBody: p.implementingBody,
    coordinatingBodies: lines(p.coordinatingBodies),
    applicants: p.applicants,
    amount: p.timeLimit.amount === null ? '' : String(p.timeLimit.amount),
    unit: p.timeLimit.unit,
    cutoff: p.timeLimit.cutoff ? '1' : '',
    note: p.timeLimit.note,
    fees: lines(p.fees.map((f) => [f.name, String(f.amount), f.per, f.condition].join(' | '))),
    components: lines(p.components.map((c) => [c.name, String(c.originals), String(c.copies), c.note].join(' | '))),
    sets: String(p.sets),
    steps: lines(p.steps),
    channels: p.channels.join(','),
    resultType: p.resultType,
    onlineLevel: p.onlineLevel,
    legalBasis: lines(p.legalBasis),
    sameDayEligible: p.sameDayEligible ? '1' : '',
    status: p.status,
    announcementDecision: p.announcement?.decision ?? '',
    announcementDate: p.announcement?.date ?? '',
    effectiveFrom: p.effectiveFrom ?? '',
    portalUrl: p.portalUrl,
    unverified: p.unverified.join(', '),
  };
}

/**
 * The raw input for `parseProcedure` from submitted form fields. Fields the form does not show
 * (form references of components, fee legal bases) are kept from `previous`.
 */
export function formToInput(f: ProcedureForm, previous: ProcedureData | null): Record<string, unknown> {
  const fees = split(f.fees).map((line, i) => {
    const [name = '', amount = '0', per = '', condition = ''] = line.split('|').map((x) => x.trim());
    return {
      name,
      amount,
      per,
      condition,
      legalBasis: previous?.fees[i]?.name === name ? previous.fees[i].legalBasis : '',
    };
  });
  const components = split(f.components).map((line, i) => {
    const [name = '', originals = '0', copies = '0', note = ''] = line.split('|').map((x) => x.trim());
    const prev = previous?.components[i];
    return { name, originals, copies, note, form: prev && prev.name === name ? prev.form : null };
  });
  return {
    code: f.code,
    localCode: f.localCode,
    name: f.name,
    field: f.field,
    level: f.level,
    implementingBody: f.implementingBody,
    coordinatingBodies: split(f.coordinatingBodies),
    applicants: f.applicants,
    timeLimit: { amount: f.amount, unit: f.unit, cutoff: f.cutoff === '1', note: f.note ?? '' },
    fees,
    components,
    sets: f.sets,
    steps: split(f.steps),
    channels: (f.channels ?? '').split(/[,\s]+/).filter(Boolean),
    resultType: f.resultType,
    onlineLevel: f.onlineLevel,
    legalBasis: split(f.legalBasis),
    sameDayEligible: f.sameDayEligible === '1',
    status: f.status,
    announcement:
      f.announcementDecision || f.announcementDate
        ? { decision: f.announcementDecision ?? '', date: f.announcementDate ?? '' }
        : null,
    effectiveFrom: f.effectiveFrom,
    portalUrl: f.portalUrl,
    unverified: (f.unverified ?? '').split(/[,\s]+/).filter(Boolean),
  };
}
