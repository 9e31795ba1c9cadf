/** What a small-talk message says, as conversation/small-talk.ts reads it and texts/small-talk.ts replies to it. */
/**
 * `unclear`: words, but nothing to search for ("ну и?", "хм", "ахаха"). `news`: "что нового?", a wish
 * for the latest news with no topic to search for. `offer`: a topic offered with no question yet
 * ("подскажешь по спорту?").
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'about' | 'abilities' | 'help' | 'apology' | 'complaint' | 'news' | 'offer' | 'unclear';

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language to reply in: Kazakh when the user wrote Kazakh. */
  language: 'ru' | 'kk';
}
