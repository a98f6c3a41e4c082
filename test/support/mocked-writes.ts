/**
 * An in-process API whose DynamoDB document client can be told to fail (aws-sdk-client-mock):
 * every call goes through to DynamoDB Local unless a test stubs a command; reset after each test.
 */
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { documentClient } from '../../functions/store/client';
import type { LocalServer } from '../../local/http-server';
import { startInProcessApi } from './in-process-api';

export function apiWithMockableStore() {
  const clientMock = mockClient(documentClient);
  let api: LocalServer | undefined;
  beforeAll(async () => {
    clientMock.send.callThrough();
    process.env.RATE_LIMIT = 'off';
    api = await startInProcessApi();
  });
  afterAll(() => api?.close());
  afterEach(() => {
    clientMock.reset();
    clientMock.send.callThrough();
    vi.restoreAllMocks();
  });
  return {
    clientMock,
    /** The API's base URL (once beforeAll has run). */
    url: () => api!.url,
    /** Every command goes through again. */
    passThrough() {
      clientMock.reset();
      clientMock.send.callThrough();
    },
  };
}
