/**
 * grpc-gateway's JSON mapping for the request messages: proto or lowerCamel field names, `null`
 * as unset, unknown fields ignored, `bytes` as padded standard base64 (Go's decoder and errors).
 */
import { type Base64Error, decodeStdBase64 } from '../../../lib/go-base64';
import * as z from '../../../lib/zod';

/** A `bytes` field: decoded to a Buffer, empty meaning unset (the proto3 zero value). */
export const protoBytes = z.pipe(
  z.nullish(z.string({ error: (issue) => `expected a base64 string, got ${issue.input === null ? 'null' : typeof issue.input}` })),
  z.transform((value, context) => {
    if (value === null || value === undefined || value === '') return undefined;
    try {
      return decodeStdBase64(value);
    } catch (error) {
      context.issues.push({ code: 'custom', message: (error as Base64Error).message, input: value });
      return z.NEVER;
    }
  }),
);

/** A message: any JSON object (unknown fields ignored); `null` reads as an empty message. */
export const protoMessage = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === null ? {} : value)),
    z.looseObject(shape, {
      error: (issue) => `json: cannot unmarshal ${Array.isArray(issue.input) ? 'array' : typeof issue.input} into a message`,
    }),
  );

/** The first field set under its proto name or its lowerCamel name. */
export const either = <T>(protoName: T | undefined, jsonName: T | undefined) => protoName ?? jsonName;
