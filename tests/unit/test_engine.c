/*
 * test_engine.c - the engine's maths on tests/packs/maths, whose figures
 * were worked out by hand (the comments show the arithmetic): priors by age
 * band and sex, naive-Bayes posteriors, "don't know", information gain,
 * the red-flag screen, stopping rules, triage, follow-ups, explanations,
 * the answer codec and the JSON shape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/tests/packs/maths"
#define TOL 1e-6

static int S_setup(void **state) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(PACK_DIR, &d);
  if (pack == NULL) {
    for (size_t i = 0; i < d.count; i++) {
      print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                  d.items[i].message);
    }
    symcheck_diagnostics_free(&d);
    return -1;
  }
  *state = pack;
  return 0;
}

static int S_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

static symcheck_interview *S_start(void **state, int age, symcheck_sex sex) {
  symcheck_profile profile = {.age = age, .sex = sex};
  symcheck_error err;
  symcheck_interview *iv = symcheck_interview_new(*state, "test-complaint", &profile, &err);
  assert_non_null(iv);
  return iv;
}

static void S_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  int status = symcheck_interview_answer(iv, finding, value, &err);
  if (status != 0) {
    print_error("%s=%s: %s\n", finding, value, err.message);
  }
  assert_int_equal(status, 0);
}

/* Posterior of a, b and "something else". */
static void S_expect_posterior(symcheck_interview *iv, double a, double b, double other) {
  double p[2];
  double o = symcheck_interview_posterior(iv, p);
  assert_float_equal(p[0], a, TOL);
  assert_float_equal(p[1], b, TOL);
  assert_float_equal(o, other, TOL);
}

/* Priors: a 0.6, b 0.4 (x2 from 40, x1.5 for men), "something else" 0.1. */
static void test_prior_by_age_band_and_sex(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_expect_posterior(iv, 0.9 * 0.6, 0.9 * 0.4, 0.1);
  symcheck_interview_free(iv);
  /* 50-year-old man: b weighs 0.4 * 2 * 1.5 = 1.2 against a's 0.6. */
  iv = S_start(state, 50, SYMCHECK_SEX_MALE);
  S_expect_posterior(iv, 0.9 * 0.6 / 1.8, 0.9 * 1.2 / 1.8, 0.1);
  symcheck_interview_free(iv);
}

/* f1 = yes: 0.54*0.9 = 0.486, 0.36*0.2 = 0.072, 0.1*0.3 = 0.03; sum 0.588. */
static void test_posterior_after_one_answer(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "f1", "yes");
  S_expect_posterior(iv, 0.486 / 0.588, 0.072 / 0.588, 0.03 / 0.588);
  symcheck_interview_free(iv);
}

/* f1 = yes, f3 = no: 0.486*0.9, 0.072*0.3, 0.03*0.9; sum 0.486. */
static void test_posterior_combines_answers(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "f1", "yes");
  S_answer(iv, "f3", "no");
  S_expect_posterior(iv, 0.4374 / 0.486, 0.0216 / 0.486, 0.027 / 0.486);
  symcheck_interview_free(iv);
}

static void test_dont_know_changes_nothing(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "f1", "unknown");
  S_expect_posterior(iv, 0.54, 0.36, 0.1);
  S_answer(iv, "f1", "yes");
  S_answer(iv, "f3", "unknown");
  S_answer(iv, "f5", "unknown");
  S_expect_posterior(iv, 0.486 / 0.588, 0.072 / 0.588, 0.03 / 0.588);
  assert_int_equal(symcheck_interview_answer_count(iv), 3);
  symcheck_interview_free(iv);
}

static void test_red_flag_screen_comes_first(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  const symcheck_finding *rf = symcheck_pack_find_finding(*state, "rf");
  const symcheck_finding *f1 = symcheck_pack_find_finding(*state, "f1");
  /* rf tells nothing apart, yet it is asked first. */
  assert_true(symcheck_interview_information_gain(iv, rf) < 1e-9);
  assert_ptr_equal(symcheck_interview_next(iv), rf);
  S_answer(iv, "rf", "no");
  assert_ptr_equal(symcheck_interview_next(iv), f1);
  symcheck_interview_free(iv);
}

