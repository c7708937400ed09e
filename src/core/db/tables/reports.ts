/** Table types: report targets and settings, public headline opt-in (issue 7, owner: reports). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportsTables {}
