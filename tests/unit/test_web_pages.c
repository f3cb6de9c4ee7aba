/*
 * test_web_pages.c - the web pages rendered from the shipped anorectal pack
 * and the real templates, as a browser would get them: every page has the
 * notice, a language, a title, no inline script or style, nothing from
 * another host, and stays under 100 KB; the article has every part; the
 * quiz is driven through its own HTML forms (hidden fields read back from
 * the page) past the universal safety check (titled "Safety check", not
 * counted as questions) to a result, back links keep answers, a red flag of
 * the screen or of the pack goes to the emergency advice with the reason
 * naming the answer, and the summary and FHIR export hold the answers.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web.h"

#define PACK SYMCHECK_SOURCE_DIR "/packs/anorectal"
#define COMPLAINT "anal-mucus-discharge"
#define MAX_PARAMS 32
#define VALUE_SIZE 2048

typedef struct fixture {
  symcheck_pack *pack;
  web_site *site;
} fixture;

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  symcheck_diagnostics diagnostics = {0};
  f->pack = symcheck_pack_load(PACK, &diagnostics);
  symcheck_diagnostics_free(&diagnostics);
  assert_non_null(f->pack);
  char err[256] = "";
  const symcheck_pack *packs[] = {f->pack};
  f->site = web_site_new(SYMCHECK_SOURCE_DIR "/web", packs, 1, err, sizeof err);
  if (f->site == NULL) {
    fail_msg("%s", err);
  }
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  fixture *f = *state;
  web_site_free(f->site);
  symcheck_pack_free(f->pack);
  free(f);
  return 0;
}

/* A request's parameters, built up in a test. Values are copied. */
typedef struct form {
  web_param items[MAX_PARAMS];
  char values[MAX_PARAMS][VALUE_SIZE];
  size_t count;
} form;

static void S_set(form *q, const char *name, const char *value) {
  assert_true(q->count < MAX_PARAMS);
  snprintf(q->values[q->count], VALUE_SIZE, "%s", value);
  q->items[q->count] = (web_param){name, q->values[q->count]};
  q->count++;
}

static web_params S_params(const form *q) {
  return (web_params){q->count, q->items};
}

static void S_contains(const char *html, const char *text) {
  if (strstr(html, text) == NULL) {
    fail_msg("the page does not contain \"%s\"", text);
  }
}

static void S_lacks(const char *html, const char *text) {
  if (strstr(html, text) != NULL) {
    fail_msg("the page contains \"%s\"", text);
  }
}

/* What every HTML page must be. */
static void S_check_page(const web_page *page) {
  assert_non_null(page->body);
  assert_int_equal(page->length, strlen(page->body));
  assert_true(page->length < WEB_PAGE_LIMIT);
  S_contains(page->body, "<!DOCTYPE html>");
  S_contains(page->body, "<html lang=\"en\">");
  S_contains(page->body, "symcheck is not a diagnosis.");
  S_contains(page->body, "<meta name=\"viewport\"");
  const char *title = strstr(page->body, "<title>");
  assert_non_null(title);
  assert_true(strncmp(title, "<title> - ", 10) != 0);
  S_lacks(page->body, " style=");
  S_lacks(page->body, "<style");
  S_lacks(page->body, "<script>");
  S_lacks(page->body, " onclick=");
  S_lacks(page->body, "src=\"http");
  S_lacks(page->body, "<link rel=\"stylesheet\" href=\"http");
}

