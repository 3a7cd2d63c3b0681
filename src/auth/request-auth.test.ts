import axios from 'axios'
import { describe, expect, it } from 'vitest'
import { createTab } from '../test/auth-harness'
import { createAuthFetch } from './auth-fetch'
import { installAuthInterceptor } from './interceptor'
import type { AuthSession } from './session'

describe('the request wrappers and the session they are given', () => {
  it('refuse a session that createAuthSession did not make, even a copy of one', () => {
    const { session } = createTab()
    const copy: AuthSession = { ...session }

    expect(() => createAuthFetch(copy)).toThrow('Not a session made by createAuthSession.')
    expect(() => installAuthInterceptor(axios.create(), copy)).toThrow(
      'Not a session made by createAuthSession.',
    )
  })
})
