import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { DEPLOY_SNIPPETS } from './deploy-snippets.ts'

// `npm run deploy-snippets`: rewrites the nginx and Caddy snippets from the header policy.
for (const [path, render] of DEPLOY_SNIPPETS) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, render())
  console.info(`wrote ${path}`)
}
