// How the contract suite (contract-tests/) runs against a real backend: `npx` and these arguments.
export const contractSuiteArgs = [
  'vitest',
  'run',
  '--project',
  'contract',
  // One backend for every file, reset before each test: the files must take turns.
  '--no-file-parallelism',
  // A real server hashes passwords with PBKDF2 (hundreds of ms each on a busy machine), and
  // the reset before each test rewrites the seed data.
  '--testTimeout=30000',
  '--hookTimeout=30000',
]
