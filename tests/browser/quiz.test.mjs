// quiz.test.mjs - a person's journey in a real browser (chromium, with
// JavaScript): search "mucus", read the article, take the quiz by clicking
// (the safety check first, then the complaint's questions) to a result, go
// back and change an answer, print the summary for a doctor and download
// the FHIR file; a red flag of the pack or of the safety check; the general
// entry ("My symptom is not listed") to a result without causes; axe-core
// on every page; screenshots of each page under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  answerSafely, answerToResult, assertClean, checkA11y, checkBasics, isQuestion, isSafetyCheck,
  newPage, passSafetyCheck, screenshot, shots, step, useServerAndBrowser,
} from './helpers.mjs';

const env = useServerAndBrowser();


test('search "mucus", read the article, take the quiz to a result, change an answer, summary and FHIR', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { viewport: { width: 1280, height: 900 } });

  await page.goto(env.server.url + '/');
  await checkBasics(page);
  await screenshot(page, 'home');
  await checkA11y(page, 'home');
  await page.fill('#q', 'mucus');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#matches-h');
  await screenshot(page, 'home-search');
  const first = page.locator('.matches .complaints a').first();
  assert.equal(await first.textContent(), 'Mucus discharge from the anus');
  await first.click();

  await page.waitForSelector('article.article h1');
  assert.match(await page.textContent('h1'), /Mucus from the bottom/);
  await checkBasics(page);
  assert.ok(await page.locator('.card').count() >= 10, 'condition cards');
  for (const part of ['Rarity', 'Top symptoms', 'Symptoms that always occur with it', 'How soon to get care']) {
    assert.ok(await page.locator('.card dt', { hasText: part }).count() > 0, part);
  }
  for (const id of ['when-to-see-a-doctor', 'when-it-is-an-emergency', 'frequently-asked-questions',
    'stories', 'references', 'related-articles']) {
    assert.equal(await page.locator(`section#${id}`).count(), 1, id);
  }
  await screenshot(page, 'article');
  await checkA11y(page, 'article');

  await page.click('a.button-primary:has-text("Take the quiz")');
  await page.waitForSelector('form.profile');
  await checkBasics(page);
  await screenshot(page, 'quiz-demographics');
  await checkA11y(page, 'demographics');
  await page.fill('#age', '34');
  await page.check('input[name=sex][value=female]');
  await step(page, () => page.click('button:has-text("Start the questions")'));

  // the safety check comes first, said as such and not counted
  assert.ok(await isSafetyCheck(page));
  assert.equal(await page.title(), 'Safety check: Is any of these happening now? - symcheck');
  assert.match(await page.textContent('.safety-check'), /Safety check: we ask everyone these first/);
  assert.equal(await page.locator('progress').count(), 0, 'no question count in the safety check');
  await checkBasics(page);
  await screenshot(page, 'quiz-question-first');
  await checkA11y(page, 'first question');
  await page.click('summary:has-text("Why are we asking?")');
  assert.ok(await page.locator('details.why[open] p').isVisible());
  // answer on tap: with JavaScript the page is swapped in, not reloaded
  await page.evaluate(() => { window.__sameDocument = true; });
  await step(page, () => answerSafely(page));
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full reload');
  assert.match(page.url(), /\/quiz\/anal-mucus-discharge\?.*a=/, 'the address follows the quiz');
  assert.equal(await page.title(), 'Safety check: What is your temperature? - symcheck');
  await screenshot(page, 'quiz-question-second');
  await checkA11y(page, 'second question');
  assert.equal(await passSafetyCheck(page), 2);
  // then the complaint's own questions, counted from 1
  assert.match(await page.title(), /^Question 1: /);
  assert.match(await page.textContent('.progress label'), /^Question 1 of at most 25$/);
  await step(page, () => answerSafely(page));
  await step(page, () => answerSafely(page));
  await step(page, () => answerSafely(page));
  const fourth = await page.title();
  assert.match(fourth, /^Question 4: /);

  // the back link shows the previous question with its answer marked
  await step(page, () => page.click('a.back'));
  assert.match(await page.title(), /^Question 3: /);
  assert.equal(await page.locator('.your-answer').count(), 1);
  await screenshot(page, 'quiz-back');
  // the browser's back button works too
  await page.goBack();
  await page.waitForFunction((t) => document.title === t, fourth);
  await page.goForward();
  await page.waitForFunction(() => document.title.startsWith('Question 3: '));
  // change the third answer: later questions go on from where they were
  const third = await page.inputValue('input[name=q]');
  const kept = (await page.inputValue('input[name=a]')).split('~').filter((a) => !a.startsWith(`${third}.`));
  await step(page, () => page.click('button.answer-unknown'));
  assert.match(await page.title(), /^Question 4: /);
  const now = (await page.inputValue('input[name=a]')).split('~');
  assert.ok(now.includes(`${third}.U`), 'the changed answer');
  for (const answer of kept) {
    assert.ok(now.includes(answer), `kept ${answer}`);
  }

  const asked = await answerToResult(page);
  assert.ok(asked >= 1);
  assert.match(await page.title(), /^Your results/);
  await checkBasics(page);
  const banner = page.locator('section.banner');
  assert.ok(await banner.isVisible());
  assert.ok(await banner.locator('svg.icon').count() === 1, 'an icon, not colour alone');
  assert.ok((await banner.locator('h2').textContent()).length > 5, 'the level in words');
  const words = await page.locator('.result .words').first().textContent();
  assert.match(words, /(about \d+ in (10|100)|less than 1 in 100)/);
  await page.locator('.result summary').first().click();
  await screenshot(page, 'results');
  await checkA11y(page, 'results');

  // change the last answer from the results page
  await step(page, () => page.click('a:has-text("Change my last answer")'));
  assert.ok(await isQuestion(page));
  assert.equal(await page.locator('.your-answer').count(), 1);
  await answerToResult(page);
  assert.match(await page.title(), /^Your results/);

  // the FHIR download
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a:has-text("Download for a clinic system (FHIR)")'),
  ]);
  const path = join(shots, 'summary.fhir.json');
  await download.saveAs(path);
  const bundle = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  assert.ok(Array.isArray(bundle.entry) && bundle.entry.length >= 2);
  for (const entry of bundle.entry) {
    assert.match(entry.fullUrl, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(typeof entry.resource.resourceType, 'string');
  }
  const response = bundle.entry.find((e) => e.resource.resourceType === 'QuestionnaireResponse');
  assert.ok(response, 'a QuestionnaireResponse');
  assert.equal(response.resource.status, 'completed');
  assert.ok(response.resource.item.length >= asked);
  for (const item of response.resource.item) {
    assert.equal(typeof item.linkId, 'string');
    assert.equal(typeof item.text, 'string');
  }
  const risk = bundle.entry.find((e) => e.resource.resourceType === 'RiskAssessment');
  assert.ok(risk.resource.prediction.length > 0);
  assert.ok(risk.resource.prediction.every((p) => p.probabilityDecimal >= 0 && p.probabilityDecimal <= 1));

  // the printable summary
  await page.click('a:has-text("Summary for your doctor")');
  await page.waitForSelector('h1:has-text("Symptom summary for a doctor")');
  await checkBasics(page);
  for (const heading of ['Present', 'Absent', 'Unsure', 'How soon to get care']) {
    assert.equal(await page.locator('h2', { hasText: heading }).count(), 1, heading);
  }
  assert.ok(await page.locator('dt:has-text("Duration")').count());
  assert.ok(await page.locator('.print-button').isVisible(), 'Print button with JavaScript');
  await screenshot(page, 'summary');
  await checkA11y(page, 'summary');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no header on paper');
  assert.equal(await page.locator('.print-button').isVisible(), false, 'no buttons on paper');
  await screenshot(page, 'summary-print');
  await page.pdf({ path: join(shots, 'summary.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  // a condition page from the results
  await page.goBack();
  await page.waitForSelector('.result');
  await page.locator('.result a').first().click();
  await page.waitForSelector('article.condition h1');
  await checkBasics(page);
  await screenshot(page, 'condition');
  await checkA11y(page, 'condition');
  assertClean(page);
  await page.context().close();
});

test('a red flag goes straight to the emergency advice with the phone number', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/quiz/rectal-bleeding');
  await page.fill('#age', '70');
  await page.check('input[name=sex][value=male]');
  await step(page, () => page.click('button:has-text("Start the questions")'));
  assert.equal(await passSafetyCheck(page), 3);
  await page.check('label.check:has-text("dizz") input');
  await step(page, () => page.click('button:has-text("Continue with the ones I chose")'));
  await page.waitForSelector('section.emergency');
  assert.match(await page.textContent('h1'), /ambulance/i);
  assert.match(await page.textContent('.em-call'), /999 \(UK\), 112 \(EU\), 911 \(US\)/);
  // the reason names the answer, then explains it without an instruction of its own
  const reason = await page.textContent('.em-message');
  assert.match(reason, /^You said: Bleeding from the bottom with dizziness, fainting or feeling very weak\. \S/);
  assert.doesNotMatch(reason, /\b(Call|Go to)\b/);
  assert.equal(await page.locator('text=What could be causing it').count(), 0);
  await checkBasics(page);
  await screenshot(page, 'emergency');
  await checkA11y(page, 'emergency');
  assertClean(page);
  await page.context().close();
});

test('a red flag of the safety check stops the quiz on its first page', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/quiz/anal-itching');
  await page.fill('#age', '45');
  await page.check('input[name=sex][value=female]');
  await step(page, () => page.click('button:has-text("Start the questions")'));
  assert.ok(await isSafetyCheck(page));
  await page.check('label.check:has-text("Struggling to breathe") input');
  await step(page, () => page.click('button:has-text("Continue with the ones I chose")'));
  await page.waitForSelector('section.emergency');
  assert.match(await page.textContent('h1'), /ambulance/i);
  assert.match(await page.textContent('.em-message'), /^You said: Struggling to breathe/);
  assert.match(await page.textContent('.em-call'), /999 \(UK\), 112 \(EU\), 911 \(US\)/);
  assert.equal(await page.locator('text=What could be causing it').count(), 0);
  await checkBasics(page);
  await checkA11y(page, 'emergency from the safety check');
  assertClean(page);
  await page.context().close();
});

