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

#include "pack_story.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/headache"
#define COMPLAINT "headache"

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

/* The thunderclap question is among the first the engine asks after the
   screen, and answering it ends the quiz at emergency or above. */
static void test_thunderclap_headache_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 34, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "onset");
  pack_story_answer(iv, "onset", "thunderclap");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* Ticked already in the universal screen, it ends the quiz there. */
  iv = pack_story_start(*state, COMPLAINT, 58, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "worst_headache");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* A gradual headache does not: the level comes from the answers. */
  iv = pack_story_start(*state, COMPLAINT, 34, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "onset", "gradual");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* The screen's "sudden, very bad headache at its worst within a minute"
   answers the pack's onset question (implied_by), so it is never asked
   again and cannot be contradicted. */
static void test_screen_thunderclap_answers_the_onset_question(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 58, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "worst_headache");
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
  iv = pack_story_start(*state, COMPLAINT, 58, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  assert_false(symcheck_interview_implied_by(iv, onset, NULL, NULL));
  assert_string_equal(symcheck_interview_next(iv)->id, "onset");
  symcheck_interview_free(iv);
}

/* Headache, fever and a stiff neck: meningitis until proven otherwise,
   whether the fever was measured or only felt. */
static void test_headache_fever_and_stiff_neck_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 19, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.6", "stiff_neck");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, COMPLAINT, 19, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "stiff_neck");
  pack_story_answer(iv, "feverish", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* With a measured fever and a stiff neck meningitis is among the first two
     causes listed (beside a cold or flu), ahead of migraine. */
  iv = pack_story_start(*state, COMPLAINT, 19, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "39.2", "stiff_neck");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_true(r->condition_count >= 2);
  assert_true(strcmp(r->conditions[0].condition->id, "meningitis") == 0 ||
              strcmp(r->conditions[1].condition->id, "meningitis") == 0);
  assert_true(r->triage.level >= SYMCHECK_LEVEL_EMERGENCY);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A headache with a fever and light that hurts the eyes ends the quiz at
   the emergency level, as the fever pack's quiz does for the same answers
   (NHS Meningitis); light that hurts without a fever (migraine) does not. */
static void test_headache_fever_and_light_hurting_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 19, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "feverish", "yes");
  pack_story_answer(iv, "light_sensitivity", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, COMPLAINT, 19, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "feverish", "no");
  pack_story_answer(iv, "light_sensitivity", "yes");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* Runs the interview after a felt fever, answering "no" to every other
   yes/no question and "don't know" to the rest, and reports whether the
   rash question came up. */
static bool S_asks_about_a_rash(void **state, const char *feverish) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 13, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "feverish", feverish);
  bool asked = false;
  const symcheck_finding *f;
  int guard = 0;
  while (!symcheck_interview_should_stop(iv) && (f = symcheck_interview_next(iv)) != NULL &&
         guard++ < 200) {
    asked = asked || strcmp(f->id, "rash") == 0;
    pack_story_answer(iv, f->id, f->type == SYMCHECK_ANSWER_YES_NO ? "no" : "unknown");
  }
  symcheck_interview_free(iv);
  return asked;
}

/* A headache with a fever is asked about a rash, and one without a fever
   never is; a rash with the fever is seen the same day, and with a severe
   headache it is an emergency (NHS Headaches), whether or not anyone has
   pressed a glass on it. */
static void test_rash_with_fever_and_headache(void **state) {
  assert_true(S_asks_about_a_rash(state, "yes"));
  assert_false(S_asks_about_a_rash(state, "no"));

  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 13, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "feverish", "yes");
  pack_story_answer(iv, "rash", "yes");
  assert_int_equal(symcheck_interview_triage(iv).level, SYMCHECK_LEVEL_URGENT_CARE);
  pack_story_answer(iv, "severity", "severe");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A severe headache with a fever felt at home, and no stiff neck or rash
   noticed (a published meningitis case: the stiffness was found only on
   examination), is seen the same day without ending the quiz, so that the
   danger questions still come; a mild one with a fever is not. */
static void test_severe_headache_with_fever_is_seen_the_same_day(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 18, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "severity", "severe");
  pack_story_answer(iv, "feverish", "yes");
  assert_int_equal(symcheck_interview_triage(iv).level, SYMCHECK_LEVEL_URGENT_CARE);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, COMPLAINT, 18, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "severity", "mild");
  pack_story_answer(iv, "feverish", "yes");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Runs a whole interview answering "don't know" to every question (so that
   it goes on to the last question it would ask) and reports whether any
   pregnancy question came up. */
static bool S_asks_about_pregnancy(void **state, int age, symcheck_sex sex) {
  static const char *const pregnancy[] = {"pregnancy_stage", "sudden_swelling", "vision_blurred",
                                          "pregnancy_signs"};
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, age, sex);
  bool asked = false;
  const symcheck_finding *f;
  int guard = 0;
  while (!symcheck_interview_should_stop(iv) && (f = symcheck_interview_next(iv)) != NULL &&
         guard++ < 200) {
    for (size_t i = 0; i < sizeof pregnancy / sizeof *pregnancy; i++) {
      asked = asked || strcmp(f->id, pregnancy[i]) == 0;
    }
    pack_story_answer(iv, f->id, "unknown");
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
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 30, SYMCHECK_SEX_MALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "pregnancy_stage", "over_20_weeks", &err), -1);
  assert_non_null(strstr(err.message, "pregnancy_stage"));
  symcheck_interview_free(iv);
}

/* Late pregnancy, a severe headache and blurred sight: pre-eclampsia is
   considered and the level is at least urgent. */
static void test_severe_headache_late_in_pregnancy_is_urgent(void **state) {
  symcheck_interview *iv = pack_story_start(*state, COMPLAINT, 29, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "pregnant");
  pack_story_answer(iv, "pregnancy_stage", "over_20_weeks");
  pack_story_answer(iv, "severity", "severe");
  pack_story_answer(iv, "sudden_swelling", "yes");
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
    pack_story_assert_search_finds(*state, words[i], COMPLAINT);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_thunderclap_headache_is_an_emergency),
      cmocka_unit_test(test_screen_thunderclap_answers_the_onset_question),
      cmocka_unit_test(test_headache_fever_and_stiff_neck_is_an_emergency),
      cmocka_unit_test(test_headache_fever_and_light_hurting_is_an_emergency),
      cmocka_unit_test(test_rash_with_fever_and_headache),
      cmocka_unit_test(test_severe_headache_with_fever_is_seen_the_same_day),
      cmocka_unit_test(test_a_man_is_never_asked_about_pregnancy),
      cmocka_unit_test(test_severe_headache_late_in_pregnancy_is_urgent),
      cmocka_unit_test(test_lay_words_find_the_headache_quiz),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
