import { render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/db'
import { createTab } from '../test/auth-harness'
import { AuthProvider, RequireAuth, useAuth } from './react'

function Status() {
  const { status } = useAuth()
  return <p>status: {status}</p>
}

function LoginProbe() {
  const location = useLocation()
  return <p>login page, from {JSON.stringify(location.state)}</p>
}

describe('React bindings', () => {
  it('starts one restore under StrictMode mount, unmount and mount', async () => {
    const { session } = createTab()
    render(
      <StrictMode>
        <AuthProvider session={session}>
          <Status />
        </AuthProvider>
      </StrictMode>,
    )
    await screen.findByText('status: signed-out')
    expect(db.stats.refreshCalls).toBe(1)
  })

  it('shows the fallback while restoring, then sends a visitor to /login keeping the place', async () => {
    const { session } = createTab()
    const router = createMemoryRouter(
      [
        { path: '/login', element: <LoginProbe /> },
        {
          element: <RequireAuth fallback={<p>restoring…</p>} />,
          children: [{ path: '/watchlist', element: <p>private</p> }],
        },
      ],
      { initialEntries: ['/watchlist?sort=year'] },
    )
    render(
      <AuthProvider session={session}>
        <RouterProvider router={router} />
      </AuthProvider>,
    )
    expect(screen.getByText('restoring…')).toBeInTheDocument()
    expect(
      await screen.findByText(
        'login page, from {"from":"/watchlist?sort=year","endedBecause":null}',
      ),
    ).toBeInTheDocument()
    expect(screen.queryByText('private')).not.toBeInTheDocument()
  })
})
