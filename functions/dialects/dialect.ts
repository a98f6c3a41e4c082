/**
 * What makes an API dialect: how it carries credentials (and how the docs show them), how it
 * reads bodies, how it maps invalid input and how it renders errors and successes. One module
 * per dialect implements this; functions/dialects/index.ts lists them.
 */
import type { $ZodIssue } from 'zod/v4/core';
import type { ServiceError } from '../errors';
import type { ApiResult, HeaderMap } from '../http/types';
import type { User } from '../model';

export interface Credentials {
  token: string;
  /** The user id the caller claims (Rocket.Chat's X-User-Id); the token must belong to it. */
  claimedUserId?: string;
  /** The calling application (QuranReflect's x-client-id); it must be a registered API client. */
  clientId?: string;
}

/** What a client holds to authenticate: for docs, sample events, demo requests and tests. */
export interface ClientCredentials {
  token: string;
  userId: string;
  clientId?: string;
}

export interface BodyRules {
  /** Bodies larger than this are refused before parsing (default 256 KiB). */
  maxBytes?: number;
  /** What an empty body means: `{}` (grpc-gateway) or nothing (the schema then decides). */
  emptyBody: 'empty-object' | 'undefined';
  /** Also accept `application/x-www-form-urlencoded` (`a[]=x` and repeated keys make arrays). */
  forms?: boolean;
}

/** Turns a route's schema issues (paths start with `body`, `path` or `query`) into the error to answer. */
export type InvalidInputHandler = (issues: readonly $ZodIssue[], raw: RequestInput) => ServiceError;

/** Everything a request carries that its schema validates. */
export interface RequestInput {
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: unknown;
}

export interface DialectRateLimit {
  /** Callers this returns true for are not limited, and their request is not counted. */
  bypass?: (caller: User) => Promise<boolean>;
  /** Add X-RateLimit-Limit/-Remaining/-Reset to every checked response. */
  headers?: boolean;
}

export interface Dialect<Name extends string = string> {
  readonly name: Name;
  /** The credential headers as the README's endpoint table names them. */
  readonly credentialDocs: string;
  /** The request headers that carry `credentials` (sample events, demo requests, tests). */
  authHeaders(credentials: ClientCredentials): Record<string, string>;
  /** Credentials from lower-cased request headers, or a ServiceError saying what is missing. */
  credentials(headers: HeaderMap): Credentials | ServiceError;
  /** The error to raise for credentials that match no usable token or client. */
  rejectedCredentials(): ServiceError;
  readonly body: BodyRules;
  /** The dialect's answer to input its schema refuses (a route may override it). */
  readonly invalidInput: InvalidInputHandler;
  readonly rateLimit?: DialectRateLimit;
  renderError(error: ServiceError): ApiResult;
  /** The dialect's 200 envelope around a reply. */
  success(reply: Record<string, unknown>): ApiResult;
  /** For the OpenAPI document: how its credentials are declared, and its error envelope. */
  readonly docs: DialectDocs;
}

/** An API key carried in a header, as the OpenAPI document declares it. */
/** A header credential for the docs; `description` says which value `npm start` printed goes there. */
export const headerKey = (name: string, description: string) => ({ type: 'apiKey', in: 'header', name, description }) as const;

/** The error envelope for the docs: an object with these properties (those named required), and one example. */
export const errorEnvelope = (properties: Record<string, unknown>, required: string[], example: unknown): DialectDocs['error'] => ({
  schema: { type: 'object', properties, required },
  example,
});

export interface DialectDocs {
  /** OpenAPI security schemes by name; a request needs all of them. */
  securitySchemes: Record<
    string,
    { type: 'apiKey'; in: 'header'; name: string; description: string } | { type: 'http'; scheme: 'bearer'; description: string }
  >;
  /** JSON Schema of the error body, and one example. */
  error: { schema: Record<string, unknown>; example: unknown };
}

/** The request headers a dialect's credentials travel in, lower-cased (for CORS): from how its docs declare them. */
export const credentialHeaders = (dialect: Pick<Dialect, 'docs'>): string[] =>
  Object.values(dialect.docs.securitySchemes).map((scheme) => (scheme.type === 'http' ? 'authorization' : scheme.name.toLowerCase()));
