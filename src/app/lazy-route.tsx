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
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  let arrived: ComponentType | undefined
  let loading: Promise<ComponentType> | undefined
  // One load, whoever asks first: the paint, or a render that came before it (a tab in the
  // background gets no frames, so its paint may never come).
  const start = () => (loading ??= load().then((module) => (arrived = module[name])))
  const opened = [opensAt ?? []]
    .flat()
    .some((path) => matchPath(path, window.location.pathname) !== null)
  if (opened) afterNextPaint(() => void start())
  const Lazy = lazy(async () => ({ default: await start() }))
  return function LazyRoute() {
    const Page = arrived ?? Lazy
    return <Page />
  }
}
