import type { ServiceError } from '../errors';
import type { ApiResult, HeaderMap } from '../http/types';

export interface Credentials {
  token: string;
  /** The user id the caller claims (Rocket.Chat's X-User-Id); the token must belong to it. */
  claimedUserId?: string;
  /** The calling application (QuranReflect's x-client-id); it must be a registered API client. */
  clientId?: string;
}

/** One API dialect: how it carries credentials and how it renders errors and successes. */
export interface Dialect {
  readonly name: 'rocketchat' | 'quranreflect' | 'berty';
  /** Credentials from lower-cased request headers, or a ServiceError saying what is missing. */
  credentials(headers: HeaderMap): Credentials | ServiceError;
  /** The error to raise for credentials that match no usable token or client. */
  rejectedCredentials(): ServiceError;
  renderError(error: ServiceError): ApiResult;
}
