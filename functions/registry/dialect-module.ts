/**
 * What a dialect registers with the core: its wire dialect, its route contracts, and what the
 * shared runtime asks of it — which table items are its entities (stream recognizers), which
 * events their changes make (event rules and the schemas of its own event types), and which
 * e-mails those events ask for. The core knows dialects only through these registrations
 * (functions/registry/index.ts).
 */
import type { Dialect } from '../dialects/dialect';
import type { EventRule } from '../domain/events/derive-events';
import type { EmailMaker } from '../domain/notify/invitation-emails';
import type { Route } from '../routes/route';
import type { ChangeRecognizer } from '../store/table-changes';
import type * as z from '../lib/zod';

export interface DialectModule {
  dialect: Dialect;
  routes: readonly Route[];
  /** Its entities' recognizers: whether a changed item is theirs, and what the change means. */
  recognizers?: readonly ChangeRecognizer[];
  /** Its events from its registered entities' changes (`<dialect>:<entity>`). */
  eventRule?: EventRule;
  /** The event types only it makes, with the schema of each one's detail. */
  eventTypes?: Readonly<Record<string, z.ZodMiniType>>;
  /** The e-mails its events ask for, by event type (the notifier's rule then matches those types too). */
  emails?: Readonly<Record<string, EmailMaker>>;
}
