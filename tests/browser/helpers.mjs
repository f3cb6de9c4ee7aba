// helpers.mjs - what the browser tests share: start the real `symcheck
// serve` on a free loopback port, launch Debian's chromium through
// playwright-core (fresh profile, no network chatter), run axe-core on a
// page, keep screenshots under build/screenshots/, and watch that no page
// asks another host for anything.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const shots = join(root, 'build', 'screenshots');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The packs a test server serves unless a test file names others: the
// anorectal pack and the general entry ("My symptom is not listed").
export const defaultPacks = ['anorectal', 'general'];

// Starts `symcheck serve` on 127.0.0.1 with a free port and a temporary
// database, serving `packs` (folder names under packs/); resolves to
// { url, stop, log, db } (db: the --db URL, for the command-line tools).
export async function startServer(packs = defaultPacks) {
  const binary = process.env.SYMCHECK_BIN || join(root, 'build', 'symcheck');
  const dir = mkdtempSync(join(tmpdir(), 'symcheck-browser-'));
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${dir}/test.db`,
    '--rate-limit', '0', ...packs.flatMap((pack) => ['--packs', join(root, 'packs', pack)])],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`symcheck serve did not start:\n${log}`)), 10000);
    const read = (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => fail(new Error(`symcheck serve exited with ${code}:\n${log}`)));
  });
  // Stops the server; fails when it did not exit cleanly or a sanitizer
  // (when the binary is an ASan build) reported anything.
  const stop = async () => {
    const exited = new Promise((ok) => child.on('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    assert.doesNotMatch(log, /Sanitizer|runtime error:/, 'sanitizer report from symcheck serve');
    assert.equal(code, 0, `symcheck serve exited with ${code}:\n${log.slice(-2000)}`);
  };
  return { url, stop, log: () => log, db: `sqlite:${dir}/test.db` };
}

// playwright-core gives each launch a fresh temporary profile (it refuses a
// --user-data-dir argument), so no state carries between runs.
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

// A new page that records every request to another origin and every
// Content-Security-Policy violation or script error.
export async function newPage(browser, base, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const origin = new URL(base).origin;
  page.foreign = [];
  page.problems = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      page.foreign.push(url);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      page.problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => page.problems.push(String(error)));
  page.base = base;
  return page;
}

// Nothing was asked of another host and no error was logged.
export function assertClean(page) {
  assert.deepEqual(page.foreign, [], 'requests to other hosts');
  assert.deepEqual(page.problems, [], 'console errors (CSP violations, script errors)');
}

export async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(shots, `${name}-top.png`) });
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) and fails on any violation.
export async function checkA11y(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const summary = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(summary, [], `axe-core violations on ${name}`);
}

// The page's standard parts: language, title, notice, size.
export async function checkBasics(page) {
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const title = await page.title();
  assert.ok(title.length > 12 && title.endsWith(' - symcheck'), `title "${title}"`);
  assert.match(await page.textContent('.notice'), /symcheck is not a diagnosis/);
  const size = await page.evaluate(() => document.documentElement.outerHTML.length);
  assert.ok(size < 100 * 1024, `page is ${size} bytes`);
}

// A question of the universal safety screen, asked before the complaint's
// own and not counted as one of them: "Safety check: ..." in the title.
export async function isSafetyCheck(page) {
  return (await isQuestion(page)) && (await page.title()).startsWith('Safety check: ');
}

// Answers the question on screen the "nothing alarming" way by clicking:
// "None of these", "I don't know" on the other safety-check questions
// (temperature, baby's age), "No", a number, or the first answer.
export async function answerSafely(page) {
  const none = page.locator('button.answer', { hasText: 'None of these' });
  const no = page.locator('button.answer', { hasText: /^No( \(your answer\))?$/ });
  if (await none.count()) {
    await none.click();
  } else if (await isSafetyCheck(page)) {
    await page.click('button.answer-unknown');
  } else if (await page.locator('#num').count()) {
    await page.fill('#num', '2');
    await page.click('button.answer-primary');
  } else if (await no.count()) {
    await no.click();
  } else {
    await page.locator('button.answer').first().click();
  }
}

// Runs `action` (a click) and waits until the page shows the next step:
// every quiz page has its own title ("Question 4: ...", "Your results").
export async function step(page, action) {
  const old = await page.title();
  await action();
  await page.waitForFunction((title) => document.title !== title, old, { timeout: 10000 });
  await page.waitForLoadState();
}

// Answers the safety-check questions on screen safely (at most the five
// it has); returns how many were asked.
export async function passSafetyCheck(page) {
  let asked = 0;
  while (await isSafetyCheck(page)) {
    asked += 1;
    assert.ok(asked <= 5, 'the safety check has at most five questions');
    await step(page, () => answerSafely(page));
  }
  return asked;
}

// Answers questions safely until the result; returns how many of the
// complaint's own were asked (the safety check does not count towards its
// maximum).
export async function answerToResult(page, limit = 25) {
  let asked = 0;
  while (await isQuestion(page)) {
    if (await isSafetyCheck(page)) {
      assert.equal(asked, 0, 'the safety check comes before the complaint\'s questions');
      await passSafetyCheck(page);
      continue;
    }
    asked += 1;
    assert.ok(asked <= limit, 'the quiz asks at most its maximum of questions');
    await step(page, () => answerSafely(page));
  }
  return asked;
}

export async function isQuestion(page) {
  return (await page.locator('form.question').count()) > 0;
}

// One real server and one chromium for a test file: started before its
// tests, stopped after them, serving `packs` (see startServer). Read
// env.server and env.chrome inside tests.
export function useServerAndBrowser(packs = defaultPacks) {
  const env = {};
  before(async () => {
    env.server = await startServer(packs);
    env.chrome = await launch();
  });
  after(async () => {
    await env.chrome?.close();
    await env.server?.stop();
  });
  return env;
}

// Runs `action` (a click that submits a form) and waits for the page the
// answer leads to, even when it has the same title.
export async function navigatedBy(page, action) {
  await Promise.all([page.waitForEvent('load'), action()]);
}
