// Tests talk to 127.0.0.1 only. Loaded in every vitest worker (vitest.config.ts setupFiles via
// loopback-guard.ts) and with --import in every process a test starts: a connection to any other
// host is refused and recorded (in a child process it ends the process with code 97), so a test that
// would reach the internet fails instead of quietly depending on it.
import net from 'node:net';

const ALLOWED = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);
export const violations = [];
const original = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connect(...args) {
  let options = args[0];
  if (Array.isArray(options)) options = options[0];
  let host;
  let isPath = false;
  if (options && typeof options === 'object') {
    host = options.host ?? options.hostname;
    isPath = typeof options.path === 'string';
  } else if (typeof options === 'number' || /^\d+$/.test(String(options))) {
    host = typeof args[1] === 'string' ? args[1] : undefined;
  } else if (typeof options === 'string') {
    isPath = true;
  }
  if (!isPath && host !== undefined && !ALLOWED.has(String(host).replace(/^\[|\]$/g, ''))) {
    const message = `loopback-only: blocked a connection to ${host} (tests may only reach 127.0.0.1)`;
    violations.push(message);
    if (process.env.LOOPBACK_ONLY_EXIT === '1') {
      process.stderr.write(`${message}\n`);
      process.exit(97);
    }
    throw new Error(message);
  }
  return original.apply(this, args);
};
