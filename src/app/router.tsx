import type { QueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Navigate, useRoutes, type RouteObject } from 'react-router-dom'
import { lazyRoute } from './lazy-route'
import { paths } from './paths'
import { RequireAuth } from './require-auth'
import { isMockBackend } from '../lib/env'
import { ReconnectingBanner } from './layout/reconnecting-banner'
import { AuthPageSkeleton, SessionSkeleton } from './layout/skeletons'
import { DocumentTitle } from './use-document-title'

const LoginRoute = lazyRoute(paths.login, () => import('./routes/login'), 'LoginRoute')
/** The pages behind a sign-in: the layout around them is a chunk of its own, as they are. */
const SIGNED_IN_PATHS = [paths.movies, paths.watchlist, paths.devices, paths.account, paths.lab]
const SignedInLayout = lazyRoute(
  SIGNED_IN_PATHS,
  () => import('./layout/signed-in-layout'),
  'SignedInLayout',
)
const AuthCallbackRoute = lazyRoute(
  paths.authCallback,
  () => import('./routes/auth-callback'),
  'AuthCallbackRoute',
)
const MoviesRoute = lazyRoute(paths.movies, () => import('./routes/movies'), 'MoviesRoute')
const WatchlistRoute = lazyRoute(
  paths.watchlist,
  () => import('./routes/watchlist'),
  'WatchlistRoute',
)
const DevicesRoute = lazyRoute(paths.devices, () => import('./routes/devices'), 'DevicesRoute')
const AccountRoute = lazyRoute(paths.account, () => import('./routes/account'), 'AccountRoute')
// No path: the catch-all matches every address, and is the page least often opened.
const NotFoundRoute = lazyRoute(null, () => import('./routes/not-found'), 'NotFoundRoute')
const LabRoute = lazyRoute(paths.lab, () => import('./routes/lab'), 'LabRoute')

/** The routes whose modules may ask for their page's data before it renders. */
const SIGNED_IN_ROUTES = [SignedInLayout, MoviesRoute, WatchlistRoute, DevicesRoute, AccountRoute]

/**
 * Asks for the data of the signed-in page at `pathname` (and of the layout around it), as a
 * returning person's session is restored: the requests leave while the page renders, not after.
 */
export function prefetchPageData(
  queryClient: QueryClient,
  pathname = window.location.pathname,
): void {
  for (const route of SIGNED_IN_ROUTES) route.prefetchData(queryClient, pathname)
}

/** Only mock backends have the lab's API; against a real one the page would only fail. */
const mockOnlyRoutes: RouteObject[] = isMockBackend
  ? [{ path: paths.lab, element: <LabRoute /> }]
  : []

/** The app's routes, shared by the browser router and by tests' memory routers. */
export const routes: RouteObject[] = [
  { path: paths.root, element: <Navigate to={paths.movies} replace /> },
  {
    path: paths.login,
    element: (
      <>
        <DocumentTitle pick={(t) => t.signIn.pageTitle} />
        <ReconnectingBanner />
        <Suspense fallback={<AuthPageSkeleton />}>
          <LoginRoute />
        </Suspense>
      </>
    ),
  },
  // Outside RequireAuth: a provider sends a person back here before they are signed in.
  {
    path: paths.authCallback,
    element: (
      <Suspense fallback={<AuthPageSkeleton />}>
        <AuthCallbackRoute />
      </Suspense>
    ),
  },
  {
    element: <RequireAuth fallback={<SessionSkeleton />} />,
    children: [
      {
        element: (
          <Suspense fallback={<SessionSkeleton />}>
            <SignedInLayout />
          </Suspense>
        ),
        children: [
          { path: paths.movies, element: <MoviesRoute /> },
          { path: paths.watchlist, element: <WatchlistRoute /> },
          { path: paths.devices, element: <DevicesRoute /> },
          { path: paths.account, element: <AccountRoute /> },
          ...mockOnlyRoutes,
        ],
      },
    ],
  },
  {
    path: paths.notFound,
    element: (
      <Suspense fallback={<AuthPageSkeleton />}>
        <NotFoundRoute />
      </Suspense>
    ),
  },
]

/**
 * The app's pages. Declarative routing: the data comes from TanStack Query, so the data router's
 * loaders and actions would be unused weight in the first load (about 18 KB gzip).
 */
export function AppRoutes() {
  return useRoutes(routes)
}
