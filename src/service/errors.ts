// Errors the service raises for input a caller can fix; the API answers them with 400.

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
