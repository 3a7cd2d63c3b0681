import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createTab, DEMO } from '../../test/auth-harness'
import { renderApp } from '../../test/render-app'

describe('the signed-in header', { timeout: 20_000 }, () => {
  it('links to the account page', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const { user, router } = renderApp('/movies', session)

    await user.click(await screen.findByRole('link', { name: 'Account' }))

    expect(router.state.location.pathname).toBe('/account')
  })

  it('folds the account tools behind a menu button that says whether it is open', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const { user } = renderApp('/movies', session)

    const toggle = await screen.findByRole('button', { name: 'Menu' })
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '')
    expect(panel).not.toBeNull()
    expect(
      within(panel as HTMLElement).getByRole('button', { name: 'Sign out' }),
    ).toBeInTheDocument()
    expect(toggle).toHaveAttribute('aria-expanded', 'false')

    await user.click(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'true')
    expect(panel).toHaveAttribute('data-open', 'true')

    await user.keyboard('{Escape}')
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    expect(toggle).toHaveFocus()
  })

  it('closes the menu when a page is chosen from it', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const { user, router } = renderApp('/movies', session)

    const toggle = await screen.findByRole('button', { name: 'Menu' })
    await user.click(toggle)
    await user.click(screen.getByRole('link', { name: 'Account' }))

    expect(router.state.location.pathname).toBe('/account')
    // The router shows the page once its chunk has arrived, and the menu closes with that page.
    await screen.findByRole('heading', { level: 1, name: 'Account' })
    expect(screen.getByRole('button', { name: 'Menu' })).toBe(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
  })
})
