/*
 * test_skin_pack.c - the shipped skin pack does what a person with a rash,
 * an itch or red, swollen skin would expect: each of its emergency danger
 * signs (skin peeling away, pain far worse than the skin looks, a swollen
 * eyelid, spreading redness while very unwell, mouth sores after a new
 * medicine) ends the quiz at emergency or above; a parent is asked about
 * "your baby" or "your child"; chickenpox contact raises the level for a
 * pregnant woman or a young baby but not for a man; typical
 * stories rank the expected cause in the first three; the words people type
 * find the skin quizzes; and `symcheck diagnose` on the pack carries the
 * not-a-diagnosis notice. The pack-wide checks (every red flag escalates,
 * the screen comes first, screen.yaml is identical) run over every pack in
 * test_safety.c and test_screen_load.c.
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

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/skin"
#define TIMEOUT_MS 10000

static int S_setup(void **state) {
  symcheck_pack *pack = symcheck_pack_load(PACK_DIR, NULL);
  *state = pack;
  return pack != NULL ? 0 : -1;
}

static int S_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

static symcheck_interview *S_start(void **state, const char *complaint, int age, symcheck_sex sex) {
  symcheck_profile profile = {.age = age, .sex = sex};
  symcheck_interview *iv = symcheck_interview_new(*state, complaint, &profile, NULL);
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
   except for the urgent items given. */
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

/* The rank (0 first) of `condition` in the interview's result, or -1. */
static int S_rank(symcheck_interview *iv, const char *condition) {
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  int rank = -1;
  for (size_t i = 0; i < r->condition_count && rank < 0; i++) {
    if (strcmp(r->conditions[i].condition->id, condition) == 0) {
      rank = (int)i;
    }
  }
  symcheck_result_free(r);
  return rank;
}

/* Skin blistering and peeling away is the first question of a rash after
   the screen, and "yes" ends the quiz at emergency or above. */
