/** What other features may use of the feedback feature (import boundary: only through this file). */
export { feedbackAttention } from './attention.ts';
export { seedFeedbackDemo } from './demo.ts';
