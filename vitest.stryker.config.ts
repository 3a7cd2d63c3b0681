import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vite.config'

// Instrumented code on two busy runners is several times slower: a test's own timeout is not
// what a mutation run measures.
export default mergeConfig(base, defineConfig({ test: { testTimeout: 60_000 } }))
