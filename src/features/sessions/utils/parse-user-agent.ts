import Bowser from 'bowser'
import type { Messages } from '../../../i18n/catalogues'

// Bowser's full product names, shortened as people say them in a list of their own devices.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  'Samsung Internet for Android': 'Samsung Internet',
  'NAVER Whale Browser': 'Whale',
}

/** Bowser refuses an empty string; a session without a user agent is simply unknown. */
const parse = (userAgent: string) => (userAgent.trim() === '' ? null : Bowser.parse(userAgent))

/** A short name for a device, like "Chrome on Linux" or "Safari on iOS", in the page's language. */
export function describeUserAgent(userAgent: string, words: Messages['devices']): string {
  const parsed = parse(userAgent)
  const name = parsed?.browser.name || null
  const browser = name && (SHORT_NAMES[name] ?? name)
  const os = parsed?.os.name || null
  if (browser && os) return words.browserOn(browser, os)
  if (browser) return browser
  if (os) return words.aBrowserOn(os)
  return words.unknownDevice
}

/** Whether to draw a phone rather than a computer next to the device. */
export function isMobileUserAgent(userAgent: string): boolean {
  const type = parse(userAgent)?.platform.type
  return type === 'mobile' || type === 'tablet'
}
