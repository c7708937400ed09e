/**
 * The procedure search, pure engine: building the index of a 300-procedure catalogue and answering
 * the citizens' query set (src/features/catalog/search.test.ts). Moved here from the unit test,
 * which asserted "build < 500 ms, query < 1 ms" and failed under load (issue 12): a budget is a
 * bench figure beside a same-run baseline, never a test assertion.
 *
 * Baseline: the plainest search that could answer — every procedure's folded name scanned for
 * every folded query word (substring), over the same catalogue and queries.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fold } from '../../src/core/text/index.ts';
import { parseProcedure, type ProcedureData } from '../../src/features/catalog/model.ts';
import { createSearchIndex } from '../../src/features/catalog/search.ts';

export interface SearchBenchResult {
  procedures: number;
  queries: number;
  /** Median of the index builds, ms. */
  buildMs: number;
  /** Median over rounds of the mean time of one query (limit 10), µs. */
  queryUs: number;
  /** The baseline's mean time per query, µs. */
  baselineQueryUs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function catalogue300(root: string): ProcedureData[] {
  const raw = JSON.parse(readFileSync(`${root}/data/catalog/cam-giang.json`, 'utf8')) as { procedures: unknown[] };
  const procs = raw.procedures.map((p, i) => parseProcedure(p, `procedures[${i}]`));
  const big: ProcedureData[] = [];
  for (let r = 0; big.length < 300; r++) for (const p of procs) big.push({ ...p, code: `${r + 1}.${p.code.slice(2)}` });
  return big.slice(0, 300);
}

/** The query set of the unit test (its CASES table), read from the test's source. */
function queriesOf(root: string): string[] {
  const src = readFileSync(`${root}/src/features/catalog/search.test.ts`, 'utf8');
  const from = src.indexOf('CASES');
  return [...src.slice(from).matchAll(/^\s*\['([^']+)', '[\d.]+'\],/gm)].map((m) => m[1] ?? '');
}

export function runSearchBench(root: string, opts: { rounds: number; buildSamples: number }): SearchBenchResult {
  const procs = catalogue300(root);
  const queries = queriesOf(root);
  const builds: number[] = [];
  let index = createSearchIndex(procs);
  for (let i = 0; i < opts.buildSamples; i++) {
    const t0 = performance.now();
    index = createSearchIndex(procs);
    builds.push(performance.now() - t0);
  }
  const names = procs.map((p) => fold(p.name));
  const baseline = (q: string) => {
    const ws = fold(q).split(/\s+/).filter(Boolean);
    const out: string[] = [];
    procs.forEach((p, i) => {
      if (ws.every((w) => names[i]?.includes(w))) out.push(p.code);
    });
    return out.slice(0, 10);
  };
  for (const q of queries) index.search(q, { limit: 10 }); // warm up (and fill the typo cache)
  const perRound = (fn: (q: string) => unknown) => {
    const n = Math.max(2000, queries.length * 10);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(queries[i % queries.length] ?? '');
    return ((performance.now() - t0) / n) * 1000;
  };
  const ours: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    ours.push(perRound((q) => index.search(q, { limit: 10 })));
    base.push(perRound(baseline));
  }
  return {
    procedures: procs.length,
    queries: queries.length,
    buildMs: median(builds),
    queryUs: median(ours),
    baselineQueryUs: median(base),
  };
}
