import { useNow } from '../../../lib/use-now'
import { useLabConfig } from '../api/get-lab-config'

/** The server's clock, as the lab has set it, once a second: expiry is the server's judgement. */
export function useServerNow(): number {
  const skewSec = useLabConfig().data?.serverClockSkewSec ?? 0
  const [now] = useNow(1000)
  return now + skewSec * 1000
}
