import { describe, expect, it } from 'vitest'
import { initialLocale, pickLocale, readStoredLocale, storeLocale } from './locale'

describe('pickLocale', () => {
  it.each([
    [['ko-KR', 'en-US'], 'ko'],
    [['ko'], 'ko'],
    [['KO-kr'], 'ko'],
    [['fr-FR', 'ko-KR'], 'ko'],
    [['en-GB', 'ko-KR'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('takes %j as %s', (languages, expected) => {
    expect(pickLocale(languages)).toBe(expected)
  })
})

describe('the remembered language', () => {
  it('wins over the browser’s, and only a language Reel speaks is taken back', () => {
    storeLocale(localStorage, 'ko')
    expect(initialLocale(localStorage)).toBe('ko')

    localStorage.setItem('reel.language', 'fr')
    expect(readStoredLocale(localStorage)).toBeNull()
    expect(initialLocale(localStorage)).toBe('en')
    localStorage.clear()
  })
})