test('a mistaken red flag can be changed back', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/quiz/rectal-bleeding?age=30&sex=female&who=self&a=');
  assert.equal(await passSafetyCheck(page), 3);
  await page.check('label.check:has-text("dizz") input');
  await step(page, () => page.click('button:has-text("Continue with the ones I chose")'));
  await step(page, () => page.click('a:has-text("by mistake")'));
  assert.ok(await page.locator('label.check:has-text("dizz") input').isChecked());
  await page.uncheck('label.check:has-text("dizz") input');
  await step(page, () => page.click('button:has-text("None of these")'));
  assert.ok(await isQuestion(page));
  assert.match(await page.title(), /^Question 2: /);
  assertClean(page);
  await page.context().close();
});

test('"My symptom is not listed": from the home page to advice on how soon, without causes', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/');
  const entry = page.locator('.general-entry a').first(); // above the search and below the list
  assert.equal(await entry.textContent(), 'My symptom is not listed');
  await step(page, () => entry.click());
  assert.equal(new URL(page.url()).pathname, '/quiz/symptom-not-listed');
  await page.waitForSelector('form.profile');
  await checkBasics(page);
  await page.fill('#age', '34');
  await page.check('input[name=sex][value=female]');
  await step(page, () => page.click('button:has-text("Start the questions")'));
  assert.equal(await passSafetyCheck(page), 3);
  assert.match(await page.title(), /^Question 1: /);
  await screenshot(page, 'general-question');
  await checkA11y(page, 'general entry question');
  const asked = await answerToResult(page);
  assert.ok(asked >= 1);
  assert.match(await page.title(), /^Your results - My symptom is not listed/);
  await checkBasics(page);
  const banner = page.locator('section.banner');
  assert.ok(await banner.isVisible());
  assert.equal(await banner.locator('svg.icon').count(), 1, 'an icon, not colour alone');
  assert.equal((await banner.locator('h2').textContent()).trim(), 'Look after yourself at home');
  assert.match(await banner.locator('.reason').textContent(), /^None of your answers is a warning sign/);
  assert.equal((await page.locator('.next-steps p').first().textContent()).trim(),
    'Manage at home and watch for changes.');
  // triage only: no list of possible causes, and it says so
  assert.equal(await page.locator('.result').count(), 0, 'no conditions listed');
  assert.equal(await page.locator('text=What could be causing it').count(), 0);
  assert.match(await page.textContent('.triage-only'), /not a list of possible causes/);
  assert.ok(await page.locator('a:has-text("Summary for your doctor")').count());
  await screenshot(page, 'general-results');
  await checkA11y(page, 'general entry results');
  assertClean(page);
  await page.context().close();
});

