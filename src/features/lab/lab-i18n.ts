import { useMemo } from 'react'
import type { Messages } from '../../i18n/catalogues'
import { useI18n, type I18n } from '../../i18n/i18n-provider'
import type { Locale } from '../../i18n/locale'
import { labEn, type LabMessages } from './messages/en'
import { labKo } from './messages/ko'

export const LAB_CATALOGUES: Readonly<Record<Locale, LabMessages>> = { en: labEn, ko: labKo }

/** The app's catalogue with the lab's own section, which only the lab's chunk carries. */
export type LabAwareMessages = Messages & { lab: LabMessages }

/**
 * `useI18n()` for the lab: the same language and formatters, and `t.lab.…` besides.
 *
 * @example
 * const { t } = useLabI18n()
 * return <h2>{t.lab.jwtInspector}</h2>
 */
export function useLabI18n(): Omit<I18n, 't'> & { t: LabAwareMessages } {
  const i18n = useI18n()
  return useMemo(() => ({ ...i18n, t: { ...i18n.t, lab: LAB_CATALOGUES[i18n.locale] } }), [i18n])
}
