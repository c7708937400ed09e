/**
 * The QR code on the chip-based citizen ID card (CCCD gắn chip, BRIEF §18.3):
 * `ID|old ID|full name|birth ddMMyyyy|sex|address|issue ddMMyyyy`, e.g.
 * `034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long, Cẩm Giàng, Hải Dương|15032021`.
 *
 * A handheld 2D scanner types it like a keyboard (then Enter) into whatever field has the focus;
 * a phone or webcam reads it where the browser has BarcodeDetector. Either way the string comes
 * here. Nothing is trusted blindly: the field count, the ID (12 digits, a province code), both
 * dates, the sex and the Vietnamese text are checked, and a string that fails any check fills
 * nothing — the officer is told why (a scanner typing through a Telex/VNI input method, or with a
 * non-US keyboard layout, mangles the Vietnamese letters; that is the most common failure).
 *
 * `parseCccd` is self-contained (no imports, no outer names) because the intake form's script
 * serves its source to the browser (`cccdScript()`): one parser on both sides.
 */

export interface CccdCard {
  idNumber: string;
  oldIdNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'Nam' | 'Nữ';
  address: string;
  /** YYYY-MM-DD */
  issueDate: string;
}

/** Why a scanned string was not taken. */
export type CccdProblem = 'fields' | 'id' | 'oldId' | 'name' | 'birth' | 'sex' | 'address' | 'issue' | 'mangled';

export type CccdResult = { ok: true; card: CccdCard } | { ok: false; problem: CccdProblem };

/**
 * Whether a typed value looks like a scan at all (so the form can react to it in any field): at
 * least six "|" and a run of 12 digits at the start. Self-contained, served to the browser.
 */
export function looksLikeCccd(raw: string): boolean {
  const s = raw.trim();
  return s.split('|').length >= 6 && /^\d{9,12}\|/.test(s);
}

/**
 * Where a scan starts inside what a field holds (the scanner types after whatever was already
 * there, e.g. "0912" + the QR string), or -1. Self-contained, served to the browser.
 */
export function scanStart(value: string): number {
  const re = /\d{9,12}\|/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const rest = value.slice(m.index);
    if (rest.split('|').length >= 6) return m.index;
    re.lastIndex = m.index + 1;
  }
  return -1;
}

