/** The previous exchange of a chat. */
export interface Exchange {
  question: string;
  answer: string;
}

/**
 * Rewrites a short follow-up ("а в Шымкенте?") into a standalone question using the previous
 * exchange; returns the question unchanged when it already stands alone.
 */
export interface FollowUpCondenser {
  condense(question: string, previous: Exchange | undefined): Promise<string>;
}
