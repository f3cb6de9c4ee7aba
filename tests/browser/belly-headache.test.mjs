// belly-headache.test.mjs - two people's journeys in a real browser
// (chromium, with JavaScript) through the abdominal and headache packs: a
// search for "tummy ache" to the belly-pain article and a quiz told a
// typical appendicitis story (a result that says "could be", lists
// appendicitis and sends the person to an emergency department at least);
// a misspelt "migrane" to the headache quiz told a migraine-with-aura story
// (migraine first, care at home or from a GP); a thunderclap headache, in
// the headache's own questions or in the safety check, stops on the
// emergency page. Questions are answered by their visible text, never by
// their order (the engine picks it); axe-core on the results; screenshots
// under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerSafely, assertClean, checkA11y, checkBasics, isQuestion, isSafetyCheck, newPage,
  screenshot, step, useServerAndBrowser,
} from './helpers.mjs';

const env = useServerAndBrowser(['abdominal', 'headache', 'general']);

// The banner titles of the triage levels, least urgent first
// (src/server/web/web_site.c).
const levels = ['Look after yourself at home', 'See a GP within 2 weeks',
  'See or phone a doctor in 1-2 days', 'Get seen in person today',
  'Go to an emergency department now', 'Call an ambulance now'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The answer button whose label is exactly `label` (a chosen one carries
// " (your answer)" after it).
function button(page, label) {
  return page.locator('button.answer', { hasText: new RegExp(`^${escape(label)}( \\(your answer\\))?$`) });
}

// Answers the question on screen as the story says: a label clicks that
// button, a list of labels ticks those boxes of a "choose all that apply"
// question. Fails when the page has no such answer (a story out of step
// with the pack's findings.yaml).
async function choose(page, answer) {
  if (Array.isArray(answer)) {
    for (const label of answer) {
      const box = page.locator('label.check', { hasText: label }).locator('input');
      assert.equal(await box.count(), 1, `a box "${label}"`);
      await box.check();
    }
    await page.click('button:has-text("Continue with the ones I chose")');
    return;
  }
  const target = button(page, answer);
  assert.equal(await target.count(), 1, `an answer "${answer}" to "${await questionText(page)}"`);
  await target.click();
}

// A question outside the story: "None of these", "No", else "I don't know".
async function answerOther(page) {
  const none = page.locator('button.answer', { hasText: 'None of these' });
  if (await none.count()) {
    await none.click();
  } else if (await button(page, 'No').count()) {
    await button(page, 'No').click();
  } else {
    await page.click('button.answer-unknown');
  }
}

async function questionText(page) {
  return (await page.textContent('form.question legend h1')).trim();
}

// Answers every question until the quiz stops: the first story entry whose
// pattern matches the question's text gives the answer; a safety-check
// question outside the story is answered the nothing-alarming way, any
// other "None of these", "No" or "I don't know". Returns the transcript,
// [question, answer] pairs (answer null when the story did not cover it).
async function tellStory(page, story, limit = 45) {
  const transcript = [];
  while (await isQuestion(page)) {
    assert.ok(transcript.length < limit, `at most ${limit} questions:\n${format(transcript)}`);
    const text = await questionText(page);
    const entry = story.find(([pattern]) => pattern.test(text));
    transcript.push([text, entry ? entry[1] : null]);
    if (entry) {
      await step(page, () => choose(page, entry[1]));
    } else if (await isSafetyCheck(page)) {
      await step(page, () => answerSafely(page));
    } else {
      await step(page, () => answerOther(page));
    }
  }
  return transcript;
}

function format(transcript) {
  return transcript.map(([q, a]) => `  ${q} -> ${a ?? '(not in the story)'}`).join('\n');
}

// The story covered these questions (they were asked and answered its way).
function assertTold(transcript, patterns) {
  for (const pattern of patterns) {
    assert.ok(transcript.some(([q, a]) => pattern.test(q) && a !== null),
      `the quiz asked ${pattern}:\n${format(transcript)}`);
  }
}

// Fills in age and sex and starts the questions.
async function start(page, age, sex) {
  await page.waitForSelector('form.profile');
  await page.fill('#age', String(age));
  await page.check(`input[name=sex][value=${sex}]`);
  await step(page, () => page.click('button:has-text("Start the questions")'));
}

// The results page: a level among `levels`, conditions that "could be"
// the cause and the notice; returns { level (index), conditions (names) }.
async function readResults(page, transcript) {
  assert.match(await page.title(), /^Your results/, `ended on the results:\n${format(transcript)}`);
  await checkBasics(page);
  const title = (await page.textContent('section.banner h2')).trim();
  const level = levels.indexOf(title);
  assert.ok(level >= 0, `a known level: "${title}"`);
  const conditions = (await page.locator('.result h3').allTextContents()).map((n) => n.trim());
  assert.ok(conditions.length >= 1, 'a list of conditions');
  for (const words of await page.locator('.result .words').allTextContents()) {
    assert.match(words, /^could be the cause for /);
  }
  assert.match(await page.textContent('main, body'), /These conditions could explain your answers/);
  return { level, title, conditions };
}

test('"tummy ache": the belly-pain article, then an appendicitis story to an emergency result', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url + '/');
  await page.fill('#q', 'tummy ache');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#matches-h');
  const first = page.locator('.matches .complaints a').first();
  assert.equal(await first.textContent(), 'Belly pain (tummy ache)');
  await screenshot(page, 'belly-search');
  await first.click();

  await page.waitForSelector('article.article h1');
  assert.match(await page.textContent('h1'), /Belly pain/);
  await checkBasics(page);
  const headings = (await page.locator('article.article section h2').allTextContents()).map((h) => h.trim());
  for (const heading of [/^What causes belly pain\?$/, /^When it is an emergency$/, /^References$/]) {
    assert.ok(headings.some((h) => heading.test(h)), `a section ${heading} among ${headings.join(' | ')}`);
  }
  assert.ok(await page.locator('section#references li').count() >= 3, 'numbered references');
  await screenshot(page, 'belly-article');

  await page.click('a.button-primary:has-text("Take the quiz")');
  await start(page, 22, 'male');
  assert.ok(await isSafetyCheck(page), 'the safety check comes first');
  // A young man whose pain began around the belly button hours ago, moved
  // to the lower right and is getting worse, worse when he moves, with
  // nausea and no appetite; no diarrhoea, no waves, nothing urinary.
  const story = [
    [/^Where is the pain worst\?$/, 'Lower right'],
    [/^Did the pain start around the belly button, then move to the lower right side\?$/, 'Yes'],
    [/^How did the pain start\?$/, 'Gradually, over hours or days'],
    [/^How long have you had this problem\?$/, 'Less than a day'],
    [/^How bad is the pain\?$/, 'Severe'],
    [/^Is the pain worse when you move, cough or go over bumps/, 'Yes'],
    [/^Do you feel sick \(nauseous\)\?$/, 'Yes'],
    [/^Have you lost your appetite\?$/, 'Yes'],
    [/^Have you been sick \(vomited\)\?$/, 'No'],
    [/^Do you have diarrhoea/, 'No'],
    [/^Does the pain come in waves/, 'No'],
    [/^Have you had bouts of this same problem before\?$/, 'No'],
    [/^Have you felt hot or feverish\?$/, 'No'],
    [/^Does it burn or sting when you pee\?$/, 'No'],
  ];
  const transcript = await tellStory(page, story);
  assertTold(transcript, [/^Where is the pain worst/, /^How did the pain start/, /^How long have you/,
    /^Have you been sick/]);
  const result = await readResults(page, transcript);
  assert.ok(result.conditions.includes('Appendicitis'),
    `appendicitis among ${result.conditions.join(', ')}:\n${format(transcript)}`);
  assert.ok(result.level >= levels.indexOf('Go to an emergency department now'),
    `at least an emergency department, not "${result.title}":\n${format(transcript)}`);
  console.log(`appendicitis story: ${transcript.length} questions, "${result.title}", `
    + `appendicitis ${result.conditions.indexOf('Appendicitis') + 1} of ${result.conditions.length}`);
  await page.locator('.result summary').first().click();
  await screenshot(page, 'belly-results');
  await checkA11y(page, 'belly-pain results');
  assertClean(page);
  await page.context().close();
});

