import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export interface Certificate {
  certificate: string
  key: string
}

/**
 * A self-signed P-256 certificate for 127.0.0.1 and localhost, valid for two days: the stack's
 * nginx serves it, and clients that should trust it are pointed at its file
 * (`NODE_EXTRA_CA_CERTS`) rather than told to trust everything.
 */
export function selfSignedCertificate(dir: string): Certificate {
  const certificate = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', key, '-out', certificate,
  ], { stdio: ['ignore', 'ignore', 'pipe'] })
  return { certificate, key }
}
