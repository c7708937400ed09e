/** Table types: plan tasks, evidence, document register, facility checklist and spending (issue 7, owner: plan). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlanTables {}
