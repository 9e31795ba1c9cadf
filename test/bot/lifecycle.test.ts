import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/bot/in-flight.js';
import { EventEmitter } from 'node:events';
import { installProcessGuards, installShutdown } from '../../src/bot/lifecycle.js';
import { captureLogger } from '../answer/llm/fixtures.js';
import { silentLogger } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InFlight', () => {
  it('drains when the tracked work settles, including work added while draining', async () => {
    const inflight = new InFlight();
    let done = 0;
    void inflight.track(sleep(30).then(() => done++));
    void inflight.track(sleep(10).then(() => {
      done++;
      void inflight.track(sleep(30).then(() => done++));
    }));
    void inflight.track(Promise.reject(new Error('failed answers count as settled'))).catch(() => undefined);
    expect(await inflight.drain(1000)).toBe(true);
    expect(done).toBe(3);
    expect(inflight.size).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const inflight = new InFlight();
    void inflight.track(sleep(500));
    expect(await inflight.drain(20)).toBe(false);
  });
});

describe('installShutdown', () => {
  it('stops once on SIGTERM/SIGINT, then exits 0', async () => {
    let stops = 0;
    const exits: number[] = [];
    installShutdown(
      async () => {
        stops++;
        await sleep(20);
      },
      silentLogger(),
      (code) => exits.push(code),
    );
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await expect.poll(() => exits).toEqual([0]);
    expect(stops).toBe(1);
  });
});

describe('installProcessGuards', () => {
  it('logs a stray rejection or exception as an error and keeps running', () => {
    const proc = new EventEmitter();
    const { logger, records } = captureLogger();
    installProcessGuards(logger, proc);
    proc.emit('unhandledRejection', new Error('socket reset by a peer'));
    proc.emit('uncaughtException', new TypeError("Cannot read properties of null (reading 'update_id')"));
    expect(records.map((r) => [r.level, r.msg])).toEqual([
      [50, 'unhandled rejection (kept running)'],
      [50, 'uncaught exception (kept running)'],
    ]);
    expect(JSON.stringify(records)).toContain('update_id');
  });
});

