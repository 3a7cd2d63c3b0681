import { render, screen } from '@testing-library/react'
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { AuthProvider, useAuth } from '../auth'
import { createTab, DEMO } from '../test/auth-harness'
import { RequireAuth } from './require-auth'

function LoginProbe() {
  const location = useLocation()
  return <p>login page, from {JSON.stringify(location.state)}</p>
}

describe('RequireAuth', () => {
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

  it('keeps the fallback up in the update that signs in, and draws the page in a later render', async () => {
    // One tab signs in; the rendered one restores the session from the cookie it left.
    await createTab().session.signIn(DEMO)
    const fallbackSaw: boolean[] = []
    function Fallback() {
      fallbackSaw.push(useAuth().isSignedIn)
      return <p>restoring…</p>
    }
    const router = createMemoryRouter(
      [
        {
          element: <RequireAuth fallback={<Fallback />} />,
          children: [{ path: '/watchlist', element: <p>private</p> }],
        },
      ],
      { initialEntries: ['/watchlist'] },
    )
    render(
      <AuthProvider session={createTab().session}>
        <RouterProvider router={router} />
      </AuthProvider>,
    )
    expect(await screen.findByText('private')).toBeInTheDocument()
    expect(fallbackSaw.at(-1)).toBe(true)
  })
})
