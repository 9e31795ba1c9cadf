/** A whole word (or words) matching `body`, case-insensitive: not inside a longer word or after a digit. */
export const wordPattern = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}])`, 'iu');
