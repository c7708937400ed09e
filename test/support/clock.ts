/** Helpers for the one-clock tests: what DVCQG can judge from an exported HoSo, through clock.ts. */
import assert from 'node:assert/strict';
import type { WorkCalendar } from '../../src/core/calendar/index.ts';
import { NO_APPOINTMENT, clockAt, type Clock, type ClockEvent } from '../../src/features/dossiers/workflow/clock.ts';
import type { HoSo } from '../../src/features/dossiers/dvcqg/dvcqg.ts';

export function must<T>(x: T | undefined | null): T {
  assert.ok(x !== undefined && x !== null);
  return x;
}

export const portalInstant = (s: string): string | null =>
  s
    ? new Date(
        `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}+07:00`,
      ).toISOString()
    : null;

/** What DVCQG can judge from the exported HoSo alone (BRIEF §3.3), through the same clock. */
export function verdictFromHoSo(cal: WorkCalendar, h: HoSo, at: Date): Clock {
  const events: ClockEvent[] = [];
  const accepted = portalInstant(h.NgayTiepNhan);
  events.push({
    action: 'received',
    at: must(portalInstant(h.NgayNopHoSo)),
    fromStatus: null,
    toStatus: accepted ? 2 : 1,
  });
  if (accepted && accepted !== portalInstant(h.NgayNopHoSo))
    events.push({ action: 'accept', at: accepted, fromStatus: 1, toStatus: 2 });
  for (const b of h.DanhSachHoSoBoSung) {
    events.push({ action: 'request_supplement', at: must(portalInstant(b.NgayBoSung)), fromStatus: 4, toStatus: 5 });
    if (b.NgayTiepNhanBoSung)
      events.push({
        action: 'complete_supplement',
        at: must(portalInstant(b.NgayTiepNhanBoSung)),
        fromStatus: 5,
        toStatus: 4,
      });
  }
  const status = Number(h.TrangThaiHoSo);
  const end = portalInstant(h.NgayKetThucXuLy);
  if (end && [7, 8, 9, 10].includes(status)) events.push({ action: 'end', at: end, fromStatus: 4, toStatus: status });
  if (!end && status === 5 && h.DanhSachHoSoBoSung.at(-1)?.NgayTiepNhanBoSung === '')
    events.push({
      action: 'pause',
      at: must(portalInstant(must(h.DanhSachHoSoBoSung.at(-1)).NgayBoSung)),
      fromStatus: 4,
      toStatus: 5,
    });
  events.sort((a, b) => a.at.localeCompare(b.at));
  return clockAt(
    cal,
    { receivedAt: must(events[0]).at, dueAt: portalInstant(h.NgayHenTra) ?? NO_APPOINTMENT, events },
    at,
  );
}
