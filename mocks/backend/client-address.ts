/**
 * The address of the client a request came from, as its host saw it. The Node host records the
 * TCP peer here; nothing a client sends (no header) can set or change it. In the service worker
 * and msw/node hosts the caller is the page or the test itself: one client, one address.
 *
 * A real server behind a proxy takes the address from the proxy's header only when configured
 * to trust that proxy, and otherwise from the socket, as here.
 */

const addresses = new WeakMap<Request, string>()

/** The address of the only client of the in-page and msw/node hosts. */
export const SOLE_CLIENT = 'local'

export function recordClientAddress(request: Request, address: string): void {
  addresses.set(request, address)
}

export function clientAddressOf(request: Request): string {
  return addresses.get(request) ?? SOLE_CLIENT
}
