// Where the Django backend lives and which Python runs it: $PYTHON, else Debian's python3 (which
// has the python3-django packages), else the first python3 on the PATH.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

export const python =
  process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')

export const backendDir = resolve(import.meta.dirname, '../../backends/django')
