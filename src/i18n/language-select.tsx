import { useId } from 'react'
import { LOCALE_NAMES } from './catalogues'
import { useI18n } from './i18n-provider'
import { LOCALES, type Locale } from './locale'

const isLocale = (value: string): value is Locale => LOCALES.some((locale) => locale === value)

/** "Language: English | 한국어"; the choice is remembered for the next visit. */
export function LanguageSelect() {
  const { t, locale, setLocale } = useI18n()
  const id = useId()
  return (
    <span className="language-select">
      <label htmlFor={id}>{t.language.label}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value)
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </span>
  )
}
