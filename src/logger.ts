import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACTED = '[REDACTED]';
/** Shorter "secrets" would blank out ordinary words; real tokens and keys are far longer. */
const MIN_SECRET_CHARS = 8;

/** Removes every occurrence of each secret, as written and as JSON escapes it, from a log line. */
export function lineScrubber(secrets: ReadonlyArray<string | undefined>): (line: string) => string {
  const forms = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_CHARS)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  // Longest first, so a secret that contains another is removed whole.
  const known = [...new Set(forms)].sort((a, b) => b.length - a.length);
  return (line) => (known.some((k) => line.includes(k)) ? known.reduce((acc, k) => acc.split(k).join(REDACTED), line) : line);
}

/**
 * Structured JSON logs on stderr (stdout belongs to `ask --json`). The configured secrets (bot token,
 * LLM key, webhook secret) are removed from each finished line, so no string can carry one out:
 * the message, fields at any depth, error messages and stacks, child bindings. A model that echoes a
 * token, or a URL that holds one, cannot put it in the log. Known secret fields are redacted by path too.
 */
export function createLogger(
  level: string = 'info',
  secrets: ReadonlyArray<string | undefined> = [],
  destination: DestinationStream = pino.destination(2),
): Logger {
  const scrub = lineScrubber(secrets);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'apiKey', '*.apiKey', 'headers.authorization', '*.headers.authorization'], censor: REDACTED },
    },
    { write: (line: string) => destination.write(scrub(line)) },
  );
}
