/**
 * What the hand-assembled WebAssembly kernels (`hamming-kernel.ts`, `int8-rank-kernel.ts`) are written with:
 * opcodes, the encodings of numbers and sections, and the part of the WebAssembly API they use. No
 * toolchain and no binary file: a module is a few dozen instructions built here from their opcodes.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40, select: 0x1b,
  get: 0x20, set: 0x21, tee: 0x22,
  i32Load: 0x28, i64Load: 0x29, i32Load16U: 0x2f, i32Store: 0x36, i64Store: 0x37, f32Store: 0x38, i32Store16: 0x3b, i64Store16: 0x3d,
  i32Const: 0x41, i64Const: 0x42, f32Const: 0x43,
  i32Eqz: 0x45, i32LtU: 0x49, i32GeU: 0x4f, i32LeU: 0x4d,
  i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74, i32Xor: 0x73, i64Shl: 0x86, i64Popcnt: 0x7b, i64Add: 0x7c, i64And: 0x83, i64Xor: 0x85, i32WrapI64: 0xa7,
  f64Sqrt: 0x9f, f64Mul: 0xa2, f64Div: 0xa3, f32DemoteF64: 0xb6, f64ConvertI32S: 0xb7,
  /** The SIMD prefix; the instruction's number follows as unsigned LEB128 (`simd`). */
  simd: 0xfd,
} as const;

/** SIMD instruction numbers (after `op.simd`). */
export const simdOp = {
  v128Load: 0x00, v128Const: 0x0c, i32x4ExtractLane: 0x1b,
  i16x8ExtendLowI8x16S: 0x87, i16x8ExtendHighI8x16S: 0x88, i32x4Add: 0xae, i32x4DotI16x8S: 0xba,
} as const;

/** A SIMD instruction (prefix and number). */
export const simd = (code: number) => [op.simd, ...leb(code)];

/** Unsigned LEB128 (the format's sizes, counts, indices and memory offsets). */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, for i32.const immediates. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

export const name = (s: string) => [...leb(s.length), ...Buffer.from(s, 'utf8')];
export const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
/** A function body: its locals as [count, type] groups, then its code. */
export const fn = (locals: number[][], code: number[]) => {
  const body = [...leb(locals.length), ...locals.flat(), ...code, op.end];
  return [...leb(body.length), ...body];
};

/** 4 GiB, what 32-bit addresses reach: address space a shared memory reserves, not memory (pages are taken as it grows). */
export const SHARED_MAX_PAGES = 65536;

/**
 * The memory, imported (the caller creates and grows it), at least one page; a shared one (which a worker
 * thread's instance uses too) must declare its maximum, SHARED_MAX_PAGES.
 */
export const memoryImport = (shared: boolean) => section(2, [1, ...name('env'), ...name('memory'), 0x02, ...(shared ? [0x03, 0x01, ...leb(SHARED_MAX_PAGES)] : [0x00, 0x01])]);

/** The part of the WebAssembly API used here (the project's type libraries leave it out: no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Compiled modules by a caller's key (a module's form), each compiled once per process (and thread). */
const compiled = new Map<string, object>();
export const compiledOnce = (key: string, bytes: () => Uint8Array) => {
  const module = compiled.get(key) ?? new wasm.Module(bytes());
  compiled.set(key, module);
  return module;
};

/** A WebAssembly memory page. */
export const PAGE = 65536;
