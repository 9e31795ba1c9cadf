import { afterEach, expect } from 'vitest';
import { violations } from './loopback-only.mjs';

/** Fails the test during which anything but 127.0.0.1 was contacted. */
afterEach(() => {
  const seen = violations.splice(0);
  expect(seen, 'a test tried to reach a host other than 127.0.0.1').toEqual([]);
});
