import { generatePath } from 'react-router-dom'

/**
 * Every page's address, named once: the router declares these, and links, redirects and the
 * features that send a browser somewhere build their targets from them. The one file of the app
 * that the shared layers and features may import, so it imports nothing of the app.
 */
export const paths = {
  root: '/',
  login: '/login',
  movies: '/movies',
  watchlist: '/watchlist',
  devices: '/devices',
  account: '/account',
  lab: '/lab',
  authCallback: '/auth/callback/:provider',
  notFound: '*',
} as const

/** Where a social provider sends the browser back for `provider`. */
export const authCallbackPath = (provider: string): string =>
  generatePath(paths.authCallback, { provider })
