import { describe, expect, it, vi } from 'vitest'

describe('password hashing cost', () => {
  it('uses PBKDF2-SHA256 at 600,000 iterations unless the one test setting lowers it', async () => {
    vi.resetModules()
    vi.stubEnv('REEL_PASSWORD_HASH_ITERATIONS', undefined)
    const derive = vi.spyOn(crypto.subtle, 'deriveBits')
    try {
      const { hashPassword } = await import('./crypto.ts')
      await hashPassword('correct horse battery staple')
      expect(derive.mock.calls.at(-1)?.[0]).toMatchObject({
        name: 'PBKDF2',
        hash: 'SHA-256',
        iterations: 600_000,
      })
    } finally {
      derive.mockRestore()
      vi.unstubAllEnvs()
      vi.resetModules()
    }
  })

  it('takes the lower test cost from REEL_PASSWORD_HASH_ITERATIONS', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits')
    try {
      const { hashPassword, verifyPassword } = await import('./crypto.ts')
      const stored = hashPassword('pw')
      expect(await verifyPassword('pw', stored)).toBe(true)
      expect(await verifyPassword('not-pw', stored)).toBe(false)
      expect(derive.mock.calls.at(-1)?.[0]).toMatchObject({
        iterations: Number(process.env.REEL_PASSWORD_HASH_ITERATIONS),
      })
    } finally {
      derive.mockRestore()
    }
  })

  it('refuses a setting that is not a positive integer', async () => {
    vi.resetModules()
    vi.stubEnv('REEL_PASSWORD_HASH_ITERATIONS', 'fast')
    try {
      await expect(import('./crypto.ts')).rejects.toThrow(/positive integer/)
    } finally {
      vi.unstubAllEnvs()
      vi.resetModules()
    }
  })
})
