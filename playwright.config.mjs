// End-to-end tests of the built page (dist/) in Debian's Chromium. Never
// `npx playwright install`: the browser comes from apt (/usr/bin/chromium).
// Spec files: tests/e2e/*.spec.mjs (each helper adds its own).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 4173);

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'target/playwright',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    screenshot: 'off',
    trace: 'off',
  },
  // dist/ is built by scripts/build (scripts/test runs it first); this only serves it.
  webServer: {
    command: `node scripts/serve.mjs --dir dist --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