/** Parses a scanned CCCD QR string. Self-contained (its source is served to the browser). */
export function parseCccd(raw: string, today?: string): CccdResult {
  const PROVINCES = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
    46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
    93, 94, 95, 96,
  ];
  const fail = (problem: CccdProblem): CccdResult => ({ ok: false, problem });
  // A scanner may add a trailing newline or carriage return; nothing else is trimmed away.
  const text = raw.replace(/[\r\n]+$/g, '').normalize('NFC');
  const parts = text.split('|');
  if (parts.length !== 7) return fail('fields');
  const [id = '', oldId = '', nameRaw = '', birth = '', sexRaw = '', addressRaw = '', issue = ''] = parts.map((p) =>
    p.trim(),
  );
  // Text typed through a Telex/VNI input method or a non-US layout: replacement characters,
  // UTF-8 read as Windows-1252 ("Nguyá»…n"), stray tone digits ("Nguye6n") or keys ("Nguyeenx").
  const mojibake = /[\uFFFD]|[ÃÂÄÆ][\u0080-\u00BF\u2018-\u203A]|á»|áº|Ä‘|Æ°|Æ¡/;
  // Letters, spaces and the apostrophe of some minority names (H'Bia).
  const nameLetters = /^[\p{L} ']+$/u;
  const vowels = /[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
  const telex = /aa|ee|oo|dd|aw|ow|uw|[fjz]|x$/i;
  if (mojibake.test(text)) return fail('mangled');
  if (!/^\d{12}$/.test(id)) return fail('id');
  if (!PROVINCES.includes(Number(id.slice(0, 3)))) return fail('id');
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return fail('oldId');
  const name = nameRaw.replace(/\s+/g, ' ');
  if (/\d/.test(name) || /[?]/.test(name)) return fail('mangled');
  if (!name || name.length > 120 || !nameLetters.test(name)) return fail('name');
  // Every Vietnamese syllable has a vowel: "Nguyn Vn An" lost its letters on the way.
  if (name.split(' ').some((w) => !vowels.test(w))) return fail('mangled');
  // Letters and pairs that Vietnamese words never have but Telex keystrokes leave ("Nguyeenx Vawn"):
  // doubled vowels and dd (â ê ô đ), w after a vowel (ă ơ ư), f/j/z, a tone x at the end.
  if (name.split(' ').some((w) => telex.test(w))) return fail('mangled');
  const date = (s: string): string | null => {
    if (!/^\d{8}$/.test(s)) return null;
    const d = Number(s.slice(0, 2));
    const m = Number(s.slice(2, 4));
    const y = Number(s.slice(4, 8));
    const days = [
      31,
      y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ];
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (days[m - 1] ?? 0)) return null;
    const iso = `${s.slice(4, 8)}-${s.slice(2, 4)}-${s.slice(0, 2)}`;
    return today && iso > today ? null : iso;
  };
  const birthDate = date(birth);
  if (!birthDate) return fail('birth');
  const sex = sexRaw === 'Nam' ? 'Nam' : sexRaw === 'Nữ' ? 'Nữ' : null;
  if (!sex) return /^N.?.?$/.test(sexRaw) ? fail('mangled') : fail('sex');
  const address = addressRaw.replace(/\s+/g, ' ');
  if (/[?]/.test(address)) return fail('mangled');
  if (!address || address.length > 300 || !/^[\p{L}\p{N} ,./()–-]+$/u.test(address)) return fail('address');
  const issueDate = date(issue);
  if (!issueDate || issueDate < birthDate) return fail('issue');
  return { ok: true, card: { idNumber: id, oldIdNumber: oldId, fullName: name, birthDate, sex, address, issueDate } };
}

/** The officer's message for each problem (vi, en). */
export const CCCD_PROBLEMS: Record<CccdProblem, { vi: string; en: string }> = {
  fields: {
    vi: 'Chuỗi quét không đúng mã QR trên thẻ căn cước (cần 7 phần ngăn cách bởi “|”). Chưa điền gì — hãy quét lại.',
    en: 'The scanned text is not a citizen ID card QR code (7 parts separated by “|”). Nothing was filled — scan again.',
  },
  id: {
    vi: 'Số định danh trong mã QR không hợp lệ (12 chữ số, bắt đầu bằng mã tỉnh). Chưa điền gì — hãy quét lại hoặc nhập tay.',
    en: 'The ID number in the QR code is not valid (12 digits starting with a province code). Nothing was filled.',
  },
  oldId: {
    vi: 'Số CMND cũ trong mã QR không hợp lệ (9 chữ số). Chưa điền gì — hãy quét lại.',
    en: 'The old ID number in the QR code is not valid (9 digits). Nothing was filled.',
  },
  name: {
    vi: 'Họ tên trong mã QR không đọc được. Chưa điền gì — hãy quét lại hoặc nhập tay.',
    en: 'The name in the QR code cannot be read. Nothing was filled — scan again or type it.',
  },
  birth: {
    vi: 'Ngày sinh trong mã QR không hợp lệ (ngàythángnăm, 8 chữ số). Chưa điền gì — hãy quét lại.',
    en: 'The date of birth in the QR code is not valid (ddMMyyyy). Nothing was filled.',
  },
  sex: {
    vi: 'Giới tính trong mã QR không phải “Nam” hoặc “Nữ”. Chưa điền gì — hãy quét lại.',
    en: 'The sex in the QR code is neither “Nam” nor “Nữ”. Nothing was filled.',
  },
  address: {
    vi: 'Địa chỉ trong mã QR không đọc được. Chưa điền gì — hãy quét lại hoặc nhập tay.',
    en: 'The address in the QR code cannot be read. Nothing was filled.',
  },
  issue: {
    vi: 'Ngày cấp trong mã QR không hợp lệ. Chưa điền gì — hãy quét lại.',
    en: 'The issue date in the QR code is not valid. Nothing was filled.',
  },
  mangled: {
    vi: 'Chữ tiếng Việt trong chuỗi quét bị sai dấu (máy quét gõ qua bộ gõ Telex/VNI hoặc bàn phím không phải US). Chưa điền gì — hãy tắt bộ gõ tiếng Việt (Unikey/EVKey: chuyển sang E) rồi quét lại.',
    en: 'The Vietnamese letters of the scan are mangled (the scanner typed through a Telex/VNI input method or a non-US keyboard layout). Nothing was filled — switch the Vietnamese input method off and scan again.',
  },
};

