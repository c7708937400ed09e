/**
 * Official holiday notices shipped with the system (data/holidays/*.json), checked at load.
 * See data/holidays/README.md for the file format and how to add a year.
 */
import vn2026 from '../../../data/holidays/vn-2026.json' with { type: 'json' };
import {
  DEFAULT_CULTURE_DAY,
  DEFAULT_WEEKEND_DAYS,
  NoticeDataError,
  parseOfficialNotices,
  type OfficialNotice,
} from './holidays.ts';
import { DEFAULT_CUTOFF, DEFAULT_SESSIONS, type CalendarConfig } from './calendar.ts';

function load(file: string, data: unknown): OfficialNotice[] {
  try {
    return parseOfficialNotices(data);
  } catch (err) {
    if (err instanceof NoticeDataError) {
      throw new Error(`Invalid holiday notice file data/holidays/${file}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

function freezeDeep<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) freezeDeep(x);
    Object.freeze(v);
  }
  return v;
}

/** Every shipped notice, all years, validated and frozen. */
export const SHIPPED_NOTICES: OfficialNotice[] = freezeDeep([...load('vn-2026.json', vn2026)]);

/** @internal Exposed for tests of the load-time check. */
export const loadNoticeFile = load;

/**
 * The default configuration of a centre: 07:30–11:30 and 13:30–17:00, cut-off 15:00, Saturday and
 * Sunday off, the shipped notices, Culture Day per DEFAULT_CULTURE_DAY. Settings override fields.
 */
export function defaultCalendarConfig(overrides: Partial<CalendarConfig> = {}): CalendarConfig {
  return {
    sessions: DEFAULT_SESSIONS,
    cutoff: DEFAULT_CUTOFF,
    weekendDays: DEFAULT_WEEKEND_DAYS,
    notices: SHIPPED_NOTICES,
    cultureDay: { ...DEFAULT_CULTURE_DAY },
    ...overrides,
  };
}
