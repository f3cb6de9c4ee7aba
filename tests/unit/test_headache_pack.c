/*
 * test_headache_pack.c - the shipped headache pack does what a person with a
 * headache would expect: a thunderclap headache ends the quiz at emergency
 * or above, a headache with a fever and a stiff neck too (measured or only
 * felt), a man is never asked the pregnancy questions while a woman of
 * childbearing age is, and the words people type ("migrane", "head ache",
 * "pounding head") find the headache quiz. The pack-wide checks (every red
 * flag escalates, the screen comes first, screen.yaml is identical) run over
 * every pack in test_safety.c and test_screen_load.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/headache"

static int S_setup(void **state) {
  symcheck_pack *pack = symcheck_pack_load(PACK_DIR, NULL);
  *state = pack;
  return pack != NULL ? 0 : -1;
}

static int S_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

static symcheck_interview *S_start(void **state, int age, symcheck_sex sex) {
  symcheck_profile profile = {.age = age, .sex = sex};
  symcheck_interview *iv = symcheck_interview_new(*state, "headache", &profile, NULL);
  assert_non_null(iv);
  return iv;
}

static void S_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  if (symcheck_interview_answer(iv, finding, value, &err) != 0) {
    fail_msg("%s=%s refused: %s", finding, value, err.message);
  }
}

/* Answers the universal screen as a person with no danger signs would,
   except for the items given (the temperature may be "unknown"). */
static void S_screen(symcheck_interview *iv, const char *urgent, const char *temperature) {
  S_answer(iv, "screen_emergency", "none");
  S_answer(iv, "temperature", temperature);
  S_answer(iv, "screen_urgent", urgent);
}

static void S_assert_stops_at_least(symcheck_interview *iv, symcheck_level level) {
  symcheck_triage t = symcheck_interview_triage(iv);
  if (t.level < level) {
    fail_msg("level %s, expected at least %s (%s)", symcheck_level_id(t.level),
             symcheck_level_id(level), t.reason);
  }
  assert_true(symcheck_interview_should_stop(iv));
}

/* The thunderclap question is among the first the engine asks after the
   screen, and answering it ends the quiz at emergency or above. */
static void test_thunderclap_headache_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, 34, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "onset");
  S_answer(iv, "onset", "thunderclap");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* Ticked already in the universal screen, it ends the quiz there. */
  iv = S_start(state, 58, SYMCHECK_SEX_MALE);
  S_screen(iv, "worst_headache", "unknown");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* A gradual headache does not: the level comes from the answers. */
  iv = S_start(state, 34, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "onset", "gradual");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* The screen's "sudden, very bad headache at its worst within a minute"
   answers the pack's onset question (implied_by), so it is never asked
   again and cannot be contradicted. */
static void test_screen_thunderclap_answers_the_onset_question(void **state) {
  symcheck_interview *iv = S_start(state, 58, SYMCHECK_SEX_MALE);
  S_screen(iv, "worst_headache", "unknown");
  const symcheck_pack *pack = *state;
  const symcheck_finding *onset = symcheck_pack_find_finding(pack, "onset");
  const symcheck_finding *by = NULL;
  size_t option = 0;
  assert_true(symcheck_interview_implied_by(iv, onset, &by, &option));
  assert_string_equal(by->id, "screen_urgent");
  assert_string_equal(by->options[option].id, "worst_headache");
  symcheck_error err = {0};
  assert_int_not_equal(symcheck_interview_answer(iv, "onset", "gradual", &err), 0);
  assert_non_null(strstr(err.message, "screen_urgent"));
  symcheck_interview_free(iv);

  /* Without the tick, onset is the first question after the screen. */
  iv = S_start(state, 58, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "unknown");
  assert_false(symcheck_interview_implied_by(iv, onset, NULL, NULL));
  assert_string_equal(symcheck_interview_next(iv)->id, "onset");
  symcheck_interview_free(iv);
}

/* Headache, fever and a stiff neck: meningitis until proven otherwise,
   whether the fever was measured or only felt. */
