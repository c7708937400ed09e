import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/http/errors.ts';
import { CorruptRowError } from '../../core/db/json.ts';
import {
  DEFAULT_TEMPLATES,
  DEFAULT_TRIGGERS,
  composeLetter,
  fill,
  initialNames,
  letterFor,
  looksFemale,
  missingNames,
  numberText,
  parseCodes,
  signerOf,
  validateTemplate,
  varsOf,
  type Names,
  LETTER_KINDS,
  LETTER_STATUSES,
  addresseeOf,
  awaitsHandover,
  canRecordHandover,
  canSignDigitally,
  flagsMissingNames,
  hasCompleteNames,
  isDeclined,
  isEditable,
  isWaitingToPrint,
  kindKeyOf,
  letterFileBase,
  parseIdList,
  snapshotJson,
  statusBadgeClass,
  statusFilter,
  triggerCodesJson,
  type LetterStatus,
} from './model.ts';

const vars = (names: Names, eventDate = '2026-03-05') =>
  varsOf({
    names,
    centerName: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
    parentBody: 'UBND xã Cẩm Giàng',
    place: 'Cẩm Giàng',
    eventDate,
    dossierCode: 'X',
    procedureName: 'Đăng ký kết hôn',
  });

test('which event prepares which letter', () => {
  assert.equal(letterFor(DEFAULT_TRIGGERS, '1.000894', 'return_result', 10), 'congratulation-marriage');
  assert.equal(letterFor(DEFAULT_TRIGGERS, '3.000722', 'return_result', 10), 'congratulation-birth');
  assert.equal(letterFor(DEFAULT_TRIGGERS, '1.000894', 'mark_processed', 9), null);
  assert.equal(letterFor(DEFAULT_TRIGGERS, '1.000656', 'received', 2), 'condolence');
  assert.equal(letterFor(DEFAULT_TRIGGERS, '1.000656', 'received', 1), null, 'an online submission not yet accepted');
  assert.equal(letterFor(DEFAULT_TRIGGERS, '1.000656', 'accept', 2), 'condolence');
  assert.equal(
    letterFor(DEFAULT_TRIGGERS, '1.005461', 'received', 2),
    null,
    're-registration of a death is not a new death',
  );
  assert.equal(letterFor({ marriage: [], birth: [], death: [] }, '1.000894', 'return_result', 10), null);
});

test('names and kinship terms from the dossier', () => {
  assert.deepEqual(
    initialNames('congratulation-marriage', { fullName: 'Trần Thị Thu Hằng' }, { fullName: 'Nguyễn Văn Hùng' }),
    { titleA: 'anh', nameA: 'Nguyễn Văn Hùng', titleB: 'chị', nameB: 'Trần Thị Thu Hằng' },
  );
  assert.deepEqual(initialNames('congratulation-marriage', { fullName: 'Nguyễn Văn Hùng' }, null), {
    titleA: 'anh',
    nameA: 'Nguyễn Văn Hùng',
    titleB: 'chị',
    nameB: '',
  });
  assert.deepEqual(
    initialNames('congratulation-marriage', { fullName: 'Lê Thị Lan' }, { fullName: 'lê thị lan' }),
    { titleA: 'chị', nameA: 'Lê Thị Lan', titleB: 'anh', nameB: '' },
    'the owner repeating the applicant is not a partner',
  );
  assert.deepEqual(initialNames('condolence', { fullName: 'Đặng Văn Dũng' }, { fullName: 'Vũ Thị Lựu' }), {
    titleA: 'ông',
    nameA: 'Đặng Văn Dũng',
    titleB: 'bà',
    nameB: 'Vũ Thị Lựu',
  });
  assert.equal(
    initialNames('congratulation-birth', { fullName: '  Lê   Thị Hương '.normalize('NFD') }, null).nameA,
    'Lê Thị Hương',
  );
  assert.deepEqual(missingNames('congratulation-birth', { nameA: 'A', nameB: '' }), []);
  assert.deepEqual(missingNames('condolence', { nameA: 'A', nameB: '' }), ['nameB']);
});

test('placeholders: capitalised values, optional parts, same kinship term twice', () => {
  const n: Names = { titleA: 'anh', nameA: 'Nguyễn Văn Hùng', titleB: 'chị', nameB: 'Trần Thị Thu Hằng' };
  assert.equal(
    fill('{Nguoi_1} và {nguoi_2}; chúc {cap_doi}', vars(n)),
    'Anh Nguyễn Văn Hùng và chị Trần Thị Thu Hằng; chúc anh chị',
  );
  assert.equal(fill('chúc {cap_doi}', vars({ ...n, titleB: 'anh' })), 'chúc hai anh');
  assert.equal(fill('ngày {ngay_dang_ky}', vars(n)), 'ngày 05/03/2026');
  assert.equal(fill('đón cháu[[ là {ho_ten_2}]].', vars({ ...n, nameB: '' })), 'đón cháu.');
  assert.equal(fill('đón cháu[[ là {ho_ten_2}]].', vars(n)), 'đón cháu là Trần Thị Thu Hằng.');
  assert.equal(fill('{khong_co}', vars(n)), '{khong_co}');
});

