/*
 * test_fever_pack.c - the shipped fever pack does what a person (or parent)
 * with a fever would expect: its own danger signs (skin sucking in between a
 * child's ribs, light hurting the eyes with a headache, bleeding gums after
 * the tropics, a stiff neck or a weak immune system with a fever that was
 * not measured) end the quiz at emergency; a trip to a malaria country or a
 * child's fever of 5 days gets the person seen the same day; conditions of
 * babies and children are never listed for adults; a classic Kawasaki or
 * malaria story lists its cause in the first three; and the CLI's answer
 * carries the not-a-diagnosis notice. The pack-wide checks (every red flag
 * escalates, the screen comes first, screen.yaml is identical) run over
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

#include "run_process.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/fever"
#define COMPLAINT "high-temperature"
#define TIMEOUT_MS 20000

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
  symcheck_interview *iv = symcheck_interview_new(*state, COMPLAINT, &profile, NULL);
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

static symcheck_level S_level(symcheck_interview *iv) {
  return symcheck_interview_triage(iv).level;
}

static void S_assert_stops_at_least(symcheck_interview *iv, symcheck_level level) {
  symcheck_triage t = symcheck_interview_triage(iv);
  if (t.level < level) {
    fail_msg("level %s, expected at least %s (%s)", symcheck_level_id(t.level),
             symcheck_level_id(level), t.reason);
  }
  assert_true(symcheck_interview_should_stop(iv));
}

static bool S_lists(const symcheck_result *r, const char *id) {
  for (size_t i = 0; i < r->condition_count; i++) {
    if (strcmp(r->conditions[i].condition->id, id) == 0) {
      return true;
    }
  }
  return false;
}

static bool S_in_top3(const symcheck_result *r, const char *id) {
  for (size_t i = 0; i < r->condition_count && i < 3; i++) {
    if (strcmp(r->conditions[i].condition->id, id) == 0) {
      return true;
    }
  }
  return false;
}

/* The complaint's own screen comes straight after the universal one, in
   order; for an adult the child-only chest question is skipped. */
