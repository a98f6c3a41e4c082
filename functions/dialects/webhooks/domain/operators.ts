/** Who may manage webhooks: accounts holding the operator role (the admin CLI makes them with their keys). */
import { ServiceError } from '../../../errors';
import type { User } from '../../../model';

export const OPERATOR_ROLE = 'webhooks-operator';

export function requireOperator(caller: User): void {
  if (!caller.roles.includes(OPERATOR_ROLE))
    throw new ServiceError('forbidden', `only an operator key may manage webhooks (role ${OPERATOR_ROLE})`, { code: 'forbidden' });
}
