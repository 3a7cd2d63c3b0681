import { countIn } from '../plural'

const count = countIn('en')

/**
 * Every string the app shows, in English. Its shape is the catalogue's type: the Korean one must
 * have exactly these keys, with the same parameters.
 */
export const en = {
  app: { name: 'Reel', skipToContent: 'Skip to content' },
  language: { label: 'Language' },
  nav: {
    main: 'Main',
    movies: 'Movies',
    watchlist: 'Watchlist',
    devices: 'Devices',
    lab: 'Lab',
    signOut: 'Sign out',
    signingIn: 'Signing in',
    loadingSession: 'Loading your session…',
    reconnecting: 'Reconnecting…',
  },
  account: {
    headerLink: 'Account',
    menu: 'Menu',
    signInWithPasskey: 'Sign in with a passkey',
    passkeySignInFailed: 'That passkey did not sign you in. Try another way.',
    passkeyLinkNote: (name: string) =>
      `After you sign in with a passkey, ${name} asks you once more, to link it.`,
  },
  signIn: {
    pageTitle: 'Sign in',
    heading: 'Sign in to Reel',
    renewHeading: 'Sign in again',
    renewLead: 'Sign in again to start a new session. You will come back to where you were.',
    checkingSession: 'Checking your session…',
    username: 'Username',
    password: 'Password',
    keepSignedIn: 'Keep me signed in',
    submit: 'Sign in',
    tooManyAttempts: (wait: string) => `Too many sign-in attempts. Try again in ${wait}.`,
    or: 'or',
    demoAccounts: 'Demo accounts',
    demoAccountsLead: 'Demo accounts (mock backend):',
    workerModeNote:
      'Static demo: the backend runs in this tab, so the refresh cookie is only simulated (kept in localStorage) and each tab has its own data.',
  },
  sessionEnded: {
    expired: 'Your session expired. Please sign in again.',
    revoked: 'You were signed out from another device.',
    passwordChanged: 'Your password was changed on another device. Sign in with your new password.',
    reused: 'For your security you were signed out: your sign-in was used somewhere else.',
    otherTab: 'You signed out in another tab.',
    ended: 'Your session has ended. Please sign in again.',
    badResponse:
      'The server answered in a way Reel does not understand, so you were signed out. Please sign in again.',
    logoutPending:
      'You are signed out on this device. The server will be told when it can be reached.',
  },
  sessionExpiry: {
    endsIn: (left: string) => `Your session ends in ${left}.`,
    signInAgain: 'Sign in again',
  },
  duration: {
    seconds: (n: number) => count(n, { one: '# second', other: '# seconds' }),
    minutes: (n: number) => count(n, { one: '# minute', other: '# minutes' }),
  },
  social: {
    google: 'Sign in with Google',
    kakao: 'Login with Kakao',
    naver: 'Log in with NAVER',
    startFailed: 'We could not start the sign-in in this browser. Please try again.',
    cancelled: (name: string) => `Sign-in with ${name} was cancelled.`,
    providerError: (name: string) => `${name} could not sign you in. Please try again.`,
    unverified: (name: string) =>
      `We could not verify this sign-in with ${name}. Please start again.`,
    exchangeFailed: (name: string) =>
      `Sign-in with ${name} could not be completed. Please try again.`,
    theProvider: 'the provider',
    callbackTitle: 'Signing in',
    signingInWith: (name: string) => `Signing you in with ${name}…`,
    signingIn: 'Signing you in…',
    checking: 'Checking your sign-in…',
    // A person already signed in who comes back from a provider to link it, not to sign in.
    linkingTitle: 'Linking an account',
    linkingWith: (name: string) => `Linking ${name} to your account…`,
    linking: 'Linking to your account…',
    checkingLink: 'Checking the account to link…',
    signedInWith: (name: string) => `Signed in with ${name}`,
    sessionSignedInWith: 'This session was signed in with',
    linkedMethods: 'Sign-in methods linked to your account:',
    linkedMethodsLabel: 'Linked sign-in methods',
    accountExists: (name: string) =>
      `An account with this email already exists. Sign in to it to link ${name}.`,
  },
  providers: { password: 'Password', google: 'Google', kakao: 'Kakao', naver: 'Naver' },
  errors: {
    network: 'We could not reach the server. Check your connection and try again.',
    generic: 'Something went wrong. Please try again.',
    tryAgain: 'Try again',
    dismiss: 'Dismiss',
  },
  /** Messages for the server's problem `code`s; any other code gets `errors.generic`. */
  serverErrors: {
    invalid_credentials: 'The username or password is incorrect.',
    validation_failed: 'Please fill in both fields.',
    too_many_attempts: 'Too many sign-in attempts. Please wait and try again.',
    csrf_check_failed: 'This request was refused for your security. Please reload the page.',
    invalid_grant: 'That sign-in could not be completed. Please start again.',
    link_invalid:
      'The link to your other sign-in has expired or was already used. Sign in again to continue.',
    not_found: 'We could not find that.',
  },
  movies: {
    title: 'Movies',
    search: 'Search movies',
    searchPlaceholder: 'Title or genre, e.g. Drama',
    loading: 'Loading movies…',
    loadFailed: 'We could not load movies.',
    noMatch: (query: string) => `No movies match “${query}”`,
    none: 'No movies yet',
    noMatchHint: 'Try a shorter title, or a genre such as Drama or Animation.',
    results: 'Search results',
    outOf10: ' out of 10',
    genres: 'Genres',
    pagination: 'Pagination',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    watchlistLoadFailed: 'We could not load your watchlist, so it cannot be changed here for now.',
  },
  watchlist: {
    title: 'Watchlist',
    loading: 'Loading your watchlist…',
    loadFailed: 'We could not load your watchlist.',
    empty: 'Your watchlist is empty',
    emptyHint: 'Add films you want to see from the movie list.',
    browse: 'Browse movies',
    label: 'Your watchlist',
    count: (n: number) => count(n, { one: '# movie', other: '# movies' }),
    add: 'Add to watchlist',
    remove: 'Remove from watchlist',
    addFailed: (title: string) =>
      `We could not add “${title}” to your watchlist. Please try again.`,
    removeFailed: (title: string) =>
      `We could not remove “${title}” from your watchlist. It is back in your list.`,
  },
  devices: {
    title: 'Devices',
    heading: 'Signed-in devices',
    lead: 'Where your account is signed in. Sign out any device you do not recognise or no longer use.',
    loading: 'Loading your devices…',
    loadFailed: 'We could not load your devices.',
    listLabel: 'Devices',
    thisDevice: 'This device',
    signedIn: 'Signed in',
    lastActive: 'Last active',
    ends: 'Ends',
    justNow: 'just now',
    signOut: 'Sign out',
    revokeFailed: 'We could not sign this device out. Please try again.',
    browserOn: (browser: string, system: string) => `${browser} on ${system}`,
    aBrowserOn: (system: string) => `A browser on ${system}`,
    unknownDevice: 'Unknown device',
    othersHeading: 'Sign out of other devices',
    othersLead: 'End every other session and stay signed in here.',
    othersButton: 'Sign out of other devices',
    othersConfirmHeading: 'Sign out of other devices?',
    othersConfirmBody:
      'Every other browser and app signed in to your account will be signed out. This device stays signed in.',
    othersFailed: 'We could not sign out your other devices. Check your connection and try again.',
    othersDone: 'Your other devices were signed out.',
    everywhereHeading: 'Sign out everywhere',
    everywhereLead:
      'Lost a device, or signed in somewhere you should not have? End every session at once, including this one.',
    everywhereButton: 'Sign out of all devices',
    everywhereConfirmHeading: 'Sign out of all devices?',
    everywhereConfirmBody:
      'Every browser and app signed in to your account will be signed out, including this one. You will need to sign in again on each of them.',
    everywhereFailed: 'We could not sign you out everywhere. Check your connection and try again.',
    cancel: 'Cancel',
  },
  notFound: {
    title: 'Page not found',
    lead: 'There is nothing at this address. It may have moved, or never existed.',
    goToMovies: 'Go to Movies',
  },
  stepUp: {
    title: "Confirm it's you",
    lead: 'This action needs a recent sign-in. Enter your password to go on.',
    leadWithPasskey: 'This action needs a recent sign-in. Enter your password or use a passkey.',
    password: 'Password',
    confirm: 'Confirm',
    cancel: 'Cancel',
    usePasskey: 'Use a passkey',
    confirming: 'Confirming…',
    wrongPassword: 'That password is incorrect.',
    passkeyRejected: 'That passkey was not accepted. Try again or use your password.',
    passkeyCancelled: 'The passkey was not used. Try again or use your password.',
  },
}

export type Messages = typeof en
