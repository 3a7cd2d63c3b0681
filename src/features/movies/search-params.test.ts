import { describe, expect, it } from 'vitest'
import { readMovieSearch, toMovieSearchParams, totalPages } from './search-params'

describe('movie search params', () => {
  it('reads the query and page from the address', () => {
    expect(readMovieSearch(new URLSearchParams('query=star&page=3'))).toEqual({
      query: 'star',
      page: 3,
    })
  })

  it.each(['', 'page=0', 'page=-2', 'page=1.5', 'page=abc', 'page=99999999999999999999'])(
    'reads %s as the first page',
    (search) => {
      expect(readMovieSearch(new URLSearchParams(search)).page).toBe(1)
    },
  )

  it('writes the page always and the query only when there is one', () => {
    expect(toMovieSearchParams({ query: 'star wars', page: 1 }).toString()).toBe(
      'query=star+wars&page=1',
    )
    expect(toMovieSearchParams({ query: '', page: 2 }).toString()).toBe('page=2')
  })

  it('counts at least one page, even with no results', () => {
    expect(totalPages(73, 12)).toBe(7)
    expect(totalPages(72, 12)).toBe(6)
    expect(totalPages(0, 12)).toBe(1)
  })
})
