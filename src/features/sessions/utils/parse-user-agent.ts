import type { Messages } from '../../../i18n/catalogues'

export interface DeviceDescription {
  browser: string | null
  os: string | null
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and most browsers
// on iOS are WebKit underneath but name themselves first.
const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera|OPiOS)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Whale)\//, 'Whale'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
]

// iOS and Android before macOS and Linux: their user agents mention "Mac OS X" and "Linux" too.
const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/i, 'Linux'],
]

const firstMatch = (userAgent: string, table: ReadonlyArray<readonly [RegExp, string]>) =>
  table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null

/** The browser and operating system a user agent string names, as far as it can be told. */
export function parseUserAgent(userAgent: string): DeviceDescription {
  return { browser: firstMatch(userAgent, BROWSERS), os: firstMatch(userAgent, SYSTEMS) }
}

/** A short name for a device, like "Chrome on Linux" or "Safari on iOS", in the page's language. */
export function describeUserAgent(userAgent: string, words: Messages['devices']): string {
  const { browser, os } = parseUserAgent(userAgent)
  if (browser && os) return words.browserOn(browser, os)
  if (browser) return browser
  if (os) return words.aBrowserOn(os)
  return words.unknownDevice
}

/** Whether to draw a phone rather than a computer next to the device. */
export function isMobileUserAgent(userAgent: string): boolean {
  return /\b(Mobile|iPhone|iPod|Android)\b/.test(userAgent)
}
