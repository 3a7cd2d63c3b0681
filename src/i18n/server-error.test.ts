import { describe, expect, it } from 'vitest'
import { en } from './messages/en'
import { ko } from './messages/ko'
import { serverErrorMessage } from './server-error'

describe('serverErrorMessage', () => {
  it('words a known code from the catalogue, in each language', () => {
    expect(serverErrorMessage(en, 'invalid_credentials')).toBe(
      'The username or password is incorrect.',
    )
    expect(serverErrorMessage(ko, 'invalid_credentials')).toBe(
      '아이디 또는 비밀번호가 맞지 않아요.',
    )
  })

  it('gives the generic message for an unknown code, no code, or an inherited name', () => {
    expect(serverErrorMessage(en, 'teapot')).toBe(en.errors.generic)
    expect(serverErrorMessage(ko, null)).toBe(ko.errors.generic)
    expect(serverErrorMessage(en, 'toString')).toBe(en.errors.generic)
  })
})
