import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '../../../mocks/backend/db'
import { server } from '../../../mocks/hosts/node'
import { problem } from '../../../mocks/backend/problem'
import { createTab, DEMO } from '../../test/auth-harness'
import {
  cardTitles,
  findMovieCard,
  gate,
  holdWatchlistRefetches,
  movieCard,
  renderApp,
} from '../../test/render-app'

async function signedInAt(path: string) {
  const { session } = createTab()
  await session.signIn(DEMO)
  return renderApp(path, session)
}

const titles = () => cardTitles('Search results')

/** Waits until the card's watchlist button knows whether the movie is listed. */
async function watchlistButton(title: string, name: 'Add to watchlist' | 'Remove from watchlist') {
  const card = await findMovieCard(title)
  const button = card.getByRole('button', { name, description: title })
  await waitFor(() => expect(button).toBeEnabled())
  return button
}

// Whole pages of cards render slowly in jsdom on a busy machine; these tests wait for a few.
describe('Movies page', { timeout: 20_000 }, () => {
  it('shows the first page of results with title, year, genres and rating', async () => {
    await signedInAt('/movies')

    const dune = await findMovieCard('Dune: Part Two')
    expect(dune.getByRole('heading', { level: 2, name: 'Dune: Part Two' })).toBeInTheDocument()
    expect(dune.getByText('2024')).toBeInTheDocument()
    expect(dune.getByText('8.5')).toBeInTheDocument()
    expect(within(dune.getByRole('list', { name: 'Genres' })).getByText('Adventure')).toBeVisible()
    expect(screen.getByText('Page 1 of 6')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Next page' })).toBeEnabled()
    expect(document.title).toBe('Movies · Reel')
  })

  it('searches as the user types, keeps the search in the address and starts again at page 1', async () => {
    const { router, user } = await signedInAt('/movies?page=3')
    await screen.findByText('Page 3 of 6')

    await user.type(screen.getByRole('searchbox', { name: 'Search movies' }), 'spider')

    await screen.findByText('Page 1 of 1')
    expect(titles()).toEqual([
      'Spider-Man: Across the Spider-Verse',
      'Spider-Man: Into the Spider-Verse',
    ])
    expect(router.state.location.search).toBe('?query=spider&page=1')
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
  })

  it('waits for a pause in typing instead of searching on every keystroke', async () => {
    const sent: string[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname === '/api/movies') sent.push(url.searchParams.get('query') ?? '')
    })
    const { user } = await signedInAt('/movies')
    await screen.findByText('Page 1 of 6')

    await user.type(screen.getByRole('searchbox', { name: 'Search movies' }), 'parasite')

    await screen.findByText('Page 1 of 1')
    expect(sent).toEqual(['', 'parasite'])
    server.events.removeAllListeners('request:start')
  })

  it('restores the search and page from the address after a reload', async () => {
    await signedInAt('/movies?query=dark&page=1')

    await findMovieCard('The Dark Knight')
    expect(screen.getByRole('searchbox', { name: 'Search movies' })).toHaveValue('dark')
  })

  it('pages forward and back, and stops at the ends', async () => {
    const { router, user } = await signedInAt('/movies')
    await screen.findByText('Page 1 of 6')

    await user.click(screen.getByRole('button', { name: 'Next page' }))

    await findMovieCard('Burning')
    expect(titles()[0]).toBe('Burning')
    expect(screen.getByText('Page 2 of 6')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?page=2')

    await user.click(screen.getByRole('button', { name: 'Previous page' }))
    await findMovieCard('Dune: Part Two')
    expect(titles()[0]).toBe('Dune: Part Two')

    await router.navigate('/movies?page=6')
    await findMovieCard('Star Wars')
    expect(screen.getByText('Page 6 of 6')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeEnabled()
  })

  it('sends an address past the last page to the last page', async () => {
    const { router } = await signedInAt('/movies?page=40')

    await findMovieCard('Star Wars')
    expect(router.state.location.search).toBe('?page=6')
    expect(screen.getByText('Page 6 of 6')).toBeInTheDocument()
  })

  it('says so when nothing matches', async () => {
    const { user } = await signedInAt('/movies')
    await screen.findByText('Page 1 of 6')

    await user.type(screen.getByRole('searchbox', { name: 'Search movies' }), 'zzzz')

    expect(await screen.findByText('No movies match “zzzz”')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument()
  })

  it('offers to try again when the movies cannot be loaded', async () => {
    server.use(
      http.get('/api/movies', () => problem(503, 'unavailable', 'Try again later.'), {
        once: true,
      }),
    )
    const { user } = await signedInAt('/movies')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('We could not load movies.')

    await user.click(within(alert).getByRole('button', { name: 'Try again' }))

    await findMovieCard('Dune: Part Two')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('marks a movie as added before the server answers, and keeps it', async () => {
    const reply = gate()
    server.use(
      http.put('/api/me/watchlist/:movieId', async () => {
        await reply.opened
      }),
    )
    const { user } = await signedInAt('/movies')

    await user.click(await watchlistButton('Dune: Part Two', 'Add to watchlist'))

    const dune = movieCard('Dune: Part Two')
    expect(
      dune.getByRole('button', { name: 'Remove from watchlist', description: 'Dune: Part Two' }),
    ).toBeInTheDocument()
    expect(db.watchlists.get('u_demo')).not.toContain('dune-part-two-2024')
    reply.open()
    await waitFor(() => expect(db.watchlists.get('u_demo')).toContain('dune-part-two-2024'))
    expect(dune.getByRole('button', { name: 'Remove from watchlist' })).toBeInTheDocument()
  })

  it('undoes an add the server refuses and tells the user', async () => {
    const reply = gate()
    server.use(
      http.put('/api/me/watchlist/:movieId', async () => {
        await reply.opened
        return problem(500, 'server_error', 'Something went wrong on our side.')
      }),
    )
    const refetch = holdWatchlistRefetches()
    const { user } = await signedInAt('/movies')

    await user.click(await watchlistButton('Oppenheimer', 'Add to watchlist'))
    const oppenheimer = movieCard('Oppenheimer')
    expect(oppenheimer.getByRole('button', { name: 'Remove from watchlist' })).toBeInTheDocument()
    reply.open()

    // Undone by the rollback itself, before the refetch could paper over a missing one.
    expect(await oppenheimer.findByRole('button', { name: 'Add to watchlist' })).toBeInTheDocument()
    refetch.open()
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not add “Oppenheimer” to your watchlist. Please try again.',
    )
    expect(oppenheimer.getByRole('button', { name: 'Add to watchlist' })).toBeInTheDocument()
    expect(db.watchlists.get('u_demo')).not.toContain('oppenheimer-2023')

    await user.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('removes a listed movie from the results page', async () => {
    const { user } = await signedInAt('/movies?query=parasite')

    await user.click(await watchlistButton('Parasite', 'Remove from watchlist'))

    expect(movieCard('Parasite').getByRole('button', { name: 'Add to watchlist' })).toBeEnabled()
    await waitFor(() => expect(db.watchlists.get('u_demo')).toEqual(['spirited-away-2001']))
  })
})
