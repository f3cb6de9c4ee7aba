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

#include "pack_story.h"
#include "run_process.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/skin"
#define TIMEOUT_MS 10000

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

/* Skin blistering and peeling away is the first question of a rash after
   the screen, and "yes" ends the quiz at emergency or above. */
static void test_peeling_skin_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 30, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "skin_peeling");
  pack_story_answer(iv, "skin_peeling", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* "No" does not stop the quiz: the engine goes on to the rash itself. */
  iv = pack_story_start(*state, "rash", 30, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  assert_false(symcheck_interview_should_stop(iv));
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* The independent case ind-necrotising-fasciitis-woman-48: a woman with
   diabetes whose arm is swollen and very painful, with a blister. The NHS
   sends a blister on a red or swollen area of skin to 999 or A&E; the
   red-skin screen asks it before anything else about the skin. */
static void test_a_blister_on_swollen_skin_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "red-skin", 48, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "recent_antibiotics");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "pain_out_of_proportion", "no");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "swollen_blister");
  pack_story_answer(iv, "swollen_blister", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* "No" does not stop the quiz there: it goes on to the skin itself. */
  iv = pack_story_start(*state, "red-skin", 48, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "recent_antibiotics");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "pain_out_of_proportion", "no");
  pack_story_answer(iv, "swollen_blister", "no");
  assert_false(symcheck_interview_should_stop(iv));
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* The independent case ind-eczema-herpeticum-baby-4-months: a baby whose
   eczema suddenly gets much worse with blisters. Suspected eczema
   herpeticum needs same-day care (NICE QS44); the question follows the
   blisters at once. */
static void test_eczema_suddenly_worse_with_blisters_is_urgent(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 0, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, "3_to_5_months", "unknown", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "rash_look", "blisters");
  pack_story_answer(iv, "rash_near_eye", "no");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "eczema_worse");
  pack_story_answer(iv, "eczema_worse", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  /* "No" does not stop the quiz, nor raise the level by itself. */
  iv = pack_story_start(*state, "rash", 0, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, "3_to_5_months", "unknown", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "rash_look", "blisters");
  pack_story_answer(iv, "rash_near_eye", "no");
  pack_story_answer(iv, "eczema_worse", "no");
  assert_false(symcheck_interview_should_stop(iv));
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* The same baby as told in ind-eczema-herpeticum-baby-4-months: new small
   blisters on a rash he has had on and off before, the eczema not said to
   be suddenly worse. Eczema herpeticum can start without a flare, so the
   blisters on a child's recurring rash are same-day care (NICE QS44); a
   first rash, or an adult's, is not raised by this flag. */
static void S_blisters_on_recurring_rash(symcheck_interview *iv, int age, const char *recurring) {
  pack_story_answer_screen(iv, age == 0 ? "3_to_5_months" : NULL, "unknown", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "rash_look", "blisters");
  pack_story_answer(iv, "rash_near_eye", "no");
  pack_story_answer(iv, "eczema_worse", "no");
  pack_story_answer(iv, "location", "outer_joints_scalp");
  pack_story_answer(iv, "dry_skin", "yes");
  pack_story_answer(iv, "recurring", recurring);
}

static void test_blisters_on_a_childs_recurring_rash_are_urgent(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 0, SYMCHECK_SEX_MALE);
  S_blisters_on_recurring_rash(iv, 0, "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 0, SYMCHECK_SEX_MALE);
  S_blisters_on_recurring_rash(iv, 0, "no");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 30, SYMCHECK_SEX_MALE);
  S_blisters_on_recurring_rash(iv, 30, "yes");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
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
    symcheck_interview *iv = pack_story_start(*state, "rash", people[i].age, SYMCHECK_SEX_FEMALE);
    pack_story_answer_screen(iv, people[i].age == 0 ? "6_to_11_months" : NULL, "unknown", "none");
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
    symcheck_interview *iv = pack_story_start(*state, "red-skin", 55, SYMCHECK_SEX_MALE);
    pack_story_answer_screen(iv, NULL, "unknown", "none");
    pack_story_answer(iv, signs[i], "yes");
    pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
    symcheck_interview_free(iv);
  }

  symcheck_interview *iv = pack_story_start(*state, "red-skin", 70, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "spreading", "yes");
  pack_story_answer(iv, "very_unwell", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  /* Spreading with a fever but not very unwell: seen today, not A&E. */
  iv = pack_story_start(*state, "red-skin", 70, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "38.4", "none");
  pack_story_answer(iv, "spreading", "yes");
  pack_story_answer(iv, "feverish", "yes");
  pack_story_answer(iv, "very_unwell", "no");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Mouth sores with a rash weeks after a new medicine: Stevens-Johnson
   syndrome until proven otherwise. Mouth sores alone (hand, foot and mouth
   disease in a toddler) are not an emergency. */
static void test_mouth_sores_after_a_new_medicine_is_an_emergency(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 30, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "new_medicine", "yes");
  pack_story_answer(iv, "mouth_sores", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 1, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.1", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "new_medicine", "no");
  pack_story_answer(iv, "mouth_sores", "yes");
  pack_story_answer(iv, "location", "hands_feet");
  pack_story_answer(iv, "rash_look", "small_spots");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(pack_story_rank(iv, "hand_foot_mouth"), 0);
  symcheck_interview_free(iv);
}

/* Contact with chickenpox raises the level for a pregnant woman and for a
   baby under 3 months; a man of the same age, who is never asked about
   pregnancy, gets no such flag. */
static void test_chickenpox_contact_matters_in_pregnancy_and_babies(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 29, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "pregnant");
  pack_story_answer(iv, "pregnancy_signs", "none");
  pack_story_answer(iv, "chickenpox_contact", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 0, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, "under_3_months", "37.2", "none");
  pack_story_answer(iv, "chickenpox_contact", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 29, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  symcheck_error err = {0};
  assert_int_not_equal(symcheck_interview_answer(iv, "screen_urgent", "pregnant", &err), 0);
  pack_story_answer(iv, "chickenpox_contact", "yes");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Shingles near the eye needs seeing today; a band of blisters on the
   chest in an older woman ranks shingles first. */
static void test_shingles_is_recognised_and_near_the_eye_is_urgent(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 72, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "rash_look", "blisters");
  pack_story_answer(iv, "rash_near_eye", "no");
  pack_story_answer(iv, "location", "band_one_side");
  pack_story_answer(iv, "tingling_first", "yes");
  pack_story_answer(iv, "pain", "yes");
  assert_int_equal(pack_story_rank(iv, "shingles"), 0);
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 78, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "rash_look", "blisters");
  pack_story_answer(iv, "rash_near_eye", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* Typical stories rank the expected cause among the first three. */
static void test_typical_stories_rank_the_cause_in_the_top_three(void **state) {
  /* Scabies: itchy spots between the fingers, worse at night, a flatmate
     itchy too. */
  symcheck_interview *iv = pack_story_start(*state, "itchy-skin", 20, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "rash_look", "small_spots");
  pack_story_answer(iv, "location", "hands_feet");
  pack_story_answer(iv, "itch_night", "yes");
  pack_story_answer(iv, "contact_rash", "yes");
  int rank = pack_story_rank(iv, "scabies");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);

  /* Cellulitis: one red, hot, painful, spreading leg after a crack in the
     skin, with a fever. */
  iv = pack_story_start(*state, "red-skin", 68, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "38.2", "none");
  pack_story_answer(iv, "skin_peeling", "no");
  pack_story_answer(iv, "pain_out_of_proportion", "no");
  pack_story_answer(iv, "eye_swelling", "no");
  pack_story_answer(iv, "pain", "yes");
  pack_story_answer(iv, "warm", "yes");
  pack_story_answer(iv, "spreading", "yes");
  pack_story_answer(iv, "skin_break", "yes");
  pack_story_answer(iv, "location", "one_limb");
  rank = pack_story_rank(iv, "cellulitis");
  assert_true(rank >= 0 && rank < 3);
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  /* Lyme disease: a growing ring two weeks after a tick bite. */
  iv = pack_story_start(*state, "rash", 45, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "rash_look", "ring");
  pack_story_answer(iv, "spreading", "yes");
  pack_story_answer(iv, "tick_bite", "yes");
  pack_story_answer(iv, "itch", "no");
  rank = pack_story_rank(iv, "lyme_disease");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);
}

