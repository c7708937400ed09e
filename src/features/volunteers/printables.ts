/**
 * Printables of volunteers at the desk (loaded on demand: pdfkit stays out of the idle server):
 * the week's roster (A4, Decree 30 header, one row per shift, a column to sign on arrival) and the
 * thank-you letter (thư cảm ơn) to a volunteer or their organisation, signed by the centre leader.
 */
import type { Center } from '../../core/db/schema.ts';
import { addDays, formatVi, type LocalDate } from '../../core/calendar/index.ts';
import { weekdayName } from '../../core/text/index.ts';
import {
  clean,
  createPdf,
  drawTable,
  drawText,
  mm,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  textHeight,
  titleBlock,
  upperVi,
  type Doc,
  type TableRow,
  type TextStyle,
} from '../../core/documents/pdf.ts';
import { placeOf } from '../boards/index.ts';
import { ORGANISATION_LABELS, SESSION_LABELS, orgLabel, type Organisation } from './model.ts';
import type { ThankYouLetter, Week } from './service.ts';

const headerOf = (doc: Doc, center: Center, date: LocalDate) =>
  nationalHeader(doc, {
    parentBody: center.parent_body,
    agency: center.name,
    place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
    date,
  });

/** The signing authority: "Phó Giám đốc" signs for the Director (KT. GIÁM ĐỐC). */
function signer(center: Center): { lines: string[]; title: string; name: string } {
  const t = (center.leader_title ?? '').trim() || 'Giám đốc';
  const m = /^phó\s+(.+)$/iu.exec(t);
  return { lines: m ? [`KT. ${upperVi(m[1]!)}`] : [], title: upperVi(t), name: (center.leader_name ?? '').trim() };
}

/** "Nơi nhận" on the left and the leader's signature on the right, kept on one page. */
function closing(doc: Doc, y: number, center: Center, recipients: string[]): number {
  const b = pageBody(doc);
  const leftW = b.width * 0.45;
  const signX = b.left + leftW;
  const signW = b.width - leftW;
  const ts: TextStyle = { font: 'serif-bold', size: 14, align: 'center' };
  const rs: TextStyle = { size: 11 };
  const s = signer(center);
  const need = Math.max(
    textHeight(doc, 'Nơi nhận:', leftW, { font: 'serif-bold-italic', size: 12 }) +
      recipients.reduce((h, r) => h + textHeight(doc, r, leftW, rs), 0),
    [...s.lines, s.title].reduce((h, l) => h + textHeight(doc, l, signW, ts), 0) + 70 + 20,
  );
  if (y + need > b.bottom) {
    doc.addPage();
    y = pageBody(doc).top;
  }
  let ly = y;
  ly += drawText(doc, 'Nơi nhận:', b.left, ly, leftW, { font: 'serif-bold-italic', size: 12 });
  for (const r of recipients) ly += drawText(doc, r, b.left, ly, leftW, rs);
  let ry = y;
  for (const l of s.lines) ry += drawText(doc, l, signX, ry, signW, ts);
  ry += drawText(doc, s.title, signX, ry, signW, ts);
  ry += 70;
  if (s.name) ry += drawText(doc, s.name, signX, ry, signW, ts);
  return Math.max(ly, ry);
}

