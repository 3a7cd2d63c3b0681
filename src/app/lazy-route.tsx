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
 * A route loaded when it is first shown. The first load carries the sign-in page alone; each
 * other page is a chunk of its own, held by the layout's skeleton while it arrives. The page the
 * browser opened on starts loading right after the first paint, beside the session's restore
 * rather than after it: on a slow network that is a round trip less before the page can ask for
 * its data.
 *
 * A page whose chunk has arrived renders at once. Through `lazy` alone it would suspend on its
 * first render all the same, and React holds a boundary's content back for a while after its
 * fallback shows: the page's requests would leave that much later.
 */
export function lazyRoute<Name extends string>(
  path: string | null,
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  let arrived: ComponentType | undefined
  const loadAndKeep = async (): Promise<ComponentType> => (arrived = (await load())[name])
  const opened = path !== null && matchPath(path, window.location.pathname) !== null
  const opening = opened
    ? new Promise<void>((painted) => afterNextPaint(painted)).then(loadAndKeep)
    : null
  const Lazy = lazy(async () => ({ default: await (opening ?? loadAndKeep()) }))
  return function LazyRoute() {
    const Page = arrived ?? Lazy
    return <Page />
  }
}
