import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { toArticle } from '../../src/corpus/parse-text.js';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { applyToIndex, persistLiveIndex } from '../../src/index/live-index.js';
import { loadIndex } from '../../src/index/load-index.js';

/**
 * A process that keeps adding articles to a live index and writing it to disk, one article per round,
 * as the bot does on every poll: started by test/index/live-persist.test.ts and killed with SIGKILL.
 * Each round first appends the article to the data dir (as the news store does), then adds it to the
 * index and writes a new generation, then prints `persisted <n>`.
 */
const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('live-writer: usage: live-writer.ts DATA_DIR');
const LIVE_FILE = 'live-kill.jsonl';

function liveRecord(n: number) {
  return { title: `Новость номер ${n}`, date: '2025-04-14', url: `https://example.kz/news/${n}`, text: `В городе номер ${n} открыли ${n + 10} новых детских садов, сообщили в акимате. Строительство шло два года.` };
}

const index = await loadIndex(path.join(dataDir, 'index'), new BuiltinEmbedder());
for (let n = 0; ; n++) {
  const record = liveRecord(n);
  await appendFile(path.join(dataDir, LIVE_FILE), JSON.stringify(record) + '\n');
  const article = toArticle(LIVE_FILE, record);
  if (!article) throw new Error('live-writer: the record did not parse');
  await applyToIndex(index, { added: [article], removed: [] });
  await persistLiveIndex(index);
  process.stdout.write(`persisted ${n}\n`);
}
