/** Offsets as Go's encoding/base64 reports them (StdEncoding.DecodeString). */
import { describe, expect, test } from 'vitest';
import { decodeStdBase64 } from '../../functions/lib/go-base64';

describe('decodeStdBase64', () => {
  test.each([
    ['', ''],
    ['Zg==', '66'],
    ['Zm8=', '666f'],
    ['Zm9v', '666f6f'],
    ['Zm9vYmFy', '666f6f626172'],
    ['+/+/', 'fbffbf'],
  ])('%j decodes', (input, hex) => {
    expect(decodeStdBase64(input).toString('hex')).toBe(hex);
  });

  test.each([
    ['abc', 0], // missing padding
    ['Zm9vY', 4],
    ['Zm9v!mFy', 4],
    ['Zm9v-_==', 4], // URL alphabet is not accepted
    ['=Zm9', 0],
    ['Z===', 1],
    ['Zg=a', 2], // Go blames the first "=" when the second is missing
    ['Zg=', 3],
    ['Zg==Zg==', 4],
    ['not base64 at all', 3],
  ])('%j fails at byte %i', (input, offset) => {
    expect(() => decodeStdBase64(input)).toThrow(`illegal base64 data at input byte ${offset}`);
  });

  test('round-trips random bytes encoded by Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      expect(decodeStdBase64(bytes.toString('base64')).equals(bytes)).toBe(true);
    }
  });
});
