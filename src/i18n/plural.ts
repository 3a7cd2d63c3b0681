import type { Locale } from './locale'
import { onFirstUse } from '../lib/on-first-use'

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

/**
 * Picks the form a count takes in a language ("1 minute", "2 minutes"; Korean has one form) and
 * writes the count the way that language does.
 *
 * @example
 * const count = countIn('en')
 * count(2, { one: '# minute', other: '# minutes' }) // "2 minutes"
 */
export function countIn(locale: Locale) {
  const rules = onFirstUse(() => new Intl.PluralRules(locale))
  const numbers = onFirstUse(() => new Intl.NumberFormat(locale))
  return (n: number, forms: PluralForms): string =>
    (forms[rules().select(n)] ?? forms.other).replace('#', numbers().format(n))
}
