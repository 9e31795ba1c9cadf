/**
 * A real redis-server for tests, on 127.0.0.1 and a free port, with its data in a temp dir and an
 * append-only file, so a stop and a restart on the same port bring the data back (as a production
 * Redis with persistence would). Needs the `redis-server` binary (Debian: apt-get install
 * redis-server; .ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { freePort, portAccepts } from './free-port.js';
import { tmpdir } from 'node:os';
import path from 'node:path';


const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

function checkBinary(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`tests: ${BINARY} not found; install it (apt-get install -y redis-server) or set REDIS_SERVER_BIN`);
  }
}

export class TestRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestRedis> {
    checkBinary();
    const server = new TestRedis(await freePort(), mkdtempSync(path.join(tmpdir(), 'zhauap-redis-')));
    await server.resume();
    return server;
  }

  /** Starts (again) on the same port and data dir. */
  async resume(): Promise<void> {
    const child = spawn(
      BINARY,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes',
        '--appendfsync', 'always', '--protected-mode', 'yes', '--loglevel', 'warning'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.process = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`tests: redis-server exited (${child.exitCode}): ${stderr}`);
      if (await portAccepts(this.port)) return;
      if (Date.now() > deadline) throw new Error(`tests: redis-server did not listen on ${this.port} in 5 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** SIGTERM: redis finishes its append-only file and exits. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.process = undefined;
  }
}

