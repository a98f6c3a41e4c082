import * as z from '../../../../lib/zod';

/** GET /: nothing to read. */
export const indexPageInput = z.object({});

/** GET /invite/{id}: the link's id, bounded as every key part is. */
export const invitePageInput = z.object({ path: z.object({ id: z.string().check(z.maxLength(256)) }) });
