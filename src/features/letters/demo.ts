/**
 * Demo courtesy letters for the demo centre: a few registrations made through the real desk (so
 * the hook prepares the letters), then moved to different states: handed over with its record,
 * printed and waiting, prepared, a condolence letter with its visit planned, and one the family
 * declined. Names are fictitious.
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { addDays, localDateOf } from '../../core/calendar/index.ts';
import { act, intake } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { declineLetter, printOne, recordHandover, updateFollowup } from './service.ts';

const RECEIVER: Actor = { ...SYSTEM_ACTOR, fullName: 'Lê Thị Thu Hương' };
const ADDRESS = 'xã Cẩm Giàng, thành phố Hải Phòng';

export async function seedLetterDemo(deps: Deps, slug: string): Promise<number> {
  // Demo registrations send no messages to their fictitious applicants.
  const d: Deps = {
    ...deps,
    config: {
      ...deps.config,
      notify: { ...deps.config.notify, fileDir: null, smtpUrl: null, smsWebhookUrl: null, zaloWebhookUrl: null },
    },
  };
  const register = async (
    procedureCode: string,
    applicant: string,
    owner: string,
    village: string,
    returned: boolean,
  ) => {
    const dossier = await intake(d, RECEIVER, slug, {
      procedureCode,
      applicant: { fullName: applicant, address: `${village}, ${ADDRESS}` },
      owner: { fullName: owner },
    });
    if (returned) {
      await act(d, RECEIVER, dossier.code, 'mark_processed', { result: 'Đã ký, đóng dấu' });
      await act(d, RECEIVER, dossier.code, 'return_result', { method: 'desk' });
    }
    const letter = await d.db
      .selectFrom('courtesy_letter')
      .select('id')
      .where('dossier_code', '=', dossier.code)
      .executeTakeFirst();
    return letter ? String(letter.id) : null;
  };
  let n = 0;
  const handed = await register('1.000894', 'Nguyễn Văn Hùng', 'Trần Thị Thu Hằng', 'Thôn Cẩm Khê', true);
  if (handed) {
    await printOne(d, SYSTEM_ACTOR, slug, handed);
    await recordHandover(d, SYSTEM_ACTOR, slug, handed, {
      by: 'Lê Thị Thu Hương',
      note: 'Trao cùng Giấy chứng nhận kết hôn tại Bộ phận Một cửa',
    });
    n++;
  }
  // The bride registered: the letter still names the groom first.
  if (await register('1.000894', 'Phạm Thị Mai Anh', 'Đỗ Quang Minh', 'Thôn Phú Lộc', true)) n++;
  const birth = await register('1.001193', 'Lê Thị Hương', 'Vũ Minh Khôi', 'Thôn Đông Giao', true);
  if (birth) {
    await printOne(d, SYSTEM_ACTOR, slug, birth);
    n++;
  }
  const condolence = await register('1.000656', 'Đặng Văn Dũng', 'Đặng Văn Tư', 'Thôn Tràng Kênh', false);
  if (condolence) {
    const f = await repo.followupOfLetter(d.db, Number(condolence));
    if (f)
      await updateFollowup(d, SYSTEM_ACTOR, slug, String(f.id), {
        assignee: 'Nguyễn Thị Hà (Giám đốc) và đại diện Hội Phụ nữ xã',
        plannedDate: addDays(localDateOf(d.now()), 1),
        note: 'Viếng tại nhà riêng',
      });
    n++;
  }
  const declined = await register('1.000656', 'Bùi Thị Lan', 'Ngô Văn Bảy', 'Thôn Hoàng Xá', false);
  if (declined) {
    await declineLetter(d, SYSTEM_ACTOR, slug, declined, {
      reason: 'Gia đình cảm ơn và xin không nhận thư, không tổ chức thăm viếng',
    });
    n++;
  }
  return n;
}
