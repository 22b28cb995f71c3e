import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { publishSimulation, replayRecording, writeSimulation } from '../../simulator/index.ts';
import { chromiumBinary, ensureDashboardBuilt, launchChromium } from '../harness/chromium.ts';
import { accessibilityViolations } from './accessibility.ts';
import { serviceUnderTest } from './service-under-test.ts';

/** Screenshots land here (gitignored), next to the test output. */
const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const binary = chromiumBinary();
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  hasTouch: true,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Errors thrown in the page fail the test that caused them. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  return errors;
}

/** A locator's text ('' when it has none). */
async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** How far the page is wider than the viewport (a phone would scroll sideways), CSS pixels. */
function horizontalOverflowPx(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(OUT, `dashboard-${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header scrolled down would sit mid-page
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

describe('the dashboard in Chromium', { skip: 'skip' in binary ? binary.skip : false }, () => {
  let browser: Browser;
  before(async () => {
    await ensureDashboardBuilt();
    await mkdir(OUT, { recursive: true });
    browser = await launchChromium('path' in binary ? binary.path : '');
  });
  after(async () => {
    await browser?.close();
  });

  test('live: a simulated band shows its state, and its cramp raises an alert banner that ends with its length', async () => {
    const service = await serviceUnderTest();
    const context = await browser.newContext({ ...PHONE, permissions: ['notifications'] });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const abort = new AbortController();
    let published: Promise<unknown> = Promise.resolve();
    try {
      await page.goto(`${service.dashboardUrl}#/live`);
      assert.equal(new URL(page.url()).searchParams.get('token'), null, 'the token left the address bar');
      assert.equal(new URL(page.url()).hash, '#/live');
      await page.locator('.connection[data-state="open"]').waitFor();
      await page.getByRole('button', { name: /turn on alert sound/i }).click();
      await page.getByText('Notifications are on.').waitFor();

      const startedAt = Date.now();
      published = publishSimulation({
        url: service.mqttUrl,
        seed: 3,
        minutes: 10,
        bands: 1,
        profile: 'demo',
        foot: 'all',
        faults: 'none',
        firstCrampAtS: 20,
        speed: 10,
        signal: abort.signal,
      });
      const card = page.locator('.band-card[data-device="band-1"]');
      await card.getByText('Connected').waitFor({ timeout: 60_000 });
      const banner = page.getByRole('alert').filter({ hasText: 'Cramp on band-1' });
      await banner.waitFor({ timeout: 60_000 });
      console.log(
        `cramp alert banner shown ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the band started`,
      );
      assert.match(await text(banner), /so far/);
      await screenshot(page, 'live-alert');

      const ended = page.locator('.alert-banner.ended');
      await ended.waitFor({ timeout: 120_000 });
      assert.match(await text(ended), /ended after \d+ (s|min)/);
      assert.match(await text(card), /Battery\s*\d+ %/);
      assert.match(await text(card), /Foot\s*(Pointed|Neutral|Unknown)/);
      await screenshot(page, 'live-ended');
      assert.equal(await horizontalOverflowPx(page), 0);
      assert.deepEqual(await accessibilityViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      abort.abort();
      await published.catch(() => undefined);
      await context.close();
      await service.dispose();
    }
  });

  test('night: the timeline of a replayed night is drawn, its events listed and exported; trends show it', async (t) => {
    const service = await serviceUnderTest();
    const dir = await mkdtemp(join(tmpdir(), 'crampwatch-night-'));
    const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      // 23:00 UTC two days ago: the night (noon to noon, the service's zone is UTC) of that date.
      const today = new Date();
      const startMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 2, 23);
      const date = new Date(startMs).toISOString().slice(0, 10);
      const path = join(dir, 'night.jsonl');
      await writeSimulation(
        { seed: 5, minutes: 20, bands: 1, profile: 'demo', foot: 'all', firstCrampAtS: 60, startMs },
        path,
      );
      await replayRecording({ path, url: service.mqttUrl, speed: Number.POSITIVE_INFINITY });
      await untilStored(service, 'band-1');

      await page.goto(`${service.dashboardUrl}#/night/band-1`);
      await page.locator(`.chart-host[data-drawn="band-1/${date}"]`).waitFor({ timeout: 60_000 });
      const measures = await page.evaluate(() =>
        performance.getEntriesByName('timeline', 'measure').map((m) => m.duration),
      );
      assert.equal(measures.length, 1);
      const message = `timeline: fetch to drawn ${measures[0]!.toFixed(1)} ms (${date}, band-1)`;
      console.log(message);
      t.diagnostic(message);

      assert.equal(await page.locator('.timeline canvas').count(), 3, 'three panels');
      assert.ok(await page.locator('#night-date').inputValue(), date);
      const crampRows = page.locator('table.events tr[data-kind="cramp"]');
      assert.ok((await crampRows.count()) >= 1, 'the event table lists the cramp');
      assert.ok(Number(await page.locator('dd[data-figure="Cramps"]').textContent()) >= 1);
      await screenshot(page, 'night');
      assert.deepEqual(await accessibilityViolations(page), []);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Events CSV' }).click(),
      ]);
      const csvPath = join(OUT, download.suggestedFilename());
      await download.saveAs(csvPath);
      assert.equal(download.suggestedFilename(), `crampwatch-band-1-${date}-events.csv`);
      assert.match(await readFile(csvPath, 'utf8'), /^id,device,kind,start,end,late,.*\r\nband-1:/s);

      await crampRows.first().getByRole('button', { name: /show/i }).click();
      await screenshot(page, 'night-zoomed');

      // On a phone the charts follow the width and nothing widens the page (tables scroll in place).
      await page.setViewportSize(PHONE.viewport!);
      await page.waitForFunction(() => document.querySelector('.timeline .uplot')!.clientWidth <= 390);
      assert.equal(await horizontalOverflowPx(page), 0);
      await screenshot(page, 'night-phone');

      await page.getByRole('link', { name: 'Trends' }).click();
      await page.locator('.trends-view .chart-host .uplot').waitFor();
      assert.match(await text(page.locator('.trends-view')), /Nights recorded\s*1/);
      await screenshot(page, 'trends');
      assert.deepEqual(await accessibilityViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await service.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a refused token brings the sign-in form, and a good one typed there opens the view', async () => {
    const service = await serviceUnderTest();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await page.goto(`${service.httpUrl}/?token=cw_not-a-real-token-at-all#/night`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.deepEqual(await accessibilityViolations(page), []);
      await page.getByLabel('Access token').fill(service.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('No band has sent anything yet.').waitFor();
      await screenshot(page, 'signed-in-empty');
    } finally {
      await context.close();
      await service.dispose();
    }
  });
});

/** Waits (bounded) until the replayed night's cramp is stored, ended, and the spool is flushed. */
async function untilStored(
  service: Awaited<ReturnType<typeof serviceUnderTest>>,
  device: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await service.writer.flush();
    const events = await service.store.events(device, 0, Number.MAX_SAFE_INTEGER, ['cramp']);
    if (events.some((e) => e.end !== null)) return;
    if (Date.now() > deadline) assert.fail('the replayed night has no ended cramp in the store');
    await new Promise((r) => setTimeout(r, 250));
  }
}
