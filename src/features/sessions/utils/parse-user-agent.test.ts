import { describe, expect, it } from 'vitest'
import { en } from '../../../i18n/messages/en'
import { describeUserAgent, isMobileUserAgent } from './parse-user-agent'

const AGENTS = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
  whaleWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Whale/3.26.244.21 Safari/537.36',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  jsdom: 'Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/28.1.0',
} as const

describe('describeUserAgent', () => {
  it.each([
    ['chromeLinux', 'Chrome on Linux'],
    ['headlessChrome', 'Chrome on Linux'],
    ['chromeWindows', 'Chrome on Windows'],
    ['edgeWindows', 'Microsoft Edge on Windows'],
    ['safariMac', 'Safari on macOS'],
    ['safariIphone', 'Safari on iOS'],
    ['chromeIphone', 'Chrome on iOS'],
    ['firefoxMac', 'Firefox on macOS'],
    ['firefoxLinux', 'Firefox on Linux'],
    ['chromeAndroid', 'Chrome on Android'],
    ['samsungAndroid', 'Samsung Internet on Android'],
    ['operaWindows', 'Opera on Windows'],
    ['whaleWindows', 'Whale on Windows'],
    ['chromeOs', 'Chrome on Chrome OS'],
    ['jsdom', 'Safari on Linux'],
  ] as const)('names %s "%s"', (agent, expected) => {
    expect(describeUserAgent(AGENTS[agent], en.devices)).toBe(expected)
  })

  it('admits not knowing a user agent it cannot read', () => {
    expect(describeUserAgent('', en.devices)).toBe('Unknown device')
    expect(describeUserAgent('curl/8.5.0', en.devices)).toBe('Unknown device')
  })

  it('tells phones from computers', () => {
    expect(isMobileUserAgent(AGENTS.safariIphone)).toBe(true)
    expect(isMobileUserAgent(AGENTS.chromeAndroid)).toBe(true)
    expect(isMobileUserAgent(AGENTS.chromeLinux)).toBe(false)
    expect(isMobileUserAgent(AGENTS.safariMac)).toBe(false)
  })
})