static void test_fever_danger_signs_are_asked_first(void **state) {
  symcheck_interview *iv = S_start(state, 2, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.5");
  assert_string_equal(symcheck_interview_next(iv)->id, "drowsy");
  S_answer(iv, "drowsy", "no");
  assert_string_equal(symcheck_interview_next(iv)->id, "chest_indrawing");
  symcheck_interview_free(iv);

  iv = S_start(state, 40, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "38.5");
  S_answer(iv, "drowsy", "no");
  assert_string_equal(symcheck_interview_next(iv)->id, "cold_hands_feet");
  symcheck_interview_free(iv);
}

/* Each emergency sign of the pack ends the quiz at emergency or above, and
   the answer "no" to it does not. */
static void test_emergency_signs_end_the_quiz(void **state) {
  /* A baby whose skin sucks in between the ribs (NICE NG143 red). */
  symcheck_interview *iv = S_start(state, 0, SYMCHECK_SEX_MALE);
  S_answer(iv, "screen_emergency", "none");
  S_answer(iv, "baby_age", "6_to_11_months");
  S_answer(iv, "temperature", "38.4");
  S_answer(iv, "screen_urgent", "none");
  S_answer(iv, "drowsy", "no");
  S_answer(iv, "chest_indrawing", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* A headache with light hurting the eyes. */
  iv = S_start(state, 24, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.9");
  S_answer(iv, "headache", "yes");
  S_answer(iv, "light_hurts", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, 24, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.9");
  S_answer(iv, "headache", "yes");
  S_answer(iv, "light_hurts", "no");
  assert_true(S_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* Bleeding gums after South-East Asia (a warning sign of severe dengue). */
  iv = S_start(state, 33, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "39.5");
  S_answer(iv, "travel_region", "southeast_asia");
  S_answer(iv, "bleeding_gums", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* The screen's stiff-neck and weak-immunity flags need a measured 38 °C;
   in the fever complaint the fever is given, so a thermometer is not. */
static void test_unmeasured_fever_with_stiff_neck_or_chemotherapy(void **state) {
  symcheck_interview *iv = S_start(state, 19, SYMCHECK_SEX_MALE);
  S_screen(iv, "stiff_neck", "unknown");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, 55, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "weak_immunity", "unknown");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A trip to a malaria country gets a same-day check; Europe does not. */
static void test_travel_to_a_malaria_country_is_same_day(void **state) {
  static const char *const malaria[] = {"africa", "south_asia", "southeast_asia", "latin_america"};
  for (size_t i = 0; i < sizeof malaria / sizeof *malaria; i++) {
    symcheck_interview *iv = S_start(state, 45, SYMCHECK_SEX_MALE);
    S_screen(iv, "none", "38.6");
    S_answer(iv, "travel_region", malaria[i]);
    if (S_level(iv) < SYMCHECK_LEVEL_URGENT_CARE) {
      fail_msg("travel to %s gave %s", malaria[i], symcheck_level_id(S_level(iv)));
    }
    symcheck_interview_free(iv);
  }
  symcheck_interview *iv = S_start(state, 45, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "38.6");
  S_answer(iv, "travel_region", "no_travel");
  assert_true(S_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* A fever of 5 days or more in a child (NICE NG143 amber): seen the same
   day. */
static void test_five_day_fever_in_a_child_is_same_day(void **state) {
  symcheck_interview *iv = S_start(state, 4, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.5");
  S_answer(iv, "fever_days", "2_to_4_days");
  assert_true(S_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_start(state, 4, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.5");
  S_answer(iv, "fever_days", "5_to_13_days");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Conditions of babies and children are never listed for an adult, and an
   adult's are listed for the child only where they apply. */
static void test_child_conditions_are_never_listed_for_adults(void **state) {
  symcheck_interview *iv = S_start(state, 35, SYMCHECK_SEX_FEMALE);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_false(S_lists(r, "bronchiolitis"));
  assert_false(S_lists(r, "roseola"));
  assert_false(S_lists(r, "kawasaki"));
  assert_true(S_lists(r, "influenza"));
  double total = r->other_probability;
  for (size_t i = 0; i < r->condition_count; i++) {
    total += r->conditions[i].probability;
  }
  assert_float_equal(total, 1.0, 1e-9);
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  iv = S_start(state, 1, SYMCHECK_SEX_FEMALE);
  r = symcheck_interview_result(iv);
  assert_true(S_lists(r, "bronchiolitis"));
  assert_true(S_lists(r, "roseola"));
  assert_true(S_lists(r, "kawasaki"));
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  iv = S_start(state, 9, SYMCHECK_SEX_MALE);
  r = symcheck_interview_result(iv);
  assert_false(S_lists(r, "bronchiolitis"));
  assert_false(S_lists(r, "roseola"));
  assert_true(S_lists(r, "kawasaki"));
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A classic story lists its cause in the first three: Kawasaki disease in
   a toddler (AHA 2017) and malaria after Ghana (UK guidelines 2016). */
static void test_classic_stories_list_their_cause(void **state) {
  symcheck_interview *iv = S_start(state, 3, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "39.6");
  S_answer(iv, "travel_region", "no_travel");
  S_answer(iv, "fever_days", "5_to_13_days");
  S_answer(iv, "red_eyes", "yes");
  S_answer(iv, "red_lips_tongue", "yes");
  S_answer(iv, "swollen_hands_feet", "yes");
  S_answer(iv, "rash", "flat_blotches");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_true(S_in_top3(r, "kawasaki"));
  assert_true(r->triage.level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  iv = S_start(state, 45, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "39.4");
  S_answer(iv, "travel_region", "africa");
  S_answer(iv, "travel_when", "under_1_month");
  S_answer(iv, "headache", "yes");
  S_answer(iv, "muscle_aches", "yes");
  r = symcheck_interview_result(iv);
  assert_true(S_in_top3(r, "malaria"));
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  /* The same aches and headache without travel do not list malaria first. */
  iv = S_start(state, 45, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "39.4");
  S_answer(iv, "travel_region", "no_travel");
  S_answer(iv, "headache", "yes");
  S_answer(iv, "muscle_aches", "yes");
  r = symcheck_interview_result(iv);
  assert_string_not_equal(r->conditions[0].condition->id, "malaria");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* The words people type find the fever quiz first. */
static void test_lay_words_find_the_fever_quiz(void **state) {
  static const char *const words[] = {"fever",    "temperature", "high temp", "hot and shivery",
                                      "feverish", "fevr",        "pyrexia",   "malaria"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t out[3];
    size_t n = symcheck_pack_search_complaints(*state, words[i], out, 3);
    if (n == 0) {
      fail_msg("\"%s\" found nothing", words[i]);
    }
    assert_string_equal(symcheck_pack_complaint(*state, out[0])->id, COMPLAINT);
  }
}

/* The CLI: a feverish student with a stiff neck gets the emergency advice,
   with the notice that this is not a diagnosis. */
static void test_cli_diagnose_carries_the_notice(void **state) {
  (void)state;
  run_result r =
      run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK_DIR, "--complaint", COMPLAINT,
                   "--age", "19", "--sex", "male", "--answer", "screen_emergency=none", "--answer",
                   "temperature=101.8F", "--answer", "screen_urgent=stiff_neck", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, SYMCHECK_NOTICE));
  assert_non_null(strstr(r.out, "meningitis"));
  assert_null(strstr(r.out, "Next question"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fever_danger_signs_are_asked_first),
      cmocka_unit_test(test_emergency_signs_end_the_quiz),
      cmocka_unit_test(test_unmeasured_fever_with_stiff_neck_or_chemotherapy),
      cmocka_unit_test(test_travel_to_a_malaria_country_is_same_day),
      cmocka_unit_test(test_five_day_fever_in_a_child_is_same_day),
      cmocka_unit_test(test_child_conditions_are_never_listed_for_adults),
      cmocka_unit_test(test_classic_stories_list_their_cause),
      cmocka_unit_test(test_lay_words_find_the_fever_quiz),
      cmocka_unit_test(test_cli_diagnose_carries_the_notice),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
