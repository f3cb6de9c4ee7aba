/*
 * test_triage.c - how urgently to seek care, on tests/packs/triage: one
 * advice and one reason that name what set the level (a red flag, a
 * condition past its threshold, or the default); an emergency condition at
 * about 6 in 100 sets the level and at about 3 in 100 does not; the
 * interview asks what rules an emergency condition out before stopping and
 * the result says so (library, JSON, CLI and web); red flags are sticky;
 * the general entry "My symptom is not listed" is offered by the web pages
 * and the CLI quiz.
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

#include "run_process.h"
#include "symcheck.h"
#include "symcheck_eval.h"
#include "temp_dir.h"
#include "web.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/tests/packs/triage"

typedef struct fixture {
  symcheck_pack *pack;
  web_site *site;
} fixture;

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  symcheck_diagnostics d = {0};
  f->pack = symcheck_pack_load(PACK_DIR, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
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

static symcheck_interview *S_start(void **state, const char *complaint, int age) {
  fixture *f = *state;
  symcheck_profile profile = {.age = age, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(f->pack, complaint, &profile, &err);
  if (iv == NULL) {
    fail_msg("%s", err.message);
  }
  return iv;
}

static void S_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  if (symcheck_interview_answer(iv, finding, value, &err) != 0) {
    fail_msg("%s=%s: %s", finding, value, err.message);
  }
}

static void S_contains(const char *text, const char *part) {
  if (strstr(text, part) == NULL) {
    fail_msg("\"%s\" does not contain \"%s\"", text, part);
  }
}

static void S_lacks(const char *text, const char *part) {
  if (strstr(text, part) != NULL) {
    fail_msg("\"%s\" contains \"%s\"", text, part);
  }
}

/* What every triage must be: the level's own advice, and no reason that
   gives other advice or calls a mild condition serious. */
static void S_consistent(const symcheck_triage *t) {
  assert_non_null(t->advice);
  assert_string_equal(t->advice, symcheck_level_advice(t->level));
  S_lacks(t->reason, "should not be missed");
  S_lacks(t->reason, "No single cause stands out");
  if (t->set_by == SYMCHECK_SET_BY_CONDITION &&
      t->condition->urgency < SYMCHECK_LEVEL_URGENT_CARE) {
    S_lacks(t->reason, "serious");
  }
}

/* The prior doubles from 40: the bleed is at 0.99 * 0.06 / 1.03 = 0.058,
   past the emergency threshold 0.05, so it sets the level though the
   tension headache is at 0.93. */
static void test_emergency_condition_at_6_in_100_sets_the_level(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 50);
  S_answer(iv, "danger", "no");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_CONDITION);
  assert_string_equal(t.condition->id, "bleed");
  assert_null(t.red_flag);
  assert_string_equal(t.reason, "Bleeding in the brain could explain your symptoms (about 6 in "
                                "100); it can be serious, so go to an emergency department now.");
  S_consistent(&t);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_string_equal(r->conditions[0].condition->id, "tension"); /* mild, and first */
  assert_string_equal(r->conditions[1].condition->id, "bleed");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* Under 40 the bleed is at 0.99 * 0.03 = 0.0297: below the threshold, so
   the likely tension headache (self-care) sets it, not as "serious". */
static void test_emergency_condition_at_3_in_100_does_not(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "no");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_SELF_CARE);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_CONDITION);
  assert_string_equal(t.condition->id, "tension");
  S_contains(t.reason, "Tension headache");
  S_contains(t.reason, "manage at home and watch for changes");
  S_consistent(&t);
  symcheck_interview_free(iv);
}

/* "Something else" takes 0.5 in the general entry, leaving the tension
   headache at 0.485 and the bleed at 0.015: nothing sets the level. */
static void test_default_reason_is_true_before_any_answer(void **state) {
  symcheck_interview *iv = S_start(state, "symptom-not-listed", 30);
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_DEFAULT);
  assert_int_equal(t.level, SYMCHECK_LEVEL_PRIMARY_CARE);
  assert_null(t.condition);
  S_consistent(&t);
  S_contains(t.reason, "Until you answer the questions");
  S_contains(t.reason, "see a doctor within 2 weeks");
  S_answer(iv, "danger", "no");
  t = symcheck_interview_triage(iv);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_DEFAULT);
  S_contains(t.reason, "None of your answers is a warning sign");
  S_consistent(&t);
  symcheck_interview_free(iv);
}

