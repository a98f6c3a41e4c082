/** QuranReflect demo data: the API client `demo-client` and group 1 (admin admin, member alice). */
import { createGroup } from '../../functions/domain/quranreflect/groups';
import { apiClientExists, createApiClient } from '../../functions/store/api-clients';
import { getGroup } from '../../functions/store/groups';
import type { DemoUsers } from './demo-data';

/** A fixed id, so the demo client survives restarts with --data-dir. */
const DEMO_CLIENT_ID = 'demo-client';

export async function seed({ admin, alice }: DemoUsers) {
  if (!(await apiClientExists(DEMO_CLIENT_ID))) await createApiClient('demo', DEMO_CLIENT_ID);
  // Seeded on a new table, the demo group is the first one: id "1".
  const group = (await getGroup('1')) ?? (await createGroup({ name: 'Demo group', admin, members: [alice] }));
  return {
    placeholders: { clientId: DEMO_CLIENT_ID, groupId: group.id },
    summary: [`Demo group: "${group.name}" id=${group.id} (admin admin, member alice); API client id: ${DEMO_CLIENT_ID}`],
  };
}
