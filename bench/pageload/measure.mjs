// Cold-cache page loads in headless Chromium against the local server: for each page, a fresh browser context (empty
// cache), navigation start → the page's main heading visible and the document loaded. Prints one JSON object.
import { chromium } from '@playwright/test';

const base = process.env.PAGELOAD_BASE_URL;
const runs = Number(process.env.PAGELOAD_RUNS ?? '7');
if (!base) throw new Error('Set PAGELOAD_BASE_URL (bench/pageload.sh does).');

// Signed-out pages: what a visitor's cold cache meets first.
const pages = [
  { path: '/', heading: /appointment reminders/i },
  { path: '/login', heading: /^sign in$/i },
  { path: '/signup', heading: /start your free trial/i },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const results = {};
try {
  for (const { path, heading } of pages) {
    const times = [];
    let transferred = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let bytes = 0;
      page.on('response', async (response) => {
        const length = Number((await response.allHeaders())['content-length'] ?? 0);
        bytes += Number.isFinite(length) ? length : 0;
      });
      const started = performance.now();
      await page.goto(base + path, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: heading }).first().waitFor({ state: 'visible', timeout: 10_000 });
      times.push(performance.now() - started);
      transferred = bytes;
      await context.close();
    }
    results[path] = {
      usableMsMedian: Math.round(median(times)),
      usableMsMin: Math.round(Math.min(...times)),
      usableMsMax: Math.round(Math.max(...times)),
      bytesTransferred: transferred,
    };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ runs, aimMs: 1000, pages: results }));