static void test_peeling_skin_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, "rash", 30, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "skin_peeling");
  S_answer(iv, "skin_peeling", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* "No" does not stop the quiz: the engine goes on to the rash itself. */
  iv = S_start(state, "rash", 30, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "skin_peeling", "no");
  assert_false(symcheck_interview_should_stop(iv));
  assert_true(S_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A parent is asked about "your baby" or "your child", an adult about
   themselves, in the rash's first question after the screen. */
static void test_questions_speak_to_a_parent(void **state) {
  static const struct {
    int age;
    const char *words;
  } people[] = {{0, "your baby's skin"}, {4, "your child's skin"}, {40, "Is the skin"}};
  for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
    symcheck_interview *iv = S_start(state, "rash", people[i].age, SYMCHECK_SEX_FEMALE);
    S_answer(iv, "screen_emergency", "none");
    if (people[i].age == 0) {
      S_answer(iv, "baby_age", "6_to_11_months");
    }
    S_answer(iv, "temperature", "unknown");
    S_answer(iv, "screen_urgent", "none");
    const symcheck_finding *f = symcheck_interview_next(iv);
    assert_non_null(f);
    char buf[512];
    const char *q = symcheck_finding_question_for(f, people[i].age, buf, sizeof buf);
    if (strstr(q, people[i].words) == NULL) {
      fail_msg("age %d: \"%s\" does not say \"%s\"", people[i].age, q, people[i].words);
    }
    symcheck_interview_free(iv);
  }
}

/* Red, swollen skin: pain far worse than it looks (necrotising fasciitis)
   and a swollen eyelid (periorbital cellulitis) each end the quiz at
   emergency; so does spreading redness in someone who feels very unwell. */
static void test_red_skin_danger_signs_are_emergencies(void **state) {
  static const char *const signs[] = {"pain_out_of_proportion", "eye_swelling"};
  for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
    symcheck_interview *iv = S_start(state, "red-skin", 55, SYMCHECK_SEX_MALE);
    S_screen(iv, "none", "unknown");
    S_answer(iv, signs[i], "yes");
    S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
    symcheck_interview_free(iv);
  }

  symcheck_interview *iv = S_start(state, "red-skin", 70, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "spreading", "yes");
  S_answer(iv, "very_unwell", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* Spreading with a fever but not very unwell: seen today, not A&E. */
  iv = S_start(state, "red-skin", 70, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.4");
  S_answer(iv, "spreading", "yes");
  S_answer(iv, "feverish", "yes");
  S_answer(iv, "very_unwell", "no");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Mouth sores with a rash weeks after a new medicine: Stevens-Johnson
   syndrome until proven otherwise. Mouth sores alone (hand, foot and mouth
   disease in a toddler) are not an emergency. */
static void test_mouth_sores_after_a_new_medicine_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, "rash", 30, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "new_medicine", "yes");
  S_answer(iv, "mouth_sores", "yes");
  S_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "rash", 1, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "38.1");
  S_answer(iv, "skin_peeling", "no");
  S_answer(iv, "new_medicine", "no");
  S_answer(iv, "mouth_sores", "yes");
  S_answer(iv, "location", "hands_feet");
  S_answer(iv, "rash_look", "small_spots");
  assert_true(S_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(S_rank(iv, "hand_foot_mouth"), 0);
  symcheck_interview_free(iv);
}

/* Contact with chickenpox raises the level for a pregnant woman and for a
   baby under 3 months; a man of the same age, who is never asked about
   pregnancy, gets no such flag. */
static void test_chickenpox_contact_matters_in_pregnancy_and_babies(void **state) {
  symcheck_interview *iv = S_start(state, "rash", 29, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "pregnant", "unknown");
  S_answer(iv, "pregnancy_signs", "none");
  S_answer(iv, "chickenpox_contact", "yes");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_start(state, "rash", 0, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "screen_emergency", "none");
  S_answer(iv, "baby_age", "under_3_months");
  S_answer(iv, "temperature", "37.2");
  S_answer(iv, "screen_urgent", "none");
  S_answer(iv, "chickenpox_contact", "yes");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_start(state, "rash", 29, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "unknown");
  symcheck_error err = {0};
  assert_int_not_equal(symcheck_interview_answer(iv, "screen_urgent", "pregnant", &err), 0);
  S_answer(iv, "chickenpox_contact", "yes");
  assert_true(S_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Shingles near the eye needs seeing today; a band of blisters on the
   chest in an older woman ranks shingles first. */
static void test_shingles_is_recognised_and_near_the_eye_is_urgent(void **state) {
  symcheck_interview *iv = S_start(state, "rash", 72, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "skin_peeling", "no");
  S_answer(iv, "rash_look", "blisters");
  S_answer(iv, "rash_near_eye", "no");
  S_answer(iv, "location", "band_one_side");
  S_answer(iv, "tingling_first", "yes");
  S_answer(iv, "pain", "yes");
  assert_int_equal(S_rank(iv, "shingles"), 0);
  assert_true(S_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_start(state, "rash", 78, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "rash_look", "blisters");
  S_answer(iv, "rash_near_eye", "yes");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Typical stories rank the expected cause among the first three. */
static void test_typical_stories_rank_the_cause_in_the_top_three(void **state) {
  /* Scabies: itchy spots between the fingers, worse at night, a flatmate
     itchy too. */
  symcheck_interview *iv = S_start(state, "itchy-skin", 20, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "rash_look", "small_spots");
  S_answer(iv, "location", "hands_feet");
  S_answer(iv, "itch_night", "yes");
  S_answer(iv, "contact_rash", "yes");
  int rank = S_rank(iv, "scabies");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);

  /* Cellulitis: one red, hot, painful, spreading leg after a crack in the
     skin, with a fever. */
  iv = S_start(state, "red-skin", 68, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "38.2");
  S_answer(iv, "skin_peeling", "no");
  S_answer(iv, "pain_out_of_proportion", "no");
  S_answer(iv, "eye_swelling", "no");
  S_answer(iv, "pain", "yes");
  S_answer(iv, "warm", "yes");
  S_answer(iv, "spreading", "yes");
  S_answer(iv, "skin_break", "yes");
  S_answer(iv, "location", "one_limb");
  rank = S_rank(iv, "cellulitis");
  assert_true(rank >= 0 && rank < 3);
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  /* Lyme disease: a growing ring two weeks after a tick bite. */
  iv = S_start(state, "rash", 45, SYMCHECK_SEX_MALE);
  S_screen(iv, "none", "unknown");
  S_answer(iv, "rash_look", "ring");
  S_answer(iv, "spreading", "yes");
  S_answer(iv, "tick_bite", "yes");
  S_answer(iv, "itch", "no");
  rank = S_rank(iv, "lyme_disease");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);
}

/* Rocky Mountain spotted fever is found only in the Americas: a tick bite
   there raises the level, and without travel there it is not listed high. */
static void test_spotted_fever_needs_the_americas(void **state) {
  symcheck_interview *iv = S_start(state, "rash", 7, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "39.8");
  S_answer(iv, "tick_bite", "yes");
  S_answer(iv, "americas", "yes");
  assert_true(S_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_start(state, "rash", 7, SYMCHECK_SEX_FEMALE);
  S_screen(iv, "none", "39.8");
  S_answer(iv, "rash_look", "small_spots");
  S_answer(iv, "americas", "no");
  int rank = S_rank(iv, "rocky_mountain_spotted_fever");
  assert_true(rank < 0 || rank >= 3);
  symcheck_interview_free(iv);
}

/* The words people type find the right skin quiz first. */
static void test_lay_words_find_the_skin_quizzes(void **state) {
  static const struct {
    const char *words;
    const char *complaint;
  } cases[] = {{"rash", "rash"},           {"rassh", "rash"},        {"spots", "rash"},
               {"hives", "rash"},          {"itchy", "itchy-skin"},  {"itchey", "itchy-skin"},
               {"pruritus", "itchy-skin"}, {"red skin", "red-skin"}, {"swollen skin", "red-skin"},
               {"cellulitis", "red-skin"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t out[3];
    size_t n = symcheck_pack_search_complaints(*state, cases[i].words, out, 3);
    if (n == 0) {
      fail_msg("\"%s\" found nothing", cases[i].words);
    }
    assert_string_equal(symcheck_pack_complaint(*state, out[0])->id, cases[i].complaint);
  }
}

/* `symcheck diagnose` on the skin pack, end to end: a story of scabies
   gives a result that names it and says it is not a diagnosis. */
static void test_cli_diagnose_says_it_is_not_a_diagnosis(void **state) {
  (void)state;
  run_result r = run_symcheck(
      TIMEOUT_MS, NULL, "diagnose", "--pack", PACK_DIR, "--complaint", "itchy-skin", "--age", "20",
      "--sex", "female", "--answer", "screen_emergency=none", "--answer", "temperature=unknown",
      "--answer", "screen_urgent=none", "--answer", "rash_look=small_spots", "--answer",
      "location=hands_feet", "--answer", "itch_night=yes", "--answer", "contact_rash=yes",
      "--answer", "duration=under_4_weeks", "--answer", "dry_skin=no", "--json", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "\"scabies\""));
  assert_non_null(strstr(r.out, "not a diagnosis"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_peeling_skin_is_an_emergency),
      cmocka_unit_test(test_questions_speak_to_a_parent),
      cmocka_unit_test(test_red_skin_danger_signs_are_emergencies),
      cmocka_unit_test(test_mouth_sores_after_a_new_medicine_is_an_emergency),
      cmocka_unit_test(test_chickenpox_contact_matters_in_pregnancy_and_babies),
      cmocka_unit_test(test_shingles_is_recognised_and_near_the_eye_is_urgent),
      cmocka_unit_test(test_typical_stories_rank_the_cause_in_the_top_three),
      cmocka_unit_test(test_spotted_fever_needs_the_americas),
      cmocka_unit_test(test_lay_words_find_the_skin_quizzes),
      cmocka_unit_test(test_cli_diagnose_says_it_is_not_a_diagnosis),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