static void test_red_flag_reason_explains_and_advice_is_the_levels(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "yes");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_URGENT_CARE);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_RED_FLAG);
  assert_non_null(t.red_flag);
  assert_string_equal(t.reason,
                      "You said: Warning sign: Yes. A warning sign like this needs a look today.");
  assert_string_equal(t.advice, "Get seen in person today");
  S_consistent(&t);
  json_t *step = symcheck_interview_json(iv);
  json_t *triage = json_object_get(step, "triage");
  assert_string_equal(json_string_value(json_object_get(triage, "advice")),
                      "Get seen in person today");
  json_t *set_by = json_object_get(triage, "set_by");
  assert_string_equal(json_string_value(json_object_get(set_by, "kind")), "red_flag");
  assert_string_equal(json_string_value(json_object_get(set_by, "finding")), "danger");
  assert_string_equal(json_string_value(json_object_get(set_by, "option")), "yes");
  json_decref(step);
  symcheck_interview_free(iv);
}

static void test_json_names_the_condition_that_set_the_level(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 50);
  S_answer(iv, "danger", "no");
  json_t *step = symcheck_interview_json(iv);
  json_t *triage = json_object_get(step, "triage");
  assert_string_equal(json_string_value(json_object_get(triage, "id")), "emergency");
  assert_string_equal(json_string_value(json_object_get(triage, "advice")),
                      "Go to an emergency department now");
  json_t *set_by = json_object_get(triage, "set_by");
  assert_string_equal(json_string_value(json_object_get(set_by, "kind")), "condition");
  json_t *condition = json_object_get(set_by, "condition");
  assert_string_equal(json_string_value(json_object_get(condition, "id")), "bleed");
  assert_string_equal(json_string_value(json_object_get(condition, "name")),
                      "Bleeding in the brain");
  json_decref(step);
  symcheck_interview_free(iv);
}

/* The tension headache is at 0.96 (past stop_confidence 0.85), but the
   bleed sits at 0.03 between the floor 0.01 and its threshold 0.05, and
   "sudden" = yes would take it to 0.35: the interview asks that (not the
   weaker "neck", nor "tired", which moves nothing) before stopping. */
static void test_asks_to_rule_out_an_emergency_before_stopping(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "no");
  assert_false(symcheck_interview_should_stop(iv));
  const symcheck_finding *next = symcheck_interview_next(iv);
  assert_non_null(next);
  assert_string_equal(next->id, "sudden");
  /* "no": 0.0297 * 0.1 / (0.00297 + 0.9603 * 0.95 + 0.01 * 0.9) = 0.003 */
  S_answer(iv, "sudden", "no");
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->ruled_out_count, 1);
  assert_string_equal(r->ruled_out[0].condition->id, "bleed");
  assert_int_equal(r->ruled_out[0].asked_count, 1);
  assert_string_equal(r->ruled_out[0].asked[0]->id, "sudden");
  char words[256];
  symcheck_ruled_out_words(&r->ruled_out[0], words, sizeof words);
  assert_string_equal(words, "We asked about sudden start to rule out Bleeding in the brain.");
  symcheck_result_free(r);
  json_t *step = symcheck_interview_json(iv);
  json_t *ruled_out = json_object_get(step, "ruled_out");
  assert_int_equal(json_array_size(ruled_out), 1);
  json_t *item = json_array_get(ruled_out, 0);
  assert_string_equal(json_string_value(json_object_get(json_object_get(item, "condition"), "id")),
                      "bleed");
  json_t *asked = json_object_get(item, "asked");
  assert_int_equal(json_array_size(asked), 1);
  assert_string_equal(json_string_value(json_array_get(asked, 0)), "sudden");
  json_decref(step);
  symcheck_interview_free(iv);
}

/* Several answers lowered it: the strongest first; "tired" (the same for
   both conditions) is not named. */
