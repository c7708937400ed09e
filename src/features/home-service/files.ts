/**
 * The home service's documents as files: the officer's day list as PDF. Access and audit go
 * through the service, then the renderer, in one function, so that the task pool
 * (src/features/tasks.ts) runs it in a child process and the server never loads pdfkit.
 */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { dayList } from './service.ts';

export interface DayListFile {
  fileName: string;
  bytes: Uint8Array;
}

/** The visits of one day (one officer or all) as a printable A4 landscape PDF. */
export async function dayListFile(
  deps: Deps,
  actor: Actor,
  slug: string,
  date: unknown,
  officer: unknown,
): Promise<DayListFile> {
  const d = await dayList(deps, actor, slug, date, officer);
  const { dayListPdf } = await import('./day-pdf.ts');
  const bytes = await dayListPdf({
    center: d.center,
    date: d.date,
    today: localDateOf(deps.now()),
    officer: d.officer,
    visits: d.visits,
  });
  return { fileName: `lich-phuc-vu-tai-nha-${d.date}.pdf`, bytes };
}
