/** Month figures of volunteers at the desk for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

export type VolunteerFigures = { volunteers: number; shifts: number; peopleHelped: number; onlineSubmissionsHelped: number; vneidHelped: number };

// PENDING(owner: volunteers helper): replace with the real count.
export async function volunteerFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<VolunteerFigures> {
  return { volunteers: 0, shifts: 0, peopleHelped: 0, onlineSubmissionsHelped: 0, vneidHelped: 0 };
}
