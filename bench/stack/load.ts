import autocannon from 'autocannon'

/** One endpoint under load: throughput, latency and everything that was not a 2xx answer. */
export interface LoadFigures {
  requestsPerSec: number
  p50Ms: number
  p99Ms: number
  /** Non-2xx answers, connection errors and timeouts together. */
  errors: number
  requests: number
}

export interface LoadShape {
  connections: number
  durationSec: number
}

/**
 * A fixed request (the same method, path and headers every time), through autocannon.
 * `currentHeaders`, given, are read again for every request: an access token that is refreshed
 * while the load runs.
 */
export async function fixedRequestLoad(
  url: string,
  headers: Record<string, string>,
  shape: LoadShape,
  ca: string,
  currentHeaders?: () => Record<string, string>,
): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    headers,
    connections: shape.connections,
    duration: shape.durationSec,
    tlsOptions: { ca },
    ...(currentHeaders && {
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, ...currentHeaders() },
          }),
        },
      ],
    }),
  })
  return {
    requestsPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  }
}

/**
 * A request that differs every time (another user's sign-in, the next refresh cookie of a
 * chain), which autocannon cannot express: `connections` loops, each sending its next request
 * as soon as the last one answered. `send(loop)` answers whether the request succeeded.
 */
export async function closedLoopLoad(
  shape: LoadShape,
  send: (loop: number) => Promise<boolean>,
): Promise<LoadFigures> {
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + shape.durationSec * 1000
  await Promise.all(
    Array.from({ length: shape.connections }, async (_, loop) => {
      while (performance.now() < deadline) {
        const sent = performance.now()
        const ok = await send(loop).catch(() => false)
        latencies.push(performance.now() - sent)
        if (!ok) errors++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? Number.NaN
  return {
    requestsPerSec: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
    requests: latencies.length,
  }
}
