/** Rocket.Chat's limit on one channels.invite/groups.invite: here so the schema reads it without the domain's store. */
export const MAX_INVITEES = 1000;
