import { QueryClient } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazyRoute } from './lazy-route'

const pageModule = { DemoRoute: () => <h1>Demo page</h1> }

function renderRoute(Route: React.ComponentType) {
  render(
    <Suspense fallback={<p>Loading the page</p>}>
      <Route />
    </Suspense>,
  )
}

describe('a lazily loaded route', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/')
    vi.restoreAllMocks()
  })

  it('asks for the page opened on once the first paint is done, not before it', async () => {
    window.history.replaceState(null, '', '/demo')
    const load = vi.fn(() => Promise.resolve(pageModule))
    lazyRoute('/demo', load, 'DemoRoute')
    await new Promise(requestAnimationFrame)
    expect(load).not.toHaveBeenCalled()

    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1))
  })

  it('loads the page opened on when it renders first, in a tab that gets no frames', async () => {
    window.history.replaceState(null, '', '/demo')
    // A background tab: the browser draws no frame for it, so no paint ever comes.
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0)
    const load = vi.fn(() => Promise.resolve(pageModule))
    const Route = lazyRoute('/demo', load, 'DemoRoute')

    renderRoute(Route)

    expect(await screen.findByRole('heading', { name: 'Demo page' })).toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('renders at once, without its fallback, when the page opened on has arrived', async () => {
    window.history.replaceState(null, '', '/demo')
    const load = vi.fn(() => Promise.resolve(pageModule))
    const Route = lazyRoute('/demo', load, 'DemoRoute')
    await vi.waitFor(() => expect(load).toHaveBeenCalled())
    // The route's own handler was attached to the load first, so it has run once this resumes.
    await load.mock.results[0]?.value

    renderRoute(Route)

    expect(screen.queryByText('Loading the page')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Demo page' })).toBeInTheDocument()
  })

  it('shows the fallback while a page opened later arrives, then the page', async () => {
    const load = vi.fn(() => Promise.resolve(pageModule))
    const Route = lazyRoute('/demo', load, 'DemoRoute')
    expect(load).not.toHaveBeenCalled()

    renderRoute(Route)

    expect(screen.getByText('Loading the page')).toBeInTheDocument()
    expect(await screen.findByRole('heading', { name: 'Demo page' })).toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('asks for the data of its page at that page’s path only, loading the page for it', async () => {
    const prefetch = vi.fn()
    const load = vi.fn(() => Promise.resolve({ ...pageModule, prefetch }))
    const Route = lazyRoute(['/demo', '/demo/:id'], load, 'DemoRoute')
    const queryClient = new QueryClient()

    Route.prefetchData(queryClient, '/elsewhere')
    expect(load).not.toHaveBeenCalled()

    Route.prefetchData(queryClient, '/demo/7')
    await vi.waitFor(() => expect(prefetch).toHaveBeenCalledWith(queryClient))
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('asks for the data at once, within the same turn, when its page has arrived', async () => {
    const prefetch = vi.fn()
    const load = vi.fn(() => Promise.resolve({ ...pageModule, prefetch }))
    const Route = lazyRoute('/demo', load, 'DemoRoute')
    renderRoute(Route)
    await screen.findByRole('heading', { name: 'Demo page' })

    Route.prefetchData(new QueryClient(), '/demo')

    expect(prefetch).toHaveBeenCalledTimes(1)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('asks nothing of a page that has no data to ask for', async () => {
    const load = vi.fn(() => Promise.resolve(pageModule))
    const Route = lazyRoute('/demo', load, 'DemoRoute')

    Route.prefetchData(new QueryClient(), '/demo')

    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1))
  })

  it('leaves a page that failed to load to say so when it renders, not as a stray rejection', async () => {
    const load = vi.fn(() => Promise.reject(new Error('chunk missing')))
    const Route = lazyRoute('/demo', load, 'DemoRoute')

    Route.prefetchData(new QueryClient(), '/demo')

    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1))
    await expect(load.mock.results[0]?.value).rejects.toThrow('chunk missing')
  })
})
