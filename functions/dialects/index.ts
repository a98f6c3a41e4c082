/**
 * The dialects the service speaks. Adding one is a module implementing `Dialect` plus its entry
 * here; the route table, docs, sample events, demo requests and tests read everything from it.
 */
import { berty } from './berty/dialect';
import type { Dialect } from './dialect';
import { quranReflect } from './quranreflect/dialect';
import { rocketChat } from './rocketchat/dialect';
import { webhooksApi } from './webhooks/dialect';

export const dialects = [rocketChat, quranReflect, berty, webhooksApi] as const;

export type DialectName = (typeof dialects)[number]['name'];

export function dialectNamed(name: DialectName): Dialect<DialectName> {
  return dialects.find((dialect) => dialect.name === name)!;
}
