import { describe, expect, it } from 'vitest'
import { PERMISSIONS_POLICY, securityHeaders } from './security-headers.ts'

/** The policy's entries by feature: `camera=()` → `camera: '()'`. */
function allowLists(policy: string): Map<string, string> {
  return new Map(
    policy.split(', ').map((entry) => {
      const [feature = '', allowList = ''] = entry.split('=')
      return [feature, allowList]
    }),
  )
}

describe('the Permissions-Policy', () => {
  it('lets the app itself, and no frame from elsewhere, create and use passkeys', () => {
    const features = allowLists(
      securityHeaders({ mode: 'production' }, '/login', true)['Permissions-Policy'] ?? '',
    )
    expect(features.get('publickey-credentials-get')).toBe('(self)')
    expect(features.get('publickey-credentials-create')).toBe('(self)')
  })

  it('allows nothing else: every other feature is switched off for everyone', () => {
    const others = [...allowLists(PERMISSIONS_POLICY)].filter(
      ([feature]) => !feature.startsWith('publickey-credentials-'),
    )
    expect(others.length).toBeGreaterThan(10)
    for (const [feature, allowList] of others) expect(allowList, feature).toBe('()')
  })
})