static void test_ruled_out_names_the_answers_that_lowered_it_most(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "no");
  S_answer(iv, "tired", "yes");
  S_answer(iv, "neck", "no");
  S_answer(iv, "sudden", "no");
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->ruled_out_count, 1);
  assert_int_equal(r->ruled_out[0].asked_count, 2);
  char words[256];
  symcheck_ruled_out_words(&r->ruled_out[0], words, sizeof words);
  assert_string_equal(
      words, "We asked about sudden start and stiff neck to rule out Bleeding in the brain.");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* "yes" rules it in instead: 0.35 is past the threshold. Nothing is
   listed as ruled out. */
static void test_a_yes_rules_it_in(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "no");
  S_answer(iv, "sudden", "yes");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_EMERGENCY);
  assert_string_equal(t.condition->id, "bleed");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->ruled_out_count, 0);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

static void test_rule_out_stops_at_the_maximum(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  symcheck_interview_set_max_questions(iv, 1);
  S_answer(iv, "danger", "no");
  assert_true(symcheck_interview_should_stop(iv));
  assert_null(symcheck_interview_next(iv));
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->ruled_out_count, 0);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A red flag that fired keeps its level whatever is answered after it. */
static void test_red_flag_levels_are_sticky(void **state) {
  symcheck_interview *iv = S_start(state, "headache", 30);
  S_answer(iv, "danger", "yes");
  const char *later[][2] = {{"tired", "yes"}, {"neck", "no"}, {"sudden", "no"}};
  for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
    S_answer(iv, later[i][0], later[i][1]);
    symcheck_triage t = symcheck_interview_triage(iv);
    assert_true(t.level >= SYMCHECK_LEVEL_URGENT_CARE);
    assert_int_equal(t.set_by, SYMCHECK_SET_BY_RED_FLAG);
    S_consistent(&t);
  }
  symcheck_interview_free(iv);
}

static void test_rule_out_floor_is_validated(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "triage"));
  const char *files[] = {"complaints.yaml", "conditions.yaml", "findings.yaml", "red_flags.yaml"};
  char command[1024];
  for (size_t i = 0; i < 4; i++) {
    snprintf(command, sizeof command, "cp %s/%s %s/", PACK_DIR, files[i], dir);
    assert_int_equal(system(command), 0);
  }
  snprintf(command, sizeof command,
           "sed 's/rule_out_floor: 0.01/rule_out_floor: 0.2/' %s/pack.yaml > %s/pack.yaml",
           PACK_DIR, dir);
  assert_int_equal(system(command), 0);
  symcheck_diagnostics d = {0};
  assert_null(symcheck_pack_load(dir, &d));
  assert_int_equal(d.count, 1);
  assert_string_equal(d.items[0].field, "settings.rule_out_floor");
  S_contains(d.items[0].message, "below the ambulance threshold 0.03");
  symcheck_diagnostics_free(&d);
  snprintf(command, sizeof command, "rm -r %s", dir);
  assert_int_equal(system(command), 0);
}

static void test_cli_prints_level_advice_reason_and_rule_out_once(void **state) {
  (void)state;
  const char *argv[] = {SYMCHECK_BINARY, "diagnose",  "--pack",   PACK_DIR,    "--complaint",
                        "headache",      "--age",     "30",       "--sex",     "female",
                        "--answer",      "danger=no", "--answer", "sudden=no", NULL};
  run_result r = {0};
  assert_int_equal(run_process(argv, NULL, 10000, &r), 0);
  if (r.exit_code != 0) {
    fail_msg("exit %d: %s", r.exit_code, r.err);
  }
  S_contains(r.out, "How soon to get care: Self-care");
  S_contains(r.out, "What to do: Manage at home and watch for changes.");
  S_contains(r.out, "We asked about sudden start to rule out Bleeding in the brain.\n");
  const char *why = strstr(r.out, "Why: ");
  assert_non_null(why);
  assert_null(strstr(why + 1, "Why: "));
  assert_null(strstr(strstr(r.out, "What to do: ") + 1, "What to do: "));
  run_result_free(&r);
}

static void test_web_results_say_what_was_ruled_out(void **state) {
  fixture *f = *state;
  web_param items[] = {
      {"age", "30"}, {"sex", "female"}, {"who", "self"}, {"a", "danger.N~sudden.N"}};
  web_params params = {4, items};
  web_page page;
  assert_int_equal(web_page_quiz(f->site, "headache", &params, &page), 0);
  assert_int_equal(page.status, 200);
  S_contains(page.body, "<h1>Your results</h1>");
  S_contains(page.body, "<li>We asked about sudden start to rule out Bleeding in the brain.</li>");
  S_contains(page.body, "Manage at home and watch for changes.");
  web_page_free(&page);
}

