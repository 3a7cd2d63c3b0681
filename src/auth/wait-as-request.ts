import type { Deadlines } from './deadlines'

interface AbortSignalish {
  aborted?: boolean
  addEventListener?: (type: 'abort', listener: () => void) => void
  removeEventListener?: (type: 'abort', listener: () => void) => void
}

/**
 * Waits for `promise`, but gives up as the request would: on its abort signal or its timeout.
 * The timeout shares the session's one deadline timer.
 */
export function waitAsRequest<T>(
  promise: Promise<T>,
  deadlines: Deadlines,
  signal: AbortSignalish | undefined,
  timeoutMs: number | undefined,
  errors: { aborted: () => unknown; timedOut: () => unknown },
): Promise<T> {
  if (signal?.aborted) return Promise.reject(errors.aborted())
  if (!signal && !(timeoutMs && timeoutMs > 0)) return promise
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const finish = () => {
      settled = true
      cancelDeadline()
      signal?.removeEventListener?.('abort', onAbort)
    }
    const onAbort = () => {
      if (settled) return
      finish()
      reject(errors.aborted())
    }
    const cancelDeadline =
      timeoutMs && timeoutMs > 0
        ? deadlines.add(timeoutMs, () => {
            if (settled) return
            finish()
            reject(errors.timedOut())
          })
        : () => undefined
    signal?.addEventListener?.('abort', onAbort)
    promise.then(
      (value) => {
        if (settled) return
        finish()
        resolve(value)
      },
      (error: unknown) => {
        if (settled) return
        finish()
        reject(error)
      },
    )
  })
}