/* Rocky Mountain spotted fever is found only in the Americas: a tick bite
   there raises the level, and without travel there it is not listed high. */
static void test_spotted_fever_needs_the_americas(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "rash", 7, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "39.8", "none");
  pack_story_answer(iv, "tick_bite", "yes");
  pack_story_answer(iv, "americas", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = pack_story_start(*state, "rash", 7, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "39.8", "none");
  pack_story_answer(iv, "rash_look", "small_spots");
  pack_story_answer(iv, "americas", "no");
  int rank = pack_story_rank(iv, "rocky_mountain_spotted_fever");
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
    pack_story_assert_search_finds(*state, cases[i].words, cases[i].complaint);
  }
}

/* `symcheck diagnose` on the skin pack, end to end: a story of scabies
   gives a result that names it and says it is not a diagnosis. */
static void test_cli_diagnose_says_it_is_not_a_diagnosis(void **state) {
  (void)state;
  static const char *const answers[] = {"screen_emergency=none", "temperature=unknown",
                                        "screen_urgent=none",    "rash_look=small_spots",
                                        "location=hands_feet",   "itch_night=yes",
                                        "contact_rash=yes",      "duration=under_4_weeks",
                                        "dry_skin=no",           NULL};
  const pack_story_diagnosis d = {.pack_dir = PACK_DIR,
                                  .complaint = "itchy-skin",
                                  .age = "20",
                                  .sex = "female",
                                  .answers = answers,
                                  .json = true,
                                  .timeout_ms = TIMEOUT_MS};
  run_result r = pack_story_run_diagnose(&d, "not a diagnosis");
  assert_non_null(strstr(r.out, "\"scabies\""));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_peeling_skin_is_an_emergency),
      cmocka_unit_test(test_questions_speak_to_a_parent),
      cmocka_unit_test(test_red_skin_danger_signs_are_emergencies),
      cmocka_unit_test(test_a_blister_on_swollen_skin_is_an_emergency),
      cmocka_unit_test(test_eczema_suddenly_worse_with_blisters_is_urgent),
      cmocka_unit_test(test_blisters_on_a_childs_recurring_rash_are_urgent),
      cmocka_unit_test(test_mouth_sores_after_a_new_medicine_is_an_emergency),
      cmocka_unit_test(test_chickenpox_contact_matters_in_pregnancy_and_babies),
      cmocka_unit_test(test_shingles_is_recognised_and_near_the_eye_is_urgent),
      cmocka_unit_test(test_typical_stories_rank_the_cause_in_the_top_three),
      cmocka_unit_test(test_spotted_fever_needs_the_americas),
      cmocka_unit_test(test_lay_words_find_the_skin_quizzes),
      cmocka_unit_test(test_cli_diagnose_says_it_is_not_a_diagnosis),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
