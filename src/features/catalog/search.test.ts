import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseProcedure, type ProcedureData } from './model.ts';
import { createSearchIndex, foldKey, parseQuery, tokenize, untelex, withinOneEdit } from './search.ts';

const CATALOGUE = new URL('../../../data/catalog/cam-giang.json', import.meta.url);
const procs: ProcedureData[] = (
  JSON.parse(readFileSync(CATALOGUE, 'utf8')) as { procedures: unknown[] }
).procedures.map((p, i) => parseProcedure(p, `procedures[${i}]`));
const index = createSearchIndex(procs);
const first = (q: string, opts?: { field?: string }) => index.search(q, { ...opts, limit: 1 })[0]?.code;

/** Minimal procedure for synthetic tests. */
function proc(code: string, name: string, extra: Partial<ProcedureData> = {}): ProcedureData {
  return parseProcedure({ code, name, field: 'Hộ tịch', timeLimit: { amount: 3, unit: 'working_days' }, ...extra });
}

/**
 * Real-world citizen queries → the procedure that must come FIRST in the demo catalogue
 * (data/catalog/cam-giang.json). With and without diacritics, typos, word order, Telex typed
 * without an input method, codes, abbreviations and everyday words.
 */
const CASES: [query: string, expected: string][] = [
  // Hộ tịch — khai tử
  ['đăng ký khai tử', '1.000656'],
  ['dang ky khai tu', '1.000656'],
  ['khai tử', '1.000656'],
  ['khai tu', '1.000656'],
  ['khia tu', '1.000656'], // typo (swapped letters)
  ['tu khai', '1.000656'], // word order
  ['dawng kys khai tuwr', '1.000656'], // raw Telex
  ['Đăng kí khai tử ở đâu', '1.000656'], // kí = ký, filler "ở đâu"
  ['bố tôi mới chết', '1.000656'], // everyday word
  ['khai tử lưu động', '1.000419'],
  ['dang ky lai khai tu', '1.005461'],
  // Hộ tịch — khai sinh, trích lục, kết hôn…
  ['đăng ký khai sinh', '1.001193'],
  ['dang ki khai sinh cho con', '1.001193'],
  ['giấy khai sinh', '1.001193'],
  ['ban sao giay khai sinh', '2.000635'],
  ['xin bản sao trích lục khai sinh', '2.000635'],
  ['trich luc ho tich', '2.000635'],
  ['khai sinh liên thông bảo hiểm y tế', '3.000722'],
  ['đăng ký kết hôn', '1.000894'],
  ['ket hon', '1.000894'],
  ['ket hon voi nguoi nuoc ngoai', '2.000806'],
  ['xac nhan tinh trang hon nhan', '1.004873'],
  ['giấy xác nhận độc thân', '1.004873'],
  ['cai chinh ho tich', '1.004859'],
  ['nhan cha me con', '1.001022'],
  ['dang ky giam ho', '1.004837'],
  ['nuoi con nuoi', '2.001263'],
  // Chứng thực
  ['chung thuc ban sao', '2.000815'],
  ['chng thuc ban sao', '2.000815'], // typo (missing letter)
  ['công chứng bản sao', '2.000815'],
  ['chứng thực bản sao từ bản chính', '2.000815'],
  ['chứng thực chữ ký', '2.000884'],
  ['chung thuc chu ki', '2.000884'],
  ['chung thuc di chuc', '2.001019'],
  ['chứng thực hợp đồng mua bán nhà đất', '2.001035'],
  ['cap ban sao tu so goc', '2.000908'],
  // Hộ kinh doanh
  ['ho kinh doanh', '1.001612'],
  ['HKD', '1.001612'],
  ['dang ky ho kinh doanh', '1.001612'],
  ['tam ngung ho kinh doanh', '1.001570'],
  ['tạm dừng kinh doanh', '1.001570'],
  ['cham dut hoat dong ho kinh doanh', '1.001266'],
  ['dong cua ho kinh doanh', '1.001266'],
  ['cap lai giay chung nhan ho kinh doanh', '2.000575'],
  ['thay doi noi dung dang ky ho kinh doanh', '2.000720'],
  // Người có công, xã hội
  ['nguoi co cong', '1.010833'],
  ['xác nhận thân nhân người có công', '1.010833'],
  ['tro cap tho cung liet sy', '1.010803'], // sỹ = sĩ
  ['tro cap xa hoi hang thang', '1.001776'],
  ['ho tro chi phi mai tang', '1.001731'],
  ['xac dinh muc do khuyet tat', '1.001699'],
  ['tro cap huu tri xa hoi', '1.014027'],
  ['ho ngheo', '1.011606'],
  // Bảo hiểm y tế, đất đai, xây dựng, cư trú
  ['bhyt', '9.000001'],
  ['cap lai the BHYT', '9.000002'],
  ['giay phep xay dung', '1.013225'],
  ['GPXD', '1.013225'],
  ['gia han giay phep xay dung', '1.013227'],
  ['xin phép xây nhà', '1.013225'],
  ['sổ đỏ', '1.012753'],
  ['chuyen nhuong dat', '1.013831'],
  ['tranh chap dat dai', '1.013967'],
  ['dang ky tam tru', '1.004194'],
  ['nhập hộ khẩu', '1.004222'],
  // Everyday phrasings (issue 12): the elderly's allowance, a wrong name or a lost birth certificate, and more
  ['trợ cấp người già', '1.014027'],
  ['tiền người già 80 tuổi', '1.014027'],
  ['xin trợ cấp cho người cao tuổi', '1.014027'],
  ['chế độ người cao tuổi không có lương hưu', '1.014027'],
  ['ông tôi 76 tuổi được trợ cấp gì', '1.014027'],
  ['tro cap nguoi gia', '1.014027'],
  ['sửa tên trong giấy khai sinh', '1.004859'],
  ['sua ten giay khai sinh', '1.004859'],
  ['giấy khai sinh ghi sai ngày sinh', '1.004859'],
  ['đổi tên cho con', '1.004859'],
  ['sai tên trong giấy khai sinh thì làm sao', '1.004859'],
  ['cải chính giấy khai sinh', '1.004859'],
  ['mất giấy khai sinh', '2.000635'],
  ['mat giay khai sinh phai lam sao', '2.000635'],
  ['làm lại giấy khai sinh bị mất', '2.000635'],
  ['xin lại giấy khai sinh', '2.000635'],
  ['giấy khai sinh bị rách', '2.000635'],
  ['bản sao giấy khai sinh', '2.000635'],
  ['trích lục khai sinh', '2.000635'],
  ['mất cả sổ gốc đăng ký lại khai sinh', '1.004884'],
  ['đăng ký lại khai sinh', '1.004884'],
  ['khai sinh cho con mới sinh', '1.001193'],
  ['làm giấy khai sinh cho cháu', '1.001193'],
  ['đăng ký khai sinh quá hạn', '1.001193'],
  ['khai sinh có yếu tố nước ngoài', '2.000528'],
  ['khai sinh kết hợp nhận cha con', '1.000689'],
  ['người nhà mất cần làm gì', '1.000656'],
  ['bố tôi mất rồi', '1.000656'],
  ['báo tử', '1.000656'],
  ['giấy chứng tử', '1.000656'],
  ['đăng ký khai tử cho mẹ', '1.000656'],
  ['khai tu luu dong', '1.000419'],
  ['liên thông khai tử mai táng phí', '2.002913'],
  ['giấy đăng ký kết hôn', '1.000894'],
  ['muốn cưới vợ', '1.000894'],
  ['lấy chồng người nước ngoài', '2.000806'],
  ['đăng ký lại kết hôn', '1.004746'],
  ['xác nhận độc thân để kết hôn', '1.004873'],
  ['giấy xác nhận tình trạng hôn nhân', '1.004873'],
  ['chấm dứt giám hộ', '1.004845'],
  ['nhận con nuôi', '2.001263'],
  ['sao y bản chính', '2.000815'],
  ['công chứng giấy tờ', '2.000815'],
  ['photo công chứng', '2.000815'],
  ['chứng thực chữ ký người dịch', '2.000992'],
  ['công chứng di chúc', '2.001019'],
  ['làm di chúc', '2.001019'],
  ['công chứng hợp đồng mua bán đất', '2.001035'],
  ['chia thừa kế', '2.001009'],
  ['sửa đổi hợp đồng đã chứng thực', '2.000913'],
  ['bản sao hợp đồng đã chứng thực', '2.000942'],
  ['mở quán ăn', '1.001612'],
  ['mở cửa hàng tạp hóa', '1.001612'],
  ['giấy phép kinh doanh', '1.001612'],
  ['đăng ký kinh doanh hộ gia đình', '1.001612'],
  ['tạm nghỉ kinh doanh', '1.001570'],
  ['nghỉ kinh doanh luôn', '1.001266'],
  ['đổi địa chỉ kinh doanh', '2.000720'],
  ['mất giấy phép kinh doanh', '2.000575'],
  ['tiền thờ cúng liệt sĩ', '1.010803'],
  ['con liệt sĩ xin giấy xác nhận', '1.010833'],
  ['gia đình thương binh', '1.010833'],
  ['trợ cấp trẻ mồ côi', '1.001776'],
  ['trợ cấp khuyết tật', '1.001776'],
  ['giấy xác nhận khuyết tật bị mất', '1.001653'],
  ['đổi giấy xác nhận khuyết tật', '1.001653'],
  ['tiền mai táng người bảo trợ xã hội', '1.001731'],
  ['mai táng phí người hưởng hưu trí xã hội', '1.014028'],
  ['xét hộ nghèo', '1.011607'],
  ['hộ cận nghèo phát sinh trong năm', '1.011606'],
  ['thoát nghèo', '1.011608'],
  ['mua bảo hiểm y tế hộ gia đình', '9.000001'],
  ['mất thẻ bảo hiểm y tế', '9.000002'],
  ['đổi thẻ bhyt', '9.000002'],
  ['làm sổ đỏ', '1.012753'],
  ['sang tên sổ đỏ', '1.013831'],
  ['tách thửa đất', '1.013831'],
  ['chuyển đất vườn lên thổ cư', '1.013992'],
  ['hòa giải tranh chấp đất', '1.013967'],
  ['điều chỉnh giấy phép xây dựng', '1.013226'],
  ['cấp lại giấy phép xây dựng', '1.013228'],
  ['nhập hộ khẩu cho con', '1.004222'],
  ['đăng ký thường trú', '1.004222'],
  ['khai báo tạm trú', '1.004194'],
  ['đăng ký tạm trú cho người thuê trọ', '1.004194'],
  ['cấp sổ hộ khẩu', '1.004222'],
  ['làm nhà cần xin phép gì', '1.013225'],
  ['xin trợ cấp người khuyết tật', '1.001776'],
  ['xác định mức độ khuyết tật cho con', '1.001699'],
  ['chứng thực bản sao căn cước', '2.000815'],
  ['công chứng căn cước công dân', '2.000815'],
  ['đăng ký hộ kinh doanh nộp thuế', '1.001612'],
  // Codes
  ['1.000656', '1.000656'],
  ['1000656', '1.000656'],
  ['000656', '1.000656'],
  ['mã 1.001612', '1.001612'],
  ['2.000815.000.00.00.H26', '2.000815'],
];

