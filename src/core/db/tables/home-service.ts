/** Table types: vulnerable-people register, home-service requests and visits (issue 5, owner: home-service). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HomeServiceTables {}
