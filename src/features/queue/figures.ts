/** Month figures of the queue for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

/** Waits in minutes; rates in 0..1, null when nothing to divide. */
export type QueueFigures = { tickets: number; served: number; avgWaitMinutes: number | null; withinTargetRate: number | null };

// PENDING(owner: queue helper): replace with the real count.
export async function queueFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<QueueFigures> {
  return { tickets: 0, served: 0, avgWaitMinutes: null, withinTargetRate: null };
}
