// `npm run backend:django -- --port 8000`: migrates, creates the demo users and serves the
// Django backend (manage.py runreel), with whatever arguments follow.
import { spawnSync } from 'node:child_process'
import { backendDir, python } from './lib/django.mjs'

const { status } = spawnSync(python, ['manage.py', 'runreel', ...process.argv.slice(2)], {
  cwd: backendDir,
  stdio: 'inherit',
})
process.exit(status ?? 1)
