/** The body each dialect answers an upstream fault with, by HTTP status. */
export const faultBodies: Record<string, Record<number, unknown>> = {
  rocketchat: {
    500: { success: false, error: 'Internal server error' },
    502: { success: false, error: 'Bad gateway' },
    503: { success: false, error: 'Service unavailable' },
    504: { success: false, error: 'Gateway timeout' },
  },
  quranreflect: {
    500: { message: 'An unexpected error occurred on the server', type: 'internal_server_error', success: false },
    502: { message: 'The server received an invalid response from an upstream server', type: 'bad_gateway', success: false },
    503: {
      message: 'The server is temporarily unable to handle the request, try again later',
      type: 'service_unavailable',
      success: false,
    },
    504: { message: 'The server did not receive a timely response from an upstream server', type: 'gateway_timeout', success: false },
  },
  // grpc-gateway: 13 Internal → 500 (also for an unusable datastore answer: gRPC has no 502),
  // 14 Unavailable → 503, 4 DeadlineExceeded → 504.
  berty: {
    500: { error: 'ErrInternal(#888): internal error', code: 13, message: 'ErrInternal(#888): internal error' },
    502: {
      error: 'ErrInternal(#888): invalid response from the datastore',
      code: 13,
      message: 'ErrInternal(#888): invalid response from the datastore',
    },
    503: {
      error: 'ErrInternal(#888): service temporarily unavailable, try again later',
      code: 14,
      message: 'ErrInternal(#888): service temporarily unavailable, try again later',
    },
    504: { error: 'ErrInternal(#888): datastore deadline exceeded', code: 4, message: 'ErrInternal(#888): datastore deadline exceeded' },
  },
  // The webhook management API: its own envelope, the status of the fault.
  webhooks: {
    500: { error: { code: 'internal', message: 'internal error' } },
    502: { error: { code: 'bad-gateway', message: 'the datastore answered with something unusable' } },
    503: { error: { code: 'unavailable', message: 'service temporarily unavailable, try again later' } },
    504: { error: { code: 'timeout', message: 'the datastore did not answer in time' } },
  },
};

/** The HTTP status a dialect answers a fault with: grpc-gateway cannot say 502. */
export const faultStatus = (dialect: string, status: number) => (dialect === 'berty' && status === 502 ? 500 : status);