test('the default templates compose a complete letter', () => {
  for (const kind of ['congratulation-marriage', 'congratulation-birth', 'condolence'] as const) {
    const c = composeLetter(
      DEFAULT_TEMPLATES[kind],
      vars({ titleA: 'ông', nameA: 'Đặng Văn Dũng', titleB: 'bà', nameB: 'Vũ Thị Lựu' }),
      {
        number: numberText(7, 'TTPVHCC'),
        date: '2026-01-05',
        place: 'Cẩm Giàng',
        signer: { lines: [], title: 'GIÁM ĐỐC', name: 'Nguyễn Thị Hà' },
      },
    );
    assert.equal(c.number, '07/TTPVHCC');
    assert.ok(c.paragraphs.length >= 2);
    assert.ok(!c.paragraphs.join(' ').includes('{'), kind);
    assert.deepEqual(c.recipients, ['- Như trên;', '- Lưu: VT.']);
  }
  assert.equal(numberText(12, 'TTPVHCC'), '12/TTPVHCC');
});

test('template validation names the unknown placeholder', () => {
  assert.throws(
    () => validateTemplate({ title: 'Thư', addressee: '{nguoi_1}', body: '{ten_be}' }),
    (e: unknown) => e instanceof AppError && e.details[0]!.field === 'body' && e.details[0]!.vi.includes('ten_be'),
  );
  assert.throws(() => validateTemplate({ title: '', addressee: 'x', body: 'y' }), AppError);
  assert.equal(validateTemplate({ title: 'Thư', addressee: '{Nguoi_1}', body: 'a\r\n\r\nb' }).body, 'a\n\nb');
});

test('signature block: TM., KT., a deputy signs for the head', () => {
  const leader = { name: 'Nguyễn Thị Hà', title: 'Phó Giám đốc', parentBody: 'UBND xã Cẩm Giàng' };
  assert.deepEqual(signerOf(leader, { prefix: '', authority: '' }), {
    lines: ['KT. GIÁM ĐỐC'],
    title: 'PHÓ GIÁM ĐỐC',
    name: 'Nguyễn Thị Hà',
  });
  assert.deepEqual(signerOf({ ...leader, title: 'Giám đốc' }, { prefix: '', authority: '' }).lines, []);
  assert.deepEqual(signerOf({ ...leader, title: 'Chủ tịch' }, { prefix: 'TM.', authority: 'Ủy ban nhân dân' }).lines, [
    'TM. ỦY BAN NHÂN DÂN',
  ]);
  assert.deepEqual(signerOf({ ...leader, title: 'Phó Chủ tịch' }, { prefix: 'KT.', authority: 'Chủ tịch' }), {
    lines: ['KT. CHỦ TỊCH'],
    title: 'PHÓ CHỦ TỊCH',
    name: 'Nguyễn Thị Hà',
  });
  assert.equal(signerOf({ name: null, title: null, parentBody: '' }, { prefix: '', authority: '' }).title, 'GIÁM ĐỐC');
});

test('procedure codes are checked', () => {
  assert.deepEqual(parseCodes('1.000894, 2.000806\n1.000894', 'x'), ['1.000894', '2.000806']);
  assert.throws(() => parseCodes(['1.0008'], 'x'), AppError);
});

test('kinship guess: "Thị", "Văn", then given names borne almost only by women; ambiguous names read as a man’s for staff to correct', () => {
  for (const n of ['Trần Thị Thu Hằng', 'Phạm Thanh Mai', 'Nguyễn Thanh Hằng', 'LÊ NGỌC LAN', 'Đỗ Minh Thư Vy'])
    assert.equal(looksFemale(n), true, n);
  for (const n of ['Bùi Quang Tuấn', 'Nguyễn Văn Mai', 'Lê Thanh Hà', 'Phạm Minh Giang', 'Hằng'])
    assert.equal(looksFemale(n), false, n);
  assert.deepEqual(
    initialNames('congratulation-marriage', { fullName: 'Phạm Thanh Mai' }, { fullName: 'Dương Quốc Hùng' }).nameA,
    'Dương Quốc Hùng',
    'the man first',
  );
});

