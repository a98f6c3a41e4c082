/**
 * Go's `base64.StdEncoding.DecodeString`, as grpc-gateway applies it to proto `bytes` fields:
 * standard alphabet, padding required, and on bad input the same error text,
 * `illegal base64 data at input byte N`, with N where Go reports it.
 * (Go also skips \r and \n; JSON strings rarely hold them, and they are skipped here too.)
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((char, i) => [char, i]));

export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

/** Well-formed input, which Node decodes exactly as Go does; anything else takes the slow path for Go's error. */
const WELL_FORMED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeStdBase64(input: string): Buffer {
  if (WELL_FORMED.test(input)) return Buffer.from(input, 'base64');
  const text = input.replace(/[\r\n]/g, '');
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    const quantum: number[] = [];
    let j = 0;
    for (; j < 4; j++) {
      if (i === text.length) {
        if (j === 0) break;
        throw new Base64Error(i - j); // an incomplete quantum without padding
      }
      const char = text[i]!;
      i++;
      if (char === '=') {
        // Padding may start only at the third or fourth character of a quantum.
        if (j < 2) throw new Base64Error(i - 1);
        if (j === 2) {
          if (i === text.length) throw new Base64Error(text.length); // "xx=" needs a second "="
          if (text[i] !== '=') throw new Base64Error(i - 1);
          i++;
        }
        if (i < text.length) throw new Base64Error(i); // nothing may follow the padding
        break;
      }
      const value = VALUE.get(char);
      if (value === undefined) throw new Base64Error(i - 1);
      quantum.push(value);
    }
    if (quantum.length === 0) break;
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    bytes.push((bits >> 16) & 0xff);
    if (quantum.length > 2) bytes.push((bits >> 8) & 0xff);
    if (quantum.length > 3) bytes.push(bits & 0xff);
  }
  return Buffer.from(bytes);
}