/** Share of the query set whose first result must be the expected procedure. */
const FIRST_RIGHT_TARGET = 0.95;

describe('search — real-world citizen queries against the demo catalogue', () => {
  test('there are at least 120 cases, no duplicates, and every expected code exists', () => {
    assert.ok(CASES.length >= 120, `${CASES.length} cases`);
    assert.equal(new Set(CASES.map(([q]) => q)).size, CASES.length, 'duplicate query');
    const codes = new Set(procs.map((p) => p.code));
    for (const [, code] of CASES) assert.ok(codes.has(code), code);
  });
  test(`the first result is right for at least ${FIRST_RIGHT_TARGET * 100} % of the queries`, () => {
    const failures: string[] = [];
    for (const [query, expected] of CASES) {
      const hits = index.search(query, { limit: 3 });
      if (hits[0]?.code !== expected)
        failures.push(
          `"${query}" → ${hits.map((h) => `${h.code} (${h.score})`).join(', ') || 'nothing'}; expected ${expected}`,
        );
    }
    const right = (CASES.length - failures.length) / CASES.length;
    assert.ok(
      right >= FIRST_RIGHT_TARGET,
      `${(right * 100).toFixed(1)} % first-right (${failures.length} of ${CASES.length} wrong):\n${failures.join('\n')}`,
    );
  });
});