// Presses Tab until the focused element matches `selector`; fails after 60.
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) {
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}`);
}

async function focusIsVisible(page) {
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(style.style, 'none', 'a visible focus outline');
  assert.ok(style.width >= 2, 'an outline at least 2 px wide');
}

test('keyboard only: from the article through the quiz, with visible focus', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/symptoms/anal-mucus-discharge');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.matches('a.skip')), 'skip link first');
  assert.ok(await page.locator('a.skip').isVisible(), 'the skip link shows when focused');
  await tabTo(page, 'a.button-primary');
  await focusIsVisible(page);
  await page.keyboard.press('Enter');
  await page.waitForSelector('form.profile');
  await tabTo(page, '#age');
  await page.keyboard.type('45');
  await tabTo(page, 'input[name=sex]');
  await page.keyboard.press('Space');
  await tabTo(page, 'button[type=submit]');
  await focusIsVisible(page);
  await step(page, () => page.keyboard.press('Enter'));
  assert.ok(await isQuestion(page));
  await tabTo(page, 'summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('details.why[open]').count() === 1, '"why" opens from the keyboard');
  await tabTo(page, 'button.answer');
  await focusIsVisible(page);
  await tabTo(page, 'button.answer:not(.answer-primary)');
  await step(page, () => page.keyboard.press('Enter'));
  assert.equal(await page.title(), 'Safety check: What is your temperature? - symcheck');
  await screenshot(page, 'keyboard-question');
  assertClean(page);
  await page.context().close();
});
