/** Yearly targets per indicator (rates 0..1). Defaults: plan III.5.1 (90% full-process online, digitisation, reuse); others as noted. */
export const TARGET_KEYS = [
  'onTimeRate',
  'fullOnlineRate',
  'onlineRate',
  'digitisedRate',
  'resultDigitisedRate',
  'reuseRate',
  'vneidRate',
  'onlinePaymentRate',
  'satisfactionRate',
  'sameDayRate',
  'syncedRate',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const DEFAULT_TARGETS: Record<TargetKey, number> = {
  onTimeRate: 0.98, // Lâm Đồng 2025 target quoted in the brief §7.2
  fullOnlineRate: 0.9, // plan III.5.1
  onlineRate: 0.9, // plan III.5.1
  digitisedRate: 0.9, // plan III.5.1
  resultDigitisedRate: 0.9, // plan III.5.1
  reuseRate: 0.9, // plan III.5.1
  vneidRate: 0.8,
  onlinePaymentRate: 0.6, // Lâm Đồng 2025 target
  satisfactionRate: 0.9, // Decision 766: full points at ≥ 90%
  sameDayRate: 1,
  syncedRate: 1, // Decision 766 1.4: every dossier synchronised in real time
};

export function isTargetKey(k: string): k is TargetKey {
  return (TARGET_KEYS as readonly string[]).includes(k);
}
