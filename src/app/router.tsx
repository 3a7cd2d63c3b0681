import { createBrowserRouter, Navigate } from 'react-router-dom'
import { RequireAuth } from '../auth/react'
import { SessionSkeleton, SignedInLayout } from './layout/signed-in-layout'
import { LoginRoute } from './routes/login'
import { MoviesRoute } from './routes/movies'
import { NotFoundRoute } from './routes/not-found'

export const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/movies" replace /> },
  { path: '/login', element: <LoginRoute /> },
  {
    element: <RequireAuth fallback={<SessionSkeleton />} />,
    children: [
      {
        element: <SignedInLayout />,
        children: [{ path: '/movies', element: <MoviesRoute /> }],
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
])