/* I(f1) = H(0.588) - (0.54 H(0.9) + 0.36 H(0.2) + 0.1 H(0.3)) = 0.376258;
   I(f3) = H(0.316) - (0.54 H(0.1) + 0.36 H(0.7) + 0.1 H(0.1)) = 0.282557. */
static void test_information_gain_by_hand(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  const symcheck_pack *pack = *state;
  assert_float_equal(
      symcheck_interview_information_gain(iv, symcheck_pack_find_finding(pack, "f1")),
      0.3762579040780, 1e-9);
  assert_float_equal(
      symcheck_interview_information_gain(iv, symcheck_pack_find_finding(pack, "f3")),
      0.2825565444360, 1e-9);
  /* f2 has the same probability under every hypothesis: no gain. */
  assert_float_equal(
      symcheck_interview_information_gain(iv, symcheck_pack_find_finding(pack, "f2")), 0.0, 1e-12);
  /* A follow-up whose parent is unanswered cannot be asked. */
  assert_float_equal(
      symcheck_interview_information_gain(iv, symcheck_pack_find_finding(pack, "f4")), 0.0, 0.0);
  symcheck_interview_free(iv);
}

static void test_stops_when_confident(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "rf", "no");
  S_answer(iv, "f1", "yes");
  assert_false(symcheck_interview_should_stop(iv)); /* a = 0.827 < 0.85 */
  S_answer(iv, "f3", "no");
  assert_true(symcheck_interview_should_stop(iv)); /* a = 0.9 >= 0.85 */
  assert_null(symcheck_interview_next(iv));
  symcheck_interview_free(iv);
}

static void test_stops_when_nothing_would_change_the_result(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "rf", "no");
  S_answer(iv, "f1", "yes");
  S_answer(iv, "f3", "unknown");
  /* a = 0.827 is below 0.85, but f2, f5 and f6 each gain < 0.01 bits. */
  assert_true(symcheck_interview_should_stop(iv));
  assert_null(symcheck_interview_next(iv));
  symcheck_interview_free(iv);
}

static void test_stops_at_the_maximum(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  symcheck_interview_set_max_questions(iv, 2);
  S_answer(iv, "rf", "no");
  assert_false(symcheck_interview_should_stop(iv));
  S_answer(iv, "f6", "2");
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

static void test_red_flag_escalates_and_ends_the_quiz(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "rf", "yes");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_EMERGENCY);
  assert_non_null(t.red_flag);
  assert_non_null(strstr(t.reason, "Go to an emergency department now."));
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

static void test_red_flag_minimum_age(void **state) {
  symcheck_interview *young = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  symcheck_interview *old = S_start(state, 60, SYMCHECK_SEX_FEMALE);
  S_answer(young, "f3", "yes");
  S_answer(old, "f3", "yes");
  assert_null(symcheck_interview_triage(young).red_flag);
  symcheck_triage t = symcheck_interview_triage(old);
  assert_non_null(t.red_flag);
  assert_true(t.level >= SYMCHECK_LEVEL_PRIMARY_CARE_SOON);
  assert_false(symcheck_interview_should_stop(old)); /* not an emergency */
  symcheck_interview_free(young);
  symcheck_interview_free(old);
}

static void test_triage_escalates_by_condition_threshold(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "f1", "yes");
  /* b (urgent_care, threshold 0.1) is at 0.122: it sets the level. */
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_URGENT_CARE);
  assert_non_null(strstr(t.reason, "Condition B could explain"));
  assert_non_null(strstr(t.reason, "about 1 in 10"));
  /* f3 = no drops b to 0.044; a (self_care, 0.5) at 0.9 sets it. */
  S_answer(iv, "f3", "no");
  t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_SELF_CARE);
  assert_null(t.red_flag);
  symcheck_interview_free(iv);
}

static void test_follow_up_only_after_its_parent(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "f4", "severe", &err), -1);
  assert_non_null(strstr(err.message, "f3"));
  S_answer(iv, "f3", "yes");
  const symcheck_finding *f4 = symcheck_pack_find_finding(*state, "f4");
  assert_true(symcheck_interview_information_gain(iv, f4) > 0.0);
  S_answer(iv, "f4", "severe");
  assert_true(symcheck_interview_is_answered(iv, f4));
  /* Changing the parent's answer drops the follow-up it no longer allows. */
  S_answer(iv, "f3", "no");
  assert_false(symcheck_interview_is_answered(iv, f4));
  assert_int_equal(symcheck_interview_answer_count(iv), 1);
  symcheck_interview_free(iv);
}

