/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_MOCK_MODE?: 'http' | 'worker' | 'off'
  readonly VITE_CROSS_TAB?: 'on' | 'off'
}