static void test_web_offers_the_general_entry(void **state) {
  fixture *f = *state;
  const char *link = "<a href=\"/quiz/symptom-not-listed\">My symptom is not listed</a>";
  web_page page;
  assert_int_equal(web_page_home(f->site, NULL, &page), 0);
  S_contains(page.body, link);
  web_page_free(&page);
  web_param items[] = {{"q", "zzqqxx"}};
  web_params params = {1, items};
  assert_int_equal(web_page_home(f->site, &params, &page), 0);
  const char *nothing = strstr(page.body, "Nothing matched");
  assert_non_null(nothing);
  S_contains(nothing, link);
  web_page_free(&page);
}

/* The CLI quiz's symptom chooser offers the general entry last, also
   after a search has narrowed the list. */
static void test_cli_quiz_offers_the_general_entry(void **state) {
  (void)state;
  const char *argv[] = {SYMCHECK_BINARY, "quiz",   "--pack", PACK_DIR, "--age", "30",
                        "--sex",         "female", NULL};
  run_result r = {0};
  assert_int_equal(run_process(argv, "sore head\n2\n", 10000, &r), 0);
  const char *matches = strstr(r.out, "These match \"sore head\":\n");
  assert_non_null(matches);
  S_contains(matches, "  1. Headache\n  2. My symptom is not listed\n");
  S_contains(matches, "My symptom is not listed: a few questions follow.");
  run_result_free(&r);
}

/* The evaluation counts triage against the true level: the own vignettes
   hold 2 whose lowest safe level is emergency (both red flags). */
static void test_eval_counts_under_and_over_triage(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/anorectal", &d);
  symcheck_diagnostics_free(&d);
  assert_non_null(pack);
  symcheck_eval_options o = symcheck_eval_defaults();
  symcheck_error err = {0};
  symcheck_eval_report *r =
      symcheck_eval_vignettes(pack, SYMCHECK_SOURCE_DIR "/tests/vignettes/anorectal", &o, &err);
  assert_non_null(r);
  const symcheck_eval_metrics *m = &r->overall;
  assert_int_equal(m->emergencies, 2);
  assert_float_equal(m->emergency_missed, 0.0, 1e-12);
  assert_float_equal(m->under_triage, 1.0 - m->safe_triage, 1e-12);
  size_t over = 0;
  for (size_t i = 0; i < r->case_count; i++) {
    over += r->cases[i].level > r->cases[i].min_level ? 1 : 0;
  }
  assert_true(over > 0);
  assert_float_equal(m->over_triage, (double)over / (double)r->case_count, 1e-12);
  symcheck_eval_report_free(r);
  symcheck_pack_free(pack);
}

int main(void) {
  /* The quiz wraps its text at COLUMNS (80 when not a terminal); these
     tests match whole sentences, so they give it a line long enough. */
  setenv("COLUMNS", "1000", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_emergency_condition_at_6_in_100_sets_the_level),
      cmocka_unit_test(test_emergency_condition_at_3_in_100_does_not),
      cmocka_unit_test(test_default_reason_is_true_before_any_answer),
      cmocka_unit_test(test_red_flag_reason_explains_and_advice_is_the_levels),
      cmocka_unit_test(test_json_names_the_condition_that_set_the_level),
      cmocka_unit_test(test_asks_to_rule_out_an_emergency_before_stopping),
      cmocka_unit_test(test_ruled_out_names_the_answers_that_lowered_it_most),
      cmocka_unit_test(test_a_yes_rules_it_in),
      cmocka_unit_test(test_rule_out_stops_at_the_maximum),
      cmocka_unit_test(test_red_flag_levels_are_sticky),
      cmocka_unit_test(test_rule_out_floor_is_validated),
      cmocka_unit_test(test_cli_prints_level_advice_reason_and_rule_out_once),
      cmocka_unit_test(test_web_results_say_what_was_ruled_out),
      cmocka_unit_test(test_web_offers_the_general_entry),
      cmocka_unit_test(test_cli_quiz_offers_the_general_entry),
      cmocka_unit_test(test_eval_counts_under_and_over_triage),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
