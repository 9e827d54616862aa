/**
 * The length of a string in code points, as JSON Schema's minLength/maxLength count it:
 * a surrogate pair is one, a lone surrogate is one — exactly ajv's own count
 * (ajv/dist/runtime/ucs2length), which pipeline/gen/validators.ts replaces with this in the
 * generated validators. ajv's walks the string in JavaScript one UTF-16 unit at a time, most
 * of an application's validation with its chapters of thousands of characters; here text
 * without surrogates (nearly all Chinese text: the BMP) is answered by one native scan, and
 * other text by the length less its pairs, paired left to right as ajv pairs them.
 */
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export default function ucs2length(s: string): number {
  if (!HIGH_SURROGATE.test(s)) return s.length;
  return s.length - (s.match(SURROGATE_PAIR)?.length ?? 0);
}
