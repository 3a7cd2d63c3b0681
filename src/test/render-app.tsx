import { QueryClient } from '@tanstack/react-query'
import { configure, render, screen, within } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import { http } from 'msw'
import { createMemoryRouter, RouterProvider, type InitialEntry } from 'react-router-dom'
import { server } from '../../mocks/hosts/node'
import { AppProvider } from '../app/provider'
import { routes } from '../app/router'
import type { AuthSession } from '../auth'

// Role queries over a whole page are slow in jsdom (the first one in a file takes seconds on a
// busy machine), so waits for a page to settle get more than the default second.
configure({ asyncUtilTimeout: 5000 })

/**
 * Renders the whole app (real routes, layout and providers) at `path` (with history state, if
 * given) for a test's session, with a fresh cache that never retries, so a failure shows at once
 * instead of after a back-off.
 */
export function renderApp(path: InitialEntry, session: AuthSession) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  const user = userEvent.setup()
  const view = render(
    <AppProvider session={session} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )
  return { ...view, router, queryClient, user }
}

/** The sign-in methods the header's menu lists, opened as a person would open it. */
export async function headerLinkedMethods(user: UserEvent) {
  const banner = screen.getByRole('banner')
  await user.click(await within(banner).findByLabelText(/^Signed in with /))
  const methods = within(banner).getByRole('list', { name: 'Linked sign-in methods' })
  return within(methods)
    .getAllByRole('listitem')
    .map((item) => item.textContent)
}

/** A promise a test resolves when it chooses: holds a mock response until the UI was checked. */
export function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

/**
 * The movie card with this title, for queries scoped to it. Found by text first: a role query
 * over a whole page of cards costs far more, and the card's own queries still check roles.
 */
export function movieCard(title: string) {
  return within(cardOf(screen.getByText(title, { selector: 'h2' })))
}

export async function findMovieCard(title: string) {
  return within(cardOf(await screen.findByText(title, { selector: 'h2' })))
}

function cardOf(heading: HTMLElement): HTMLElement {
  const card = heading.closest('article')
  if (!card) throw new Error(`"${heading.textContent}" is not the title of a movie card`)
  return card
}

/** The titles of the cards in the list with this name, in order. */
export function cardTitles(listName: string) {
  const list = screen.getByRole('list', { name: listName })
  return Array.from(list.querySelectorAll('article h2'), (heading) => heading.textContent)
}

/**
 * Lets the first watchlist load through and holds every later one (the refetch after a change)
 * until the returned gate opens, so a test can see what the page shows before the server's truth
 * arrives: a rollback, for instance, rather than the refetch that would hide a missing one.
 */
export function holdWatchlistRefetches() {
  const refetch = gate()
  let loads = 0
  server.use(
    http.get('/api/me/watchlist', async () => {
      loads++
      if (loads > 1) await refetch.opened
      // Nothing returned: the request goes on to the real handler.
    }),
  )
  return refetch
}
