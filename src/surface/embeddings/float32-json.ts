/**
 * Embedding values as JSON numbers, written as ASCII bytes straight into a buffer: each value
 * is rounded to float32 (what an embedding is: OpenAI's base64 format and the models' tensors
 * are float32) and printed with the fewest digits that read back as that same float32 (when
 * parsed as a double and rounded to float32, as every JSON reader and numpy do), as in
 * OpenAI's own example (`0.0023064255`). Formatting 76,800 values as float64 with
 * `JSON.stringify` cost ~12 ms of CPU, more than the Free plan's whole budget (bench:cpu).
 *
 * Fast path, |v| in [0.001, 1) (nearly every embedding value), exact arithmetic on doubles:
 * v = M·2^(E−23) with a 24-bit M; scaled to nine significant digits, P = v·10^k (k ≤ 11) is
 * exact (M·5^k < 2^53), and so are the ends of v's rounding interval, P ± H with
 * H = 2^(E−24)·10^k (half that below a power of two; the ends themselves belong to v when M is
 * even). The shortest output is the largest 10^j with a multiple inside that interval: each
 * level tests the multiple nearest to P, and the other neighbour when it misses (an
 * uneven interval, or rounding in P/10^j), with exact products and comparisons. An interval
 * end is at least 2^-50 of v away from any decimal of ≤ 9 digits it does not equal, so the
 * double a parser makes of the digits is inside exactly when the digits are.
 *
 * Smaller values (down to 1e-6) take a slower exact path: candidates checked by the round
 * trip itself, `fround(digits / 10^n) === v` (a correctly rounded division of exact numbers is
 * the very double a parser makes of the digits). Anything else (0, |v| ≥ 1, tiny values)
 * goes through `toPrecision`, checked the same way.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** 10^-j, to estimate P / 10^j (the estimate is then checked exactly). */
const INV_POW10 = Array.from({ length: 10 }, (_, j) => 10 ** -j);
/** Half the spacing of float32 values with biased exponent b: 2^(b−127−24). */
const HALF_ULP = Float64Array.from({ length: 256 }, (_, b) => 2 ** (b - 151));
const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;
const COMMA = 0x2c;
/** "00" … "99" as byte pairs: two digits per division. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}
const SCRATCH = new Float32Array(1);

/** The most bytes one value can take (`-0.000001234567891` is 18; exponent forms are shorter). */
export const MAX_FLOAT32_JSON_BYTES = 24;

/** Writes `value`, rounded to float32, as a JSON number into `out` at `at`; returns the offset after it. Values beyond float32's range are written as `null`, as `JSON.stringify` writes non-finite numbers; callers refuse them before. */
export function writeFloat32Json(value: number, out: Uint8Array, at: number): number {
  SCRATCH[0] = value;
  return writeFloat32Items(SCRATCH, out, at);
}

/**
 * Writes `values` as a JSON array's items (comma-separated, no brackets) at `at`; returns the
 * offset after them, each as `writeFloat32Json` writes it. One loop with the fast path inline
 * (no call per value): this is the embeddings response's hot loop.
 */
export function writeFloat32Items(values: Float32Array, out: Uint8Array, at: number): number {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let o = at;
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out[o++] = COMMA;
    const v = values[i] as number;
    const b = bits[i] as number;
    const a = Math.abs(v);
    if (!(a >= 0.001 && a < 1)) {
      o = writeChecked(v, out, o);
      continue;
    }
    const lead = a >= 0.1 ? 0 : a >= 0.01 ? 1 : 2;
    const k = lead + 9;
    const p = a * (POW10[k] as number);
    const h = (HALF_ULP[(b >>> 23) & 0xff] as number) * (POW10[k] as number);
    const hi = p + h;
    const lo = (b & 0x7fffff) === 0 ? p - h / 2 : p - h;
    const even = (b & 1) === 0;
    let digits = Math.floor(p + 0.5);
    let level = 0;
    for (let j = 1; j < 9; j++) {
      const unit = POW10[j] as number;
      let c = Math.floor(p * (INV_POW10[j] as number) + 0.5);
      let x = c * unit;
      if (!(x > lo || (even && x === lo)) || !(x < hi || (even && x === hi))) {
        c = x > p ? c - 1 : c + 1;
        x = c * unit;
        if (!(x > lo || (even && x === lo)) || !(x < hi || (even && x === hi))) break;
      }
      digits = c;
      level = j;
    }
    const count = 9 - level;
    if (digits === POW10[count]) {
      o = writeDigits(v < 0, digits, k - level, out, o);
      continue;
    }
    out[o] = MINUS;
    o += b >>> 31;
    out[o++] = ZERO;
    out[o++] = POINT;
    for (let z = lead; z > 0; z--) out[o++] = ZERO;
    const end = o + count;
    let q = end;
    let rest = digits | 0;
    while (rest >= 10) {
      const next = (rest / 100) | 0;
      const pair = (rest - next * 100) << 1;
      out[--q] = PAIRS[pair + 1] as number;
      out[--q] = PAIRS[pair] as number;
      rest = next;
    }
    if (q > o) out[--q] = ZERO + rest;
    o = end;
  }
  return o;
}

