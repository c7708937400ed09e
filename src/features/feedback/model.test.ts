/** Feedback rules without I/O: tracking codes and the masking of personal data before publication. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_RE, LIMITS, MASKS, feedbackCode, maskPersonal } from './model.ts';

test('the legal limits (Decision 766 satisfaction group)', () => {
  assert.deepEqual(LIMITS, { handle: 15, refuse: 2, requestInfo: 5, publish: 2 });
});

test('tracking codes carry the Vietnam receipt day and 6 random characters', () => {
  const c = feedbackCode(new Date('2026-11-25T18:30:00Z')); // 01:30 on 26/11 in Vietnam
  assert.match(c, CODE_RE);
  assert.ok(c.startsWith('PA-261126-'), c);
  assert.notEqual(feedbackCode(new Date()), feedbackCode(new Date()));
});

test('masking: e-mails, phones, ID numbers, names, addresses; ordinary text untouched', () => {
  const m = maskPersonal(
    'Tôi là Nguyễn Văn An, ở thôn Cẩm Khê, số điện thoại 0912 345 678, email an.nguyen@gmail.com, CCCD 031090123456.',
  );
  assert.equal(
    m,
    `Tôi là ${MASKS.name}, ở ${MASKS.address}, số điện thoại ${MASKS.phone}, email ${MASKS.email}, CCCD ${MASKS.id}.`,
  );
  assert.equal(maskPersonal('Gọi +84 912345678 nhé.'), `Gọi ${MASKS.phone} nhé.`);
  assert.equal(
    maskPersonal('Ông Trần Văn Bình ở quầy 2 không chào hỏi.'),
    `Ông ${MASKS.name} ở quầy 2 không chào hỏi.`,
  );
  assert.equal(maskPersonal('Chị Hà rất nhiệt tình.'), `Chị ${MASKS.name} rất nhiệt tình.`);
  assert.equal(maskPersonal('Nhà ở số 12 ngõ 5 đường Lê Lợi.').includes('12'), false);
  assert.equal(maskPersonal('Gửi mai.tran@example.vn', ['Mai Trần']), `Gửi ${MASKS.email}`);
  assert.equal(maskPersonal('Cảm ơn Thu Hằng đã giúp', ['Thu Hằng']), `Cảm ơn ${MASKS.name} đã giúp`);
  const plain = 'Thủ tục đăng ký khai sinh mất quá nhiều thời gian, con đường đi lại xa; quầy 3 đông người.';
  assert.equal(maskPersonal(plain), plain);
  assert.equal(maskPersonal('Nộp ngày 12/11/2026, mất 3 ngày.'), 'Nộp ngày 12/11/2026, mất 3 ngày.');
});

test('masking: names in lower case and ALL CAPS, "thị"/"văn" written small, dates of birth', () => {
  const N = MASKS.name;
  assert.equal(maskPersonal('Tôi tên là nguyễn văn an, ở xã Cẩm Giang.'), `Tôi tên là ${N}, ở xã Cẩm Giang.`);
  assert.equal(maskPersonal('con tôi phạm thị hoa đi nộp hồ sơ'), `con tôi ${N} đi nộp hồ sơ`);
  assert.equal(maskPersonal('gặp nguyễn an ở quầy'), `gặp ${N} ở quầy`);
  assert.equal(maskPersonal('Tôi, NGUYỄN VĂN AN, đề nghị'), `Tôi, ${N}, đề nghị`);
  assert.equal(maskPersonal('ĐỀ NGHỊ CỦA TRẦN THỊ B'), `ĐỀ NGHỊ CỦA ${N}`);
  assert.equal(maskPersonal('Con tôi là Phạm thị Hoa.'), `Con tôi là ${N}.`);
  assert.equal(maskPersonal('Hồ sơ của Phạm thị Hoa bị trả lại.'), `Hồ sơ của ${N} bị trả lại.`);
  assert.equal(maskPersonal('Ông LÊ VĂN TÁM phản ánh'), `Ông ${N} phản ánh`);
  // dates of birth
  assert.equal(maskPersonal('Con tôi sinh năm 2001.'), `Con tôi sinh năm ${MASKS.birth}.`);
  assert.equal(maskPersonal('ngày sinh 12/03/1980, quê xa'), `ngày sinh ${MASKS.birth}, quê xa`);
  assert.equal(maskPersonal('Ngày sinh: 5-3-1980'), `Ngày sinh: ${MASKS.birth}`);
  assert.equal(maskPersonal('SN 1975 tại đây'), `SN ${MASKS.birth} tại đây`);
  assert.equal(maskPersonal('Nguyễn Văn An, 12/03/1980, đề nghị'), `${N}, ${MASKS.birth}, đề nghị`);
  assert.equal(maskPersonal('Trần Thị Bình (1950) đề nghị'), `${N} (${MASKS.birth}) đề nghị`);
  for (const t of [
    'Con tôi là Phạm thị Hoa sinh năm 2001',
    'Tôi tên là nguyễn văn an',
    'NGUYỄN VĂN AN',
    'ngày sinh 12/03/1980',
  ]) {
    const m = maskPersonal(t);
    assert.doesNotMatch(m, /phạm|hoa|nguyễn|văn an|2001|1980/i, `${t} → ${m}`);
  }
  // ordinary sentences stay: words that are also family names, dates that are not births
  for (const plain of [
    'Hồ sơ bị vi phạm thời hạn, phải nộp lại từ đầu.',
    'Cán bộ xử lý minh bạch, tăng lương cao là đúng.',
    'Trung tâm tuyên dương thanh niên tình nguyện.',
    'Ngày mai tôi đến lấy kết quả, đi lại xa.',
    'vi phạm thu phí, vi phạm văn bản hướng dẫn',
    'Trần nhà bị dột, Văn phòng đã sửa.',
    'Nộp ngày 12/11/2026, hẹn trả ngày 20/11/2026.',
    'Theo Nghị định 61/2018/NĐ-CP năm 2018.',
    'CÁN BỘ THÁI ĐỘ KHÔNG TỐT, HỒ SƠ CỦA TÔI BỊ TRẢ LẠI VĂN BẢN SAI',
    'Cán bộ UBND xã hướng dẫn tận tình.',
  ])
    assert.equal(maskPersonal(plain), plain);
  // a text written all in capitals still hides the names in it
  assert.equal(maskPersonal('TÔI LÀ NGUYỄN VĂN AN, HỒ SƠ CỦA TÔI BỊ TRỄ HẸN'), `TÔI LÀ ${N}, HỒ SƠ CỦA TÔI BỊ TRỄ HẸN`);
});

test('petition rules: open statuses, the anonymous tick, the first classification', async () => {
  const { isOpenFeedback, isAnonymousChoice, initialClassification } = await import('./model.ts');
  assert.deepEqual(['received', 'info_requested', 'answered', 'refused'].map(isOpenFeedback), [
    true,
    true,
    false,
    false,
  ]);
  assert.deepEqual([true, 'on', '1', 'true', false, '', '0', undefined].map(isAnonymousChoice), [
    true,
    true,
    true,
    true,
    false,
    false,
    false,
    false,
  ]);
  assert.equal(initialClassification('conduct'), 'behaviour');
  assert.equal(initialClassification('procedure'), 'tthc');
  assert.equal(initialClassification('other'), null);
});
