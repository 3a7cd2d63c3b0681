import { lazy, type ComponentType } from 'react'
import { matchPath } from 'react-router-dom'

/**
 * A route loaded when it is first shown. The first load carries the sign-in page alone; each
 * other page is a chunk of its own, held by the layout's skeleton while it arrives. The page the
 * browser opened on starts loading at once, beside the session's restore rather than after it:
 * on a slow network that is a round trip less before the page can ask for its data.
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
  const opening = path !== null && matchPath(path, window.location.pathname) ? loadAndKeep() : null
  const Lazy = lazy(async () => ({ default: await (opening ?? loadAndKeep()) }))
  return function LazyRoute() {
    const Page = arrived ?? Lazy
    return <Page />
  }
}
