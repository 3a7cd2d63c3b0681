import { render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/backend/db'
import { createTab } from '../test/auth-harness'
import { AuthProvider, useAuth } from './react'

function Phase() {
  const { phase } = useAuth()
  return <p>phase: {phase}</p>
}

describe('React bindings', () => {
  it('starts one restore under StrictMode mount, unmount and mount', async () => {
    const { session } = createTab()
    render(
      <StrictMode>
        <AuthProvider session={session}>
          <Phase />
        </AuthProvider>
      </StrictMode>,
    )
    await screen.findByText('phase: signed-out')
    expect(db.stats.refreshCalls).toBe(1)
  })
})
