import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, chown, mkdir, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, portAccepts } from '../test/helpers/free-port.js';

/**
 * A throwaway PostgreSQL cluster for the peer benchmark, from the machine's own binaries (Debian's
 * `postgresql` package): initdb into a directory, the server started as a child process on 127.0.0.1 at a
 * free port with its unix socket inside the data directory, stopped by the caller in a `finally`.
 * PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user.
 */

const run = promisify(execFile);

/** Where Debian puts the server binaries (`/usr/lib/postgresql/<major>/bin`), newest major first, or $PG_BIN. */
export async function findPostgresBin(): Promise<{ bin: string } | { missing: string }> {
  const candidates: string[] = [];
  if (process.env['PG_BIN']) candidates.push(process.env['PG_BIN']);
  const root = '/usr/lib/postgresql';
  const majors = await readdir(root).catch(() => [] as string[]);
  candidates.push(...majors.sort((a, b) => Number(b) - Number(a)).map((m) => path.join(root, m, 'bin')));
  for (const bin of candidates) {
    const ok = await Promise.all(['initdb', 'postgres'].map((b) => access(path.join(bin, b)).then(() => true, () => false)));
    if (ok.every(Boolean)) return { bin };
  }
  return { missing: `no initdb/postgres under ${process.env['PG_BIN'] ?? `${root}/*/bin`} (apt-get install postgresql)` };
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Under root, the `postgres` system user the server must run as; otherwise the current user. */
async function serverUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]).then(
    (r) => r.map((x) => Number(x.stdout.trim())),
    () => {
      throw new Error('postgres: running as root and there is no `postgres` user to run the server as');
    },
  );
  return { uid: uid!, gid: gid! };
}

/**
 * `initdb` into dataDir (created, owned by the server's user). Every directory above it must be
 * traversable by that user; the bench's temp dirs are 0700, so they are opened to traversal (not listing).
 */
export async function initCluster(bin: string, dataDir: string, superuser: string): Promise<void> {
  const user = await serverUser();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    await chown(dataDir, user.uid, user.gid);
    // Only the bench's own temp dirs are opened, never a directory outside os.tmpdir().
    for (let dir = path.dirname(dataDir); dir.startsWith(os.tmpdir() + path.sep); dir = path.dirname(dir)) await chmod(dir, 0o711);
  }
  await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], {
    ...user,
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`postgres: initdb failed: ${err.stderr?.trim() || err.message}`, { cause: err });
  });
}


export interface Cluster {
  port: number;
  /** The postmaster's pid (its children are the backends). */
  pid: number;
  /** Fast shutdown (SIGINT) and wait for the exit; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `postgres -D dataDir` listening on 127.0.0.1 only. `settings` are passed as `-c name=value`.
 * Resolves once the server accepts TCP connections; rejects with the server's log if it exits first.
 */
export async function startCluster(bin: string, dataDir: string, settings: Record<string, string | number> = {}): Promise<Cluster> {
  const user = await serverUser();
  const port = await freePort();
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (!stopped && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    stopped = true;
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres: server exited at start: ${log.trim()}`);
    if (await portAccepts(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`postgres: server not accepting connections after 30 s: ${log.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, pid: child.pid!, stop };
}


/** Peak RSS (VmHWM) of one process, from /proc; 0 where /proc is not there. */
export async function peakRssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/**
 * Proportional set size of the postmaster and all its children, summed: shared buffers are counted once,
 * split among the processes that map them (summing RSS would count them once per backend).
 */
export async function clusterPss(postmaster: number): Promise<number> {
  const pids = [postmaster];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === postmaster) pids.push(Number(name));
  }
  let total = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
    if (kb) total += Number(kb) * 1024;
  }
  return total;
}
