/**
 * Bounds for request values that become part of a DynamoDB key. DynamoDB refuses partition keys
 * over 2,048 bytes and sort keys over 1,024 with a ValidationException; a value checked here is
 * refused by the service first, in the dialect's envelope, before any read.
 */
export interface KeyPartRule {
  /** The most UTF-8 bytes the value may take (well under DynamoDB's key limits with a prefix). */
  maxBytes: number;
  /** The characters the value may hold, as one anchored pattern. */
  pattern: RegExp;
}

/** Whether a value fits its rule: at least one byte, at most maxBytes, only allowed characters. */
export function fitsKeyPart(value: string, rule: KeyPartRule): boolean {
  // The length first: a pattern over a huge header costs more than counting its bytes.
  const bytes = Buffer.byteLength(value, 'utf8');
  return bytes > 0 && bytes <= rule.maxBytes && rule.pattern.test(value);
}
