/** A promise with its settling functions, for callers who wait on something not yet started. */
export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

export function createDeferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined
  let reject: (error: unknown) => void = () => undefined
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

/** Settles `waiting`, if any, with a token or an error. */
export function settle<T>(
  waiting: Deferred<T> | null,
  outcome: { value: T } | { error: unknown },
): void {
  if (!waiting) return
  if ('value' in outcome) waiting.resolve(outcome.value)
  else waiting.reject(outcome.error)
}
