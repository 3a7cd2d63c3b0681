import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Debian puts daemons in sbin, which a non-root PATH often lacks. */
const DAEMON_DIRS = ['/usr/sbin', '/sbin']

/** The full path of a program on the PATH (or in sbin), or null when it is not installed. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...DAEMON_DIRS]
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return null
}
