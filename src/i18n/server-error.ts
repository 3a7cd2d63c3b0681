import type { Messages } from './catalogues'

type ServerErrorCode = keyof Messages['serverErrors']

const isKnownCode = (messages: Messages, code: string): code is ServerErrorCode =>
  Object.hasOwn(messages.serverErrors, code)

/**
 * What to tell a person about a problem the server reported, chosen by its stable `code` alone:
 * the server's `title` is English and would not follow the page's language.
 */
export function serverErrorMessage(messages: Messages, code: string | null): string {
  return code !== null && isKnownCode(messages, code)
    ? messages.serverErrors[code]
    : messages.errors.generic
}
