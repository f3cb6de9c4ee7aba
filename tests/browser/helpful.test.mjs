// helpful.test.mjs - "Was this article helpful?" in chromium against the
// real server: with JavaScript off the Yes / No buttons post the form and
// the article comes back at #helpful with thanks and the new count; with
// JavaScript on the same happens without leaving the page. axe-core on
// both states, big tap targets on a phone, no CSP violation; and the
// article says which order its conditions are in. Screenshots under
// build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerToResult, assertClean, checkA11y, checkBasics, navigatedBy, newPage, screenshot, step,
  useServerAndBrowser,
} from './helpers.mjs';

const ARTICLE = '/symptoms/anal-mucus-discharge';

const env = useServerAndBrowser();


async function countLine(page) {
  return (await page.textContent('#helpful .helpful-count')).trim();
}

test('a reader votes with JavaScript off, and changes the vote', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { javaScriptEnabled: false });
  await page.goto(env.server.url + ARTICLE);
  assert.equal(await page.textContent('#helpful-h'), 'Was this article helpful?');
  assert.equal(await countLine(page), 'No one has said yet that this article helped them.');
  assert.equal(await page.locator('.helpful-thanks').count(), 0);
  await navigatedBy(page, () => page.click('#helpful button[value=yes]'));
  const url = new URL(page.url());
  assert.equal(url.pathname, ARTICLE);
  assert.equal(url.search, '?voted=1');
  assert.equal(url.hash, '#helpful');
  assert.match(await page.textContent('.helpful-thanks'), /^Thank you for your answer/);
  assert.equal(await countLine(page), '1 person found this helpful.');
  await checkBasics(page);
  await screenshot(page, 'helpful-nojs');

  // the same browser answering No replaces its Yes
  await navigatedBy(page, () => page.click('#helpful button[value=no]'));
  assert.equal(await countLine(page), 'No one has said yet that this article helped them.');
  const cookies = await page.context().cookies();
  const voter = cookies.find((c) => c.name === 'symcheck_voter');
  assert.ok(voter && /^[0-9a-f]{64}$/.test(voter.value), 'a random voter id');
  assert.equal(voter.httpOnly, true);
  assert.equal(voter.sameSite, 'Strict');
  assert.equal(voter.path, '/symptoms');
  assertClean(page);
  await page.context().close();

  // axe-core needs JavaScript: the thanks state as the server renders it
  const checked = await newPage(env.chrome.browser, env.server.url);
  await checked.goto(env.server.url + ARTICLE + '?voted=1#helpful');
  assert.equal(await checked.locator('.helpful-thanks').count(), 1);
  await checkA11y(checked, 'article after a vote');
  await checked.context().close();
});

test('with JavaScript the vote is counted without leaving the page', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { viewport: { width: 360, height: 740 } });
  await page.goto(env.server.url + ARTICLE);
  for (const value of ['yes', 'no']) {
    const box = await page.locator(`#helpful button[value=${value}]`).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `the ${value} button is a big tap target`);
  }
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.click('#helpful button[value=yes]');
  await page.waitForSelector('#helpful .helpful-thanks');
  assert.equal(loads, 0, 'no page load');
  assert.equal(new URL(page.url()).search, '', 'the address stays the article');
  assert.equal(await countLine(page), '1 person found this helpful.');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'helpful-thanks',
    'the thanks takes the focus from the button that went away');
  await checkA11y(page, 'article after a vote (JavaScript)');
  await screenshot(page, 'helpful-js-phone');

  // the swapped-in form works again: changing to No
  await page.click('#helpful button[value=no]');
  await page.waitForFunction(() => document.querySelector('#helpful .helpful-count')
    ?.textContent.startsWith('No one'));
  assert.equal(loads, 0);
  assertClean(page);
  await page.context().close();
});

test('a form without its CSRF cookie is refused with a page saying why', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + ARTICLE);
  await page.context().clearCookies();
  // the script's POST is refused, so it falls back to the plain form post
  await navigatedBy(page, () => page.click('#helpful button[value=yes]'));
  assert.equal(new URL(page.url()).pathname, ARTICLE + '/helpful');
  assert.match(await page.textContent('main'), /security code/);
  await checkBasics(page);
  await checkA11y(page, 'refused vote');
  await page.context().close();
});

test('the article says in which order its conditions are listed', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + ARTICLE);
  assert.match(await page.textContent('.cards-order'),
    /most common first, according to the medical sources/);
  // a finished quiz is counted once, which the browser is told for a day
  await page.goto(env.server.url + '/quiz/anal-mucus-discharge');
  await page.fill('#age', '40');
  await page.check('input[name=sex][value=female]');
  await step(page, () => page.click('button:has-text("Start the questions")'));
  await answerToResult(page);
  assert.match(await page.title(), /^Your results/);
  const counted = (await page.context().cookies())
    .find((c) => c.name === 'symcheck_quiz_counted');
  assert.ok(counted, 'the result set the counted cookie');
  assert.equal(counted.path, '/quiz/anal-mucus-discharge');
  assert.equal(counted.httpOnly, true);
  // one quiz is far below the minimum: the order stays the pack's
  await page.goto(env.server.url + ARTICLE);
  assert.match(await page.textContent('.cards-order'), /according to the medical sources/);
  await checkA11y(page, 'article with its order note');
  assertClean(page);
  await page.context().close();
});