static void test_answers_round_trip_through_text(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "rf", "no");
  S_answer(iv, "f3", "yes");
  S_answer(iv, "f4", "moderate");
  S_answer(iv, "f5", "x,y");
  S_answer(iv, "f6", "4.5");
  S_answer(iv, "f1", "unknown");
  char *text = symcheck_interview_encode(iv);
  assert_string_equal(text, "rf.N~f3.Y~f4.moderate~f5.x-y~f6.4.5~f1.U");
  symcheck_interview *copy = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_decode(copy, text, &err), 0);
  char *again = symcheck_interview_encode(copy);
  assert_string_equal(again, text);
  double p1[2], p2[2];
  assert_float_equal(symcheck_interview_posterior(iv, p1), symcheck_interview_posterior(copy, p2),
                     1e-12);
  assert_float_equal(p1[1], p2[1], 1e-12);
  char value[64];
  assert_ptr_equal(symcheck_interview_answer_at(copy, 3, value, sizeof value),
                   symcheck_pack_find_finding(*state, "f5"));
  assert_string_equal(value, "x,y");
  free(text);
  free(again);
  symcheck_interview_free(iv);
  symcheck_interview_free(copy);
}

static void test_bad_answers_are_refused_with_the_allowed_values(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "nope", "yes", &err), -1);
  assert_non_null(strstr(err.message, "unknown finding 'nope'"));
  assert_null(strstr(err.message, "did you mean"));
  assert_int_equal(symcheck_interview_answer(iv, "f1x", "yes", &err), -1);
  assert_non_null(strstr(err.message, "did you mean 'f1'?"));
  assert_int_equal(symcheck_interview_answer(iv, "f1", "maybe", &err), -1);
  assert_non_null(strstr(err.message, "yes, no, unknown"));
  assert_int_equal(symcheck_interview_answer(iv, "f5", "x,z", &err), -1);
  assert_non_null(strstr(err.message, "x, y, none"));
  assert_int_equal(symcheck_interview_answer(iv, "f6", "-1", &err), -1);
  assert_int_equal(symcheck_interview_answer(iv, "f6", "lots", &err), -1);
  /* A bad part leaves every earlier answer as it was: nothing applied. */
  S_answer(iv, "f1", "yes");
  assert_int_equal(symcheck_interview_decode(iv, "f3.Y~f1.maybe", &err), -1);
  char *text = symcheck_interview_encode(iv);
  assert_string_equal(text, "f1.Y");
  free(text);
  assert_int_equal(symcheck_interview_decode(iv, "f3", &err), -1);
  assert_non_null(strstr(err.message, "finding.value"));
  symcheck_interview_free(iv);
}

static void test_bad_profiles_are_refused(void **state) {
  symcheck_error err = {0};
  symcheck_profile old = {.age = 121, .sex = SYMCHECK_SEX_MALE};
  assert_null(symcheck_interview_new(*state, "test-complaint", &old, &err));
  assert_string_equal(err.field, "age");
  symcheck_profile ok = {.age = 20, .sex = SYMCHECK_SEX_MALE};
  assert_null(symcheck_interview_new(*state, "no-such-complaint", &ok, &err));
  assert_string_equal(err.field, "complaint");
}

/* Weight of f1 = yes for a: log(0.9 / P(yes | not a)), where
   P(yes | not a) = (0.36*0.2 + 0.1*0.3) / 0.46; for b: log(0.2 / 0.80625). */
