import { randomBytes } from 'node:crypto'
import { chownSync, mkdirSync, writeFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { runToEnd } from './processes.ts'

/**
 * A throwaway PostgreSQL cluster (Debian's PostgreSQL 15) listening on 127.0.0.1 only, with a
 * password that exists only for this run. PostgreSQL refuses to run as root, so as root every
 * command runs as the `postgres` user, which owns the cluster's directory.
 */
export interface Cluster {
  dataDir: string
  socketDir: string
  port: number
  /** `postgres://…` for Django. */
  databaseUrl: string
  /** `pg_ctl` as the cluster's owner, to which an action and its options are appended. */
  pgCtl: string[]
}

export const POSTGRES_BIN = process.env['REEL_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin'
const OWNER = 'postgres'
const USER = 'reel'
const DATABASE = 'reel'

/** The command line that runs one of PostgreSQL's programs as the cluster's owner. */
function ownerCommand(program: string): string[] {
  const path = join(POSTGRES_BIN, program)
  return userInfo().uid === 0 ? ['runuser', '-u', OWNER, '--', path] : [path]
}

function run([command = '', ...args]: readonly string[]) {
  return runToEnd(command, args)
}

function asOwner(program: string, args: readonly string[]) {
  return run([...ownerCommand(program), ...args])
}

/** Creates the cluster under `dir` (made and, as root, handed to the postgres user). */
export function createCluster(dir: string, port: number): Cluster {
  mkdirSync(dir, { mode: 0o700 })
  const password = randomBytes(24).toString('hex')
  const passwordFile = join(dir, 'password')
  writeFileSync(passwordFile, password, { mode: 0o600 })
  if (userInfo().uid === 0) {
    const { uid, gid } = ownerIds()
    chownSync(dir, uid, gid)
    chownSync(passwordFile, uid, gid)
  }
  const cluster: Cluster = {
    dataDir: join(dir, 'data'),
    socketDir: dir,
    port,
    databaseUrl: `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`,
    pgCtl: ownerCommand('pg_ctl'),
  }
  // prettier-ignore
  asOwner('initdb', [
    '-D', cluster.dataDir, '-U', USER, '--pwfile', passwordFile,
    // Only the owner can enter the socket's directory; over TCP, the password.
    '--auth-local', 'trust', '--auth-host', 'scram-sha-256', '--encoding', 'UTF8', '--no-sync',
  ])
  startCluster(cluster)
  asOwner('createdb', ['-h', cluster.socketDir, '-p', String(port), '-U', USER, DATABASE])
  return cluster
}

function ownerIds() {
  return { uid: Number(runToEnd('id', ['-u', OWNER])), gid: Number(runToEnd('id', ['-g', OWNER])) }
}

/** Starts the cluster and returns once it accepts connections (`pg_ctl -w`). */
export function startCluster(cluster: Cluster) {
  pgCtl(cluster, 'start')
}

/** Fast shutdown: open connections are closed at once, nothing half-written is kept. */
export function stopCluster(cluster: Cluster) {
  pgCtl(cluster, 'stop')
}

/** The `pg_ctl` command line for `action`, waiting (`-w`) until it is done. */
export function pgCtlCommand(
  { pgCtl: command, dataDir, socketDir, port }: Cluster,
  action: 'start' | 'stop' | 'restart',
): string[] {
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`
  // prettier-ignore
  return [
    ...command, action, '-w', '-D', dataDir,
    ...(action === 'stop' ? [] : ['-o', options, '-l', join(socketDir, 'postgres.log')]),
    ...(action === 'start' ? [] : ['-m', 'fast']),
  ]
}

function pgCtl(cluster: Cluster, action: 'start' | 'stop' | 'restart') {
  run(pgCtlCommand(cluster, action))
}
