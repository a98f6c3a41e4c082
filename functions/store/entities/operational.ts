/** Items of the service's own running: event notes (the transactional outbox) and rate-limit windows. */
import { key } from './codec';

export const operationalKeys = {
  /** An event note (transactional outbox): written with the change it tells of, gone after a day. */
  eventNote: (id: string) => key(`NOTE#${id}`, 'NOTE'),
  eventNotePrefix: () => 'NOTE#',

  /** One counter per route, subject (client IP or user id) and fixed window. */
  rateLimitWindow: (routeId: string, subject: string, windowStart: number) => key(`RATE#${routeId}#${subject}`, `WINDOW#${windowStart}`),
} as const;
