import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * A tiny BERT-shaped feature-extraction model that transformers.js loads like a real one, so the
 * neural embedding path is tested offline. The "network" is one embedding lookup masked by
 * attention_mask; the table puts tokens of one topic near a shared axis, so texts on the same
 * topic score higher than unrelated ones after mean pooling.
 */

export const FIXTURE_DIMENSION = 16;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** Word-initial pieces per topic; each topic owns one axis of the embedding space. */
const TOPICS: string[][] = [
  ['медик', 'медицин', 'врач', 'больниц', 'поликлиник', 'пациент', 'здоровь', 'здравоохранени', 'специалист', 'лечени'],
  ['нехватк', 'хват', 'дефицит', 'недостат', 'нужн'],
  ['алматы', 'астан', 'шымкент', 'город', 'акимат', 'аким'],
  ['школ', 'учител', 'образовани', 'студент', 'университет', 'ученик'],
  ['дорог', 'автобус', 'транспорт', 'маршрут', 'метро', 'ремонт'],
  ['цен', 'бензин', 'тенге', 'бюджет', 'налог', 'зарплат', 'инфляци', 'вырос'],
  ['правительств', 'министр', 'закон', 'депутат', 'президент', 'указ'],
];

const SUFFIXES = ['ов', 'ах', 'ам', 'ы', 'ых', 'их', 'ских', 'ский', 'ая', 'ой', 'ом', 'ие', 'ии', 'ия', 'ет', 'ает', 'ают', 'ки', 'ке', 'ку', 'ка'];
const LETTERS = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіabcdefghijklmnopqrstuvwxyz0123456789'];
const PUNCTUATION = [...'.,!?:;-()«»"'];

const TOPIC_WEIGHT = 1;
const NOISE_WEIGHT = 0.2;
const SPECIAL_NOISE_WEIGHT = 0.1;

/** Vocabulary in id order: specials first (ids 0–3, [PAD] = 0), then words, pieces and letters. */
export function fixtureVocab(): string[] {
  const vocab = [
    ...SPECIAL_TOKENS,
    ...TOPICS.flat(),
    ...SUFFIXES.map((s) => `##${s}`),
    ...LETTERS,
    ...LETTERS.map((c) => `##${c}`),
    ...PUNCTUATION,
  ];
  return [...new Set(vocab)];
}

/** Deterministic per-token noise: seeded by the token text, so the table does not depend on vocab order. */
function tokenNoise(token: string, size: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) seed = Math.imul(seed ^ token.charCodeAt(i), 0x01000193);
  // mulberry32
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: size }, () => next() * 2 - 1);
}

/** Row-major [vocab, dimension] embedding table. */
export function fixtureEmbeddings(vocab: string[], dimension = FIXTURE_DIMENSION): Float32Array {
  if (TOPICS.length > dimension) throw new Error(`fixture model: ${TOPICS.length} topics need dimension >= ${TOPICS.length}`);
  const topicOf = new Map(TOPICS.flatMap((words, topic) => words.map((w) => [w, topic] as const)));
  const table = new Float32Array(vocab.length * dimension);
  vocab.forEach((token, id) => {
    if (token === '[PAD]') return;
    const special = (SPECIAL_TOKENS as readonly string[]).includes(token);
    const noise = tokenNoise(token, dimension);
    const scale = special ? SPECIAL_NOISE_WEIGHT : NOISE_WEIGHT;
    const topic = topicOf.get(token);
    for (let d = 0; d < dimension; d++) {
      table[id * dimension + d] = noise[d]! * scale + (d === topic ? TOPIC_WEIGHT : 0);
    }
  });
  return table;
}

function tokenizerJson(vocab: string[]): object {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // strip_accents off: NFD stripping would turn "й" into "и" and miss the vocabulary.
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]')],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [ids[t]], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const UINT8 = onnx.TensorProto.DataType.UINT8;
const INT64 = onnx.TensorProto.DataType.INT64;

function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView) {
  return { name, dataType, dims, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * last_hidden_state = Gather(table, input_ids) * attention_mask. The quantized variant stores the
 * table as uint8 and dequantizes it in the graph, as real q8 exports do.
 */
function modelBytes(table: Float32Array, vocabSize: number, dimension: number, quantized: boolean): Uint8Array {
  const nodes: object[] = [];
  const initializers: object[] = [];
  if (quantized) {
    let min = 0;
    let max = 0;
    for (const x of table) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    const scale = (max - min) / 255;
    const zeroPoint = Math.round(-min / scale);
    const q = Uint8Array.from(table, (x) => Math.max(0, Math.min(255, Math.round(x / scale) + zeroPoint)));
    initializers.push(
      tensor('table_q', UINT8, [vocabSize, dimension], q),
      tensor('table_scale', FLOAT, [], Float32Array.of(scale)),
      tensor('table_zero_point', UINT8, [], Uint8Array.of(zeroPoint)),
    );
    nodes.push({ opType: 'DequantizeLinear', input: ['table_q', 'table_scale', 'table_zero_point'], output: ['table'] });
  } else {
    initializers.push(tensor('table', FLOAT, [vocabSize, dimension], table));
  }
  initializers.push(tensor('last_axis', INT64, [1], BigInt64Array.of(-1n)));
  nodes.push(
    { opType: 'Gather', input: ['table', 'input_ids'], output: ['gathered'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
    { opType: 'Cast', input: ['attention_mask'], output: ['mask_float'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
    { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_3d'] },
    { opType: 'Mul', input: ['gathered', 'mask_3d'], output: ['last_hidden_state'] },
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'zhauap-fixture',
    graph: {
      name: 'tiny-embedder',
      node: nodes,
      initializer: initializers,
      input: [
        valueInfo('input_ids', INT64, ['batch', 'sequence']),
        valueInfo('attention_mask', INT64, ['batch', 'sequence']),
      ],
      output: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dimension])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes config, tokenizer and both ONNX variants into `outDir` (created if missing). */
export async function writeFixtureModel(outDir: string, dimension = FIXTURE_DIMENSION): Promise<void> {
  const vocab = fixtureVocab();
  const table = fixtureEmbeddings(vocab, dimension);
  await mkdir(path.join(outDir, 'onnx'), { recursive: true });
  const json = (value: object) => JSON.stringify(value, null, 2);
  await Promise.all([
    writeFile(
      path.join(outDir, 'config.json'),
      json({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dimension, vocab_size: vocab.length, max_position_embeddings: 512 }),
    ),
    writeFile(
      path.join(outDir, 'tokenizer_config.json'),
      json({
        tokenizer_class: 'BertTokenizer',
        do_lower_case: true,
        model_max_length: 512,
        unk_token: '[UNK]',
        pad_token: '[PAD]',
        cls_token: '[CLS]',
        sep_token: '[SEP]',
      }),
    ),
    writeFile(path.join(outDir, 'tokenizer.json'), json(tokenizerJson(vocab))),
    writeFile(path.join(outDir, 'onnx', 'model.onnx'), modelBytes(table, vocab.length, dimension, false)),
    writeFile(path.join(outDir, 'onnx', 'model_quantized.onnx'), modelBytes(table, vocab.length, dimension, true)),
  ]);
}
