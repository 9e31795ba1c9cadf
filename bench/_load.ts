import path from 'node:path';
import { readCurrent } from '../src/index/generations.js';
import { QuantizedVectors, readGraphVectors } from '../src/index/quantized-vectors.js';
const dir = path.join(process.argv[2]!, (await readCurrent(process.argv[2]!))!);
for (let r = 0; r < 3; r++) {
  let c0 = process.cpuUsage(); let t0 = performance.now();
  let n = 0;
  await readGraphVectors(path.join(dir, 'vectors.hnsw'), 384, () => { n++; });
  let c = process.cpuUsage(c0);
  console.log('read only', n, (performance.now() - t0).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu');
  const q = new QuantizedVectors(384, 100095);
  c0 = process.cpuUsage(); t0 = performance.now();
  await readGraphVectors(path.join(dir, 'vectors.hnsw'), 384, (label, v) => q.set(label, v));
  c = process.cpuUsage(c0);
  console.log('read + quantize', (performance.now() - t0).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu');
}