/** The week's roster: Decree 30 header, title, one row per shift (days off flagged), signatures. */
export async function rosterPdf(center: Center, week: Week, today: LocalDate): Promise<Buffer> {
  const sunday = addDays(week.monday, 6);
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: `Lịch trực tình nguyện viên ${formatVi(week.monday)} – ${formatVi(sunday)}`,
    subject: 'Lịch trực hỗ trợ người dân tại Bộ phận Một cửa',
  });
  let y = headerOf(doc, center, today);
  y = titleBlock(doc, {
    title: 'Lịch trực hỗ trợ người dân tại Bộ phận Một cửa',
    subtitle: `Tuần từ ngày ${formatVi(week.monday)} đến ngày ${formatVi(sunday)}`,
    note: 'Đoàn viên Đoàn Thanh niên, hội viên Hội Phụ nữ tiếp đón, hướng dẫn, hỗ trợ kê khai, nộp hồ sơ trực tuyến, cài đặt VNeID',
    y: y + 14,
  });
  const rows: TableRow[] = [];
  for (const d of week.days) {
    const dayLabel = `${weekdayName(d.info.weekday, 'vi')}\n${formatVi(d.info.date)}`;
    const off = d.info.working ? '' : `\n(Ngày nghỉ: ${d.info.reason})`;
    if (!d.shifts.length) {
      rows.push({ cells: [dayLabel, '', d.info.working ? 'Chưa bố trí' : `Nghỉ (${d.info.reason})`, '', '', ''] });
      continue;
    }
    d.shifts.forEach((s, i) => {
      rows.push({
        cells: [
          i === 0 ? dayLabel + off : '',
          `${SESSION_LABELS[s.session].vi}\n${s.start}–${s.end}`,
          s.volunteerName + (s.workingDay ? '' : ' (*)'),
          orgLabel(s.organisation, s.organisationName, 'vi'),
          week.volunteers.find((v) => v.id === s.volunteerId)?.phone ?? '',
          '',
        ],
        continues: [i > 0, false, false, false, false, false],
      });
    });
  }
  const t = drawTable(doc, {
    y: y + 6,
    fontSize: 11.5,
    headerFontSize: 11.5,
    columns: [
      { header: 'Ngày', width: 16, align: 'center' },
      { header: 'Buổi, giờ', width: 15, align: 'center' },
      { header: 'Họ và tên', width: 22 },
      { header: 'Tổ chức', width: 18 },
      { header: 'Điện thoại', width: 16, align: 'center' },
      { header: 'Ký nhận ca', width: 13 },
    ],
    rows,
  });
  let after = t.y + 8;
  if (week.days.some((d) => !d.info.working && d.shifts.length)) {
    after += drawText(
      doc,
      '(*) Ca trực rơi vào ngày nghỉ theo lịch làm việc của Trung tâm.',
      pageBody(doc).left,
      after,
      pageBody(doc).width,
      { font: 'serif-italic', size: 11 },
    );
  }
  closing(doc, after + 14, center, [
    '- Đoàn Thanh niên, Hội Phụ nữ xã;',
    '- Tình nguyện viên có tên;',
    '- Bộ phận Một cửa;',
    '- Lưu: VT.',
  ]);
  numberPages(doc);
  return pdfToBuffer(doc);
}

/** A body paragraph: 14 pt, justified, first line indented 10 mm (Decree 30); a new page when it does not fit. */
function para(doc: Doc, text: string, y: number): number {
  const b = pageBody(doc);
  const o = { width: b.width, align: 'justify' as const, lineGap: 3, indent: mm(10) };
  doc.font('serif').fontSize(14).fillColor('black');
  const h = doc.heightOfString(clean(text), o);
  if (y + h > b.bottom) {
    doc.addPage();
    y = pageBody(doc).top;
  }
  doc.text(clean(text), b.left, y, { ...o, height: 1e6 });
  return y + h;
}

/** "xã Cẩm Giàng" from "UBND xã Cẩm Giàng" (the commune the unions belong to). */
function communeOf(center: Center): string {
  const m = /(?:UBND|Ủy ban nhân dân)\s+(.+)$/iu.exec(center.parent_body.trim());
  return m ? m[1]! : placeOf({ parentBody: center.parent_body, name: center.name, province: center.province });
}

function orgAddressee(org: Organisation, name: string | null, center: Center): string {
  if (org === 'other') return name ?? 'Quý tổ chức';
  const commune = communeOf(center);
  if (org === 'youth_union') return `Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh ${commune}`;
  return `Ban Chấp hành Hội Liên hiệp Phụ nữ ${commune}`;
}

