import { createContext, use, useLayoutEffect, useMemo, useState, type ReactNode } from 'react'
import { CATALOGUES, type Messages } from './catalogues'
import { formatters, type Formatters } from './formatters'
import { browserStorage, initialLocale, storeLocale, type Locale } from './locale'

export interface I18n {
  locale: Locale
  /** The catalogue of the current language: `t.signIn.submit`, `t.duration.minutes(3)`. */
  t: Messages
  format: Formatters
  setLocale: (locale: Locale) => void
}

const I18nContext = createContext<I18n | null>(null)

/**
 * Holds the page's language: the one chosen before, else the browser's. `<html lang>` follows
 * it, so screen readers pronounce and browsers hyphenate and pick fonts for the right language.
 */
export function I18nProvider({
  children,
  locale: given,
}: {
  children: ReactNode
  locale?: Locale
}) {
  const [locale, setLocaleState] = useState<Locale>(() => given ?? initialLocale())

  useLayoutEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const value = useMemo<I18n>(() => {
    const t = CATALOGUES[locale]
    return {
      locale,
      t,
      format: formatters(locale, t.devices.justNow),
      setLocale(next) {
        storeLocale(browserStorage(), next)
        setLocaleState(next)
      },
    }
  }, [locale])

  return <I18nContext value={value}>{children}</I18nContext>
}

/**
 * The current language's messages and formatters.
 *
 * @example
 * const { t } = useI18n()
 * return <button>{t.signIn.submit}</button>
 */
export function useI18n(): I18n {
  const i18n = use(I18nContext)
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>.')
  return i18n
}
