// Renders the Incidents page, one incident's detail (Insight, Why grouped and Comments tabs) and the Silences
// page in headless Chromium against a real AiOps host and writes the PNGs the README shows.
// Usage: node harness/screenshot.mjs <aiops-url> <out-dir> [incident-id] (default: the newest incident)
// (Chromium: CHROMIUM_PATH, default /usr/bin/chromium; key for a keyed host: AIOPS_API_KEY).
import { chromium } from 'playwright-core';
import path from 'node:path';
import { serve } from './serve.mjs';

const [target = 'http://127.0.0.1:8080', out = '../docs', incidentId] = process.argv.slice(2);
const server = await serve(target);
const base = `http://127.0.0.1:${server.address().port}/a/aiops-operations-app`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/incidents`);
  await page.waitForSelector('[data-testid="incidents-table"]');
  await page.screenshot({ path: path.join(out, 'console-incidents.png') });

  if (incidentId) {
    await page.goto(`${base}/incidents/${incidentId}`);
  } else {
    await page.locator('[data-testid="incidents-table"] a').first().click();
  }
  await page.waitForSelector('[data-testid="incident-summary"]');
  await page.getByRole('tab', { name: 'Insight' }).click();
  await page.waitForSelector('[data-testid="incident-insight"]');
  await page.screenshot({ path: path.join(out, 'console-incident-detail.png') });
  await page.getByRole('tab', { name: 'Why grouped' }).click();
  await page.waitForSelector('[data-testid="incident-why-grouped"]');
  await page.screenshot({ path: path.join(out, 'console-incident-why-grouped.png') });
  await page.getByRole('tab', { name: 'Comments' }).click();
  await page.waitForSelector('[data-testid="incident-comments"]');
  await page.screenshot({ path: path.join(out, 'console-incident-comments.png') });

  await page.goto(`${base}/silences`);
  await page.waitForSelector('[data-testid^="silence-"]');
  await page.screenshot({ path: path.join(out, 'console-silences.png') });
  console.log(`wrote console-incidents, console-incident-detail, console-incident-why-grouped, console-incident-comments and console-silences (.png) in ${out}`);
} finally {
  await browser.close();
  server.close();
}
