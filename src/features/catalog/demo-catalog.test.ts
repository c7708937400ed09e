/**
 * The demo catalogue in data/catalog/: cam-giang.json (the catalogue), cam-giang-modified.json
 * (the import-diff demo) and cam-giang-sample.csv (the CSV import format of data/catalog/README.md).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  FIELDS_ORDER,
  changedFields,
  parseProcedure,
  portalUrlFor,
  procedureJson,
  type ProcedureData,
} from './model.ts';

const dir = new URL('../../../data/catalog/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
interface Envelope {
  _note?: unknown;
  source?: unknown;
  procedures: unknown[];
}
const rawText = read('cam-giang.json');
const raw = JSON.parse(rawText) as Envelope;
const procs: ProcedureData[] = raw.procedures.map((p, i) => parseProcedure(p, `procedures[${i}]`));
const byCode = new Map(procs.map((p) => [p.code, p]));
const get = (code: string): ProcedureData => {
  const p = byCode.get(code);
  assert.ok(p, `${code} is in the catalogue`);
  return p;
};

/** The plan's four fields (Kế hoạch "Chính quyền thân thiện", III.3.1: 12 TTHC thuộc 04 lĩnh vực). */
const PLAN_FIELDS = ['Chứng thực', 'Hộ tịch', 'Thành lập và hoạt động của hộ kinh doanh', 'Người có công'];
const HKD = 'Thành lập và hoạt động của hộ kinh doanh';

function* strings(v: unknown, path = '$'): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, `${path}[${i}]`);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      yield [`${path}.${k} (key)`, k];
      yield* strings(x, `${path}.${k}`);
    }
}

