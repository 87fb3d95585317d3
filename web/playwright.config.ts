import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL;
if (baseURL === undefined || baseURL.trim() === '') {
  throw new Error(
    'E2E_BASE_URL is not set. Point it at a running server that serves web/dist and the API, ' +
      'e.g. E2E_BASE_URL=http://localhost:4280 npm run e2e -w web (localhost, not 127.0.0.1: the session cookie is Secure)',
  );
}

const jsonReport = process.env.E2E_JSON
  ? path.resolve(process.env.E2E_JSON)
  : path.join(import.meta.dirname, 'test-results', 'e2e.json');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  forbidOnly: true,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    // The fake Microsoft sign-in page (calendars.spec.ts) has a self-signed certificate.
    ignoreHTTPSErrors: true,
    launchOptions: {
      // Debian's Chromium: nothing here may download a browser build of its own.
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
