/** Table types: courtesy letters, templates, print queue, handovers (issue 5, owner: letters). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LettersTables {}