static void test_home_lists_and_searches(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_home(f->site, NULL, &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  S_contains(page.body, "<input id=\"q\" name=\"q\" type=\"search\"");
  S_contains(page.body, "<label for=\"q\">");
  S_contains(page.body, "<a href=\"/symptoms/anal-mucus-discharge\">Mucus discharge from the anus");
  S_contains(page.body, "<a href=\"/symptoms/rectal-bleeding\">");
  web_page_free(&page);

  form q = {0};
  S_set(&q, "q", "blood in poo");
  web_params params = S_params(&q);
  assert_int_equal(web_page_home(f->site, &params, &page), 0);
  S_check_page(&page);
  const char *matches = strstr(page.body, "Symptoms matching");
  assert_non_null(matches);
  const char *first = strstr(matches, "<li><a href=\"");
  assert_non_null(first);
  assert_int_equal(strncmp(first, "<li><a href=\"/symptoms/rectal-bleeding\"", 39), 0);
  web_page_free(&page);

  form none = {0};
  S_set(&none, "q", "<script>alert(1)</script>");
  params = S_params(&none);
  assert_int_equal(web_page_home(f->site, &params, &page), 0);
  S_check_page(&page);
  S_contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;");
  S_contains(page.body, "Nothing matched");
  web_page_free(&page);
}

static void test_article_has_every_part(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_article(f->site, COMPLAINT, NULL, &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  const char *body = page.body;
  S_contains(body, "<h1>Mucus from the bottom (anal mucus discharge)</h1>");
  S_contains(body, "<title>Mucus from the bottom (anal mucus discharge) - symcheck</title>");
  /* the quiz entry point comes before the first section */
  const char *cta =
      strstr(body, "<a class=\"button button-primary\" href=\"/quiz/" COMPLAINT "\">");
  const char *first_section = strstr(body, "<section id=\"what-it-is\"");
  assert_non_null(cta);
  assert_non_null(first_section);
  assert_true(cta < first_section);
  static const char *const parts[] = {"id=\"what-causes-mucus-from-the-bottom\"",
                                      "<h3>Infections</h3>",
                                      "id=\"treatment\"",
                                      "id=\"when-to-see-a-doctor\"",
                                      "id=\"when-it-is-an-emergency\"",
                                      "id=\"frequently-asked-questions\"",
                                      "id=\"references\"",
                                      "id=\"related-articles\"",
                                      "<a href=\"/symptoms/rectal-bleeding\">"};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    S_contains(body, parts[i]);
  }
  /* condition cards inside the conditions section, with every field */
  const char *conditions = strstr(body, "<section id=\"conditions-people-with-this-symptom");
  const char *treatment = strstr(body, "<section id=\"treatment\"");
  const char *card = strstr(body, "<details class=\"card\" open>\n<summary><h3 id=\"card-ibs\">");
  assert_non_null(conditions);
  assert_non_null(card);
  assert_true(conditions < card && card < treatment);
  S_contains(card, "<h3 id=\"card-ibs\">Irritable bowel syndrome (IBS)</h3>");
  S_contains(body, "<details class=\"card\">\n"); /* the later cards start closed */
  S_contains(card, "<dt>Rarity</dt><dd>Common");
  S_contains(card, "<dt>Top symptoms</dt>");
  S_contains(card, "<dt>Symptoms that always occur with it</dt>");
  S_contains(card, "<dt>How soon to get care</dt>");
  S_contains(card, "<a href=\"/conditions/anorectal/ibs\">");
  /* the places for stories and votes, before "About this article" */
  const char *stories = strstr(body, "<section id=\"stories\"");
  const char *about = strstr(body, "<section id=\"about-this-article\"");
  assert_non_null(stories);
  assert_non_null(about);
  assert_true(stories < about);
  /* ... and "On this page" lists them where they stand */
  const char *toc_stories = strstr(body, "<li><a href=\"#stories\">Readers' stories</a></li>");
  const char *toc_about = strstr(body, "<li><a href=\"#about-this-article\">");
  assert_non_null(toc_stories);
  assert_non_null(toc_about);
  assert_true(toc_stories < toc_about && toc_about < stories);
  S_contains(body, "Last reviewed: <time datetime=\"2026-11-28\">");
  S_contains(body, "<article class=\"article\" lang=\"en\">");
  web_page_free(&page);

  assert_int_equal(web_page_article(f->site, "no-such-symptom", NULL, &page), 0);
  assert_int_equal(page.status, 404);
  S_check_page(&page);
  web_page_free(&page);
}

static void test_condition_page(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_condition(f->site, "anorectal", "ulcerative_colitis", &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  S_contains(page.body, "<h1>Ulcerative colitis</h1>");
  S_contains(page.body, "<dt>ICD-10 code</dt>");
  S_contains(page.body, "<dt>Rarity</dt>");
  S_contains(page.body, "Sources of its figures");
  S_contains(page.body, "<a href=\"/symptoms/anal-mucus-discharge\">");
  web_page_free(&page);
  assert_int_equal(web_page_condition(f->site, "anorectal", "nope", &page), 0);
  assert_int_equal(page.status, 404);
  web_page_free(&page);
  assert_int_equal(web_page_condition(f->site, "nope", "ibs", &page), 0);
  assert_int_equal(page.status, 404);
  web_page_free(&page);
}

static void S_finished(fixture *f, size_t count, form *q);

/* True when the page shows a pack-internal source key such as "[IBS-1]",
   "[P2-OSCCAR]" or "[@RF-1]". */
static bool S_shows_a_key(const char *html) {
  for (const char *p = strchr(html, '['); p != NULL; p = strchr(p + 1, '[')) {
    const char *q = p + 1 + (p[1] == '@');
    size_t n = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
    if (n >= 3 && q[n] == ']' && strchr(q, '-') != NULL && strchr(q, '-') < q + n) {
      return true;
    }
  }
  return false;
}

/* Readers see full references, never the pack's keys: the condition page
   numbers its sources with authors, year and DOI link; the article's
   [@KEY] citations become references; /about/sources lists every source
   with what it supports; the review state is said. */
static void test_sources_as_references(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_condition(f->site, "anorectal", "ibs", &page), 0);
  S_check_page(&page);
  S_contains(page.body, "<ol class=\"sources\">");
  S_contains(page.body, "Manning AP");
  S_contains(page.body, "(1978)");
  S_contains(page.body, "Not yet reviewed by a clinician.");
  S_contains(page.body, "<a href=\"/about/sources\">");
  assert_false(S_shows_a_key(page.body));
  assert_null(strstr(page.body, "class=\"key\""));
  web_page_free(&page);

  assert_int_equal(web_page_article(f->site, "anal-mucus-discharge", NULL, &page), 0);
  S_check_page(&page);
  S_contains(page.body, "Manning AP");
  S_contains(page.body, "Not yet reviewed by a clinician.");
  assert_false(S_shows_a_key(page.body));
  web_page_free(&page);

  assert_int_equal(web_page_sources(f->site, NULL, &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  S_contains(page.body, "<a href=\"/about/sources/anorectal\">Bowel and bottom symptoms</a>");
  web_page_free(&page);
  assert_int_equal(web_page_sources(f->site, "nope", &page), 0);
  assert_int_equal(page.status, 404);
  web_page_free(&page);
  assert_int_equal(web_page_sources(f->site, "anorectal", &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  S_contains(page.body, "<h1>Sources of our medical knowledge</h1>");
  S_contains(page.body, "<a href=\"https://doi.org/10.1017/S0950268814000181\">");
  S_contains(page.body, "<a href=\"/conditions/anorectal/eiec\">");
  S_contains(page.body, "Warning signs:");
  assert_false(S_shows_a_key(page.body));
  web_page_free(&page);

  form q = {0};
  S_finished(f, 8, &q);
  web_params params = S_params(&q);
  assert_int_equal(web_page_summary(f->site, COMPLAINT, &params, &page), 0);
  for (size_t level = 0; level < SYMCHECK_LEVEL_COUNT; level++) {
    char id[64];
    snprintf(id, sizeof id, "(%s)", symcheck_level_id((symcheck_level)level));
    assert_null(strstr(page.body, id));
  }
  web_page_free(&page);
}

/* The value of the form field `name` on the page ("" when absent). */
static void S_field(const char *html, const char *name, char *out, size_t size) {
  char needle[128];
  snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
  const char *at = strstr(html, needle);
  out[0] = '\0';
  if (at != NULL) {
    at += strlen(needle);
    size_t n = strcspn(at, "\"");
    snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), at);
  }
}

/* The state carried by a quiz page, as the next request's parameters. */
static void S_carry(const char *html, form *next) {
  static const char *const names[] = {"age", "sex", "who", "a", "q"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char value[VALUE_SIZE];
    S_field(html, names[i], value, sizeof value);
    S_set(next, names[i], value);
  }
}

static bool S_is_question(const char *html) {
  return strstr(html, "<form class=\"question\"") != NULL;
}

/* A question of the universal safety screen, asked before the pack's own. */
static bool S_is_safety_check(const char *html) {
  return S_is_question(html) && strstr(html, "<title>Safety check: ") != NULL;
}

/* Answers the question on the page the safe way: "none" on a choose-all
   list, "no" where offered, "don't know" for the safety check's
   temperature, 2 for another number, else the first option. */
static void S_answer_safely(const char *html, form *next) {
  S_carry(html, next);
  if (strstr(html, "name=\"opt\"") != NULL) {
    S_set(next, "v", "none");
  } else if (strstr(html, "name=\"num\"") != NULL && S_is_safety_check(html)) {
    S_set(next, "v", "unknown");
  } else if (strstr(html, "name=\"num\"") != NULL) {
    S_set(next, "v", "number");
    S_set(next, "num", "2");
  } else if (strstr(html, "name=\"v\" value=\"no\"") != NULL) {
    S_set(next, "v", "no");
  } else {
    char value[VALUE_SIZE];
    S_field(html, "v", value, sizeof value);
    S_set(next, "v", value);
  }
}

static web_page S_quiz(fixture *f, const form *q) {
  web_page page;
  web_params params = S_params(q);
  assert_int_equal(web_page_quiz(f->site, COMPLAINT, &params, &page), 0);
  S_check_page(&page);
  return page;
}

/* Starts the quiz with a profile; returns the first question page. */
static web_page S_start(fixture *f) {
  form q = {0};
  S_set(&q, "age", "34");
  S_set(&q, "sex", "female");
  S_set(&q, "who", "self");
  S_set(&q, "a", "");
  return S_quiz(f, &q);
}

/* Answers `count` questions safely from `page` (freed); returns the page. */
static web_page S_answer_n(fixture *f, web_page page, size_t count) {
  for (size_t i = 0; i < count && S_is_question(page.body); i++) {
    form next = {0};
    S_answer_safely(page.body, &next);
    web_page_free(&page);
    page = S_quiz(f, &next);
    assert_int_equal(page.status, 200);
  }
  return page;
}

/* Answers the safety check safely from `page` (freed): emergencies,
   temperature and serious illness for an adult (pregnancy signs only after
   "pregnant"); returns the first question of the pack's own. */
static web_page S_past_screen(fixture *f, web_page page) {
  size_t asked = 0;
  while (S_is_safety_check(page.body)) {
    assert_true(++asked <= 5);
    form next = {0};
    S_answer_safely(page.body, &next);
    web_page_free(&page);
    page = S_quiz(f, &next);
    assert_int_equal(page.status, 200);
  }
  assert_int_equal(asked, 3);
  return page;
}

static void test_quiz_demographics_first(void **state) {
  fixture *f = *state;
  form q = {0};
  web_page page = S_quiz(f, &q);
  assert_int_equal(page.status, 200);
  S_contains(page.body, "<input id=\"age\" name=\"age\" type=\"number\"");
  S_contains(page.body, "name=\"sex\" value=\"female\"");
  S_contains(page.body, "name=\"who\" value=\"other\"");
  S_contains(page.body, "name=\"age_unit\" value=\"months\"");
  web_page_free(&page);

  form bad = {0};
  S_set(&bad, "age", "\"><script>alert(1)</script>");
  S_set(&bad, "sex", "female");
  page = S_quiz(f, &bad);
  assert_int_equal(page.status, 400);
  S_contains(page.body, "whole number from 0 to 120");
  S_contains(page.body, "value=\"&quot;&gt;&lt;script&gt;");
  S_lacks(page.body, "<script>alert");
  web_page_free(&page);

  form infant = {0};
  S_set(&infant, "age", "8");
  S_set(&infant, "age_unit", "months");
  S_set(&infant, "sex", "male");
  page = S_quiz(f, &infant);
  assert_true(S_is_question(page.body));
  char age[16];
  S_field(page.body, "age", age, sizeof age);
  assert_string_equal(age, "0");
  web_page_free(&page);
}

static void test_question_page_parts(void **state) {
  fixture *f = *state;
  web_page page = S_start(f);
  assert_int_equal(page.status, 200);
  /* the safety check comes first, titled as such and not counted */
  assert_true(S_is_safety_check(page.body));
  S_contains(page.body, "<title>Safety check: Is any of these happening now? - symcheck</title>");
  S_contains(page.body, "Safety check: we ask everyone these first.");
  S_lacks(page.body, "<progress");
  S_contains(page.body, "<summary>Why are we asking?</summary>");
  S_contains(page.body, "name=\"q\" value=\"screen_emergency\"");
  S_contains(page.body, "<legend><h1>");
  /* the first question goes back to the profile, keeping it */
  S_contains(page.body, "href=\"/quiz/" COMPLAINT "?age=34&amp;sex=female&amp;who=self&amp;a=&amp;"
                        "change=profile\"");
  S_lacks(page.body, "answering for someone else");
  /* after it, the pack's first question is question 1 of at most 25 */
  page = S_past_screen(f, page);
  assert_true(S_is_question(page.body));
  S_contains(page.body, "<progress id=\"progress\" max=\"25\" value=\"1\">");
  S_contains(page.body, "<summary>Why are we asking?</summary>");
  S_contains(page.body, "name=\"q\" value=\"emergency_signs\"");
  S_contains(page.body, "<legend><h1>");
  S_contains(page.body, "<title>Question 1: ");
  S_lacks(page.body, "Safety check");
  web_page_free(&page);
  /* Filled in for someone else: the questions' "you" means them. */
  form other = {0};
  S_set(&other, "age", "4");
  S_set(&other, "sex", "male");
  S_set(&other, "who", "other");
  S_set(&other, "a", "");
  page = S_quiz(f, &other);
  S_contains(page.body, "You are answering for someone else");
  web_page_free(&page);
}

static void test_quiz_round_trip_to_result(void **state) {
  fixture *f = *state;
  web_page page = S_start(f);
  size_t asked = 0, screened = 0;
  symcheck_profile profile = {34, SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(f->pack, COMPLAINT, &profile, NULL);
  while (S_is_question(page.body)) {
    /* the safety check does not count towards the pack's 25 */
    if (S_is_safety_check(page.body)) {
      assert_int_equal(asked, 0);
      assert_true(++screened <= 5);
    } else {
      assert_true(++asked <= 25);
    }
    form next = {0};
    S_answer_safely(page.body, &next);
    /* the same answer given to the engine directly */
    const char *q = next.values[4];
    const char *v = next.count > 6 ? next.values[6] : next.values[5];
    assert_int_equal(symcheck_interview_answer(iv, q, v, NULL), 0);
    web_page_free(&page);
    page = S_quiz(f, &next);
    if (S_is_question(page.body)) {
      char carried[VALUE_SIZE];
      S_field(page.body, "a", carried, sizeof carried);
      char *expected = symcheck_interview_encode(iv);
      assert_string_equal(carried, expected);
      free(expected);
    }
  }
  assert_true(asked >= 3);
  assert_int_equal(screened, 3);
  assert_int_equal(page.status, 200);
  const char *body = page.body;
  S_contains(body, "<title>Your results - Mucus discharge from the anus - symcheck</title>");
  const char *banner = strstr(body, "<section class=\"banner level-");
  const char *next_steps = strstr(body, "<h2 id=\"next-steps-h\">What to do now</h2>");
  const char *causes = strstr(body, "<h2 id=\"causes-h\">");
  assert_non_null(banner);
  assert_non_null(next_steps);
  assert_non_null(causes);
  assert_true(banner < next_steps && next_steps < causes);
  S_contains(banner, "<svg class=\"icon\" aria-hidden=\"true\"");
  /* nothing alarming: the GP level, its one advice, and a reason saying so */
  S_contains(banner, "<section class=\"banner level-primary_care\"");
  S_contains(banner, "<h2 id=\"banner-h\">See a GP within 2 weeks</h2>");
  S_contains(banner, "<p class=\"reason\">None of your answers is a warning sign");
  S_contains(next_steps, "<h2 id=\"next-steps-h\">What to do now</h2>\n<p>See a doctor within 2 "
                         "weeks.</p>");
  S_contains(body, "<span class=\"fill w");
  S_contains(body, "people with these answers");
  S_contains(body, "about ");
  S_contains(body, "<summary>Why it could fit, and what argues against it</summary>");
  S_contains(body, "<p class=\"meta\">Rarity: ");
  S_contains(body, "href=\"/conditions/anorectal/");
  S_contains(body, "/quiz/" COMPLAINT "/summary?age=34");
  S_contains(body, "/quiz/" COMPLAINT "/fhir?age=34");
  web_page_free(&page);
  symcheck_interview_free(iv);
}

/* The answers field of the page. */
static void S_answers(const char *html, char *out, size_t size) {
  S_field(html, "a", out, size);
}

/* The href of the link with class `cls`. */
static void S_link(const char *html, const char *cls, char *out, size_t size) {
  char needle[64];
  snprintf(needle, sizeof needle, "<a class=\"%s\" href=\"", cls);
  const char *at = strstr(html, needle);
  assert_non_null(at);
  at += strlen(needle);
  size_t n = strcspn(at, "\"");
  snprintf(out, size, "%.*s", (int)n, at);
}

/* Turns "/quiz/x?k=v&amp;k=v" into parameters (values are URL-safe). */
static void S_follow(const char *href, form *q) {
  const char *p = strchr(href, '?');
  assert_non_null(p);
  p++;
  while (*p != '\0') {
    char pair[VALUE_SIZE];
    size_t n = strcspn(p, "&");
    snprintf(pair, sizeof pair, "%.*s", (int)n, p);
    char *eq = strchr(pair, '=');
    assert_non_null(eq);
    *eq = '\0';
    static char names[MAX_PARAMS][64];
    snprintf(names[q->count], sizeof names[0], "%.60s", pair);
    S_set(q, names[q->count], eq + 1);
    p += n;
    if (strncmp(p, "&amp;", 5) == 0) {
      p += 5;
    }
  }
}

static void test_back_link_keeps_later_answers(void **state) {
  fixture *f = *state;
  web_page page = S_answer_n(f, S_past_screen(f, S_start(f)), 6);
  assert_true(S_is_question(page.body));
  char before[VALUE_SIZE];
  S_answers(page.body, before, sizeof before);
  /* Back twice: the fifth answer's question, then the fourth's */
  char href[VALUE_SIZE];
  S_link(page.body, "back", href, sizeof href);
  form back = {0};
  S_follow(href, &back);
  web_page_free(&page);
  page = S_quiz(f, &back);
  S_contains(page.body, "<span class=\"your-answer\"> (your answer)</span>");
  S_contains(page.body, "<title>Question 6: ");
  S_link(page.body, "back", href, sizeof href);
  form back2 = {0};
  S_follow(href, &back2);
  web_page_free(&page);
  page = S_quiz(f, &back2);
  S_contains(page.body, "<title>Question 5: ");
  char kept[VALUE_SIZE];
  S_answers(page.body, kept, sizeof kept);
  assert_string_equal(kept, before); /* going back drops nothing */
  /* change the fifth answer: the others stay, in their places */
  char question[128];
  S_field(page.body, "q", question, sizeof question);
  form change = {0};
  S_carry(page.body, &change);
  S_set(&change, "v", "unknown");
  web_page_free(&page);
  page = S_quiz(f, &change);
  char after[VALUE_SIZE];
  S_answers(page.body, after, sizeof after);
  char changed[192];
  snprintf(changed, sizeof changed, "%s.U", question);
  S_contains(after, changed);
  /* every answer before and after the changed one is still there */
  char *copy = strdup(before);
  for (char *part = strtok(copy, "~"); part != NULL; part = strtok(NULL, "~")) {
    if (strncmp(part, question, strlen(question)) != 0) {
      S_contains(after, part);
    }
  }
  free(copy);
  /* and the quiz goes on after the last answer, not from the changed one */
  S_contains(page.body, "<title>Question 7: ");
  web_page_free(&page);
}

/* The emergency page: the ambulance advice with the numbers, the reason
   quoting the answer and then the flag's explanation (no instruction of its
   own), a link to change that answer, and no list of causes. */
static void S_ambulance_page(const web_page *page, const char *said, const char *edit) {
  assert_int_equal(page->status, 200);
  S_contains(page->body, "<section class=\"emergency banner level-ambulance\"");
  S_contains(page->body, "<h1 id=\"em-h\">Call an ambulance now</h1>");
  S_contains(page->body, "Emergency number: <strong>999 (UK), 112 (EU), 911 (US)</strong>");
  char reason[256];
  snprintf(reason, sizeof reason, "<p class=\"em-message\">You said: %s. ", said);
  const char *message = strstr(page->body, reason);
  if (message == NULL) {
    fail_msg("no reason \"%s\" on the page:\n%s", reason, page->body);
  }
  size_t length = strcspn(message, "\n");
  char line[1024];
  snprintf(line, sizeof line, "%.*s", (int)length, message);
  S_lacks(line, "Call ");
  S_lacks(line, "Go to ");
  char link[128];
  snprintf(link, sizeof link, "edit=%s\"", edit);
  S_contains(page->body, link);
  S_lacks(page->body, "What could be causing it");
}

static void test_red_flag_goes_to_emergency(void **state) {
  fixture *f = *state;
  /* the pack's own red flag, once the safety check is answered */
  web_page page = S_past_screen(f, S_start(f));
  form q = {0};
  S_carry(page.body, &q);
  assert_string_equal(q.values[4], "emergency_signs");
  S_set(&q, "v", "selected");
  S_set(&q, "opt", "bleeding_faint");
  web_page_free(&page);
  page = S_quiz(f, &q);
  S_ambulance_page(&page, "Bleeding from the bottom with dizziness, fainting or feeling very weak",
                   "emergency_signs");
  web_page_free(&page);
  /* the safety check's red flag, on its very first question */
  page = S_start(f);
  form first = {0};
  S_carry(page.body, &first);
  assert_string_equal(first.values[4], "screen_emergency");
  S_set(&first, "v", "selected");
  S_set(&first, "opt", "breathing");
  web_page_free(&page);
  page = S_quiz(f, &first);
  S_ambulance_page(&page, "Struggling to breathe, or too out of breath to say a whole sentence",
                   "screen_emergency");
  web_page_free(&page);
}

/* A multi question answered item by item: a "Don't know" box beside each
   item, unticked items no; a don't-know item fires no red flag, and the
   summary lists each item as present, absent or unsure. */
static void test_multi_items_yes_no_or_dont_know(void **state) {
  fixture *f = *state;
  web_page page = S_start(f);
  S_contains(page.body, "<label class=\"unsure\"><input type=\"checkbox\" name=\"unsure\" "
                        "value=\"breathing\"> Don't know<span class=\"visually-hidden\"> about "
                        "\"Struggling to breathe");
  form q = {0};
  S_carry(page.body, &q);
  assert_string_equal(q.values[4], "screen_emergency");
  S_set(&q, "v", "selected");
  S_set(&q, "opt", "fit");
  S_set(&q, "unsure", "breathing");
  S_set(&q, "unsure", "fit"); /* don't know wins over a tick */
  web_page_free(&page);
  page = S_quiz(f, &q);
  assert_true(S_is_question(page.body)); /* no ambulance: nothing ticked for sure */
  S_contains(page.body, "screen_emergency.Ubreathing-Nblue_lips-Ncollapse-Ufit-Nconfusion");
  form next = {0};
  S_carry(page.body, &next);
  next.count--; /* drop q: the summary takes the answers only */
  web_page_free(&page);
  web_params params = S_params(&next);
  assert_int_equal(web_page_summary(f->site, COMPLAINT, &params, &page), 0);
  const char *absent = strstr(page.body, "<h2 id=\"absent-h\">");
  const char *unsure = strstr(page.body, "<h2 id=\"unsure-h\">");
  assert_non_null(absent);
  assert_non_null(unsure);
  const char *breathing = strstr(page.body, "Signs of an emergency: Struggling to breathe");
  const char *lips = strstr(page.body, "Signs of an emergency: Blue or grey lips");
  assert_true(breathing != NULL && breathing > unsure);
  assert_true(lips != NULL && lips > absent && lips < unsure);
  web_page_free(&page);

  /* shown again, the form keeps the don't-know boxes ticked */
  form again = {0};
  S_set(&again, "age", "34");
  S_set(&again, "sex", "female");
  S_set(&again, "who", "self");
  S_set(&again, "a", "screen_emergency.Ubreathing-Nblue_lips-Ncollapse-Ufit-Nconfusion");
  S_set(&again, "edit", "screen_emergency");
  page = S_quiz(f, &again);
  S_contains(page.body, "name=\"unsure\" value=\"breathing\" checked>");
  S_contains(page.body, "name=\"opt\" value=\"blue_lips\">");
  web_page_free(&page);
}

static void test_bad_answers_and_unknown_quiz(void **state) {
  fixture *f = *state;
  form q = {0};
  S_set(&q, "age", "40");
  S_set(&q, "sex", "male");
  S_set(&q, "a", "no_such_finding.Y");
  web_page page = S_quiz(f, &q);
  assert_int_equal(page.status, 400);
  S_contains(page.body, "These answers could not be read");
  web_page_free(&page);

  form wrong = {0};
  S_set(&wrong, "age", "40");
  S_set(&wrong, "sex", "male");
  S_set(&wrong, "a", "");
  S_set(&wrong, "q", "emergency_signs");
  S_set(&wrong, "v", "selected");
  S_set(&wrong, "opt", "<b>not an option</b>");
  page = S_quiz(f, &wrong);
  assert_int_equal(page.status, 400);
  S_contains(page.body, "<p class=\"problem\" role=\"alert\">");
  S_contains(page.body, "name=\"q\" value=\"emergency_signs\"");
  S_lacks(page.body, "<b>not an option</b>");
  web_page_free(&page);

  form number = {0};
  S_set(&number, "age", "40");
  S_set(&number, "sex", "male");
  S_set(&number, "a", "diarrhoea.Y");
  S_set(&number, "q", "stools_per_day");
  S_set(&number, "v", "number");
  S_set(&number, "num", "-5");
  page = S_quiz(f, &number);
  assert_int_equal(page.status, 400);
  S_contains(page.body, "That number is outside what this question allows.");
  S_contains(page.body, "<input id=\"num\" name=\"num\" type=\"number\"");
  web_page_free(&page);

  web_params none = {0, NULL};
  assert_int_equal(web_page_quiz(f->site, "no-such-quiz", &none, &page), 0);
  assert_int_equal(page.status, 404);
  web_page_free(&page);
}

/* Answers after which the quiz stops early: three "don't know" in a row
   after the screen. The results page says the list is uncertain, and each
   reason which way and how strongly it points. */
static void test_results_say_when_the_list_is_uncertain(void **state) {
  fixture *f = *state;
  form q = {0};
  S_set(&q, "age", "34");
  S_set(&q, "sex", "female");
  S_set(&q, "who", "self");
  S_set(&q, "a",
        "screen_emergency.X~temperature.U~screen_urgent.X~emergency_signs.X~warning_signs."
        "bloody_diarrhoea~cancer_signs.X~duration.U~recurrent.U~urgency.U");
  web_page page = S_quiz(f, &q);
  assert_false(S_is_question(page.body));
  S_contains(page.body, "<p class=\"stop-note\"><strong>Many answers were &#39;don&#39;t "
                        "know&#39;, so this list is uncertain.</strong></p>");
  S_contains(page.body, "Points strongly towards it.");
  S_contains(page.body,
             "implied by your answer to &quot;Warning signs&quot;: Diarrhoea with blood");
  web_page_free(&page);
  /* the summary for a doctor lists the implied answers as present */
  web_params params = S_params(&q);
  assert_int_equal(web_page_summary(f->site, COMPLAINT, &params, &page), 0);
  S_contains(page.body, "<li>Diarrhoea: yes</li>");
  S_contains(page.body, "<li>Blood from the bottom: yes</li>");
  web_page_free(&page);
}

/* Params of the results' state after `count` safe answers. */
static void S_finished(fixture *f, size_t count, form *q) {
  web_page page = S_answer_n(f, S_past_screen(f, S_start(f)), count);
  S_carry(page.body, q);
  q->count--; /* drop q: the summary takes the answers only */
  web_page_free(&page);
}

static void test_summary_for_doctor(void **state) {
  fixture *f = *state;
  form q = {0};
  S_finished(f, 8, &q);
  web_params params = S_params(&q);
  web_page page;
  assert_int_equal(web_page_summary(f->site, COMPLAINT, &params, &page), 0);
  assert_int_equal(page.status, 200);
  S_check_page(&page);
  S_contains(page.body, "<h1>Symptom summary for a doctor</h1>");
  S_contains(page.body, "<dt>Age</dt><dd>34 years</dd>");
  S_contains(page.body, "<dt>Duration</dt>");
  S_contains(page.body, "<h2 id=\"present-h\">Present</h2>");
  S_contains(page.body, "<li>Mucus from the bottom: yes</li>");
  S_contains(page.body, "<h2 id=\"absent-h\">Absent</h2>");
  S_contains(page.body, "<h2 id=\"unsure-h\">Unsure</h2>");
  S_contains(page.body, "<h2 id=\"urg-h\">How soon to get care</h2>");
  S_contains(page.body, "<th scope=\"col\">Likelihood</th>");
  web_page_free(&page);
}

/* A parent's answers for a baby: the summary quotes the child's label of
   the option ticked ("A rash on your baby ..."), never the adult's. */
static void test_summary_for_a_baby_uses_the_child_labels(void **state) {
  fixture *f = *state;
  form q = {0};
  S_set(&q, "age", "1");
  S_set(&q, "sex", "male");
  S_set(&q, "who", "other");
  S_set(&q, "a", "screen_emergency.X~temperature.U~screen_urgent.rash_no_fade");
  web_params params = S_params(&q);
  web_page page;
  assert_int_equal(web_page_summary(f->site, COMPLAINT, &params, &page), 0);
  assert_int_equal(page.status, 200);
  S_contains(page.body, "A rash on your baby that does not fade when you press a clear glass on "
                        "it: yes");
  assert_null(strstr(page.body, "A rash that does not fade when you press"));
  web_page_free(&page);
}

static void test_fhir_bundle(void **state) {
  fixture *f = *state;
  form q = {0};
  S_finished(f, 8, &q);
  web_params params = S_params(&q);
  web_page page;
  assert_int_equal(web_page_fhir(f->site, COMPLAINT, &params, &page), 0);
  assert_int_equal(page.status, 200);
  assert_string_equal(page.content_type, "application/fhir+json");
  assert_non_null(page.download_name);
  json_error_t error;
  json_t *bundle = json_loads(page.body, 0, &error);
  assert_non_null(bundle);
  assert_string_equal(json_string_value(json_object_get(bundle, "resourceType")), "Bundle");
  assert_string_equal(json_string_value(json_object_get(bundle, "type")), "collection");
  json_t *entries = json_object_get(bundle, "entry");
  assert_true(json_array_size(entries) >= 2);
  json_t *response = NULL, *risk = NULL;
  size_t i;
  json_t *entry;
  json_array_foreach(entries, i, entry) {
    const char *url = json_string_value(json_object_get(entry, "fullUrl"));
    assert_non_null(url);
    assert_int_equal(strncmp(url, "urn:uuid:", 9), 0);
    json_t *resource = json_object_get(entry, "resource");
    const char *type = json_string_value(json_object_get(resource, "resourceType"));
    assert_non_null(type);
    response = strcmp(type, "QuestionnaireResponse") == 0 ? resource : response;
    risk = strcmp(type, "RiskAssessment") == 0 ? resource : risk;
  }
  assert_non_null(response);
  assert_string_equal(json_string_value(json_object_get(response, "status")), "completed");
  json_t *items = json_object_get(response, "item");
  assert_true(json_array_size(items) >= 8);
  bool mucus = false;
  json_t *item;
  json_array_foreach(items, i, item) {
    assert_non_null(json_string_value(json_object_get(item, "linkId")));
    assert_non_null(json_string_value(json_object_get(item, "text")));
    if (strcmp(json_string_value(json_object_get(item, "linkId")), "mucus") == 0) {
      json_t *answer = json_array_get(json_object_get(item, "answer"), 0);
      mucus = json_is_true(json_object_get(answer, "valueBoolean"));
    }
  }
  assert_true(mucus);
  assert_non_null(risk);
  json_t *prediction = json_array_get(json_object_get(risk, "prediction"), 0);
  double p = json_real_value(json_object_get(prediction, "probabilityDecimal"));
  assert_true(p > 0.0 && p <= 1.0);
  assert_non_null(json_object_get(json_object_get(prediction, "outcome"), "text"));
  json_decref(bundle);
  web_page_free(&page);

  web_params none = {0, NULL};
  assert_int_equal(web_page_fhir(f->site, COMPLAINT, &none, &page), 0);
  assert_int_equal(page.status, 400);
  web_page_free(&page);
}

static void test_every_article_renders(void **state) {
  fixture *f = *state;
  for (size_t i = 0; i < symcheck_pack_complaint_count(f->pack); i++) {
    web_page page;
    const char *id = symcheck_pack_complaint(f->pack, i)->id;
    assert_int_equal(web_page_article(f->site, id, NULL, &page), 0);
    assert_int_equal(page.status, 200);
    S_check_page(&page);
    web_page_free(&page);
  }
  web_page page;
  assert_int_equal(web_page_not_found(f->site, &page), 0);
  assert_int_equal(page.status, 404);
  S_check_page(&page);
  web_page_free(&page);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_home_lists_and_searches),
      cmocka_unit_test(test_article_has_every_part),
      cmocka_unit_test(test_condition_page),
      cmocka_unit_test(test_quiz_demographics_first),
      cmocka_unit_test(test_question_page_parts),
      cmocka_unit_test(test_quiz_round_trip_to_result),
      cmocka_unit_test(test_back_link_keeps_later_answers),
      cmocka_unit_test(test_red_flag_goes_to_emergency),
      cmocka_unit_test(test_multi_items_yes_no_or_dont_know),
      cmocka_unit_test(test_bad_answers_and_unknown_quiz),
      cmocka_unit_test(test_results_say_when_the_list_is_uncertain),
      cmocka_unit_test(test_summary_for_doctor),
      cmocka_unit_test(test_summary_for_a_baby_uses_the_child_labels),
      cmocka_unit_test(test_fhir_bundle),
      cmocka_unit_test(test_every_article_renders),
      cmocka_unit_test(test_sources_as_references),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
