import path from 'node:path';
import { writeFixtureModel } from './fixture-model.js';

/**
 * Usage: tsx scripts/make-fixture-model.ts [outDir]
 * Writes the tiny test model; point MODELS_DIR at the parent directory and EMBEDDING_MODEL at
 * the directory name to run the app on it offline.
 */
const outDir = path.resolve(process.argv[2] ?? 'test/fixtures/generated/tiny-model');
await writeFixtureModel(outDir);
console.log(`fixture model written to ${outDir}`);
