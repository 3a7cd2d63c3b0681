/**
 * Which requests may not change the lab. A host that serves a public demo (`npm run serve`)
 * marks those from clients other than its own machine; the in-page and msw/node hosts and the
 * dev server mark none, so their one user keeps the whole lab.
 */

const locked = new WeakSet<Request>()

export function lockLabFor(request: Request): void {
  locked.add(request)
}

export function isLabLockedFor(request: Request): boolean {
  return locked.has(request)
}
