import { lazy, Suspense } from 'react'
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom'
import { RequireAuth } from './require-auth'
import { isMockBackend } from '../lib/env'
import { ReconnectingBanner } from './layout/reconnecting-banner'
import { SessionSkeleton, SignedInLayout } from './layout/signed-in-layout'
import { AuthCallbackRoute } from './routes/auth-callback'
import { DevicesRoute } from './routes/devices'
import { LoginRoute } from './routes/login'
import { MoviesRoute } from './routes/movies'
import { NotFoundRoute } from './routes/not-found'
import { WatchlistRoute } from './routes/watchlist'
import { useI18n } from '../i18n/i18n-provider'
import { DocumentTitle } from './use-document-title'

// The lab and jose load only when someone opens it: none of it is in the first bundle.
const LabRoute = lazy(() => import('./routes/lab').then((module) => ({ default: module.LabRoute })))

function LabLoading() {
  const { t } = useI18n()
  return <p className="muted">{t.lab.loading}</p>
}

/** Only mock backends have the lab's API; against a real one the page would only fail. */
const mockOnlyRoutes: RouteObject[] = isMockBackend
  ? [
      {
        path: '/lab',
        element: (
          <Suspense fallback={<LabLoading />}>
            <LabRoute />
          </Suspense>
        ),
      },
    ]
  : []

/** The app's routes, shared by the browser router and by tests' memory routers. */
export const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/movies" replace /> },
  {
    path: '/login',
    element: (
      <>
        <DocumentTitle pick={(t) => t.signIn.pageTitle} />
        <ReconnectingBanner />
        <LoginRoute />
      </>
    ),
  },
  // Outside RequireAuth: a provider sends a person back here before they are signed in.
  { path: '/auth/callback/:provider', element: <AuthCallbackRoute /> },
  {
    element: <RequireAuth fallback={<SessionSkeleton />} />,
    children: [
      {
        element: <SignedInLayout />,
        children: [
          { path: '/movies', element: <MoviesRoute /> },
          { path: '/watchlist', element: <WatchlistRoute /> },
          { path: '/devices', element: <DevicesRoute /> },
          ...mockOnlyRoutes,
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
]

export const router = createBrowserRouter(routes)
