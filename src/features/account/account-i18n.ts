import { useMemo } from 'react'
import type { Messages } from '../../i18n/catalogues'
import { useI18n, type I18n } from '../../i18n/i18n-provider'
import type { Locale } from '../../i18n/locale'
import { accountEn, type AccountMessages } from './messages/en'
import { accountKo } from './messages/ko'

export const ACCOUNT_CATALOGUES: Readonly<Record<Locale, AccountMessages>> = {
  en: accountEn,
  ko: accountKo,
}

/** The app's catalogue with the account page's own section, which only the page's chunk carries. */
export type AccountAwareMessages = Messages & { accountPage: AccountMessages }

/**
 * `useI18n()` for the account page: the same language and formatters, and `t.accountPage.…`
 * besides. The page's words stay out of the first load, whose budget is tight.
 *
 * @example
 * const { t } = useAccountI18n()
 * return <h2>{t.accountPage.passkeysHeading}</h2>
 */
export function useAccountI18n(): Omit<I18n, 't'> & { t: AccountAwareMessages } {
  const i18n = useI18n()
  return useMemo(
    () => ({ ...i18n, t: { ...i18n.t, accountPage: ACCOUNT_CATALOGUES[i18n.locale] } }),
    [i18n],
  )
}
