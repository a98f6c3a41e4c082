/** GET /: a plain index that says what this is and links the docs and the API description. */
import { apiHandler } from '../../../../chain/api-handler';
import { indexPageRoute } from '../../routes';
import { rocketChat } from '../../dialect';
import { htmlPage } from '../../../../pages/html-page';

export const handler = apiHandler(indexPageRoute).handler(async () =>
  htmlPage(
    200,
    'invites',
    `<h1>invites</h1>
<p>Invitations into groups and channels, speaking the Rocket.Chat, QuranReflect (Rooms) and Berty invite APIs.</p>
<ul><li><a href="docs">API docs</a> (try the calls in the browser)</li><li><a href="openapi.json">OpenAPI document</a></li></ul>`,
  ),
);
