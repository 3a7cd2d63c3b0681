import { BlockList, isIP } from 'node:net'

/**
 * The proxies in front of this server that it believes (`REEL_TRUSTED_PROXIES`): what one of them
 * writes in `X-Forwarded-*` is its own observation; what anyone else writes there is a claim
 * the client made up.
 */
export interface TrustedProxies {
  trusts(address: string): boolean
}

/** An IPv4 peer of a dual-stack socket reads `::ffff:a.b.c.d`: the same client as `a.b.c.d`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}

function familyOf(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address)
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null
}

type Network = readonly [address: string, prefix: number, family: 'ipv4' | 'ipv6']

function addressList(networks: readonly Network[]): TrustedProxies {
  const list = new BlockList()
  for (const [address, prefix, family] of networks) list.addSubnet(address, prefix, family)
  return {
    trusts: (address) => {
      const family = familyOf(address)
      return family !== null && list.check(address, family)
    },
  }
}

/** 127.0.0.0/8 and ::1: a client on this very machine. */
export const LOOPBACK = addressList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
])

/**
 * Reads `REEL_TRUSTED_PROXIES`: comma-separated addresses or CIDR networks, e.g.
 * `127.0.0.1,10.0.0.0/8,fd00::/8`. Empty or absent: no proxy is trusted. Anything malformed
 * stops the server with the entry named: a typo must not quietly trust no one, or everyone.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): Network => {
      const [written = '', prefixText, extra] = entry.split('/')
      const address = plainAddress(written)
      const family = familyOf(address)
      const max = family === 'ipv4' ? 32 : 128
      const prefix = prefixText === undefined ? max : Number(prefixText)
      if (
        family === null ||
        extra !== undefined ||
        (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
        prefix > max
      ) {
        throw new Error(
          `REEL_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR network (e.g. 10.0.0.0/8)`,
        )
      }
      return [address, prefix, family]
    })
  return addressList(entries)
}

/**
 * The client's address: walks `X-Forwarded-For` from the right, starting at the TCP peer, and
 * stops at the first address this server does not trust; that one is the client (or the
 * leftmost, if every hop is trusted). What an untrusted hop wrote further left is never read,
 * so a client cannot name its own address. An entry that is no address ends the walk at the
 * trusted hop that passed it on.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  const hops = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((hop) => plainAddress(hop.trim()))
    .filter(Boolean)
  let client = plainAddress(peer)
  while (proxies.trusts(client)) {
    const next = hops.pop()
    if (next === undefined || familyOf(next) === null) break
    client = next
  }
  return client
}
