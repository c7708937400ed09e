/**
 * Demo feedback (PAKN) and one staff obstacle for the demo centre, made through the real services
 * with a moving clock: an answered and published item (personal data in the text, masked on the
 * public page), an open one, one waiting for information, and one past its 15-working-day limit.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { findUserByUsername } from '../../core/auth/repo.ts';
import { getCenter } from '../centers/index.ts';
import { catalogOf } from '../catalog/index.ts';
import { actOnFeedback, answerObstacle, formStamp, listFeedback, raiseObstacle, submitFeedback } from './service.ts';

const DAY = 86_400_000;

export async function seedFeedbackDemo(deps: Deps, slug: string): Promise<void> {
  const center = await getCenter(deps, slug);
  const procedures = (await catalogOf(deps, center)).procedures;
  const p0 = procedures[0];
  const realNow = deps.now();
  let clock = realNow;
  const dd: Deps = { ...deps, now: () => clock };
  const file = async (daysAgo: number, input: Record<string, unknown>) => {
    clock = new Date(realNow.getTime() - daysAgo * DAY - 60_000);
    const stamp = await formStamp(dd, center.id);
    clock = new Date(realNow.getTime() - daysAgo * DAY);
    return submitFeedback(dd, slug, { about: 'other', content: '', stamp, ...input });
  };
  const director: Actor = { ...SYSTEM_ACTOR, fullName: 'Nguyễn Thị Hà' };
  const idOf = async (code: string) =>
    (await listFeedback(deps, SYSTEM_ACTOR, slug)).items.find((i) => i.code === code)!.id;

  const answered = await file(12, {
    about: p0 ? 'procedure' : 'other',
    procedureCode: p0?.code,
    content:
      'Tôi là Trần Thị Mai, ở thôn Phú Lộc, số điện thoại 0912 345 678. Tôi nộp hồ sơ từ tuần trước nhưng chưa biết khi nào có kết quả, gọi điện không ai nghe máy.',
    name: 'Trần Thị Mai',
    phone: '0912345678',
  });
  clock = new Date(realNow.getTime() - 9 * DAY);
  const aid = await idOf(answered.code);
  await actOnFeedback(dd, director, slug, aid, 'classify', {
    classification: 'tthc',
    topic: 'Thông tin tiến độ giải quyết hồ sơ',
  });
  await actOnFeedback(dd, director, slug, aid, 'answer', {
    text: 'Trung tâm xin lỗi vì chưa kịp thời thông tin. Hồ sơ của bà đã có kết quả, Trung tâm đã nhắn tin mời bà đến nhận. Từ tháng này Trung tâm gửi tin nhắn khi có kết quả và bố trí người trực số điện thoại Bộ phận Một cửa trong giờ làm việc.',
    publish: true,
  });

  await file(2, {
    about: 'conduct',
    content: 'Đề nghị bố trí thêm ghế chờ và nước uống ở khu vực tiếp dân vào sáng thứ Hai, thường rất đông.',
    anonymous: true,
  });
  const info = await file(4, {
    about: 'other',
    content: 'Trang tra cứu hồ sơ báo không tìm thấy mã hồ sơ của tôi.',
    email: 'congdan.demo@example.com',
  });
  clock = new Date(realNow.getTime() - 3 * DAY);
  await actOnFeedback(dd, director, slug, await idOf(info.code), 'request_info', {
    text: 'Xin Ông/Bà cho biết mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận để Trung tâm kiểm tra.',
  });
  // Past the 15-working-day limit and still open: shows as overdue.
  await file(30, {
    about: 'conduct',
    content: 'Công chức ở quầy 3 không hướng dẫn đầy đủ giấy tờ cần nộp, tôi phải đi lại nhiều lần.',
    anonymous: true,
  });

  // One obstacle raised by the receiving officer, answered by the director.
  const u = await findUserByUsername(deps.db, 'tiepnhan');
  const receiver: Actor = u
    ? {
        userId: u.id,
        username: u.username,
        fullName: u.full_name,
        homeCenterId: center.id,
        roles: new Map([[center.id, new Set(['receiver' as const])]]),
        via: 'session',
      }
    : { ...SYSTEM_ACTOR, fullName: 'Lê Thị Thu Hương' };
  clock = new Date(realNow.getTime() - 5 * DAY);
  const id = await raiseObstacle(dd, receiver, slug, {
    title: 'Máy quét tại quầy 1 hay bị kẹt giấy',
    content:
      'Máy quét tài liệu tại quầy 1 thường xuyên kẹt giấy khi số hóa hồ sơ nhiều trang, làm người dân phải chờ lâu. Đề nghị lãnh đạo Trung tâm xem xét sửa chữa hoặc thay thế.',
  });
  clock = new Date(realNow.getTime() - 4 * DAY);
  await answerObstacle(dd, director, slug, id, {
    answer: 'Đã giao Kế toán liên hệ đơn vị bảo hành; trong thời gian chờ, quầy 1 dùng máy quét của quầy 2.',
  });
  await raiseObstacle({ ...deps, now: () => new Date(realNow.getTime() - DAY) }, receiver, slug, {
    title: 'Phần mềm chưa cho nhập hồ sơ cũ',
    content: 'Một số hồ sơ nhận bằng giấy trước khi dùng phần mềm chưa được nhập vào sổ, đề nghị hướng dẫn cách nhập.',
  });
}
