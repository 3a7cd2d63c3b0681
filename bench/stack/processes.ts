import { readdirSync, readFileSync } from 'node:fs'

/** A process of the stack and its resident memory (VmRSS) when it was read. */
export interface ProcessMemory {
  pid: number
  /** nginx master / worker, gunicorn master / worker, postgres, or the command's own name. */
  role: string
  rssKb: number
}

interface ProcEntry {
  pid: number
  ppid: number
  comm: string
  cmdline: string
}

function readProc(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name sits in parentheses and may itself hold spaces and parentheses.
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return {
      pid,
      ppid: Number(afterName[1]),
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '),
    }
  } catch {
    return null // it ended while we looked
  }
}

function rssKb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

function role(entry: ProcEntry, parent: ProcEntry | undefined): string {
  if (entry.comm === 'nginx')
    return entry.cmdline.includes('master') ? 'nginx master' : 'nginx worker'
  if (entry.cmdline.includes('gunicorn')) {
    const port =
      /--bind \S+:(\d+)/.exec(entry.cmdline)?.[1] ??
      /--bind \S+:(\d+)/.exec(parent?.cmdline ?? '')?.[1]
    const kind = parent?.cmdline.includes('gunicorn') ? 'worker' : 'master'
    return `gunicorn ${kind}${port ? ` :${port}` : ''}`
  }
  if (entry.comm.startsWith('postgres')) {
    // Its processes name themselves (`postgres: checkpointer`, `postgres: reel reel 127.0.0.1(…)
    // idle` for a connection); the server itself keeps its command line.
    const title = /^postgres: (.+?)\s*$/.exec(entry.cmdline)?.[1]
    if (!title) return 'postgres server'
    return title.startsWith('reel ') ? 'postgres connection' : `postgres ${title}`
  }
  return entry.comm
}

/**
 * Every process of a running stack with its memory: the stack's descendants (nginx, gunicorn,
 * the providers) and the PostgreSQL server of `dataDir`, which pg_ctl started apart from them.
 */
export function stackProcesses(stackPid: number, dataDir: string): ProcessMemory[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((entry): entry is ProcEntry => entry !== null)
  const byPid = new Map(all.map((entry) => [entry.pid, entry]))
  const postmaster = all.find(
    (entry) => entry.comm === 'postgres' && entry.cmdline.includes(dataDir),
  )
  const roots = [stackPid, ...(postmaster ? [postmaster.pid] : [])]
  const belongs = (entry: ProcEntry): boolean => {
    for (let at: ProcEntry | undefined = entry; at; at = byPid.get(at.ppid)) {
      if (roots.includes(at.pid)) return true
      if (at.ppid <= 1) return false
    }
    return false
  }
  return all
    .filter((entry) => entry.pid !== stackPid && belongs(entry))
    .flatMap((entry) => {
      const rss = rssKb(entry.pid)
      return rss === null
        ? []
        : [{ pid: entry.pid, role: role(entry, byPid.get(entry.ppid)), rssKb: rss }]
    })
}
