import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findBinary } from '../scripts/stack/binaries.ts'
import { nginxMainConf } from '../scripts/stack/nginx.ts'
import { selfSignedCertificate } from '../scripts/stack/tls.ts'
import { caddyfile, EXAMPLE_SITE, nginxConf } from './deploy-snippets.ts'

// The snippets as the servers themselves read them: Debian 12's nginx 1.22 and Caddy 2.6, the
// oldest releases a deployment is likely to meet. CI installs both, so there a missing binary
// fails the run; elsewhere the checks are skipped, and say so.
const servers = { nginx: findBinary('nginx'), caddy: findBinary('caddy') }
for (const [name, path] of Object.entries(servers)) {
  if (!path && !process.env['CI']) {
    console.warn(`${name} is not installed: skipping the check that its snippet runs`)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'reel-snippets-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a server's own configuration check; the assertion shows its complaint. */
function check(binary: string | null, args: string[]) {
  expect(binary, 'not installed, but CI must check the snippet').not.toBeNull()
  const { status, stderr, stdout } = spawnSync(binary ?? '', args, {
    encoding: 'utf8',
    // Caddy keeps certificates and settings under the home directory: a throwaway one.
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  })
  expect(status, `${stdout}${stderr}`).toBe(0)
}

describe('the deploy snippets run', () => {
  const { certificate, key } = selfSignedCertificate(dir)
  const site = { ...EXAMPLE_SITE, root: dir, certificate, certificateKey: key }

  it.skipIf(!servers.nginx && !process.env['CI'])('nginx -t accepts the nginx snippet', () => {
    const siteFile = join(dir, 'site.conf')
    writeFileSync(siteFile, nginxConf(site))
    const main = join(dir, 'nginx.conf')
    writeFileSync(main, nginxMainConf({ prefix: dir, siteFile }))
    check(servers.nginx, ['-t', '-q', '-e', join(dir, 'error.log'), '-p', dir, '-c', main])
  })

  it.skipIf(!servers.caddy && !process.env['CI'])('caddy validate accepts the Caddyfile', () => {
    const file = join(dir, 'Caddyfile')
    // No admin endpoint and no certificate storage outside the throwaway directory.
    const global = `{\n\tadmin off\n\tstorage file_system ${join(dir, 'caddy')}\n}\n\n`
    writeFileSync(file, global + caddyfile({ ...site, tls: { certificate, key } }))
    check(servers.caddy, ['validate', '--config', file, '--adapter', 'caddyfile'])
  })
})