describe('folding and tokenising', () => {
  test('foldKey: lower case, no diacritics, đ → d, final y after consonants → i', () => {
    assert.equal(foldKey('Đăng'), 'dang');
    assert.equal(foldKey('ký'), 'ki');
    assert.equal(foldKey('kí'), 'ki');
    assert.equal(foldKey('sỹ'), 'si');
    assert.equal(foldKey('Tử'), 'tu');
    assert.equal(foldKey('ĐƯỜNG'), 'duong');
    assert.equal(foldKey('quy'), 'quy'); // "u" is a vowel: not a consonant + y
    assert.equal(foldKey('y'), 'y');
  });
  test('decomposed (NFD) input folds like NFC', () => {
    assert.equal(foldKey('khai tử'.normalize('NFD').split(' ')[1]!), 'tu');
    assert.equal(first('đăng ký khai tử'.normalize('NFD')), '1.000656');
  });
  test('tokenize expands abbreviations and keeps the accented word', () => {
    assert.deepEqual(
      tokenize('Cấp thẻ BHYT').map((t) => t.key),
      ['cap', 'the', 'bao', 'hiem', 'y', 'te'],
    );
    assert.deepEqual(
      tokenize('Đăng ký HKD').map((t) => t.accented),
      ['đăng', 'ký', 'ho', 'kinh', 'doanh'],
    );
  });
  test('untelex undoes Telex typed without an input method', () => {
    assert.equal(untelex('dawng'), 'dang');
    assert.equal(untelex('kys'), 'ki');
    assert.equal(untelex('tuwr'), 'tu');
    assert.equal(untelex('ddaats'), 'dat');
    assert.equal(untelex('khai'), 'khai');
    assert.equal(untelex('hkd'), 'hkd');
  });
  test('withinOneEdit: substitution, insertion, deletion, swap', () => {
    assert.ok(withinOneEdit('khia', 'khai'));
    assert.ok(withinOneEdit('chng', 'chung'));
    assert.ok(withinOneEdit('chungg', 'chung'));
    assert.ok(withinOneEdit('thuc', 'thuk'));
    assert.ok(!withinOneEdit('khai', 'kiah'));
    assert.ok(!withinOneEdit('sinh', 'sinhhh'));
  });
  test('parseQuery: filler and everyday words; codes in every spelling', () => {
    assert.deepEqual(
      parseQuery('thủ tục khai tử như thế nào').terms.map((t) => t.key),
      ['khai', 'tu'],
    );
    assert.deepEqual(
      parseQuery('bố tôi mới chết').terms.map((t) => t.key),
      ['bo', 'khai', 'tu'],
    );
    assert.deepEqual(parseQuery('khai tử').terms, [
      { key: 'khai', accented: null },
      { key: 'tu', accented: 'tử' },
    ]);
    assert.deepEqual(parseQuery('1.000656').codes.exact, ['1000656']);
    assert.deepEqual(parseQuery('1000656').codes.exact, ['1000656']);
    assert.deepEqual(parseQuery('000656').codes.suffix, ['000656']);
    assert.deepEqual(parseQuery('1.0006').codes.prefix, ['10006']);
    assert.deepEqual(parseQuery('2.000815.000.00.00.H26').codes.exact, ['2000815']);
    assert.deepEqual(
      parseQuery('thủ tục').terms.map((t) => t.key),
      ['thu', 'tuc'],
    ); // filler alone is kept
  });
});

