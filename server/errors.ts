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

/** A retired node's register is kept for reference only. */
export function retiredNode(name: string, retiredOn: string): AppError {
  return new AppError(409, 'retired', `${name} was retired on ${retiredOn}. Its register is kept for reference and takes no new risks.`);
}
