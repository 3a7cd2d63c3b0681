import type { Messages } from './catalogues'

type KnownMethod = keyof Messages['providers']

const isKnown = (messages: Messages, method: string): method is KnownMethod =>
  Object.hasOwn(messages.providers, method)

/** How a session was signed in to, as a person would say it in the page's language. */
export function providerLabel(messages: Messages, provider: string): string {
  return isKnown(messages, provider)
    ? messages.providers[provider]
    : provider.charAt(0).toUpperCase() + provider.slice(1)
}
