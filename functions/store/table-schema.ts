/**
 * The single table's shape, as plain data. The CDK stack (infra/) and the local runtime (local/)
 * both build the table from this, so the two can never disagree.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL removes expired invitations, tokens and rate-limit windows. */
  ttlAttribute: 'expiresAt',
  /** The stream the service's events are derived from (see functions/handlers/stream/). */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    /** Reverse lookups: a user's memberships and invitations, invitations by e-mail. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
} as const;

export type TableKey = { pk: string; sk: string };
