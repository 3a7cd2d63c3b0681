import type { Locale } from './locale'
import { en, type Messages } from './messages/en'
import { ko } from './messages/ko'

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, ko }

/** Each language named in itself, as a language menu shows them. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' }

export type { Messages }