/** Writes the `count` decimal digits of `d` (int32) at `at`; returns the offset after them. */
function writeInteger(d: number, count: number, out: Uint8Array, at: number): number {
  const end = at + count;
  let p = end;
  let rest = d | 0;
  while (rest >= 10) {
    const next = (rest / 100) | 0;
    const pair = (rest - next * 100) << 1;
    out[--p] = PAIRS[pair + 1] as number;
    out[--p] = PAIRS[pair] as number;
    rest = next;
  }
  if (p > at) out[--p] = ZERO + rest;
  return end;
}

/** `digits · 10^-places` (0 < digits ≤ 10^9, at most 22 places), without trailing zeros. */
function writeDigits(negative: boolean, digits: number, places: number, out: Uint8Array, at: number): number {
  // Int32 arithmetic from here (a float `%` is a library call).
  let d = digits | 0;
  let n = places;
  let q = (d / 10) | 0;
  while (d === q * 10) {
    d = q;
    q = (d / 10) | 0;
    n--;
  }
  let o = at;
  if (negative) out[o++] = MINUS;
  out[o++] = ZERO;
  out[o++] = POINT;
  let count = 1;
  while (d >= (POW10[count] as number)) count++;
  for (let z = n - count; z > 0; z--) out[o++] = ZERO;
  return writeInteger(d, count, out, o);
}

/** [1e-6, 0.001): candidates checked by the round trip, from seven significant digits up, then down while they hold. */
function writeChecked(v: number, out: Uint8Array, at: number): number {
  const a = v < 0 ? -v : v;
  if (!(a >= 1e-6 && a < 1)) return writeGeneral(v, out, at);
  const lead = a >= 0.1 ? 0 : a >= 0.01 ? 1 : a >= 0.001 ? 2 : a >= 0.0001 ? 3 : a >= 0.00001 ? 4 : 5;
  let places = lead + 7;
  let digits = roundHalfUp(a * (POW10[places] as number));
  if (Math.fround(digits / (POW10[places] as number)) === a) {
    while (places > lead + 1) {
      const shorter = roundHalfUp(a * (POW10[places - 1] as number));
      if (Math.fround(shorter / (POW10[places - 1] as number)) !== a) break;
      places--;
      digits = shorter;
    }
  } else {
    places++;
    digits = roundHalfUp(a * (POW10[places] as number));
    if (Math.fround(digits / (POW10[places] as number)) !== a) {
      places++;
      digits = roundHalfUp(a * (POW10[places] as number));
      if (Math.fround(digits / (POW10[places] as number)) !== a) return writeGeneral(v, out, at);
    }
  }
  return writeDigits(v < 0, digits, places, out, at);
}

/** The same value as text (tests, and anything that wants one number). */
export function float32Json(value: number): string {
  const out = new Uint8Array(MAX_FLOAT32_JSON_BYTES);
  return String.fromCharCode(...out.subarray(0, writeFloat32Json(value, out, 0)));
}

/** The slow path: the shortest `toPrecision` that reads back as `v` (a float32), in JavaScript's own number format; `null` for a value float32 cannot hold (as `JSON.stringify` writes non-finite numbers). */
function writeGeneral(v: number, out: Uint8Array, at: number): number {
  let text = Number.isFinite(v) ? String(v) : "null";
  if (v !== 0 && Number.isFinite(v)) {
    for (let p = 1; p <= 9; p++) {
      const candidate = Number(v.toPrecision(p));
      if (Math.fround(candidate) === v) {
        text = String(candidate);
        break;
      }
    }
  } else if (v === 0) {
    text = "0";
  }
  let o = at;
  for (let i = 0; i < text.length; i++) out[o++] = text.charCodeAt(i);
  return o;
}

/** The integer nearest `x` ≥ 0 (either one on a tie); `Math.round` costs several times more than `Math.floor` in V8. Callers check what it gives. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}
