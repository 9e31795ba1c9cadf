import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout belongs to `ask --json`).
 * Secrets are redacted by path and scrubbed from strings (a token can hide in an error URL).
 */
export function createLogger(level: string = 'info', secrets: Array<string | undefined> = []): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const scrub = (s: string) => known.reduce((acc, secret) => acc.split(secret).join('[REDACTED]'), s);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'apiKey', '*.apiKey', 'headers.authorization'], censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrub(a) : a));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error);
          return { ...s, message: scrub(s.message ?? ''), stack: s.stack ? scrub(s.stack) : undefined };
        },
      },
    },
    pino.destination(2),
  );
}
