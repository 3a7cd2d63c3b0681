import type { AxiosInstance } from 'axios'

/** One client under test, as a page would hold it: an API instance plus whatever refreshes it. */
export interface BenchClient {
  /** Every measured request goes through this instance. */
  api: AxiosInstance
  signIn(): Promise<void>
  /** Control only: one refresh call, to time a refresh round trip in the same run. */
  refreshOnce?: () => Promise<void>
  /** Lets the client's own clock see the token expire too; only Reel keeps such a clock. */
  expireLocally?: () => void
  dispose(): void
}