static void test_headache_fever_and_stiff_neck_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, 19, SYMCHECK_SEX_MALE);
  S_screen(iv, "stiff_neck", "38.6");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, 19, SYMCHECK_SEX_MALE);
  S_screen(iv, "stiff_neck", "unknown");
  S_answer(iv, "feverish", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* With a measured fever and a stiff neck meningitis is among the first two
     causes listed (beside a cold or flu), ahead of migraine. */
  iv = S_start(state, 19, SYMCHECK_SEX_MALE);
  S_screen(iv, "stiff_neck", "39.2");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_true(r->condition_count >= 2);
  assert_true(strcmp(r->conditions[0].condition->id, "meningitis") == 0 ||
              strcmp(r->conditions[1].condition->id, "meningitis") == 0);
  assert_true(r->triage.level >= SYMCHECK_LEVEL_EMERGENCY);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* Runs a whole interview answering "don't know" to every question (so that
   it goes on to the last question it would ask) and reports whether any
   pregnancy question came up. */
static bool S_asks_about_pregnancy(void **state, int age, symcheck_sex sex) {
  static const char *const pregnancy[] = {"pregnancy_stage", "sudden_swelling", "vision_blurred",
                                          "pregnancy_signs"};
  symcheck_interview *iv = S_start(state, age, sex);
  bool asked = false;
  const symcheck_finding *f;
  int guard = 0;
  while (!symcheck_interview_should_stop(iv) && (f = symcheck_interview_next(iv)) != NULL &&
         guard++ < 200) {
    for (size_t i = 0; i < sizeof pregnancy / sizeof *pregnancy; i++) {
      asked = asked || strcmp(f->id, pregnancy[i]) == 0;
    }
    S_answer(iv, f->id, "unknown");
  }
  symcheck_interview_free(iv);
  return asked;
}

static void test_a_man_is_never_asked_about_pregnancy(void **state) {
  static const int ages[] = {12, 16, 30, 45, 55};
  for (size_t i = 0; i < sizeof ages / sizeof *ages; i++) {
    if (S_asks_about_pregnancy(state, ages[i], SYMCHECK_SEX_MALE)) {
      fail_msg("a man of %d was asked about pregnancy", ages[i]);
    }
    /* The same interview for a woman of that age does ask. */
    if (!S_asks_about_pregnancy(state, ages[i], SYMCHECK_SEX_FEMALE)) {
      fail_msg("a woman of %d was not asked about pregnancy", ages[i]);
    }
  }
  /* Neither is a girl of 8 nor a woman of 70. */
  assert_false(S_asks_about_pregnancy(state, 8, SYMCHECK_SEX_FEMALE));
  assert_false(S_asks_about_pregnancy(state, 70, SYMCHECK_SEX_FEMALE));

  /* An answer sent for him anyway is refused with the reason. */
  symcheck_interview *iv = S_start(state, 30, SYMCHECK_SEX_MALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "pregnancy_stage", "over_20_weeks", &err), -1);
  assert_non_null(strstr(err.message, "pregnancy_stage"));
  symcheck_interview_free(iv);
}

/* Late pregnancy, a severe headache and blurred sight: pre-eclampsia is
   considered and the level is at least urgent. */
static void test_severe_headache_late_in_pregnancy_is_urgent(void **state) {
  symcheck_interview *iv = S_start(state, 29, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "pregnant", "unknown");
  S_answer(iv, "pregnancy_stage", "over_20_weeks");
  S_answer(iv, "severity", "severe");
  S_answer(iv, "sudden_swelling", "yes");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_true(t.level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_string_equal(r->conditions[0].condition->id, "pre_eclampsia");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* The words people type find the headache quiz first. */
static void test_lay_words_find_the_headache_quiz(void **state) {
  static const char *const words[] = {"headache",  "head ache",     "headach",
                                      "migrane",   "migraine",      "head pain",
                                      "sore head", "pounding head", "throbbing head"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t out[3];
    size_t n = symcheck_pack_search_complaints(*state, words[i], out, 3);
    if (n == 0) {
      fail_msg("\"%s\" found nothing", words[i]);
    }
    assert_string_equal(symcheck_pack_complaint(*state, out[0])->id, "headache");
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_thunderclap_headache_is_an_emergency),
      cmocka_unit_test(test_screen_thunderclap_answers_the_onset_question),
      cmocka_unit_test(test_headache_fever_and_stiff_neck_is_an_emergency),
      cmocka_unit_test(test_a_man_is_never_asked_about_pregnancy),
      cmocka_unit_test(test_severe_headache_late_in_pregnancy_is_urgent),
      cmocka_unit_test(test_lay_words_find_the_headache_quiz),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
