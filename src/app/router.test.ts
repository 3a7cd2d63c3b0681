import { afterEach, describe, expect, it, vi } from 'vitest'

// Each route module's factory runs when the router first imports it, so a call says "requested".
const requested = vi.hoisted(() => new Set<string>())
const routeModule = (name: string) => {
  requested.add(name)
  return { [name]: () => null }
}
vi.mock('./routes/movies', () => routeModule('MoviesRoute'))
vi.mock('./routes/devices', () => routeModule('DevicesRoute'))
vi.mock('./routes/account', () => routeModule('AccountRoute'))
vi.mock('./routes/not-found', () => routeModule('NotFoundRoute'))
vi.mock('./routes/login', () => routeModule('LoginRoute'))
vi.mock('./layout/signed-in-layout', () => routeModule('SignedInLayout'))

async function openAt(path: string) {
  window.history.replaceState(null, '', path)
  vi.resetModules()
  requested.clear()
  await import('./router')
  // The requests are dynamic imports made after a paint: give them their turn before looking.
  await vi.waitFor(() => expect(requested.size).toBeGreaterThan(0))
}

describe('the page the browser opened on', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/')
  })

  it('is requested once the router has loaded, without rendering it, and no other page is', async () => {
    await openAt('/devices')
    await vi.waitFor(() => expect(requested.size).toBe(2))
    expect([...requested].sort()).toEqual(['DevicesRoute', 'SignedInLayout'])
  })

  it('is matched by its address alone, not by the catch-all page', async () => {
    await openAt('/account?from=header')
    // Module factories run once per file: the layout was already counted when /devices opened.
    expect([...requested]).toEqual(['AccountRoute'])
  })

  it('is the sign-in page alone for a visitor, without the signed-in layout', async () => {
    await openAt('/login')
    expect([...requested]).toEqual(['LoginRoute'])
  })
})
