// nojs-phone.test.mjs - the same quiz with JavaScript turned off (plain
// forms and links, each answer a full page load), and the pages on a
// phone-sized screen and at 320 px (no sideways scrolling, big tap
// targets), with axe-core on each; screenshots under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerSafely, answerToResult, assertClean, checkA11y, checkBasics, isQuestion, isSafetyCheck,
  newPage, passSafetyCheck, screenshot, step, useServerAndBrowser,
} from './helpers.mjs';

const env = useServerAndBrowser();


test('the quiz works with JavaScript turned off', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { javaScriptEnabled: false });
  await page.goto(env.server.url + '/?q=slime+from+bum');
  assert.equal(await page.locator('.matches .complaints a').first().textContent(),
    'Mucus discharge from the anus');
  await page.goto(env.server.url + '/quiz/anal-mucus-discharge');
  await page.fill('#age', '8');
  await page.check('input[name=age_unit][value=months]');
  await page.check('input[name=sex][value=male]');
  await step(page, () => page.click('button:has-text("Start the questions")'));
  assert.equal(await page.inputValue('input[name=age]'), '0', 'an infant of 8 months is 0 years');
  let loads = 0;
  page.on('load', () => { loads += 1; });
  // the safety check asks a baby's age in months
  await step(page, () => answerSafely(page));
  assert.equal(await page.title(), 'Safety check: How old is your baby? - symcheck');
  await step(page, () => page.click('button.answer:has-text("6 to 11 months")'));
  assert.equal(loads, 2, 'each answer is a page load');
  await step(page, () => answerSafely(page)); // the temperature
  // the urgent signs speak about the baby, not the parent answering
  assert.equal(await page.title(), 'Safety check: Do any of these apply to your baby? - symcheck');
  assert.equal(await page.locator('label.check span',
    { hasText: 'A rash on your baby that does not fade when you press a clear glass on it' }).count(), 1);
  assert.equal(await passSafetyCheck(page), 1);
  assert.match(await page.title(), /^Question 1: /);
  await step(page, () => answerSafely(page));
  await step(page, () => answerSafely(page));
  await step(page, () => page.click('a.back'));
  assert.match(await page.title(), /^Question 2: /);
  assert.equal(await page.locator('.your-answer').count(), 1);
  await step(page, () => answerSafely(page));
  await answerToResult(page);
  assert.match(await page.title(), /^Your results/);
  await screenshot(page, 'nojs-results');
  await checkBasics(page);
  await page.click('a:has-text("Summary for your doctor")');
  await page.waitForSelector('h1:has-text("Symptom summary for a doctor")');
  assert.equal(await page.locator('.print-button').isVisible(), false,
    'no Print button that cannot work');
  assert.equal(await page.locator('noscript').count(), 1);
  assertClean(page);
  await page.context().close();
});

async function noSidewaysScroll(page, name) {
  const [scroll, width] = await page.evaluate(() =>
    [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${name} scrolls sideways: ${scroll} > ${width}`);
}

for (const width of [360, 320]) {
  test(`every page on a ${width} px wide phone`, async () => {
    const page = await newPage(env.chrome.browser, env.server.url, {
      viewport: { width, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    });
    const visit = async (name, path) => {
      if (path) {
        await page.goto(env.server.url + path);
      }
      await checkBasics(page);
      await noSidewaysScroll(page, name);
      await screenshot(page, `phone${width}-${name}`);
      await checkA11y(page, `${name} at ${width} px`);
    };
    await visit('home', '/?q=mucus');
    await visit('article', '/symptoms/anal-mucus-discharge');
    await visit('condition', '/conditions/anorectal/anal_fistula');
    await visit('demographics', '/quiz/anal-mucus-discharge');
    await page.fill('#age', '52');
    await page.check('input[name=sex][value=female]');
    await step(page, () => page.tap('button:has-text("Start the questions")'));
    await visit('question-multi');
    for (const button of await page.locator('button.answer').all()) {
      const box = await button.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, 'tap targets of at least 44 px');
    }
    while (await isQuestion(page) && await page.locator('button.answer', { hasText: /^Yes/ }).count() === 0) {
      if (await isSafetyCheck(page) && await page.locator('#num').count()) {
        await visit('question-number');
        const box = await page.locator('#num').boundingBox();
        assert.ok(box.height >= 44, `the number box is at least 44 px tall (${box.height})`);
      }
      await step(page, () => answerSafely(page));
    }
    if (await isQuestion(page)) {
      await visit('question-yes-no');
    }
    await answerToResult(page);
    await visit('results');
    await page.click('a:has-text("Summary for your doctor")');
    await page.waitForSelector('.summary');
    await visit('summary');
    assertClean(page);
    await visit('not-found', '/symptoms/no-such-thing'); /* its own 404 is logged: last */
    await page.context().close();
  });
}

test('pages are small and sent with a strict Content-Security-Policy', async () => {
  for (const path of ['/', '/symptoms/anal-mucus-discharge', '/symptoms/rectal-bleeding',
    '/conditions/anorectal/ibs', '/quiz/diarrhoea', '/quiz/diarrhoea?age=30&sex=male&a=',
    '/quiz/symptom-not-listed?age=30&sex=male&a=']) {
    const response = await fetch(env.server.url + path);
    assert.equal(response.status, 200, path);
    const csp = response.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const body = await response.text();
    assert.ok(body.length < 100 * 1024, `${path} is ${body.length} bytes`);
  }
  const missing = await fetch(env.server.url + '/symptoms/nothing-here');
  assert.equal(missing.status, 404);
  const css = await fetch(env.server.url + '/static/site.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.equal((await fetch(env.server.url + '/static/../CMakeLists.txt')).status, 404);
  assert.equal((await fetch(env.server.url + '/static/nothing.js')).status, 404);
});
