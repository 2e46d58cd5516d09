/**
 * Embedding values as JSON numbers, written as ASCII bytes straight into a buffer: each value
 * is rounded to float32 (what an embedding is: OpenAI's base64 format and the models' tensors
 * are float32) and printed with the fewest digits that read back as that same float32, as in
 * OpenAI's own example (`0.0023064255`). Formatting 76,800 values as float64 with
 * `JSON.stringify` cost ~12 ms of CPU, more than the Free plan's whole budget (bench:cpu);
 * this costs a third of that and writes ~35% fewer bytes.
 *
 * The common case (|v| in [1e-6, 1), nearly every embedding value) is plain arithmetic: the
 * candidate with n digits after the point is `round(|v| · 10ⁿ)`, and it is right exactly when
 * `fround(candidate / 10ⁿ) === v`. That division of two exactly representable numbers is
 * correctly rounded, so it is the very double a JSON parser makes of the printed digits: the
 * check is the round trip itself, never an estimate. Fewer digits are tried while they still
 * round-trip (a shorter decimal that reads back as v is also a longer one, so the first
 * failure ends the search). Anything else (0, |v| ≥ 1, tiny values) goes through
 * `toPrecision`, checked the same way.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;
/** "00" … "99" as byte pairs: two digits per division. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}

/** The most bytes one value can take (`-0.000001234567891` is 18; exponent forms are shorter). */
export const MAX_FLOAT32_JSON_BYTES = 24;

/** Writes `value`, rounded to float32, as a JSON number into `out` at `at`; returns the offset after it. Non-finite values (and values beyond float32's range) are written as `null`, as `JSON.stringify` does; callers refuse them before. */
export function writeFloat32Json(value: number, out: Uint8Array, at: number): number {
  const v = Math.fround(value);
  const a = v < 0 ? -v : v;
  if (!(a >= 1e-6 && a < 1)) return writeGeneral(v, out, at);
  // Zeros between the point and the first significant digit.
  const lead = a >= 0.1 ? 0 : a >= 0.01 ? 1 : a >= 0.001 ? 2 : a >= 0.0001 ? 3 : a >= 0.00001 ? 4 : 5;
  // Most float32 values need 7 or 8 significant digits, none more than 9: start at 7.
  let places = lead + 7;
  let digits = Math.round(a * (POW10[places] as number));
  if (Math.fround(digits / (POW10[places] as number)) === a) {
    while (places > lead + 1) {
      const shorter = Math.round(a * (POW10[places - 1] as number));
      if (Math.fround(shorter / (POW10[places - 1] as number)) !== a) break;
      places--;
      digits = shorter;
    }
  } else {
    places++;
    digits = Math.round(a * (POW10[places] as number));
    if (Math.fround(digits / (POW10[places] as number)) !== a) {
      places++;
      digits = Math.round(a * (POW10[places] as number));
      if (Math.fround(digits / (POW10[places] as number)) !== a) return writeGeneral(v, out, at);
    }
  }
  // At most 9 digits: int32 arithmetic from here (a float `%` is a library call).
  let d = digits | 0;
  let q = (d / 10) | 0;
  while (d === q * 10) {
    d = q;
    q = (d / 10) | 0;
    places--;
  }
  let o = at;
  if (v < 0) out[o++] = MINUS;
  out[o++] = ZERO;
  out[o++] = POINT;
  let count = 1;
  while (d >= (POW10[count] as number)) count++;
  for (let z = places - count; z > 0; z--) out[o++] = ZERO;
  const end = o + count;
  let p = end;
  while (d >= 10) {
    const rest = (d / 100) | 0;
    const pair = (d - rest * 100) << 1;
    out[--p] = PAIRS[pair + 1] as number;
    out[--p] = PAIRS[pair] as number;
    d = rest;
  }
  if (p > o) out[--p] = ZERO + d;
  return end;
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
