import path from 'node:path';
import type { Page } from 'playwright-core';
import { assert } from './harness';
import type { Backend } from './processes';
import { WORKSPACE_ROOT } from './processes';

/** Where every screenshot of a run goes; the documented ones are copied to docs/screenshots/. */
export const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/web-screenshots');
/** Playwright's default wait for one element. */
export const TIMEOUT = 15_000;
/** A pipeline stage change: a sandbox run plus a model turn, slow on a loaded 2-core machine. */
export const STAGE_TIMEOUT = 120_000;

/** Calls the backend's API directly (not through the page), as the test's own eyes on the server. */
export async function api<T>(
  backend: Backend,
  token: string | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${backend.url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const raw = localStorage.getItem('patchbay.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : null;
  });
  assert(token, 'no session in localStorage');
  return token;
}

export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

export async function logSeqs(page: Page): Promise<number[]> {
  return page
    .locator('[data-testid="log-line"]')
    .evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-seq'))));
}

/** Waits for the task page's status chip; the pipeline drives it, the page follows over the WebSocket. */
export function waitForChip(page: Page, status: string) {
  return page
    .locator(`[data-testid="task-page"] [data-testid="status-chip"][data-status="${status}"]`)
    .first()
    .waitFor({ timeout: STAGE_TIMEOUT });
}
