import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { join } from 'node:path'
import { python } from '../lib/django.mjs'
import { findBinary } from './binaries.ts'
import { GUNICORN } from './django.ts'
import { POSTGRES_BIN } from './postgres.ts'

/** One thing the stack runs, and the Debian packages that bring it. */
interface Prerequisite {
  what: string
  packages: readonly string[]
  present: () => boolean
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

const imports = (modules: string) => () =>
  spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0

const PREREQUISITES: readonly Prerequisite[] = [
  {
    what: 'PostgreSQL 15',
    packages: ['postgresql'],
    present: () => executable(join(POSTGRES_BIN, 'initdb')),
  },
  {
    what: 'Django, Django REST framework, SimpleJWT, python-fido2 and psycopg2',
    packages: [
      'python3-django',
      'python3-djangorestframework',
      'python3-djangorestframework-simplejwt',
      'python3-cryptography',
      'python3-fido2',
      'python3-psycopg2',
    ],
    present: imports(
      'django, rest_framework, rest_framework_simplejwt, cryptography, fido2, psycopg2',
    ),
  },
  { what: 'gunicorn', packages: ['gunicorn'], present: () => executable(GUNICORN) },
  { what: 'nginx', packages: ['nginx-light'], present: () => findBinary('nginx') !== null },
  { what: 'OpenSSL', packages: ['openssl'], present: () => findBinary('openssl') !== null },
]

/**
 * What the stack needs and this machine lacks, as one message with the command that installs
 * it (Debian's packages), or null when everything is there.
 */
export function missingPrerequisites(): string | null {
  const missing = PREREQUISITES.filter((prerequisite) => !prerequisite.present())
  if (missing.length === 0) return null
  const names = missing.map(({ what }) => `  - ${what}`).join('\n')
  const packages = missing.flatMap(({ packages }) => packages).join(' ')
  return `The stack needs what this machine does not have:\n${names}\nOn Debian or Ubuntu: apt-get install -y ${packages}`
}
