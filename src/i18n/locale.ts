export const LOCALES = ['en', 'ko'] as const

export type Locale = (typeof LOCALES)[number]

/** The key of the remembered choice: a display preference, never anything that signs in. */
const STORAGE_KEY = 'reel.language'

const isLocale = (value: unknown): value is Locale => LOCALES.some((locale) => locale === value)

/**
 * The first of the browser's languages that Reel speaks: Korean for any `ko*` tag, English for
 * `en*`; English when it speaks none of them.
 */
export function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0]
    if (isLocale(primary)) return primary
  }
  return 'en'
}

/** The language chosen before, if any; storage that is off or full only loses the preference. */
export function readStoredLocale(storage: Storage | null): Locale | null {
  try {
    const stored = storage?.getItem(STORAGE_KEY)
    return isLocale(stored) ? stored : null
  } catch {
    return null
  }
}

export function storeLocale(storage: Storage | null, locale: Locale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale)
  } catch {
    // Nothing to do: the choice still holds for this page.
  }
}

/** localStorage, or null where it is switched off. */
export function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

/** The language a new page starts in: the remembered choice, else the browser's. */
export function initialLocale(storage: Storage | null = browserStorage()): Locale {
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages
  return readStoredLocale(storage) ?? pickLocale(languages)
}
