import { screen, waitFor } from '@testing-library/react'
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
  renderApp,
} from '../../test/render-app'

const ALICE = { username: 'alice', password: 'alice-password-1' }

async function signedInAt(path: string, account = DEMO) {
  const { session } = createTab()
  await session.signIn(account)
  return renderApp(path, session)
}

const listedTitles = () => cardTitles('Your watchlist')

// Whole pages of cards render slowly in jsdom on a busy machine; these tests wait for a few.
describe('Watchlist page', { timeout: 20_000 }, () => {
  it('lists the saved movies as the same cards as the search results', async () => {
    await signedInAt('/watchlist')

    expect(await screen.findByRole('heading', { level: 1, name: 'Watchlist' })).toBeInTheDocument()
    await waitFor(() => expect(listedTitles()).toEqual(['Parasite', 'Spirited Away']))
    expect(screen.getByText('2 movies')).toBeInTheDocument()
    const parasite = await findMovieCard('Parasite')
    expect(
      parasite.getByRole('button', { name: 'Remove from watchlist', description: 'Parasite' }),
    ).toBeEnabled()
    expect(document.title).toBe('Watchlist · Reel')
  })

  it('removes a movie at once, before the server answers', async () => {
    const reply = gate()
    server.use(
      http.delete('/api/me/watchlist/:movieId', async () => {
        await reply.opened
      }),
    )
    const { user } = await signedInAt('/watchlist')
    const parasite = await findMovieCard('Parasite')

    await user.click(parasite.getByRole('button', { name: 'Remove from watchlist' }))

    expect(listedTitles()).toEqual(['Spirited Away'])
    expect(screen.getByText('1 movie')).toBeInTheDocument()
    reply.open()
    await waitFor(() => expect(db.watchlists.get('u_demo')).toEqual(['spirited-away-2001']))
    expect(listedTitles()).toEqual(['Spirited Away'])
  })

  it('puts a movie back in its place when the server refuses to remove it, and says so', async () => {
    const reply = gate()
    server.use(
      http.delete('/api/me/watchlist/:movieId', async () => {
        await reply.opened
        return problem(500, 'server_error', 'Something went wrong on our side.')
      }),
    )
    const refetch = holdWatchlistRefetches()
    const { user } = await signedInAt('/watchlist')
    const parasite = await findMovieCard('Parasite')
    await user.click(parasite.getByRole('button', { name: 'Remove from watchlist' }))
    expect(listedTitles()).toEqual(['Spirited Away'])

    reply.open()

    // Back in first place by the rollback itself, before the refetch could do it.
    await waitFor(() => expect(listedTitles()).toEqual(['Parasite', 'Spirited Away']))
    refetch.open()
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not remove “Parasite” from your watchlist. It is back in your list.',
    )
    expect(listedTitles()).toEqual(['Parasite', 'Spirited Away'])
    expect(db.watchlists.get('u_demo')).toEqual(['parasite-2019', 'spirited-away-2001'])
  })

  it('points an empty watchlist to the movies page', async () => {
    const { user, router } = await signedInAt('/watchlist', ALICE)

    expect(await screen.findByText('Your watchlist is empty')).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Browse movies' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/movies'))
    expect(await screen.findByRole('heading', { level: 1, name: 'Movies' })).toBeInTheDocument()
  })

  it('shows a movie added on the movies page', async () => {
    const { user } = await signedInAt('/movies?query=oldboy', ALICE)
    const oldboy = await findMovieCard('Oldboy')
    const add = oldboy.getByRole('button', { name: 'Add to watchlist', description: 'Oldboy' })
    await waitFor(() => expect(add).toBeEnabled())
    await user.click(add)

    await user.click(screen.getByRole('link', { name: 'Watchlist' }))

    await waitFor(() => expect(listedTitles()).toEqual(['Oldboy']))
    await waitFor(() => expect(db.watchlists.get('u_alice')).toEqual(['oldboy-2003']))
  })
})
