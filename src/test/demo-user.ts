import type { User } from '../../contract/auth'

/** The seeded demo account as the backend describes it, for tests that answer for a server. */
export const DEMO_USER: User = {
  id: 'u_demo',
  username: 'demo',
  displayName: 'Demo',
  email: 'demo@reel.example',
  providers: ['password'],
}
