import type { ServerResponse } from 'node:http'

/** An RFC 9457 problem body in the contract's shape, as the server and its proxies write it. */
export function problemBody(status: number, code: string, title: string): string {
  return JSON.stringify({ type: `https://reel.example/problems/${code}`, title, status, code })
}

/** An RFC 9457 problem answer from the server itself, in the contract's shape. */
export function sendProblem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
): void {
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
  })
  res.end(problemBody(status, code, title))
}
