import { describe, expect, it } from 'vitest'
import { formatters } from './formatters'

const now = Date.parse('2025-06-15T12:00:00Z')
const ago = (ms: number) => new Date(now - ms)
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const english = formatters('en', 'just now')
const korean = formatters('ko', '방금')

describe('relative', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [-20_000, 'just now'],
    [MINUTE, '1 minute ago'],
    [5 * MINUTE + 40_000, '5 minutes ago'],
    [90 * MINUTE, '1 hour ago'],
    [DAY + HOUR, 'yesterday'],
    [3 * DAY, '3 days ago'],
    [15 * DAY, '2 weeks ago'],
    [400 * DAY, 'last year'],
    [-10 * MINUTE, 'in 10 minutes'],
    [-(14 * DAY - 5_000), 'in 2 weeks'],
  ])('says %i ms ago is "%s"', (elapsed, expected) => {
    expect(english.relative(ago(elapsed), now)).toBe(expected)
  })

  it.each([
    [0, '방금'],
    [5 * MINUTE + 40_000, '5분 전'],
    [DAY + HOUR, '어제'],
    [-10 * MINUTE, '10분 후'],
  ])('says %i ms ago in Korean is "%s"', (elapsed, expected) => {
    expect(korean.relative(ago(elapsed), now)).toBe(expected)
  })
})

describe('since', () => {
  it('says a moment that has happened as relative does', () => {
    expect(english.since(ago(5 * MINUTE + 40_000), now)).toBe('5 minutes ago')
    expect(korean.since(ago(DAY + HOUR), now)).toBe('어제')
  })

  it('says a moment dated ahead of this clock happened just now', () => {
    expect(english.since(ago(-7 * MINUTE), now)).toBe('just now')
    expect(korean.since(ago(-2 * DAY), now)).toBe('방금')
  })
})

describe('duration', () => {
  it('says a span in the largest unit a person would use, in each language', () => {
    const en = formatters('en', 'just now')
    const ko = formatters('ko', '방금')
    expect([41.6, 12_400, 270_000, 300_000].map(en.duration)).toEqual([
      '42 ms',
      '12 sec',
      '4 min 30 sec',
      '5 min',
    ])
    expect(ko.duration(270_000)).toBe('4분 30초')
  })
})
