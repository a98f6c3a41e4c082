import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { berty, bertySuccess } from '../../dialects/berty';
import { createMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import type { ApiContext, ApiEvent, ApiResult } from '../../http/types';
import { authenticate } from '../../middleware/authenticate';
import { dialectResponse } from '../../middleware/dialect-response';
import { parseJsonBody } from '../../middleware/parse-json-body';
import { rateLimit } from '../../middleware/rate-limit';
import { validateInput } from '../../middleware/validate-input';
import { findRoute } from '../../routes';
import { protoInvalid } from './proto-json';
import { groupCreateRequest } from './schemas';

const limit = rateLimit(findRoute('berty-multi-member-group-create'), berty);

/** POST /protocol/v1/MultiMemberGroupCreate `{}` → `{"group_pk"}`. */
export const handler = middy<ApiEvent, ApiResult, Error, ApiContext>()
  .use(dialectResponse(berty))
  .use(httpHeaderNormalizer())
  .use(parseJsonBody({ emptyBody: 'empty-object' }))
  .use(limit.count)
  .use(authenticate(berty))
  .use(limit.enforce)
  .use(validateInput(groupCreateRequest, { onInvalid: protoInvalid }))
  .handler(async (_event, context) => bertySuccess(await createMultiMemberGroup(context.caller, context.admission)));
