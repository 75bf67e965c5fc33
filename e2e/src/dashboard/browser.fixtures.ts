// Browser helpers for the dashboard's whole-cloud tests: Debian's Chromium driven by
// playwright-core (no browser download), logging in, cookies, screenshots.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/index.js';

export const CHROMIUM = process.env.TINYSTACK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/** The dashboard joins `tinystack up` only once fully built; say how when it is not. */
export function assertDashboardBuilt(): void {
  const app = join(REPO_ROOT, 'apps/dashboard');
  assert.ok(
    existsSync(join(app, '.next/BUILD_ID')) && existsSync(join(app, 'dist/main.js')),
    'the dashboard is not built: run `npx nx run dashboard:build` (tsc -b, next build, write-entry) first',
  );
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install chromium`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser, base: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  ctx.setDefaultTimeout(30_000);
  return ctx;
}

/** Logs in through the form and waits for a project's overview. */
export async function logIn(
  page: Page,
  user: string,
  password: string,
  domain = 'Default',
): Promise<void> {
  const res = await page.goto('/login');
  // a failed load says what came back, rather than timing out on a missing field
  if (!res?.ok()) {
    const body = res ? (await res.text()).slice(0, 500) : '(no response)';
    assert.fail(`GET /login answered ${res?.status() ?? 'nothing'}: ${body}`);
  }
  await page.getByLabel('Domain').fill(domain);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/projects(\/|$)/);
}

export const SESSION_COOKIE = 'tinystack-session';

export async function sessionCookie(ctx: BrowserContext) {
  return (await ctx.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/**
 * With TINYSTACK_E2E_SCREENSHOTS=1, saves the page as docs/screenshots/<name>.png (the
 * README's pictures); otherwise does nothing, so test runs leave the tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.TINYSTACK_E2E_SCREENSHOTS !== '1') {
    return;
  }
  const dir = join(REPO_ROOT, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The project id in a /projects/<id>/... URL. */
export function projectIdOf(url: string): string {
  const m = /\/projects\/([^/?#]+)/.exec(url);
  assert.ok(m?.[1], `not a project URL: ${url}`);
  return m[1];
}
