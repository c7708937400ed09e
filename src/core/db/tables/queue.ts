/** Table types: queue groups, counters, tickets (issue 6, owner: queue). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QueueTables {}