describe('matching and ranking rules', () => {
  test('with or without diacritics gives the same first result; diacritics break ties between folded twins', () => {
    const twins = createSearchIndex([
      proc('1.000001', 'Cấp phiếu lý lịch tư pháp'),
      proc('1.000002', 'Đăng ký khai tử'),
    ]);
    assert.equal(twins.search('tử')[0]?.code, '1.000002');
    assert.equal(twins.search('tư')[0]?.code, '1.000001');
    assert.equal(twins.search('tu').length, 2);
  });
  test('one typo per word of 4+ letters; short words must be exact', () => {
    assert.equal(first('chung thucc ban sao'), '2.000815');
    assert.equal(first('dang ky khia sinh'), '1.001193');
    assert.deepEqual(index.search('xyzq'), []);
  });
  test('the last word may be unfinished', () => {
    assert.equal(first('đăng ký kết hô'), '1.000894');
    assert.equal(first('chứng thực di ch'), '2.001019');
    assert.equal(first('tam ngung ho kinh doa'), '1.001570');
  });
  test('name matches beat component and field matches', () => {
    const ix = createSearchIndex([
      proc('1.000001', 'Đăng ký giám hộ', {
        components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, form: null, note: '' }],
      }),
      proc('1.000002', 'Đăng ký khai sinh'),
    ]);
    assert.deepEqual(
      ix.search('khai sinh').map((h) => h.code),
      ['1.000002', '1.000001'],
    );
    const byField = createSearchIndex([
      proc('1.000001', 'Cấp giấy xác nhận', { field: 'Người có công' }),
      proc('1.000002', 'Cấp giấy cho người có công'),
    ]);
    assert.equal(byField.search('người có công')[0]?.code, '1.000002');
  });
  test('a query that is a field name browses the field in catalogue order', () => {
    assert.equal(first('chứng thực'), '2.000815');
    assert.equal(first('chung thuc'), '2.000815');
    assert.equal(first('Hộ tịch'), '1.001193');
  });
  test('exact phrase and all words present beat partial matches', () => {
    const ix = createSearchIndex([
      proc('1.000001', 'Cấp bản sao từ sổ gốc'),
      proc('1.000002', 'Chứng thực chữ ký'),
      proc('1.000003', 'Chứng thực bản sao từ bản chính'),
    ]);
    assert.equal(ix.search('chứng thực bản sao')[0]?.code, '1.000003');
    assert.equal(ix.search('bản sao sổ gốc')[0]?.code, '1.000001');
  });
  test('variants ("lại", "lưu động", "liên thông"…) come after the base procedure unless asked for', () => {
    const codes = index.search('khai tử').map((h) => h.code);
    assert.equal(codes[0], '1.000656');
    assert.ok(codes.indexOf('1.005461') > 0 && codes.indexOf('1.000419') > 0 && codes.indexOf('2.002913') > 0);
    assert.equal(first('đăng ký lại khai tử'), '1.005461');
    assert.equal(first('liên thông khai tử'), '2.002913');
  });
  test('same-day procedures get no boost', () => {
    const a = proc('1.000001', 'Đăng ký khai tử', { sameDayEligible: false });
    const b = proc('1.000002', 'Đăng ký khai tử', { sameDayEligible: true });
    assert.deepEqual(
      createSearchIndex([a, b])
        .search('khai tử')
        .map((h) => h.code),
      ['1.000001', '1.000002'],
    );
    assert.deepEqual(
      createSearchIndex([b, a])
        .search('khai tử')
        .map((h) => h.code),
      ['1.000002', '1.000001'],
    );
    const [x, y] = createSearchIndex([a, b]).search('khai tử');
    assert.equal(x?.score, y?.score);
  });
  test('code match outranks any text match; a code prefix lists the codes that start with it', () => {
    assert.equal(first('1.001193 khai tử'), '1.001193');
    const pre = index.search('1.0016').map((h) => h.code);
    assert.ok(pre.length >= 2 && pre.every((c) => c.startsWith('1.0016')), pre.join());
  });
});

