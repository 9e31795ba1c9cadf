// ESLint flat config: typescript-eslint's recommended rules, plus the import direction of src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first: a folder may import its own layer and the ones below it,
 * never one above. The pipeline reads bottom-up: text → corpus → index → retrieval → answer →
 * conversation → engine → bot and cli (the cli may reuse the bot's formatting; the bot never the cli).
 * sources (live news: fetch, extract, store) feeds the corpus and the index: it may use them, and only
 * the engine wires it in.
 */
// Shared-state plumbing sits low: state (Redis, hashing, stores) under everything that keeps state,
// cluster (leader lease, build lock) under the engine that builds, insights (question log) under the bot.
const LAYERS = [['text', 'state'], ['corpus', 'cluster'], ['index'], ['sources'], ['retrieval'], ['answer'], ['conversation', 'insights'], ['engine'], ['bot'], ['cli']];
/** Neutral homes any layer may import; they import no layer themselves. */
const NEUTRAL = ['shared', 'texts', 'types'];
const NEUTRAL_FILES = ['config.ts', 'logger.ts'];

const FLOW = 'imports run one way: bot/cli → engine → conversation → answer → retrieval → sources → index → corpus → text';

/** Matches a relative import of any of `folders` ("../retrieval/passage.js", "../../index/chunk.js"). */
const importOf = (folders) => `^(\\.{1,2}/)+(${folders.join('|')})/`;

function restrict(files, forbidden, who) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: importOf(forbidden), message: `${who} may not import ${forbidden.join(', ')}: ${FLOW}.` },
            { regex: '(^|/)main\\.js$', message: 'nothing imports the entry point src/main.ts.' },
          ],
        },
      ],
    },
  };
}

const layered = LAYERS.flat();
const boundaries = [
  ...LAYERS.map((layer, i) => {
    // The bot and the cli sit side by side at the top, the cli last: it may reuse the bot's formatting.
    const above = LAYERS.slice(i + 1).flat();
    return restrict(layer.map((folder) => `src/${folder}/**/*.ts`), above.length > 0 ? above : ['__none__'], `src/${layer.join(', src/')}`);
  }),
  restrict([...NEUTRAL.map((folder) => `src/${folder}/**/*.ts`), ...NEUTRAL_FILES.map((f) => `src/${f}`)], layered, 'a neutral module'),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'data/', 'bench/results/', 'test/fixtures/generated/', 'models/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A `!` hides the case the code did not think about; src/ handles it instead.
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // Tests and benchmarks may assert what they have just arranged.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...boundaries,
);
