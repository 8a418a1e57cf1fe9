/** The one error type routes throw; the error middleware turns it into a page and a status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError(404, 'not_found', `${what} was not found. It may have been moved, or the address may be wrong.`);
}