/** The thank-you letter (thư cảm ơn, Decree 30 letter layout), signed by the centre leader. */
export async function thankYouPdf(l: ThankYouLetter): Promise<Buffer> {
  const { center, volunteer: v, figures: f } = l;
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: `Thư cảm ơn – ${v.fullName}`,
    subject: 'Thư cảm ơn tình nguyện viên hỗ trợ người dân tại Bộ phận Một cửa',
  });
  let y = headerOf(doc, center, l.date);
  y = titleBlock(doc, { title: 'Thư cảm ơn', y: y + 22, rule: false });
  const b = pageBody(doc);
  const unionName =
    v.organisation === 'other'
      ? (v.organisationName ?? ORGANISATION_LABELS.other.vi)
      : ORGANISATION_LABELS[v.organisation].vi;
  const member =
    v.organisation === 'youth_union' ? 'đoàn viên' : v.organisation === 'women_union' ? 'hội viên' : 'thành viên';
  const addressee =
    l.to === 'organisation' ? orgAddressee(v.organisation, v.organisationName, center) : `Đồng chí ${v.fullName}`;
  const ks: TextStyle = { size: 14 };
  y += 6;
  y += drawText(doc, `Kính gửi: ${addressee}`, b.left, y, b.width, { ...ks, font: 'serif-bold', align: 'center' });
  if (l.to === 'person')
    y += drawText(
      doc,
      `${member[0]!.toUpperCase()}${member.slice(1)} ${unionName}${v.organisation !== 'other' && v.organisationName ? ` – ${v.organisationName}` : ''}`,
      b.left,
      y,
      b.width,
      { font: 'serif-italic', size: 13, align: 'center' },
    );
  y += 12;
  const [yy, mo] = l.month.split('-');
  const parts = [
    f.guided ? `tiếp đón, hướng dẫn ${f.guided} lượt người dân` : '',
    f.formsFilled ? `hỗ trợ kê khai tờ khai, biểu mẫu ${f.formsFilled} lượt` : '',
    f.onlineSubmissionsHelped ? `hỗ trợ nộp hồ sơ trực tuyến ${f.onlineSubmissionsHelped} lượt` : '',
    f.vneidHelped ? `hỗ trợ cài đặt, kích hoạt tài khoản định danh điện tử VNeID ${f.vneidHelped} lượt` : '',
    f.otherHelped ? `hỗ trợ khác ${f.otherHelped} lượt` : '',
  ].filter(Boolean);
  const who = l.to === 'organisation' ? `${member} ${v.fullName}` : 'đồng chí';
  const paragraphs = [
    `${center.name} xin gửi lời chào trân trọng.`,
    `Thực hiện Kế hoạch xây dựng mô hình “Chính quyền thân thiện”, trong tháng ${Number(mo)} năm ${yy}, ${who} đã tham gia trực hỗ trợ người dân tại Bộ phận Một cửa của Trung tâm${f.checkIns ? ` (${f.checkIns} ca trực${f.hoursOnDuty ? `, ${f.hoursOnDuty.toLocaleString('vi-VN')} giờ` : ''})` : ''}${parts.length ? `: ${parts.join('; ')}; tổng cộng ${f.peopleHelped} lượt người được hỗ trợ` : ''}.`,
    `Sự nhiệt tình, trách nhiệm của ${who} đã giúp người dân thực hiện thủ tục hành chính thuận lợi, nhanh chóng và góp phần thúc đẩy chuyển đổi số tại địa phương.`,
    `${center.name} trân trọng cảm ơn ${l.to === 'organisation' ? 'quý Ban Chấp hành đã cử đoàn viên, hội viên tham gia' : 'sự đóng góp của đồng chí'} và mong tiếp tục nhận được sự phối hợp, đồng hành trong thời gian tới.`,
    'Trân trọng cảm ơn./.',
  ];
  for (const p of paragraphs) y = para(doc, p, y) + 6;
  closing(
    doc,
    y + 12,
    center,
    l.to === 'organisation'
      ? ['- Như trên;', `- ${member[0]!.toUpperCase()}${member.slice(1)} ${v.fullName};`, '- Lưu: VT.']
      : ['- Như trên;', `- ${orgAddressee(v.organisation, v.organisationName, center)};`, '- Lưu: VT.'],
  );
  numberPages(doc);
  return pdfToBuffer(doc);
}
