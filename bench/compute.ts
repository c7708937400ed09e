/**
 * Deadline computation throughput on the pure calendar engine, next to a trivial baseline of the
 * same shape (Date + amount in, a Date and a string out) measured in the same rounds.
 */
import { performance } from 'node:perf_hooks';
import {
  DAY_MS,
  DEFAULT_CULTURE_DAY,
  DEFAULT_CUTOFF,
  DEFAULT_SESSIONS,
  SHIPPED_NOTICES,
  computeDeadline,
  createWorkCalendar,
  type CalendarConfig,
  type DeadlineInput,
  type WorkCalendar,
} from '../src/core/calendar/index.ts';
import { UNIT_CASES } from './lib/instants.ts';
import { median } from './lib/stats.ts';

/** The configuration the product builds for a centre with default settings (see features/calendar/service.ts). */
export function benchCalendarConfig(): CalendarConfig {
  return {
    sessions: DEFAULT_SESSIONS,
    cutoff: DEFAULT_CUTOFF,
    notices: SHIPPED_NOTICES,
    cultureDay: { ...DEFAULT_CULTURE_DAY },
    confirmedYears: [],
  };
}

/** Baseline: the cheapest function of comparable shape — add N days to a Date, format it as ISO. */
export function baselineDeadline(receivedAt: Date, amount: number): { dueAt: Date; rule: string } {
  const dueAt = new Date(receivedAt.getTime() + amount * DAY_MS);
  return { dueAt, rule: dueAt.toISOString() };
}

export interface RateResult {
  label: string;
  /** Median over rounds. */
  callsPerSecond: number;
  nsPerCall: number;
  /** Calls per second of every round, in order. */
  roundsCallsPerSecond: number[];
  calls: number;
}

export type UnitResult = RateResult & {
  unit: string;
  amount: number | null;
  /** Median over rounds of (cost per call ÷ baseline cost per call in the same round). */
  ratioToBaseline: number;
};

export interface ComputeResult {
  instants: number;
  rounds: number;
  roundMs: number;
  warmupMs: number;
  baseline: RateResult & { description: string };
  units: UnitResult[];
  calendarBuild: { label: string; medianMs: number; p90Ms: number; samples: number; description: string };
  /** Sum folded from every result so the work cannot be optimised away. */
  checksum: number;
}

interface Subject {
  label: string;
  run: (n: number) => number;
  cursor: number;
}

function makeSubject(label: string, size: number, one: (i: number) => number): Subject {
  const s: Subject = {
    label,
    cursor: 0,
    run(n: number): number {
      let acc = 0;
      let i = s.cursor;
      for (let k = 0; k < n; k++) {
        acc += one(i);
        i = i + 1 === size ? 0 : i + 1;
      }
      s.cursor = i;
      return acc;
    },
  };
  return s;
}

const BATCH = 256;

/** Runs `subject` in batches for at least `ms` milliseconds; returns calls and elapsed ms. */
function timed(subject: Subject, ms: number, sink: { value: number }): { calls: number; elapsedMs: number } {
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    sink.value += subject.run(BATCH);
    calls += BATCH;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return { calls, elapsedMs: elapsed };
}

export function runComputeBench(opts: {
  instants: readonly Date[];
  rounds: number;
  roundMs: number;
  warmupMs: number;
  buildSamples: number;
}): ComputeResult {
  const { instants, rounds, roundMs, warmupMs } = opts;
  if (instants.length === 0) throw new Error('compute bench: no receipt instants');
  const cal: WorkCalendar = createWorkCalendar(benchCalendarConfig());
  const sink = { value: 0 };

  const baselineAmount = 5;
  const baseline = makeSubject('baseline', instants.length, (i) => {
    const r = baselineDeadline(instants[i]!, baselineAmount);
    return (r.dueAt.getTime() % 1000) + r.rule.length;
  });
  const unitSubjects = UNIT_CASES.map((c) => {
    const inputs: DeadlineInput[] = instants.map((receivedAt) => ({ receivedAt, amount: c.amount, unit: c.unit }));
    return {
      c,
      subject: makeSubject(c.label, inputs.length, (i) => {
        const r = computeDeadline(cal, inputs[i]!);
        return (r.dueAt.getTime() % 1000) + r.rule.length;
      }),
    };
  });
  const subjects: Subject[] = [baseline, ...unitSubjects.map((u) => u.subject)];

  // Warm-up: every subject over the whole instant list at least once (fills the calendar's
  // per-year memo, lets the JIT settle), then for its share of the warm-up time.
  for (const s of subjects) {
    sink.value += s.run(instants.length);
    timed(s, warmupMs / subjects.length, sink);
  }

  const perRound = new Map<Subject, number[]>(subjects.map((s) => [s, []]));
  const callsTotal = new Map<Subject, number>(subjects.map((s) => [s, 0]));
  const ratios = new Map<Subject, number[]>(subjects.map((s) => [s, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no subject always runs first or last.
    const order = subjects.map((_, k) => subjects[(k + r) % subjects.length]!);
    const rate = new Map<Subject, number>();
    for (const s of order) {
      const { calls, elapsedMs } = timed(s, roundMs, sink);
      const cps = calls / (elapsedMs / 1000);
      rate.set(s, cps);
      perRound.get(s)!.push(cps);
      callsTotal.set(s, callsTotal.get(s)! + calls);
    }
    const base = rate.get(baseline)!;
    for (const s of subjects) ratios.get(s)!.push(base / rate.get(s)!);
  }

  const result = (s: Subject): RateResult => {
    const cps = median(perRound.get(s)!);
    return {
      label: s.label,
      callsPerSecond: cps,
      nsPerCall: 1e9 / cps,
      roundsCallsPerSecond: perRound.get(s)!,
      calls: callsTotal.get(s)!,
    };
  };

  // Cold calendar: what the server pays when its per-centre cache expires (every 10 s) —
  // building the calendar and the first deadline in 2026 and in 2027 (fills both years' memo).
  const config = benchCalendarConfig();
  const first = instants[0]!;
  const later = new Date(first.getTime() + 400 * DAY_MS);
  const buildTimes: number[] = [];
  for (let k = 0; k < opts.buildSamples + 3; k++) {
    const t0 = performance.now();
    const c = createWorkCalendar(config);
    const a = computeDeadline(c, { receivedAt: first, amount: 5, unit: 'working_days' });
    const b = computeDeadline(c, { receivedAt: later, amount: 5, unit: 'working_days' });
    const dt = performance.now() - t0;
    sink.value += (a.dueAt.getTime() % 1000) + (b.dueAt.getTime() % 1000);
    if (k >= 3) buildTimes.push(dt); // the first three are warm-up
  }
  buildTimes.sort((x, y) => x - y);

  return {
    instants: instants.length,
    rounds,
    roundMs,
    warmupMs,
    baseline: { ...result(baseline), description: 'new Date(receivedAt + 5 × 86 400 000 ms) and toISOString()' },
    units: unitSubjects.map(({ c, subject }) => ({
      ...result(subject),
      unit: c.unit,
      amount: c.amount ?? null,
      ratioToBaseline: median(ratios.get(subject)!),
    })),
    calendarBuild: {
      label: 'calendar build + first deadlines (cold)',
      medianMs: median(buildTimes),
      p90Ms: buildTimes[Math.min(buildTimes.length - 1, Math.ceil(buildTimes.length * 0.9) - 1)] ?? Number.NaN,
      samples: buildTimes.length,
      description: 'createWorkCalendar(shipped notices) + computeDeadline in 2026 and in 2027 (fills both years)',
    },
    checksum: sink.value,
  };
}
