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
 * even). The shortest output is the largest 10^j with a multiple inside that interval: the
 * integers inside are (below, top] (floors of the exact ends, all < 2^31), and a multiple of
 * 10^(j+1) is inside while floor(top/10^(j+1)) > floor(below/10^(j+1)), one int32 division by
 * ten a digit; of several multiples inside, the nearest to P (an estimate of P/10^j, clamped to
 * the ones inside). An interval end is at least 2^-50 of v away from any decimal of ≤ 9 digits
 * it does not equal, so the double a parser makes of the digits is inside exactly when the
 * digits are. The digits go out four to a store, from a table. This gives byte for byte what
 * the earlier loop (the nearest multiple, else its other neighbour, level by level) gave, checked
 * on every float32 in [0.0009, 1.01) of both signs and 16 million random bit patterns; it
 * costs ~40 % less (bench:cpu).
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
/** "0000" … "9999" as four ASCII bytes in one little-endian uint32: four digits per store. */
const QUADS = new Uint32Array(10_000);
for (let i = 0; i < 10_000; i++) {
  const d = [Math.floor(i / 1000), Math.floor(i / 100) % 10, Math.floor(i / 10) % 10, i % 10];
  QUADS[i] =
    (ZERO + (d[0] as number)) | ((ZERO + (d[1] as number)) << 8) | ((ZERO + (d[2] as number)) << 16) | ((ZERO + (d[3] as number)) << 24);
}
/** "0.00" as a little-endian uint32. */
const ZERO_POINT_ZEROS = ZERO | (POINT << 8) | (ZERO << 16) | (ZERO << 24);
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
 * (no call per value): this is the embeddings response's hot loop. `out` needs
 * MAX_FLOAT32_JSON_BYTES + 1 bytes of room per value from `at`: a value's digits are stored
 * four at a time, and bytes past its end are overwritten by the next.
 */
export function writeFloat32Items(values: Float32Array, out: Uint8Array, at: number): number {
  const n = values.length;
  if (n === 0) return at;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = at;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const b = bits[i] as number;
    const a = Math.abs(v);
    if (!(a >= 0.001 && a < 1)) {
      o = writeChecked(v, out, o);
      out[o++] = COMMA;
      continue;
    }
    const lead = a >= 0.1 ? 0 : a >= 0.01 ? 1 : 2;
    const k = lead + 9;
    const p = a * (POW10[k] as number);
    const h = (HALF_ULP[(b >>> 23) & 0xff] as number) * (POW10[k] as number);
    const hi = p + h;
    const lo = (b & 0x7fffff) === 0 ? p - h / 2 : p - h;
    // The integers in the interval are (below, top]: its ends belong to v when M is even.
    let top = Math.floor(hi);
    if (top === hi && (b & 1) === 1) top--;
    let below = Math.floor(lo);
    if (below === lo && (b & 1) === 0) below--;
    // Strip digits while a multiple of the next power of ten stays inside (int32 division by a
    // constant: a multiply). floor(floor(x/10)/10) = floor(x/100), so each step is one digit.
    let t = top | 0;
    let u = below | 0;
    let level = 0;
    while (level < 8) {
      const t10 = (t / 10) | 0;
      const u10 = (u / 10) | 0;
      if (t10 <= u10) break;
      t = t10;
      u = u10;
      level++;
    }
    // Several multiples of 10^level inside (u, t]: the one nearest to P.
    let digits = t;
    if (t - u > 1) {
      const c = Math.floor(p * (INV_POW10[level] as number) + 0.5);
      digits = c > t ? t : c <= u ? u + 1 : c;
    }
    const count = 9 - level;
    if (digits === POW10[count]) {
      o = writeDigits(v < 0, digits, k - level, out, o);
      out[o++] = COMMA;
      continue;
    }
    // "-0.00", then all nine digits of digits·10^level (four bytes a store), kept up to `count`:
    // what lies past the end is overwritten by what follows.
    out[o] = MINUS;
    o += b >>> 31;
    view.setUint32(o, ZERO_POINT_ZEROS, true);
    o += 2 + lead;
    const nine = (digits * (POW10[level] as number)) | 0;
    const first = (nine / 100_000_000) | 0;
    const rest = nine - first * 100_000_000;
    const high = (rest / 10_000) | 0;
    out[o] = ZERO + first;
    view.setUint32(o + 1, QUADS[high] as number, true);
    view.setUint32(o + 5, QUADS[rest - high * 10_000] as number, true);
    o += count;
    out[o++] = COMMA;
  }
  return o - 1;
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
