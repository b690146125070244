// Errors the service raises for input a caller can fix (the API answers 400) and for load it cannot take now (503).

export class InputError extends Error {
  override name = 'InputError';

  constructor(
    /** Where the bad value sits, e.g. "body.path". */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The service cannot do this now (queue over its bound, Redis slow or down): the API answers 503 with Retry-After. */
export class UnavailableError extends Error {
  override name = 'UnavailableError';

  constructor(
    message: string,
    /** When sending again may succeed. */
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