test('"migrane": the headache quiz with a migraine-with-aura story puts migraine first, not an emergency', async () => {
  const page = await newPage(env.chrome.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url + '/');
  await page.fill('#q', 'migrane');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#matches-h');
  const first = page.locator('.matches .complaints a').first();
  assert.equal(await first.textContent(), 'Headache');
  await screenshot(page, 'headache-search');
  await first.click();
  await page.waitForSelector('article.article h1');
  await page.click('a.button-primary:has-text("Take the quiz")');
  await start(page, 30, 'female');
  // A woman with attacks for years: one side, throbbing, light hurts,
  // zigzag lines first, each lasting hours, the same kind as always.
  const story = [
    [/^How quickly did this headache reach its worst\?$/, 'Slowly, over hours or days'],
    [/^Is this the worst headache you have ever had\?$/, 'No'],
    [/^Are you pregnant, or have you had a baby/, 'No'],
    [/^Have you had headaches like this one before\?$/, 'Yes, the same kind as before'],
    [/^Where is the pain worst\?$/, 'One side of the head'],
    [/^What does the pain feel like\?$/, 'Throbbing or pounding, in time with the heartbeat'],
    [/^How bad is the headache\?$/, 'Moderate'],
    [/^How long does each headache last/, '4 hours to 3 days'],
    [/^How often do you get headaches\?$/, 'Less than once a week'],
    [/^How long ago did this headache, or this run of headaches, begin\?$/, 'More than 3 months'],
    [/^Do you feel sick \(nauseous\) with the headache\?$/, 'Yes'],
    [/^Does light bother you during the headache\?$/, 'Yes'],
    [/^Before or as the headache starts, do you see zigzag lines/, 'Yes'],
    [/^Does the headache stop you doing your usual activities\?$/, 'Yes'],
    [/^Does walking or climbing stairs make the headache worse\?$/, 'Yes'],
    [/^On how many days a month do you take painkillers/, 'Fewer than 10 days'],
  ];
  const transcript = await tellStory(page, story);
  // the engine picks which of them it needs: at least the headache's own
  // screen (onset, worst ever, pregnancy) and a few more come from the story
  assertTold(transcript, [/^How quickly did this headache reach its worst/, /^Is this the worst headache/]);
  assert.ok(transcript.filter(([, a]) => a !== null).length >= 5, `told the story:\n${format(transcript)}`);
  const result = await readResults(page, transcript);
  assert.equal(result.conditions[0], 'Migraine', `migraine first:\n${format(transcript)}`);
  assert.ok(result.level <= levels.indexOf('See a GP within 2 weeks'),
    `care at home or from a GP, not "${result.title}":\n${format(transcript)}`);
  console.log(`migraine story: ${transcript.length} questions, "${result.title}", `
    + `then ${result.conditions.slice(1).join(', ')}\n${format(transcript)}`);
  await screenshot(page, 'headache-results');
  await checkA11y(page, 'headache results');
  assertClean(page);
  await page.context().close();
});

