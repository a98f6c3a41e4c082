/** Berty's registration: its wire dialect, contracts and the entity whose changes make its events. */
import type { DialectModule } from '../../registry/dialect-module';
import { berty } from './dialect';
import { bertyEvents } from './domain/events';
import { bertyRoutes } from './routes';
import { bertyMemberChange } from './store/entities/berty-group';

export const bertyModule: DialectModule = { dialect: berty, routes: bertyRoutes, recognizers: [bertyMemberChange], eventRule: bertyEvents };
