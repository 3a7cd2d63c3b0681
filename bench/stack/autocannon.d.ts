// autocannon ships no types: the part of its API the stack benchmark uses.
declare module 'autocannon' {
  interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    connections?: number
    duration?: number
    tlsOptions?: { ca?: string }
    requests?: RequestStep[]
  }
  interface RawRequest {
    headers?: Record<string, string>
  }
  interface RequestStep {
    /** Called before every request of the step; what it returns is sent. */
    setupRequest?: (request: RawRequest) => RawRequest
  }
  interface Histogram {
    average: number
    mean: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
