import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadSources, parseSources } from '../../src/sources/sources-file.js';
import { parseDuration } from '../../src/text/dates.js';
import { tempDir } from '../bot/harness.js';

const ok = { id: 'govkz-water', name: 'Министерство водных ресурсов', kind: 'listing', url: 'https://www.gov.kz/memleket/entities/water/press/news' };

describe('sources file', () => {
  it('reads durations and defaults', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseSources({ sources: [ok] })[0]).toMatchObject({ everyMs: 900_000, original: false, maxPages: 3, region: null });
  });

  it('names the entry and the field of the first problem in one error', () => {
    expect(() => parseSources({ sources: [ok, { ...ok, id: 'paper', every: 'soon' }] }, 'sources.json')).toThrow(
      'sources: sources.json: source "paper" (entry 2): every: "soon" is not a duration',
    );
    expect(() => parseSources({ sources: [{ ...ok, kind: 'telegram' }] }, 'sources.json')).toThrow(/source "govkz-water" \(entry 1\): kind: /);
    expect(() => parseSources({ sources: [{ ...ok, url: 'ftp://example.kz/feed' }] }, 'sources.json')).toThrow(/url: must be an http/);
    expect(() => parseSources({ sources: [ok, ok] }, 'sources.json')).toThrow('source "govkz-water" (entry 2): id: used twice');
    expect(() => parseSources({ sources: [{ ...ok, region: 'atlantis' }] }, 'sources.json', new Set(['abai']))).toThrow('region: unknown region "atlantis"');
  });

  it('ships a valid data/sources.json; SOURCES_FILE=none turns polling off', () => {
    const shipped = loadSources(path.resolve(import.meta.dirname, '../../data/sources.json'));
    expect(shipped.map((s) => s.name)).toContain('Enbekshi QazaQ');
    expect(loadConfig({ SOURCES_FILE: 'none' }).sources.file).toBeNull();
    const dir = tempDir();
    writeFileSync(path.join(dir, 's.json'), '{"sources": [');
    expect(() => loadSources(path.join(dir, 's.json'))).toThrow(/s\.json is not JSON/);
  });
});