/**
 * The intake form's script (served at /console/assets/cccd-scan.js): the same parser, and the
 * glue that recognises a scan typed into any field of the form (the scanner ends with Enter),
 * fills the applicant — or the owner, when the officer chose so — and reads the QR code with the
 * camera where the browser has BarcodeDetector. Without this script the form still works: the
 * server recognises a scan in any field on submit (see scanFromForm in console-routes.ts).
 */
export function cccdScript(): string {
  return `(function () {
'use strict';
var looksLikeCccd = ${looksLikeCccd.toString()};
var scanStart = ${scanStart.toString()};
var parseCccd = ${parseCccd.toString()};
${CLIENT_GLUE}
})();
`;
}

const CLIENT_GLUE = `
var form = document.querySelector('form[data-cccd-scan]');
if (!form) return;
var box = document.getElementById('cccd-status');
var today = form.getAttribute('data-today') || undefined;
function say(text, ok) {
  if (!box) return;
  box.textContent = text;
  box.className = ok ? 'notice ok cccd-status' : 'error-summary cccd-status';
  box.hidden = false;
}
function target() {
  var r = form.querySelector('input[name="scanTarget"]:checked');
  return r && r.value === 'owner' ? 'owner' : 'applicant';
}
function set(id, v) {
  var el = document.getElementById(id);
  if (el) { el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); }
}
function fmt(iso) { return iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4); }
function take(raw, field, before) {
  var r = parseCccd(raw, today);
  if (field) field.value = before;
  if (!r.ok) { say(form.getAttribute('data-msg-' + r.problem) || r.problem, false); return; }
  var c = r.card;
  if (target() === 'owner') {
    set('ownerName', c.fullName); set('ownerId', c.idNumber); set('ownerAddress', c.address);
  } else {
    set('fullName', c.fullName); set('idNumber', c.idNumber); set('address', c.address);
    var citizen = form.querySelector('input[name="kind"][value="citizen"]');
    if (citizen) citizen.checked = true;
  }
  var msg = form.getAttribute(target() === 'owner' ? 'data-msg-filled-owner' : 'data-msg-filled') || '';
  say(msg.replace('{name}', c.fullName).replace('{id}', c.idNumber).replace('{birth}', fmt(c.birthDate)).replace('{sex}', c.sex), true);
  var next = document.getElementById(target() === 'owner' ? 'ownerName' : 'phone');
  if (next) next.focus();
}
// The scanner's Enter in any field: the scan is what follows what the field held before.
form.addEventListener('keydown', function (e) {
  var el = e.target;
  if (e.key !== 'Enter' || !el || (el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA')) return;
  var v = el.value;
  var at = scanStart(v);
  if (at < 0) return;
  e.preventDefault();
  take(v.slice(at), el, v.slice(0, at));
}, true);
// The camera, where the browser can read QR codes itself (progressive enhancement).
var cam = document.getElementById('cccd-camera');
if (cam && 'BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  cam.hidden = false;
  cam.addEventListener('click', function () {
    var video = document.getElementById('cccd-video');
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play();
      var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
      var tries = 0;
      var tick = function () {
        detector.detect(video).then(function (codes) {
          var hit = codes.filter(function (c) { return looksLikeCccd(c.rawValue); })[0];
          if (hit) { stop(); take(hit.rawValue, null, ''); }
          else if (++tries < 600) setTimeout(tick, 200);
          else stop();
        }, function () { stop(); });
      };
      tick();
    }, function () { say(form.getAttribute('data-msg-camera') || '', false); });
  });
}
`;
