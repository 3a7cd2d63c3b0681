import { defineConfig } from 'vitest/config'

/**
 * The stack suite's unit tests (its pure helpers), which the repository's test projects do not
 * include yet: `npx vitest run -c bench/stack/vitest.config.ts`.
 */
export default defineConfig({
  test: { name: 'bench', environment: 'node', include: ['bench/**/*.test.ts'] },
})
