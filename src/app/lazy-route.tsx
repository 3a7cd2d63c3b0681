import type { QueryClient } from '@tanstack/react-query'
import { lazy, type ComponentType } from 'react'
import { matchPath } from 'react-router-dom'

/**
 * Runs `task` once the browser has painted what is on screen now. A chunk asked for before the
 * first paint holds that paint back (its stylesheet blocks rendering, and its script competes
 * for the network), while a signed-in page shows only its skeleton until the session's restore
 * has answered anyway.
 */
function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0))
}

const ignore = () => undefined

/** What a route's module may export beside its page. */
export interface RouteData {
  /**
   * Asks for the data the page shows, before it renders. Called as a returning person's session
   * is restored, so the requests leave beside the page's rendering rather than after it.
   */
  prefetch?: (queryClient: QueryClient) => void
}

export type LazyRoute = ComponentType & {
  /** Asks for the data of this route's page when it is the one at `pathname`; loads it if need be. */
  prefetchData(queryClient: QueryClient, pathname: string): void
}

/**
 * A route (or a layout of routes) loaded when it is first shown. The first load carries no page:
 * each is a chunk of its own, held by a skeleton of its place while it arrives. The page the
 * browser opened on (any of `opensAt`) starts loading right after the first paint, beside the session's restore
 * rather than after it: on a slow network that is a round trip less before the page can ask for
 * its data.
 *
 * A page whose chunk has arrived renders at once. Through `lazy` alone it would suspend on its
 * first render all the same, and React holds a boundary's content back for a while after its
 * fallback shows: the page's requests would leave that much later.
 */
export function lazyRoute<Name extends string>(
  opensAt: string | readonly string[] | null,
  load: () => Promise<Record<Name, ComponentType> & RouteData>,
  name: Name,
): LazyRoute {
  type Module = Record<Name, ComponentType> & RouteData
  let arrived: Module | undefined
  let loading: Promise<Module> | undefined
  // One load, whoever asks first: the paint, a render that came before it (a tab in the
  // background gets no frames, so its paint may never come), or a prefetch of its data.
  const start = () => (loading ??= load().then((module) => (arrived = module)))
  const paths = [opensAt ?? []].flat()
  const shownAt = (pathname: string) => paths.some((path) => matchPath(path, pathname) !== null)
  if (shownAt(window.location.pathname)) afterNextPaint(() => void start())
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({
    default: (await start())[name],
  }))
  function Route() {
    const Page = arrived?.[name] ?? Lazy
    return <Page />
  }
  return Object.assign(Route, {
    prefetchData(queryClient: QueryClient, pathname: string): void {
      if (!shownAt(pathname)) return
      // At once when the module is here: a promise's turn would come only after the render the
      // same news starts, which is the wait this saves.
      if (arrived) arrived.prefetch?.(queryClient)
      // A page that fails to load says so when it renders; asking ahead is only a head start.
      else start().then((module) => module.prefetch?.(queryClient), ignore)
    },
  })
}
