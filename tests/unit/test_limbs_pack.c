/*
 * test_limbs_pack.c - the shipped limbs pack (back pain, a swollen or
 * painful leg, joint pain) does what a person would expect: each of its
 * emergency danger signs (squashed nerves at the bottom of the spine, a
 * clot that has reached the lungs, a cold pale leg, a hot joint with a
 * fever, a feverish child who will not stand, a limb out of shape, a sudden
 * severe back pain in an older smoker) ends the quiz at emergency or above;
 * conditions of one age are never ranked for another; typical interviews
 * rank the expected cause in the first three; lay words find the quizzes;
 * and `symcheck diagnose` on the pack prints the not-a-diagnosis notice.
 * The pack-wide checks (every red flag escalates, the screen comes first,
 * screen.yaml is identical) run over every pack in test_safety.c and
 * test_screen_load.c.
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
#include "run_process.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/limbs"
#define TIMEOUT_MS 20000

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

typedef struct S_sign {
  const char *complaint;
  int age;
  symcheck_sex sex;
  const char *answers[3][2]; /* finding, value; NULL-terminated */
  symcheck_level level;
} S_sign;

/* Each emergency sign of the pack, answered after a clean screen, ends the
   quiz at its level or above. */
static void test_each_emergency_sign_escalates(void **state) {
  static const S_sign signs[] = {
      {"backache",
       40,
       SYMCHECK_SEX_FEMALE,
       {{"back_nerve_signs", "saddle_numbness"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"backache",
       40,
       SYMCHECK_SEX_MALE,
       {{"back_nerve_signs", "bladder_trouble"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"backache",
       30,
       SYMCHECK_SEX_MALE,
       {{"back_emergency", "both_legs"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"backache", 58, SYMCHECK_SEX_FEMALE, {{"sudden_severe", "yes"}}, SYMCHECK_LEVEL_EMERGENCY},
      {"backache",
       77,
       SYMCHECK_SEX_MALE,
       {{"smoker", "yes"}, {"sudden_severe", "yes"}},
       SYMCHECK_LEVEL_AMBULANCE},
      {"leg-pain-swelling",
       60,
       SYMCHECK_SEX_MALE,
       {{"leg_clot_danger", "breathless"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"leg-pain-swelling", 79, SYMCHECK_SEX_MALE, {{"cold_leg", "yes"}}, SYMCHECK_LEVEL_EMERGENCY},
      {"leg-pain-swelling",
       79,
       SYMCHECK_SEX_MALE,
       {{"leg_numb_weak", "yes"}, {"cold_leg", "yes"}},
       SYMCHECK_LEVEL_AMBULANCE},
      {"joint-pain",
       81,
       SYMCHECK_SEX_FEMALE,
       {{"feverish", "yes"}, {"hot_swollen_joint", "yes"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"joint-pain",
       4,
       SYMCHECK_SEX_FEMALE,
       {{"feverish", "yes"}, {"bear_weight", "cannot"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"joint-pain",
       30,
       SYMCHECK_SEX_MALE,
       {{"injury", "yes"}, {"bear_weight", "cannot"}},
       SYMCHECK_LEVEL_EMERGENCY},
      {"joint-pain", 76, SYMCHECK_SEX_FEMALE, {{"deformity", "yes"}}, SYMCHECK_LEVEL_EMERGENCY},
  };
  for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
    symcheck_interview *iv =
        pack_story_start(*state, signs[i].complaint, signs[i].age, signs[i].sex);
    pack_story_answer_screen(iv, NULL, "unknown", "none");
    for (size_t a = 0; a < 3 && signs[i].answers[a][0] != NULL; a++) {
      pack_story_answer(iv, signs[i].answers[a][0], signs[i].answers[a][1]);
    }
    pack_story_assert_stops_at_least(iv, signs[i].level);
    symcheck_interview_free(iv);
  }
}

/* The same hot joint without a fever is seen the same day, not sent to an
   emergency department; the same child without a fever too. */
static void test_without_fever_the_same_signs_are_same_day(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "joint-pain", 55, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "37.1", "none");
  pack_story_answer(iv, "feverish", "no");
  pack_story_answer(iv, "hot_swollen_joint", "yes");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "joint-pain", 4, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.0", "none");
  pack_story_answer(iv, "feverish", "no");
  pack_story_answer(iv, "bear_weight", "cannot");
  assert_true(symcheck_interview_triage(iv).level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Sciatica in pregnancy with a foot getting weaker (the independent case
   ind-sciatica-foot-weak-pregnant-32-weeks): the weakness is asked right
   after the leg pain, and a yes is seen the same day (NHS Lothian lumbar
   spine red flags: acute foot drop); a no does not end the quiz there. */
static symcheck_interview *S_sciatica_in_pregnancy(const symcheck_pack *pack) {
  symcheck_interview *iv = pack_story_start(pack, "backache", 33, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "pregnant");
  pack_story_answer(iv, "pregnancy_signs", "none");
  pack_story_answer(iv, "back_emergency", "none");
  pack_story_answer(iv, "back_nerve_signs", "none");
  pack_story_answer(iv, "back_urgent", "none");
  pack_story_answer(iv, "cancer_history", "no");
  pack_story_answer(iv, "injury", "no");
  pack_story_answer(iv, "leg_pain_below_knee", "yes");
  const symcheck_finding *next = symcheck_interview_next(iv);
  assert_non_null(next);
  assert_string_equal(next->id, "leg_weak_worse");
  return iv;
}

static void test_a_foot_getting_weaker_is_seen_the_same_day(void **state) {
  symcheck_interview *iv = S_sciatica_in_pregnancy(*state);
  pack_story_answer(iv, "leg_weak_worse", "yes");
  pack_story_answer(iv, "leg_numbness", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_sciatica_in_pregnancy(*state);
  pack_story_answer(iv, "leg_weak_worse", "no");
  pack_story_answer(iv, "leg_numbness", "yes");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  assert_non_null(symcheck_interview_next(iv));
  symcheck_interview_free(iv);
}

/* Irritable hip is a child's condition; osteoarthritis, gout and an aortic
   aneurysm are not: none is ever listed for the wrong age. */
static void test_age_restricted_conditions_stay_in_their_ages(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "joint-pain", 40, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "joint_where", "hip");
  assert_int_equal(pack_story_rank(iv, "transient_synovitis"), -1);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "joint-pain", 6, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "joint_where", "big_toe");
  pack_story_answer(iv, "onset", "gradual");
  assert_int_equal(pack_story_rank(iv, "osteoarthritis"), -1);
  assert_int_equal(pack_story_rank(iv, "gout"), -1);
  assert_true(pack_story_rank(iv, "transient_synovitis") >= 0);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "backache", 30, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  assert_int_equal(pack_story_rank(iv, "aaa"), -1);
  /* the aneurysm question is not asked under 50 either */
  symcheck_error err = {0};
  assert_int_not_equal(symcheck_interview_answer(iv, "sudden_severe", "yes", &err), 0);
  symcheck_interview_free(iv);
}

/* Typical interviews rank the expected cause in the first three. */
static void test_typical_interviews_rank_the_expected_cause(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "joint-pain", 55, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "37.2", "none");
  pack_story_answer(iv, "hot_swollen_joint", "yes");
  pack_story_answer(iv, "joint_where", "big_toe");
  pack_story_answer(iv, "attacks_before", "yes");
  pack_story_answer(iv, "onset", "hours");
  int rank = pack_story_rank(iv, "gout");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "leg-pain-swelling", 34, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "leg_signs", "one_leg_swollen,calf_pain");
  pack_story_answer(iv, "clot_risk", "long_journey,hormones");
  rank = pack_story_rank(iv, "dvt");
  assert_true(rank >= 0 && rank < 3);
  assert_true(symcheck_interview_triage(iv).level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "backache", 45, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "back_emergency", "none");
  pack_story_answer(iv, "back_nerve_signs", "none");
  pack_story_answer(iv, "back_urgent", "none");
  pack_story_answer(iv, "leg_pain_below_knee", "yes");
  pack_story_answer(iv, "leg_numbness", "yes");
  rank = pack_story_rank(iv, "sciatica");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);
}

/* The words people type find the three quizzes first. */
static void test_lay_words_find_the_quizzes(void **state) {
  static const char *const words[][2] = {
      {"back pain", "backache"},    {"lumbago", "backache"},
      {"sciatica", "backache"},     {"swollen leg", "leg-pain-swelling"},
      {"dvt", "leg-pain-swelling"}, {"calf pain", "leg-pain-swelling"},
      {"gout", "joint-pain"},       {"knee pain", "joint-pain"},
      {"arthritus", "joint-pain"},
  };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    pack_story_assert_search_finds(*state, words[i][0], words[i][1]);
  }
}

/* `symcheck diagnose` on the pack gives a result that carries the notice. */
static void test_cli_result_carries_the_notice(void **state) {
  (void)state;
  static const char *const answers[] = {"screen_emergency=none", "temperature=unknown",
                                        "screen_urgent=none", "cold_leg=yes", NULL};
  const pack_story_diagnosis d = {.pack_dir = "packs/limbs",
                                  .complaint = "leg-pain-swelling",
                                  .age = "79",
                                  .sex = "male",
                                  .answers = answers,
                                  .timeout_ms = TIMEOUT_MS};
  run_result r = pack_story_run_diagnose(&d, "symcheck is not a diagnosis.");
  assert_non_null(strstr(r.out, "Blocked artery in the leg"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_emergency_sign_escalates),
      cmocka_unit_test(test_without_fever_the_same_signs_are_same_day),
      cmocka_unit_test(test_a_foot_getting_weaker_is_seen_the_same_day),
      cmocka_unit_test(test_age_restricted_conditions_stay_in_their_ages),
      cmocka_unit_test(test_typical_interviews_rank_the_expected_cause),
      cmocka_unit_test(test_lay_words_find_the_quizzes),
      cmocka_unit_test(test_cli_result_carries_the_notice),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