describe('options and edge cases', () => {
  test('an empty query returns every procedure in catalogue order', () => {
    assert.deepEqual(
      index.search('').map((h) => h.code),
      procs.map((p) => p.code),
    );
    assert.deepEqual(
      index.search('   ').map((h) => h.code),
      procs.map((p) => p.code),
    );
    assert.ok(index.search('').every((h) => h.score === 0));
    assert.equal(index.size, procs.length);
  });
  test('field filter (case and diacritics insensitive), with and without a query', () => {
    const ht = procs.filter((p) => p.field === 'Hộ tịch').map((p) => p.code);
    assert.deepEqual(
      index.search('', { field: 'Hộ tịch' }).map((h) => h.code),
      ht,
    );
    assert.deepEqual(
      index.search('', { field: 'HO TICH' }).map((h) => h.code),
      ht,
    );
    const hits = index.search('bản sao', { field: 'Chứng thực' });
    assert.ok(hits.length > 0 && hits.every((h) => procs.find((p) => p.code === h.code)?.field === 'Chứng thực'));
    assert.ok(!hits.some((h) => h.code === '2.000635')); // the civil-status copy is filtered out
    assert.deepEqual(index.search('khai tử', { field: 'Đất đai' }), []);
  });
  test('limit', () => {
    assert.equal(index.search('', { limit: 3 }).length, 3);
    assert.equal(index.search('đăng ký', { limit: 2 }).length, 2);
    assert.equal(index.search('khai tử', { limit: 0 }).length, 0);
    assert.ok(index.search('đăng ký').length > 2);
  });
  test('scores are sorted best first', () => {
    const hits = index.search('chứng thực');
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
  });
  test('an empty catalogue', () => {
    const ix = createSearchIndex([]);
    assert.deepEqual(ix.search(''), []);
    assert.deepEqual(ix.search('khai tử'), []);
  });
});
