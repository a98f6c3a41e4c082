/**
 * The dialects the service runs, as they registered (dialect-module.ts), and what the shared
 * runtime reads from them: the stream's recognizers, the event rules and schemas, the e-mail
 * makers and the types the notifier hears. A dialect shipped with the service is one line in
 * `builtIn`; another (a test's fixture) registers itself with registerDialect, and no core file
 * changes.
 */
import { bertyModule } from '../dialects/berty';
import { quranReflectModule } from '../dialects/quranreflect';
import { rocketChatModule } from '../dialects/rocketchat';
import { webhooksModule } from '../dialects/webhooks';
import type { EventRule } from '../domain/events/derive-events';
import type { EmailMaker } from '../domain/notify/invitation-emails';
import { detailSchema, isCatalogueType } from '../events/catalogue';
import type { DetailSchemaOf } from '../events/envelope';
import type { ChangeRecognizer } from '../store/table-changes';
import type { DialectModule } from './dialect-module';

export type { DialectModule } from './dialect-module';

const builtIn: readonly DialectModule[] = [rocketChatModule, quranReflectModule, bertyModule, webhooksModule];
const modules: DialectModule[] = [...builtIn];

/** Adds a dialect at run time (before the first request); its name and event types must be its own. */
export function registerDialect(module: DialectModule): void {
  if (modules.some((known) => known.dialect.name === module.dialect.name))
    throw new Error(`a dialect named ${module.dialect.name} is registered already`);
  for (const type of Object.keys(module.eventTypes ?? {}))
    if (isCatalogueType(type) || modules.some((known) => known.eventTypes?.[type])) throw new Error(`event type ${type} is taken`);
  modules.push(module);
}

export const registeredDialects = (): readonly DialectModule[] => modules;

export const changeRecognizers = (): ChangeRecognizer[] => modules.flatMap((module) => module.recognizers ?? []);

export const eventRules = (): EventRule[] => modules.flatMap((module) => (module.eventRule ? [module.eventRule] : []));

export const eventSchemaOf: DetailSchemaOf = (type) =>
  isCatalogueType(type) ? detailSchema(type) : modules.find((module) => module.eventTypes?.[type])?.eventTypes?.[type];

export const emailMakerFor = (type: string): EmailMaker | undefined => modules.find((module) => module.emails?.[type])?.emails?.[type];

/** The event types the notifier hears (its bus rule and the local feed): those some dialect makes an e-mail of. */
export const notifiedTypes = (): string[] => modules.flatMap((module) => Object.keys(module.emails ?? {})).sort();