test('page rules of a letter by status: editable, handover, declined, signing', () => {
  const l = (status: LetterStatus, number: string | null = null, missing: string[] = []) => ({
    kind: 'condolence' as const,
    status,
    number,
    missing,
  });
  assert.deepEqual(
    LETTER_STATUSES.map((s) => [s, isEditable(l(s)), awaitsHandover(l(s)), canRecordHandover(l(s)), isDeclined(l(s))]),
    [
      ['prepared', true, true, false, false],
      ['printed', true, true, true, false],
      ['handed_over', false, false, false, false],
      ['declined', false, false, false, true],
    ],
  );
  assert.equal(canSignDigitally(l('printed', '05/TTPVHCC')), true);
  assert.equal(canSignDigitally(l('prepared')), false, 'no number before the first print');
  assert.equal(hasCompleteNames(l('prepared', null, ['nameB'])), false);
  assert.equal(flagsMissingNames(l('prepared', null, ['nameB'])), true);
  assert.equal(flagsMissingNames(l('declined', null, ['nameB'])), false, 'a declined letter is never printed');
  assert.equal(flagsMissingNames(l('prepared')), false);
});

test('the print queue waits for prepared letters whose names are complete', () => {
  const base = { kind: 'congratulation-marriage' as const, nameA: 'Nguyễn Văn Hùng', nameB: 'Trần Thị Hằng' };
  assert.equal(isWaitingToPrint({ ...base, status: 'prepared' }), true);
  assert.equal(isWaitingToPrint({ ...base, status: 'printed' }), false);
  assert.equal(isWaitingToPrint({ ...base, status: 'prepared', nameB: '' }), false, 'a marriage needs both names');
  assert.equal(
    isWaitingToPrint({ kind: 'congratulation-birth', status: 'prepared', nameA: 'Lê Thị Hương', nameB: '' }),
    true,
    'a birth letter needs the parent only',
  );
});

test('console helpers: badge, kind key, file name, addressee, filters, id lists', () => {
  assert.equal(statusBadgeClass('handed_over'), 'badge ok');
  assert.equal(statusBadgeClass('declined'), 'badge late');
  assert.equal(statusBadgeClass('printed'), 'badge warn');
  assert.equal(statusBadgeClass('prepared'), 'badge');
  assert.deepEqual(LETTER_KINDS.map(kindKeyOf), ['marriage', 'birth', 'condolence']);
  assert.equal(letterFileBase({ kind: 'condolence', dossierCode: 'H1' }), 'thu-chia-buon-H1');
  assert.equal(letterFileBase({ kind: 'congratulation-birth', dossierCode: 'H2' }), 'thu-chuc-mung-H2');
  const names: Names = { titleA: 'anh', nameA: 'Nguyễn Văn Hùng', titleB: 'chị', nameB: 'Trần Thị Hằng' };
  assert.equal(addresseeOf({ kind: 'congratulation-marriage', names }), 'anh Nguyễn Văn Hùng – chị Trần Thị Hằng');
  assert.equal(addresseeOf({ kind: 'condolence', names }), 'anh Nguyễn Văn Hùng (chị Trần Thị Hằng)');
  assert.equal(addresseeOf({ kind: 'congratulation-birth', names }), 'anh Nguyễn Văn Hùng');
  assert.equal(addresseeOf({ kind: 'condolence', names: { ...names, nameB: '' } }), 'anh Nguyễn Văn Hùng');
  assert.equal(statusFilter('printed'), 'printed');
  assert.equal(statusFilter('nonsense'), null);
  assert.equal(statusFilter(['printed']), null);
  assert.deepEqual(parseIdList('3,x,5,,1234567890123,8'), [3, 5, 8]);
  assert.equal(parseIdList(Array.from({ length: 300 }, (_, i) => i + 1).join(',')).length, 200);
});

test('JSON columns: the snapshot and the trigger codes are checked on read', () => {
  const c = composeLetter(
    DEFAULT_TEMPLATES.condolence,
    vars({ titleA: 'ông', nameA: 'Đặng Văn Dũng', titleB: 'bà', nameB: 'Vũ Thị Lựu' }),
    {
      number: numberText(5, 'TTPVHCC'),
      date: '2026-11-25',
      place: 'Cẩm Giàng',
      signer: { lines: [], title: 'GIÁM ĐỐC', name: 'Nguyễn Thị Hà' },
    },
  );
  assert.deepEqual(snapshotJson.decode(snapshotJson.encode(c)), c);
  assert.throws(() => snapshotJson.decode('{"number":"05/X"}'), CorruptRowError);
  assert.deepEqual(triggerCodesJson.birth.decode('["1.001193"]'), ['1.001193']);
  assert.throws(
    () => triggerCodesJson.death.decode('[1]'),
    (e: unknown) => {
      assert.ok(e instanceof CorruptRowError);
      assert.equal(e.column, 'letter_settings.death_codes');
      return true;
    },
  );
});