static void test_explanation_weights(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "f1", "yes");
  S_answer(iv, "f2", "unknown");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_int_equal(r->condition_count, 2);
  assert_string_equal(r->conditions[0].condition->id, "a");
  assert_int_equal(r->conditions[0].for_count, 1);
  assert_string_equal(r->conditions[0].for_answers[0].finding->id, "f1");
  assert_string_equal(r->conditions[0].for_answers[0].value, "yes");
  assert_float_equal(r->conditions[0].for_answers[0].weight, 1.4008931605, 1e-9);
  assert_int_equal(r->conditions[1].against_count, 1);
  assert_float_equal(r->conditions[1].against_answers[0].weight, -1.3940765016, 1e-9);
  /* Top symptoms (0.2 <= P < 0.99) and symptoms that always occur. */
  assert_int_equal(r->conditions[1].top_symptom_count, 2);
  assert_string_equal(r->conditions[1].top_symptoms[0]->id, "f3");
  assert_string_equal(r->conditions[1].top_symptoms[1]->id, "f1");
  assert_int_equal(r->conditions[0].always_count, 1);
  assert_string_equal(r->conditions[0].always[0]->id, "f2");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

static void test_json_has_the_documented_shape(void **state) {
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_FEMALE);
  json_t *j = symcheck_interview_json(iv);
  assert_string_equal(json_string_value(json_object_get(j, "status")), "question");
  json_t *q = json_object_get(j, "question");
  assert_string_equal(json_string_value(json_object_get(q, "id")), "rf");
  assert_true(json_is_true(json_object_get(q, "red_flag")));
  assert_string_equal(json_string_value(json_object_get(q, "type")), "yes_no");
  assert_int_equal(json_array_size(json_object_get(q, "options")), 2);
  assert_int_equal(json_array_size(json_object_get(j, "conditions")), 2);
  json_t *t = json_object_get(j, "triage");
  assert_true(json_is_integer(json_object_get(t, "level")));
  assert_non_null(json_string_value(json_object_get(t, "id")));
  assert_non_null(json_string_value(json_object_get(t, "advice")));
  assert_non_null(json_string_value(json_object_get(t, "reason")));
  assert_false(json_is_true(json_object_get(j, "should_stop")));
  assert_string_equal(json_string_value(json_object_get(j, "notice")), SYMCHECK_NOTICE);
  json_decref(j);
  S_answer(iv, "rf", "yes");
  j = symcheck_interview_json(iv);
  assert_string_equal(json_string_value(json_object_get(j, "status")), "result");
  assert_true(json_is_null(json_object_get(j, "question")));
  assert_string_equal(json_string_value(json_object_get(j, "answers")), "rf.Y");
  json_decref(j);
  symcheck_interview_free(iv);
}

static void S_expect_words(double p, const char *words) {
  char buf[64];
  symcheck_probability_words(p, buf, sizeof buf);
  assert_string_equal(buf, words);
}

static void test_probability_in_words(void **state) {
  (void)state;
  S_expect_words(0.42, "about 4 in 10");
  S_expect_words(0.122, "about 1 in 10");
  S_expect_words(0.06, "about 6 in 100");
  S_expect_words(0.004, "less than 1 in 100");
  S_expect_words(0.97, "more than 9 in 10");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prior_by_age_band_and_sex),
      cmocka_unit_test(test_posterior_after_one_answer),
      cmocka_unit_test(test_posterior_combines_answers),
      cmocka_unit_test(test_dont_know_changes_nothing),
      cmocka_unit_test(test_red_flag_screen_comes_first),
      cmocka_unit_test(test_information_gain_by_hand),
      cmocka_unit_test(test_stops_when_confident),
      cmocka_unit_test(test_stops_when_nothing_would_change_the_result),
      cmocka_unit_test(test_stops_at_the_maximum),
      cmocka_unit_test(test_red_flag_escalates_and_ends_the_quiz),
      cmocka_unit_test(test_red_flag_minimum_age),
      cmocka_unit_test(test_triage_escalates_by_condition_threshold),
      cmocka_unit_test(test_follow_up_only_after_its_parent),
      cmocka_unit_test(test_answers_round_trip_through_text),
      cmocka_unit_test(test_bad_answers_are_refused_with_the_allowed_values),
      cmocka_unit_test(test_bad_profiles_are_refused),
      cmocka_unit_test(test_explanation_weights),
      cmocka_unit_test(test_json_has_the_documented_shape),
      cmocka_unit_test(test_probability_in_words),
  };
  return cmocka_run_group_tests_name("engine", tests, S_setup, S_teardown);
}
