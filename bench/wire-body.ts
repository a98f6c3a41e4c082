/**
 * A signed DynamoDB request's body as text, read without touching its string methods: the SDK's
 * JSON body is a Uint8Array subclass (JsonBytesStringAdapter) whose string methods still work but
 * warn ("JsonCodec2: you have called a string method on a Uint8Array request body"), and a future
 * SDK makes them throw. `Buffer.from(body)` calls its valueOf; reading its bytes does not.
 */
export function wireBody(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
