import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom'
import { RequireAuth } from '../auth/react'
import { ReconnectingBanner } from './layout/reconnecting-banner'
import { SessionSkeleton, SignedInLayout } from './layout/signed-in-layout'
import { AuthCallbackRoute } from './routes/auth-callback'
import { DevicesRoute } from './routes/devices'
import { LoginRoute } from './routes/login'
import { MoviesRoute } from './routes/movies'
import { NotFoundRoute } from './routes/not-found'
import { WatchlistRoute } from './routes/watchlist'
import { DocumentTitle } from './use-document-title'

/** The app's routes, shared by the browser router and by tests' memory routers. */
export const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/movies" replace /> },
  {
    path: '/login',
    element: (
      <>
        <DocumentTitle title="Sign in" />
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
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
]

export const router = createBrowserRouter(routes)
