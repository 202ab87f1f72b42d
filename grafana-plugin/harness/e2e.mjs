// End-to-end check in headless Chromium: the plugin's pages against a real AiOps host, through the harness
// (a stand-in for Grafana's runtime and plugin proxy). Opens the Incidents page, finds the incident by its
// type, opens it, acknowledges it with a comment through the confirmation dialog, and waits for the new
// status. Usage: node harness/e2e.mjs <aiops-url> <incident-type>; exit code 0 when all of it worked.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [target, incidentType] = process.argv.slice(2);
const server = await serve(target);
const base = `http://127.0.0.1:${server.address().port}/a/aiops-operations-app`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(`${base}/incidents`);
  const row = page.locator('[data-testid="incidents-table"] tr', { hasText: incidentType });
  await row.first().waitFor({ timeout: 20000 });
  await row.first().locator('a').click();
  await page.getByRole('heading', { name: incidentType }).waitFor();
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.getByLabel('Comment').fill('seen from the console');
  await page.getByRole('dialog').getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('h2 ~ div', { hasText: 'ack' }).first().waitFor({ timeout: 20000 });
  await page.getByRole('tab', { name: 'Trace' }).click();
  await page.locator('[data-testid="trace-stages"]', { hasText: 'correlated' }).waitFor({ timeout: 20000 });
  console.log('e2e: incidents listed, detail opened, acknowledged, trace shown');
} finally {
  await browser.close();
  server.close();
}
