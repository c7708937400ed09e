/**
 * The fee recorded at intake (issue 11 §7): the amount computed from the catalogue's fee items and
 * the quantities the officer enters, whether it was paid or exempted, how, and the receipt number.
 * Pure: no I/O. The per-page items of certified copies (BRIEF §18.2: 2,000 đ a page for pages 1–2,
 * 1,000 đ from page 3, at most 200,000 đ a copy) are catalogue data (`tier`, `capPerCopy`), not code.
 */
import { nfc } from '../../../core/text/index.ts';
import type { ErrorDetail } from '../../../core/http/errors.ts';
import type { FeeItem } from '../../catalog/index.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../model.ts';

export const FEE_STATUSES = ['paid', 'unpaid', 'exempt'] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];

/** One charged line: the catalogue item (by index), how many units, and what they cost. */
export interface FeeLine {
  item: number;
  name: string;
  per: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/** What the officer enters: quantities of the plain items, and pages × copies for the per-page items. */
export interface FeeQuantities {
  /** Plain (not per-page) items: index in the procedure's `fees` → quantity. */
  items: Record<number, number>;
  /** Pages of the document copied (per-page items). */
  pages: number;
  /** Number of copies (per-page items). */
  copies: number;
}

export interface FeeComputation {
  lines: FeeLine[];
  /** Total in đồng after the per-copy cap. */
  total: number;
  /** True when the per-copy cap lowered the total. */
  capped: boolean;
}

/** The fee record kept with the dossier. */
export interface DossierFee extends FeeComputation {
  status: FeeStatus;
  method: PaymentMethod | null;
  receipt: string;
}

export const hasTiers = (fees: readonly FeeItem[]): boolean => fees.some((f) => f.tier);

/** The quantities the form starts with: one of the first plain item that costs something, one page, one copy. */
export function defaultQuantities(fees: readonly FeeItem[]): FeeQuantities {
  const first = fees.findIndex((f) => !f.tier && f.amount > 0);
  return { items: first >= 0 ? { [first]: 1 } : {}, pages: 1, copies: 1 };
}

/** Units `from`…`to` of a tier that fall within `pages`. */
function unitsIn(tier: { from: number; to: number | null }, pages: number): number {
  const hi = tier.to === null ? pages : Math.min(tier.to, pages);
  return Math.max(0, hi - tier.from + 1);
}

/**
 * The amount for the quantities: plain items cost amount × quantity; per-page items charge the
 * pages of their tier for each copy, and all per-page items together cost at most `capPerCopy`
 * a copy (the smallest cap stated).
 */
export function computeFee(fees: readonly FeeItem[], q: FeeQuantities): FeeComputation {
  const lines: FeeLine[] = [];
  let total = 0;
  fees.forEach((f, i) => {
    if (f.tier) return;
    const n = q.items[i] ?? 0;
    if (n <= 0) return;
    lines.push({ item: i, name: f.name, per: f.per, quantity: n, unitAmount: f.amount, amount: f.amount * n });
    total += f.amount * n;
  });
  let capped = false;
  const tiered = fees.map((f, i) => ({ f, i })).filter((x) => x.f.tier);
  if (tiered.length && q.pages > 0 && q.copies > 0) {
    let perCopy = 0;
    for (const { f, i } of tiered) {
      const units = f.tier ? unitsIn(f.tier, q.pages) : 0;
      if (units <= 0) continue;
      perCopy += units * f.amount;
      lines.push({
        item: i,
        name: f.name,
        per: f.per,
        quantity: units * q.copies,
        unitAmount: f.amount,
        amount: units * f.amount * q.copies,
      });
    }
    const caps = tiered.map((x) => x.f.capPerCopy).filter((c): c is number => typeof c === 'number' && c > 0);
    const cap = caps.length ? Math.min(...caps) : Infinity;
    if (perCopy > cap) {
      capped = true;
      perCopy = cap;
    }
    total += perCopy * q.copies;
  }
  return { lines, total, capped };
}

const int = (v: unknown, max: number): number | null => {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
};

/**
 * Reads `{ items: [{ item, quantity }], pages, copies, status, method, receipt }` against the
 * procedure's fee items; problems are reported, never guessed. Paid needs a method.
 */
export function parseFee(
  fees: readonly FeeItem[],
  input: unknown,
): { fee: DossierFee | null; problems: ErrorDetail[] } {
  if (input === undefined || input === null) return { fee: null, problems: [] };
  const problems: ErrorDetail[] = [];
  const o = (typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const q: FeeQuantities = { items: {}, pages: 0, copies: 0 };
  if (o.items !== undefined) {
    if (!Array.isArray(o.items) || o.items.length > 20)
      problems.push({
        field: 'fee.items',
        vi: 'Danh sách khoản phí (tối đa 20).',
        en: 'A list of fee items (20 at most).',
      });
    else
      o.items.forEach((raw, k) => {
        const x = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
        const i = int(x.item, 100);
        const n = int(x.quantity, 10_000);
        if (i === null || n === null || fees[i] === undefined || fees[i].tier)
          problems.push({
            field: `fee.items[${k}]`,
            vi: 'Khoản phí không có trong danh mục của thủ tục, hoặc số lượng không hợp lệ (0–10.000).',
            en: 'The fee item is not one of the procedure’s, or the quantity is not valid (0–10,000).',
          });
        else q.items[i] = n;
      });
  }
  if (hasTiers(fees)) {
    const pages = o.pages === undefined ? 0 : int(o.pages, 100_000);
    const copies = o.copies === undefined ? (pages ? 1 : 0) : int(o.copies, 10_000);
    if (pages === null)
      problems.push({ field: 'fee.pages', vi: 'Số trang là số nguyên từ 0.', en: 'Pages: a whole number from 0.' });
    if (copies === null)
      problems.push({ field: 'fee.copies', vi: 'Số bản là số nguyên từ 0.', en: 'Copies: a whole number from 0.' });
    q.pages = pages ?? 0;
    q.copies = copies ?? 0;
  }
  const computed = computeFee(fees, q);
  const status = o.status === undefined || o.status === '' ? (computed.total > 0 ? 'unpaid' : 'exempt') : o.status;
  if (typeof status !== 'string' || !(FEE_STATUSES as readonly string[]).includes(status))
    problems.push({
      field: 'fee.status',
      vi: 'Tình trạng phí: paid (đã nộp), unpaid (chưa nộp) hoặc exempt (miễn).',
      en: 'Fee status: paid, unpaid or exempt.',
    });
  let method: PaymentMethod | null = null;
  if (status === 'paid') {
    if (typeof o.method === 'string' && (PAYMENT_METHODS as readonly string[]).includes(o.method))
      method = o.method as PaymentMethod;
    else
      problems.push({
        field: 'fee.method',
        vi: 'Đã nộp phí: chọn hình thức nộp (tiền mặt, chuyển khoản, trực tuyến).',
        en: 'Fee paid: choose how (cash, transfer, online).',
      });
    if (computed.total === 0)
      problems.push({
        field: 'fee.status',
        vi: 'Số tiền phí bằng 0: không thể ghi “đã nộp”.',
        en: 'The fee is 0: it cannot be recorded as paid.',
      });
  }
  const receipt = typeof o.receipt === 'string' ? nfc(o.receipt).trim().slice(0, 40) : '';
  if (problems.length) return { fee: null, problems };
  return { fee: { ...computed, status: status as FeeStatus, method, receipt }, problems };
}

const VND = new Intl.NumberFormat('vi-VN');

/** "21.000 đồng" */
export function vnd(n: number): string {
  return `${VND.format(n)}\u00a0đồng`;
}

/** "2.000 đồng/trang" (the unit already says "đồng"), "8.000 đồng" when there is no unit. */
export function amountPer(amount: number, per: string): string {
  if (!per) return vnd(amount);
  return per.startsWith('đồng') ? `${VND.format(amount)}\u00a0${per}` : `${vnd(amount)}/${per}`;
}

/** One line for the paper and the page: "21.000 đồng – đã nộp (tiền mặt), biên lai số 0001234". */
export function feeText(fee: Pick<DossierFee, 'total' | 'status' | 'method' | 'receipt'>): string {
  const how = { cash: 'tiền mặt', transfer: 'chuyển khoản', online: 'trực tuyến' } as const;
  const st =
    fee.status === 'paid'
      ? `đã nộp${fee.method ? ` (${how[fee.method]})` : ''}${fee.receipt ? `, biên lai số ${fee.receipt}` : ''}`
      : fee.status === 'exempt'
        ? 'miễn'
        : 'chưa nộp';
  return `${vnd(fee.total)} – ${st}`;
}
