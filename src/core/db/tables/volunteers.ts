/** Table types: volunteers, roster shifts, check-ins, assistance log (issue 5, owner: volunteers). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VolunteersTables {}