describe('data/catalog/cam-giang.json', () => {
  test('every procedure survives the stored form: decode(encode(p)) equals p (the codec re-checks it)', () => {
    for (const p of procs) assert.deepEqual(procedureJson.decode(procedureJson.encode(p)), p, p.code);
  });

  test('envelope: _note (demo assumptions stated), source, procedures', () => {
    assert.equal(typeof raw._note, 'string');
    assert.match(raw._note as string, /DEMO/);
    assert.match(raw._note as string, /H26/);
    assert.equal(typeof raw.source, 'string');
    assert.ok(Array.isArray(raw.procedures));
  });

  test('every entry parses and is already in normalised form (parse changes nothing but the derived portal URL)', () => {
    raw.procedures.forEach((p, i) => {
      const parsed = procs[i]!;
      assert.deepEqual({ ...parsed, portalUrl: '' }, { ...(p as object), portalUrl: '' }, `procedures[${i}]`);
      assert.equal(parsed.portalUrl, portalUrlFor(parsed.code));
    });
  });

  test('at least 45 procedures; codes and local codes unique; local codes follow {code}.000.00.00.H26', () => {
    assert.ok(procs.length >= 45, `${procs.length}`);
    assert.equal(new Set(procs.map((p) => p.code)).size, procs.length);
    assert.equal(new Set(procs.map((p) => p.localCode)).size, procs.length);
    for (const p of procs) assert.equal(p.localCode, `${p.code}.000.00.00.H26`);
  });

  test('all text is NFC and trimmed, with no empty strings in lists', () => {
    assert.equal(rawText, rawText.normalize('NFC'));
    for (const [path, s] of strings(raw)) {
      assert.equal(s, s.normalize('NFC'), path);
      assert.equal(s, s.trim(), path);
    }
    for (const p of procs)
      for (const k of ['coordinatingBodies', 'steps', 'legalBasis', 'unverified'] as const)
        assert.ok(
          p[k].every((x) => x.length > 0),
          `${p.code}.${k}`,
        );
  });

  test("same-day scheme: at least 12 procedures, in exactly the plan's 4 fields", () => {
    const same = procs.filter((p) => p.sameDayEligible);
    assert.ok(same.length >= 12, `${same.length}`);
    assert.deepEqual([...new Set(same.map((p) => p.field))].sort(), [...PLAN_FIELDS].sort());
    // The procedures the plan names.
    for (const code of ['2.000815', '1.000656', '2.000635', '2.000908', '2.000884', '1.001612', '1.010833'])
      assert.ok(get(code).sameDayEligible, code);
    // Household business: registration, change, suspension, termination, reissue — all same-day.
    const hkd = procs.filter((p) => p.field === HKD);
    assert.equal(hkd.length, 5);
    assert.ok(hkd.every((p) => p.sameDayEligible));
    // Codes the brief does not give are marked.
    for (const code of ['2.000720', '1.001570', '1.001266', '2.000575', '1.010833'])
      assert.ok(get(code).unverified.includes('code'), code);
  });

  test('certified copy fee table as in the brief: 2.000 đ/page (pages 1–2), 1.000 đ/page from page 3, at most 200.000 đ/copy', () => {
    const p = get('2.000815');
    assert.equal(p.name.startsWith('Chứng thực bản sao từ bản chính'), true);
    assert.deepEqual(
      p.fees.map((f) => [f.amount, f.per]),
      [
        [2000, 'đồng/trang'],
        [1000, 'đồng/trang'],
      ],
    );
    assert.match(p.fees[0]!.name, /trang thứ nhất và trang thứ hai/);
    assert.match(p.fees[1]!.name, /từ trang thứ ba/);
    for (const f of p.fees) assert.match(f.condition, /200\.000 đồng\/bản/);
    assert.deepEqual(p.timeLimit, { ...p.timeLimit, amount: 1, unit: 'same_day', cutoff: true });
    assert.match(p.timeLimit.note, /15 giờ/);
    assert.match(p.timeLimit.note, /02 ngày làm việc/);
    assert.ok(p.legalBasis.some((l) => l.includes('23/2015/NĐ-CP')));
  });

  test('other values from the brief', () => {
    assert.deepEqual(
      get('2.000908').fees.map((f) => f.amount),
      [0],
    ); // copy from the original register: free
    const sig = get('2.000884');
    assert.deepEqual(
      sig.fees.map((f) => [f.amount, f.per]),
      [[10000, 'đồng/trường hợp']],
    );
    assert.ok(sig.unverified.includes('fees')); // the brief marks the 10.000 đ as unverified
    for (const code of ['1.001193', '1.000656', '1.000894']) {
      const free = get(code).fees[0]!;
      assert.equal(free.amount, 0, `${code} exempt when on time / domestic`);
    }
    for (const code of ['2.000815', '2.000884', '2.000908', '2.000635', '1.000656']) {
      const t = get(code).timeLimit;
      assert.equal(t.unit, 'same_day', code);
      assert.equal(t.cutoff, true, code);
    }
    assert.deepEqual([get('1.001612').timeLimit.amount, get('1.001612').timeLimit.unit], [3, 'working_days']);
    assert.ok(get('1.001612').legalBasis.some((l) => l.includes('168/2025/NĐ-CP')));
    assert.ok(get('1.000419').code && get('2.002913').code && get('2.000806').code && get('2.001019').code);
    for (const p of procs.filter((x) => x.field === 'Bảo hiểm y tế')) {
      assert.equal(p.level, 'vertical');
      assert.match(p.implementingBody, /Bảo hiểm xã hội/);
    }
  });

  test('every procedure is complete enough to publish', () => {
    const keys = new Set<string>(FIELDS_ORDER);
    for (const p of procs) {
      const at = p.code;
      assert.ok(p.implementingBody && p.applicants && p.resultType, at);
      assert.ok(p.steps.length >= 3 && p.steps.length <= 5, `${at}: ${p.steps.length} steps`);
      assert.ok(p.components.length >= 1, at);
      assert.ok(p.legalBasis.length >= 1, at);
      assert.ok(p.channels.length >= 1, at);
      assert.equal(p.status, 'in_force', at);
      assert.ok(p.announcement && p.effectiveFrom, at);
      assert.ok(p.timeLimit.note, `${at}: time limit in words`);
      for (const u of p.unverified) assert.ok(keys.has(u), `${at}: unverified "${u}" is a field name`);
      assert.ok(p.unverified.includes('announcement') && p.unverified.includes('localCode'), at);
      if (p.code.startsWith('9.')) assert.ok(p.unverified.includes('code'), `${at}: placeholder code`);
      for (const c of p.components) if (c.form?.url) assert.match(c.form.url, /^https:\/\//);
    }
  });
});

describe('data/catalog/cam-giang-modified.json (import-diff demo)', () => {
  const mod = (JSON.parse(read('cam-giang-modified.json')) as Envelope).procedures.map((p, i) =>
    parseProcedure(p, `procedures[${i}]`),
  );
  const modBy = new Map(mod.map((p) => [p.code, p]));

  test('every entry parses; codes unique', () => {
    assert.equal(new Set(mod.map((p) => p.code)).size, mod.length);
  });
  test('2 new, 1 removed, 3 changed (fee, time limit, components), 1 abolished', () => {
    const added = mod.filter((p) => !byCode.has(p.code)).map((p) => p.code);
    const removed = procs.filter((p) => !modBy.has(p.code)).map((p) => p.code);
    assert.deepEqual(added.sort(), ['1.000593', '1.003197']);
    assert.deepEqual(removed, ['1.013992']);
    const changed = new Map<string, string[]>();
    for (const p of mod) {
      const before = byCode.get(p.code);
      if (before) {
        const diff = changedFields(before, p);
        if (diff.length) changed.set(p.code, diff);
      }
    }
    assert.deepEqual([...changed.keys()].sort(), ['1.001612', '1.004873', '2.000942', '2.002913']);
    assert.ok(changed.get('1.001612')!.includes('fees'));
    assert.ok(changed.get('1.004873')!.includes('timeLimit'));
    assert.ok(changed.get('2.002913')!.includes('components'));
    assert.ok(changed.get('2.000942')!.includes('status'));
    assert.equal(modBy.get('2.000942')!.status, 'abolished');
    assert.equal(modBy.get('1.001612')!.fees[0]!.amount, 50000);
    assert.equal(modBy.get('1.004873')!.timeLimit.amount, 2);
    for (const code of ['1.001612', '1.004873', '2.002913', '2.000942', '1.000593', '1.003197'])
      assert.equal(modBy.get(code)!.effectiveFrom, '2026-09-01');
  });
});

// ─── CSV: a reference reading of the format in data/catalog/README.md ───

/** RFC 4180 cells; blank lines skipped; BOM ignored. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

const COLUMNS = [
  'code',
  'localCode',
  'name',
  'field',
  'level',
  'implementingBody',
  'coordinatingBodies',
  'applicants',
  'timeLimitAmount',
  'timeLimitUnit',
  'timeLimitCutoff',
  'timeLimitNote',
  'fees',
  'components',
  'sets',
  'steps',
  'channels',
  'resultType',
  'onlineLevel',
  'legalBasis',
  'sameDayEligible',
  'status',
  'announcementDecision',
  'announcementDate',
  'effectiveFrom',
  'portalUrl',
  'unverified',
];
const list = (s: string) =>
  s
    .split(/\s+\|\s+|\n/)
    .map((x) => x.trim())
    .filter(Boolean);
const bool = (s: string) => ['true', '1', 'x', 'có'].includes(s.trim().toLowerCase());
/** "name:a:b" split at the last two colons. */
const lastTwo = (item: string): [string, string, string] => {
  const j = item.lastIndexOf(':');
  const i = item.lastIndexOf(':', j - 1);
  assert.ok(i > 0, `"${item}" has the form name:x:y`);
  return [item.slice(0, i).trim(), item.slice(i + 1, j).trim(), item.slice(j + 1).trim()];
};

function rowToInput(cells: Record<string, string>): Record<string, unknown> {
  const v = (k: string) => (cells[k] ?? '').trim();
  const fees = v('fees').startsWith('[')
    ? JSON.parse(v('fees'))
    : list(v('fees')).map((it) => {
        const [name, amount, per] = lastTwo(it);
        return { name, amount, per, condition: '', legalBasis: '' };
      });
  const components = v('components').startsWith('[')
    ? JSON.parse(v('components'))
    : list(v('components')).map((it) => {
        const [name, o, c] = lastTwo(it);
        return { name, originals: o, copies: c, form: null, note: '' };
      });
  return {
    code: v('code'),
    localCode: v('localCode'),
    name: v('name'),
    field: v('field'),
    level: v('level'),
    implementingBody: v('implementingBody'),
    coordinatingBodies: list(v('coordinatingBodies')),
    applicants: v('applicants'),
    timeLimit: {
      amount: v('timeLimitAmount') === '' ? null : v('timeLimitAmount'),
      unit: v('timeLimitUnit'),
      cutoff: bool(v('timeLimitCutoff')),
      note: v('timeLimitNote'),
    },
    fees,
    components,
    sets: v('sets'),
    steps: list(v('steps')),
    channels: list(v('channels')),
    resultType: v('resultType'),
    onlineLevel: v('onlineLevel'),
    legalBasis: list(v('legalBasis')),
    sameDayEligible: bool(v('sameDayEligible')),
    status: v('status'),
    announcement:
      v('announcementDecision') || v('announcementDate')
        ? { decision: v('announcementDecision'), date: v('announcementDate') }
        : null,
    effectiveFrom: v('effectiveFrom'),
    portalUrl: v('portalUrl'),
    unverified: list(v('unverified')),
  };
}

describe('data/catalog/cam-giang-sample.csv', () => {
  const text = read('cam-giang-sample.csv');
  const [header, ...rows] = parseCsv(text);

  test('header has exactly the documented columns; about 5 rows of the same width', () => {
    assert.deepEqual(header, COLUMNS);
    assert.equal(rows.length, 5);
    for (const r of rows) assert.equal(r.length, COLUMNS.length);
    assert.equal(text, text.normalize('NFC'));
  });

  test('every row parses and matches the catalogue (compact syntax drops only fee conditions, forms and notes)', () => {
    for (const r of rows) {
      const cells = Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] ?? '']));
      const p = parseProcedure(rowToInput(cells), `csv ${cells.code}`);
      const want = get(p.code);
      const compactFees = !(cells.fees ?? '').startsWith('[');
      const compactComps = !(cells.components ?? '').startsWith('[');
      const expected: ProcedureData = {
        ...want,
        fees: compactFees ? want.fees.map((f) => ({ ...f, condition: '', legalBasis: '' })) : want.fees,
        components: compactComps ? want.components.map((c) => ({ ...c, form: null, note: '' })) : want.components,
      };
      assert.deepEqual(p, expected, p.code);
    }
  });

  test('both syntaxes appear: JSON cells and compact "name:amount:per" / "name:originals:copies" items', () => {
    const col = (name: string) => COLUMNS.indexOf(name);
    assert.ok(rows.some((r) => r[col('fees')]!.startsWith('[')));
    assert.ok(rows.some((r) => r[col('components')]!.startsWith('[')));
    assert.ok(rows.some((r) => /^[^[].*:\d+:/.test(r[col('fees')]!)));
    assert.ok(rows.some((r) => r[col('components')]!.includes(' | ') && !r[col('components')]!.startsWith('[')));
  });
});
