import { Suspense } from 'react'
import { Navigate, useRoutes, type RouteObject } from 'react-router-dom'
import { lazyRoute } from './lazy-route'
import { paths } from './paths'
import { RequireAuth } from './require-auth'
import { isMockBackend } from '../lib/env'
import { ReconnectingBanner } from './layout/reconnecting-banner'
import { SignedInLayout } from './layout/signed-in-layout'
import { AuthPageSkeleton, SessionSkeleton } from './layout/skeletons'
import { LoginRoute } from './routes/login'
import { DocumentTitle } from './use-document-title'

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
        <LoginRoute />
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
        element: <SignedInLayout />,
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
