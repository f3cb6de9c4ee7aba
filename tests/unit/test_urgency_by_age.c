/*
 * test_urgency_by_age.c - a condition's urgency can depend on the person's
 * age (condition field `urgency_by_age`). On a copy of tests/packs/triage
 * whose emergency condition ("bleed", about 6 in 100 from age 40) is
 * urgent care by default and an emergency from 65: the loader refuses each
 * bad form with a one-line error; a 70-year-old and a 40-year-old with the
 * same answers (and the same probabilities) get emergency and not, with a
 * reason naming the condition; the result card's urgency is the person's
 * with the entry's citation (JSON, CLI, web); the pack JSON, `pack show`
 * and the condition page list the entries. Then the skin pack: chickenpox
 * is same-day care for an adult (NHS Chickenpox) and self-care for a child.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pack_variant.h"
#include "run_process.h"
#include "symcheck.h"
#include "web.h"

#define TRIAGE_DIR SYMCHECK_SOURCE_DIR "/tests/packs/triage"
#define SKIN_DIR SYMCHECK_SOURCE_DIR "/packs/skin"

static const char *const S_files[] = {"pack.yaml", "findings.yaml", "conditions.yaml",
                                      "red_flags.yaml", "complaints.yaml"};
static const char S_default[] = "  urgency: emergency\n";
/* bleed: urgent care, but an emergency from 65 (cited, so the card can
   show the entry's citation) */
static const char S_by_age[] = "  urgency: urgent_care\n"
                               "  urgency_by_age:\n"
                               "    - ages: [65, 120]\n"
                               "      urgency: emergency\n"
                               "      source: TRIAGE-1\n"
                               "      where: \"Table 9, older people\"\n";

/* The triage pack with bleed's urgency replaced by `urgency` (YAML). */
static void S_load(pack_variant *v, const char *urgency) {
  pack_variant_load(v, TRIAGE_DIR, S_files, sizeof S_files / sizeof *S_files, "conditions.yaml",
                    S_default, urgency);
}

/* ---- the loader refuses each bad form -------------------------------- */

/* Loads bleed with `entries` under urgency_by_age and expects the load to
   fail with a one-line error on an entry of it containing `words`. */
static void S_refused(const char *entries, const char *words) {
  char yaml[1024];
  snprintf(yaml, sizeof yaml, "  urgency: urgent_care\n  urgency_by_age:\n%s", entries);
  pack_variant v = {0};
  S_load(&v, yaml);
  assert_null(v.pack);
  static const char field[] = "conditions[bleed].urgency_by_age[";
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    if (strncmp(e->field, field, sizeof field - 1) == 0 && strstr(e->message, words) != NULL &&
        strchr(e->message, '\n') == NULL && strcmp(e->file, "conditions.yaml") == 0 &&
        e->line > 0) {
      pack_variant_remove(&v);
      return;
    }
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  fail_msg("no one-line error on %s...: ...%s...", field, words);
}

static void test_loader_refuses_an_unknown_level(void **state) {
  (void)state;
  S_refused("    - {ages: [65, 120], urgency: hospital, estimate: true, note: \"n\"}\n",
            "hospital");
}

static void test_loader_refuses_bad_ages(void **state) {
  (void)state;
  S_refused("    - {ages: [70, 60], urgency: emergency, estimate: true, note: \"n\"}\n",
            "must be [min, max]");
  S_refused("    - {ages: [65, 130], urgency: emergency, estimate: true, note: \"n\"}\n",
            "from 0 to 120");
  S_refused("    - {urgency: emergency, estimate: true, note: \"n\"}\n", "needs the ages");
}

static void test_loader_refuses_overlapping_ranges(void **state) {
  (void)state;
  S_refused("    - {ages: [65, 120], urgency: emergency, estimate: true, note: \"n\"}\n"
            "    - {ages: [0, 65], urgency: self_care, estimate: true, note: \"n\"}\n",
            "overlaps [65, 120]");
}

static void test_loader_refuses_an_entry_without_citation(void **state) {
  (void)state;
  S_refused("    - {ages: [65, 120], urgency: emergency}\n", "needs a source");
  S_refused("    - {ages: [65, 120], urgency: emergency, estimate: true}\n", "add note:");
  S_refused("    - {ages: [65, 120], urgency: emergency, source: NOPE-1, where: \"p 1\"}\n",
            "\"NOPE-1\" is not a source key of the pack");
}

