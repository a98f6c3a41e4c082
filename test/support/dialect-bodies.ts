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
};
