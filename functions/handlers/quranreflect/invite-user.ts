import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { quranReflect, quranReflectSuccess } from '../../dialects/quranreflect';
import { inviteUserToGroup } from '../../domain/quranreflect/invite-user';
import type { ApiContext, ApiEvent, ApiResult } from '../../http/types';
import { authenticate } from '../../middleware/authenticate';
import { dialectResponse } from '../../middleware/dialect-response';
import { parseJsonBody } from '../../middleware/parse-json-body';
import { rateLimit } from '../../middleware/rate-limit';
import { validateInput } from '../../middleware/validate-input';
import { findRoute } from '../../routes';
import { type InviteUserInput, inviteUserInput, inviteUserInvalid } from './invite-user.schema';

const limit = rateLimit(findRoute('quranreflect-groups-invite-user'), quranReflect);

/** PUT /v1/groups/{groupId}/inviteUser. */
export const handler = middy<ApiEvent, ApiResult, Error, ApiContext<InviteUserInput>>()
  .use(dialectResponse(quranReflect))
  .use(httpHeaderNormalizer())
  .use(parseJsonBody())
  .use(limit.count)
  .use(authenticate(quranReflect))
  .use(limit.enforce)
  .use(validateInput(inviteUserInput, { onInvalid: inviteUserInvalid }))
  .handler(async (event, context) => {
    const params = { groupId: event.pathParameters?.groupId ?? '', ...context.input };
    await inviteUserToGroup(context.caller, params, context.admission);
    return quranReflectSuccess({ message: 'User has been invited successfully.' });
  });