/* ---- the engine uses the person's urgency ------------------------------ */

typedef struct fixture {
  pack_variant v;
} fixture;

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  S_load(&f->v, S_by_age);
  if (f->v.pack == NULL) {
    pack_variant_print(&f->v.diagnostics);
  }
  assert_non_null(f->v.pack);
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  fixture *f = *state;
  pack_variant_remove(&f->v);
  free(f);
  return 0;
}

/* A headache interview at `age` with the same answers for everyone: no
   warning sign, tired (which tells nothing apart). */
static symcheck_interview *S_interview(void **state, int age) {
  fixture *f = *state;
  symcheck_profile person = {.age = age, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(f->v.pack, "headache", &person, &err);
  if (iv == NULL || symcheck_interview_answer(iv, "danger", "no", &err) != 0 ||
      symcheck_interview_answer(iv, "tired", "yes", &err) != 0) {
    fail_msg("%s", err.message);
  }
  return iv;
}

static double S_bleed_probability(symcheck_interview *iv) {
  const symcheck_pack *pack = symcheck_interview_pack(iv);
  double *p = calloc(symcheck_pack_condition_count(pack) + 1, sizeof *p);
  symcheck_interview_posterior(iv, p);
  double bleed = p[symcheck_pack_find_condition(pack, "bleed")->index];
  free(p);
  return bleed;
}

static void test_condition_urgency_follows_the_age(void **state) {
  fixture *f = *state;
  const symcheck_condition *bleed = symcheck_pack_find_condition(f->v.pack, "bleed");
  const symcheck_citation *cited = NULL;
  symcheck_profile old = {.age = 70}, young = {.age = 40}, edge = {.age = 65};
  assert_int_equal(symcheck_condition_urgency(bleed, &old, &cited), SYMCHECK_LEVEL_EMERGENCY);
  assert_string_equal(cited->source->key, "TRIAGE-1");
  assert_string_equal(cited->where, "Table 9, older people");
  assert_int_equal(symcheck_condition_urgency(bleed, &edge, NULL), SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(symcheck_condition_urgency(bleed, &young, &cited), SYMCHECK_LEVEL_URGENT_CARE);
  assert_ptr_equal(cited, &bleed->urgency_citation);
  /* no person known: the usual urgency */
  assert_int_equal(symcheck_condition_urgency(bleed, NULL, NULL), SYMCHECK_LEVEL_URGENT_CARE);
}

static void test_same_answers_emergency_at_70_not_at_40(void **state) {
  symcheck_interview *old = S_interview(state, 70);
  symcheck_interview *young = S_interview(state, 40);
  /* same age band, same answers: the same few in 100 for both */
  double p = S_bleed_probability(old);
  assert_true(p > 0.05 && p < 0.1);
  assert_true(S_bleed_probability(young) == p);
  symcheck_triage t = symcheck_interview_triage(old);
  assert_int_equal(t.level, SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_CONDITION);
  assert_string_equal(t.condition->id, "bleed");
  assert_non_null(strstr(t.reason, "Bleeding in the brain could explain your symptoms"));
  assert_non_null(strstr(t.reason, "serious at your age"));
  symcheck_triage u = symcheck_interview_triage(young);
  assert_true(u.level < SYMCHECK_LEVEL_URGENT_CARE);
  assert_null(strstr(u.reason, "Bleeding in the brain"));
  symcheck_interview_free(old);
  symcheck_interview_free(young);
}

/* The JSON result card of bleed for a person of `age`. */
static json_t *S_card(void **state, int age) {
  symcheck_interview *iv = S_interview(state, age);
  symcheck_interview_set_max_questions(iv, 1); /* a result now */
  json_t *step = symcheck_interview_json(iv);
  symcheck_interview_free(iv);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "result");
  size_t i;
  json_t *card;
  json_array_foreach(json_object_get(step, "conditions"), i, card) {
    if (strcmp(json_string_value(json_object_get(card, "id")), "bleed") == 0) {
      json_incref(card);
      json_decref(step);
      return card;
    }
  }
  json_decref(step);
  fail_msg("no card for bleed");
  return NULL;
}

static void test_result_card_shows_the_persons_urgency(void **state) {
  json_t *card = S_card(state, 70);
  json_t *urgency = json_object_get(card, "urgency");
  assert_string_equal(json_string_value(json_object_get(urgency, "id")), "emergency");
  assert_string_equal(json_string_value(json_object_get(urgency, "source")), "TRIAGE-1");
  assert_string_equal(json_string_value(json_object_get(urgency, "where")),
                      "Table 9, older people");
  json_decref(card);
  card = S_card(state, 40);
  urgency = json_object_get(card, "urgency");
  assert_string_equal(json_string_value(json_object_get(urgency, "id")), "urgent_care");
  assert_null(json_object_get(urgency, "where"));
  json_decref(card);
}

static void test_pack_json_lists_the_entries(void **state) {
  fixture *f = *state;
  const symcheck_condition *bleed = symcheck_pack_find_condition(f->v.pack, "bleed");
  json_t *c = symcheck_condition_json(f->v.pack, bleed);
  assert_string_equal(json_string_value(json_object_get(json_object_get(c, "urgency"), "id")),
                      "urgent_care");
  json_t *entries = json_object_get(c, "urgency_by_age");
  assert_int_equal(json_array_size(entries), 1);
  json_t *entry = json_array_get(entries, 0);
  json_t *ages = json_object_get(entry, "ages");
  assert_int_equal(json_integer_value(json_array_get(ages, 0)), 65);
  assert_int_equal(json_integer_value(json_array_get(ages, 1)), 120);
  assert_string_equal(json_string_value(json_object_get(json_object_get(entry, "urgency"), "id")),
                      "emergency");
  assert_string_equal(json_string_value(json_object_get(entry, "source")), "TRIAGE-1");
  assert_string_equal(json_string_value(json_object_get(entry, "where")), "Table 9, older people");
  json_decref(c);
  /* a condition without entries has no such list */
  c = symcheck_condition_json(f->v.pack, symcheck_pack_find_condition(f->v.pack, "tension"));
  assert_null(json_object_get(c, "urgency_by_age"));
  json_decref(c);
}

/* Fails showing `text` when it does not contain `words`. */
static void S_contains(const char *text, const char *words) {
  if (text == NULL || strstr(text, words) == NULL) {
    fail_msg("no \"%s\" in:\n%s", words, text != NULL ? text : "(null)");
  }
}

static web_site *S_site(void **state) {
  fixture *f = *state;
  char err[256] = "";
  const symcheck_pack *packs[] = {f->v.pack};
  web_site *site = web_site_new(SYMCHECK_SOURCE_DIR "/web", packs, 1, err, sizeof err);
  if (site == NULL) {
    fail_msg("%s", err);
  }
  return site;
}

static void test_condition_page_lists_the_entries(void **state) {
  web_site *site = S_site(state);
  web_page page;
  assert_int_equal(web_page_condition(site, "triage", "bleed", &page), 0);
  assert_int_equal(page.status, 200);
  S_contains(page.body, "<dt>How soon to get care</dt><dd><span class=\"level-tag "
                        "level-urgent_care\">Get seen in person today</span>");
  S_contains(page.body, "<dt>Aged 65 to 120</dt><dd><span class=\"level-tag "
                        "level-emergency\">Go to an emergency department now</span> <span "
                        "class=\"small\">(TRIAGE-1: Table 9, older people)</span>");
  web_page_free(&page);
  web_site_free(site);
}

/* The web result page for a person of `age` with the fixture's answers. */
static void S_web_result(web_site *site, const char *age, web_page *page) {
  web_param items[] = {{"age", age}, {"sex", "female"}, {"who", "self"}, {"a", "danger.N~tired.Y"}};
  web_params params = {4, items};
  assert_int_equal(web_page_quiz(site, "headache", &params, page), 0);
  assert_int_equal(page->status, 200);
  S_contains(page->body, "<h1>Your results</h1>");
}

static void test_web_result_shows_the_persons_urgency(void **state) {
  web_site *site = S_site(state);
  web_page page;
  S_web_result(site, "70", &page);
  const char *card = strstr(page.body, "<h3 id=\"r-bleed\">");
  S_contains(card, "How soon to get care: Go to an emergency department now.");
  assert_null(strstr(page.body, "Aged 65 to 120"));
  web_page_free(&page);
  S_web_result(site, "40", &page);
  card = strstr(page.body, "<h3 id=\"r-bleed\">");
  S_contains(card, "How soon to get care: Get seen in person today.");
  web_page_free(&page);
  web_site_free(site);
}

static void test_cli_shows_entries_and_the_persons_urgency(void **state) {
  fixture *f = *state;
  run_result r = run_symcheck(10000, NULL, "pack", "show", f->v.dir, "bleed", NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "How soon to get care: Urgent care\n"
                    "  Aged 65 to 120: Emergency department [TRIAGE-1, Table 9, older people]\n");
  run_result_free(&r);
  r = run_symcheck(10000, NULL, "diagnose", "--pack", f->v.dir, "--complaint", "headache", "--age",
                   "70", "--sex", "female", "--answer", "danger=no", "--answer", "tired=yes", NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "it can be serious at your age");
  S_contains(r.out, "Bleeding in the brain [#...................] about 6 in 100 (6%)\n"
                    "     Rare: about 3 in 100 here. Usually needs: Emergency department.");
  run_result_free(&r);
  r = run_symcheck(10000, NULL, "diagnose", "--pack", f->v.dir, "--complaint", "headache", "--age",
                   "40", "--sex", "female", "--answer", "danger=no", "--answer", "tired=yes", NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "Rare: about 3 in 100 here. Usually needs: Urgent care.");
  assert_null(strstr(r.out, "at your age"));
  run_result_free(&r);
}

/* ---- the skin pack: chickenpox in an adult ------------------------------ */

/* A blistering itchy rash all over with a fever, after contact with
   chickenpox and never having had it, at `age`: the triage. */
static symcheck_triage S_chickenpox_rash(const symcheck_pack *pack, int age) {
  symcheck_profile person = {.age = age, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, "rash", &person, &err);
  static const char *const answers[][2] = {{"screen_emergency", "none"},  {"screen_urgent", "none"},
                                           {"temperature", "38.3"},       {"rash_look", "blisters"},
                                           {"rash_near_eye", "no"},       {"location", "all_over"},
                                           {"duration", "under_2_days"},  {"itch", "yes"},
                                           {"feverish", "yes"},           {"contact_rash", "yes"},
                                           {"chickenpox_contact", "yes"}, {"had_chickenpox", "no"}};
  for (size_t i = 0; iv != NULL && i < sizeof answers / sizeof *answers; i++) {
    if (symcheck_interview_answer(iv, answers[i][0], answers[i][1], &err) != 0) {
      fail_msg("%s=%s: %s", answers[i][0], answers[i][1], err.message);
    }
  }
  if (iv == NULL) {
    fail_msg("%s", err.message);
  }
  symcheck_triage t = symcheck_interview_triage(iv);
  symcheck_interview_free(iv);
  return t;
}

/* NHS Chickenpox: an adult with chickenpox asks for an urgent GP
   appointment (antivirals within 24 hours of the spots); a child with the
   same rash is looked after at home. */
static void test_chickenpox_is_same_day_for_an_adult_not_a_child(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SKIN_DIR, &d);
  pack_variant_print(&d);
  symcheck_diagnostics_free(&d);
  assert_non_null(pack);
  symcheck_triage adult = S_chickenpox_rash(pack, 30);
  assert_int_equal(adult.level, SYMCHECK_LEVEL_URGENT_CARE);
  assert_int_equal(adult.set_by, SYMCHECK_SET_BY_CONDITION);
  assert_string_equal(adult.condition->id, "chickenpox");
  assert_non_null(strstr(adult.reason, "at your age"));
  symcheck_triage child = S_chickenpox_rash(pack, 6);
  assert_true(child.level < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_pack_free(pack);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_loader_refuses_an_unknown_level),
      cmocka_unit_test(test_loader_refuses_bad_ages),
      cmocka_unit_test(test_loader_refuses_overlapping_ranges),
      cmocka_unit_test(test_loader_refuses_an_entry_without_citation),
      cmocka_unit_test_setup_teardown(test_condition_urgency_follows_the_age, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_same_answers_emergency_at_70_not_at_40, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_result_card_shows_the_persons_urgency, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_pack_json_lists_the_entries, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_condition_page_lists_the_entries, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_web_result_shows_the_persons_urgency, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_cli_shows_entries_and_the_persons_urgency, S_setup,
                                      S_teardown),
      cmocka_unit_test(test_chickenpox_is_same_day_for_an_adult_not_a_child),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
