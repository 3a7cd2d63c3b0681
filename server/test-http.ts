import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:http'

export interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface RawRequest {
  method?: string
  /** Sent exactly as written: fetch and URL would resolve `..` and `%2e%2e` before sending. */
  path: string
  headers?: Record<string, string>
  body?: string
  /** The address to connect from, e.g. `127.0.0.2`: another client on this machine. */
  localAddress?: string
}

/** One request over a fresh connection, as a client would write it on the wire. */
export function rawRequest(origin: string, options: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    request(
      {
        host: hostname,
        port,
        path: options.path,
        method: options.method ?? 'GET',
        // Node sends a DELETE's body unframed unless told its length.
        headers: {
          ...(options.body !== undefined && {
            'Content-Length': String(Buffer.byteLength(options.body)),
          }),
          ...options.headers,
        },
        agent: false,
        ...(options.localAddress && { localAddress: options.localAddress }),
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
      .on('error', reject)
      .end(options.body)
  })
}
