/** The previous exchange of a chat. */
export interface Exchange {
  question: string;
  answer: string;
  /**
   * Ids of the articles the answer cited (none when it was refused). A follow-up most often asks on in the same
   * article ("а рабочих мест?" after the figure of small businesses): when the search refuses, those are read again.
   */
  sources?: string[];
}

/**
 * Rewrites a short follow-up ("а в Шымкенте?") into a standalone question using the previous
 * exchange; returns the question unchanged when it already stands alone.
 */
export interface FollowUpCondenser {
  condense(question: string, previous: Exchange | undefined): Promise<string>;
  /**
   * A second reading of a short question that `condense` took as standalone but that found nothing alone
   * ("қанша бала қабылдайды?" after a question about a football school): the question with the previous
   * question's topic. Undefined when the question is no candidate (long, or naming a place of its own).
   */
  withTopic?(question: string, previous: Exchange): string | undefined;
}
