/** Table types: survey criteria and responses, citizen feedback (PAKN), staff obstacles (issue 6, owner: surveys/feedback). Same portable conventions as ../schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SurveysFeedbackTables {}
