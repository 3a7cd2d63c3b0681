import type { ServerResponse } from 'node:http'

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
  res.end(JSON.stringify({ type: `https://reel.example/problems/${code}`, title, status, code }))
}
