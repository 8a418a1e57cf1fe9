/**
 * Settles as `work` does, or rejects with `expired()` once `ms` have passed. `work` goes on
 * running: its late rejection is swallowed here, so whoever gave up on it need not wait for it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, expired: () => Error): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(expired()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
