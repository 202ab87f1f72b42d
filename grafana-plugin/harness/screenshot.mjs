// Renders the Incidents page and one incident's detail in headless Chromium against a real AiOps host and
// writes the PNGs the README shows. Usage: node harness/screenshot.mjs <aiops-url> <out-dir>
// (Chromium: CHROMIUM_PATH, default /usr/bin/chromium; key for a keyed host: AIOPS_API_KEY).
import { chromium } from 'playwright-core';
import path from 'node:path';
import { serve } from './serve.mjs';

const [target = 'http://127.0.0.1:8080', out = '../docs'] = process.argv.slice(2);
const server = await serve(target);
const base = `http://127.0.0.1:${server.address().port}/a/aiops-operations-app`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/incidents`);
  await page.waitForSelector('[data-testid="incidents-table"]');
  await page.screenshot({ path: path.join(out, 'console-incidents.png') });

  const first = await page.locator('[data-testid="incidents-table"] a').first();
  await first.click();
  await page.waitForSelector('[data-testid="incident-summary"]');
  await page.getByRole('tab', { name: 'Insight' }).click();
  await page.waitForSelector('[data-testid="incident-insight"]');
  await page.screenshot({ path: path.join(out, 'console-incident-detail.png') });
  console.log(`wrote ${path.join(out, 'console-incidents.png')} and console-incident-detail.png`);
} finally {
  await browser.close();
  server.close();
}