// The emergency page: an emergency level, the numbers to call, no causes.
async function assertEmergency(page, transcript) {
  await page.waitForSelector('section.emergency');
  const title = (await page.textContent('section.emergency h1')).trim();
  assert.ok(levels.indexOf(title) >= levels.indexOf('Go to an emergency department now'),
    `an emergency level, not "${title}":\n${format(transcript)}`);
  assert.match(await page.textContent('.em-call'), /999 \(UK\), 112 \(EU\), 911 \(US\)/);
  assert.equal(await page.locator('text=What could be causing it').count(), 0);
  await checkBasics(page);
}

test('a thunderclap headache in the headache\'s own questions stops on the emergency page', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/quiz/headache');
  await start(page, 45, 'female');
  const transcript = await tellStory(page, [
    [/^How quickly did this headache reach its worst\?$/, 'Within a minute, like a sudden blow'],
    [/^Is this the worst headache you have ever had\?$/, 'Yes'],
  ]);
  assertTold(transcript, [/^How quickly did this headache reach its worst/]);
  await assertEmergency(page, transcript);
  assert.match(await page.textContent('.em-message'), /headache|brain/i);
  await screenshot(page, 'headache-emergency');
  await checkA11y(page, 'headache emergency');
  assertClean(page);
  await page.context().close();
});

test('a thunderclap headache ticked in the safety check stops on the emergency page', async () => {
  const page = await newPage(env.chrome.browser, env.server.url);
  await page.goto(env.server.url + '/quiz/headache');
  await start(page, 45, 'male');
  const transcript = await tellStory(page, [
    [/^Do any of these apply to you\?$/, ['at its worst within a minute']],
  ]);
  assertTold(transcript, [/^Do any of these apply to you/]);
  await assertEmergency(page, transcript);
  assert.match(await page.textContent('.em-message'), /headache|brain/i);
  assertClean(page);
  await page.context().close();
});
