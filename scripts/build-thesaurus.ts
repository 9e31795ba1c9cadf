/**
 * Writes data/lexicon/thesaurus.json: the production thesaurus (src/retrieval/thesaurus.ts's groups and
 * the general lexicon), stemmed once here instead of at every start. Run after editing a lexicon file,
 * the groups or the analyzer: `npm run thesaurus`. The output is deterministic, so an unchanged input
 * gives the same bytes; test/retrieval/shipped-thesaurus.test.ts fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeThesaurus, THESAURUS_FILE, thesaurusFingerprint } from '../src/retrieval/shipped-thesaurus.js';
import { buildThesaurus, SYNONYM_GROUPS } from '../src/retrieval/thesaurus.js';
import { loadLexicon, SHIPPED_LEXICON_DIR } from '../src/text/lexicon.js';

const thesaurus = buildThesaurus(SYNONYM_GROUPS, await loadLexicon());
const out = path.join(SHIPPED_LEXICON_DIR, THESAURUS_FILE);
writeFileSync(out, serializeThesaurus(thesaurus, await thesaurusFingerprint()));
process.stdout.write(`thesaurus: ${thesaurus.size} keys written to ${path.relative(process.cwd(), out)}\n`);
