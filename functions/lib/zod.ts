/**
 * zod/mini with English messages. The classic `zod` entry bundles every locale (~430 KB per
 * function); zod/mini bundles none and answers "Invalid input", so the English one is loaded here.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';
