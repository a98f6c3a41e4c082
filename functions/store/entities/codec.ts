/**
 * The codec helpers every entity uses: from a stored item to the model (validated with zod/mini,
 * layout attributes dropped) and from the model to the item (with its keys). A schema is built on
 * first use, and every codec is marked pure, so a function's bundle carries only the codecs (and
 * the zod schema kinds) its code reaches.
 */
import { ServiceError } from '../../errors';
import * as z from '../../lib/zod';
import type { NumberedUserRef, UserRef } from '../../model';
import type { Item } from '../batch';
import type { TableKey } from '../table-schema';

/** A table key. */
export const key = (pk: string, sk: string): TableKey => ({ pk, sk });

export interface Codec<T> {
  decode(item: Item): T;
  encode(model: T): Item;
}

/**
 * Item → model with a zod schema: unknown attributes (the keys among them) are dropped. The schema
 * is built on first use, and every codec below is marked pure, so a function's bundle carries only
 * the codecs (and the zod schema kinds) its code reaches.
 */
export function decoder<S extends z.ZodMiniType>(entity: string, build: () => S): (item: Item) => z.output<S> {
  let schema: S | undefined;
  return (item) => {
    schema ??= build();
    const result = z.safeParse(schema, item);
    // A stored item that does not match its entity is a bug or corruption, not the caller's fault.
    if (!result.success) throw new ServiceError('internal', `A stored ${entity} item is malformed`, { cause: result.error });
    return result.data;
  };
}

export const codec = <S extends z.ZodMiniType>(
  entity: string,
  build: () => S,
  encode: (model: z.output<S>) => Item,
): Codec<z.output<S>> => ({
  decode: decoder(entity, build),
  encode,
});

export const userRef = () => z.object({ _id: z.string(), username: z.string() });
export const numberedUserRef = () => z.object({ _id: z.string(), username: z.string(), userId: z.number() });

export const ref = (user: UserRef): UserRef => ({ _id: user._id, username: user.username });
export const numberedRef = (user: NumberedUserRef): NumberedUserRef => ({ _id: user._id, username: user.username, userId: user.userId });
