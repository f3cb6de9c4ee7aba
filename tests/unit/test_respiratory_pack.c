/*
 * test_respiratory_pack.c - the shipped respiratory pack (a cough, a sore
 * throat, a blocked or runny nose) does what a person or a parent would
 * expect: its danger signs (drooling, a harsh noise when breathing in at
 * rest, an asthma attack the reliever does not ease, pauses in a baby's
 * breathing, a sore throat with a locked jaw, sudden breathlessness)
 * end the quiz at emergency or above; a person of 70 with a cough and no
 * thermometer is asked about a fever early, and a felt fever sends them to
 * urgent care; conditions of babies, children or
 * adults are never ranked for the wrong age; a typical croup, strep throat
 * or heart failure interview ranks its condition in the first three; the
 * Short of breath complaint's own danger signs (too breathless to eat or
 * sleep, breathless at rest with asthma, one swollen leg, chest pain after
 * an operation) escalate, and a COPD flare-up and a clot after an operation
 * rank in the first three and reach urgent and emergency care; a smoker
 * over 35 breathless on effort is sent to a GP (COPD); the
 * words people type find the right quiz; and `symcheck diagnose` on the
 * pack says that it is not a diagnosis. The pack-wide checks (every red
 * flag escalates in every complaint, the screen comes first, screen.yaml is
 * identical) run over every pack in test_safety.c and test_screen_load.c.
 */
#define _POSIX_C_SOURCE 200809L
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

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/respiratory"
#define TIMEOUT_MS 20000

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

static symcheck_interview *S_start(void **state, const char *complaint, int age, symcheck_sex sex) {
  return pack_story_start(*state, complaint, age, sex);
}

/* A sore throat with drooling (epiglottitis): an ambulance, asked first
   after the screen. Without it the quiz goes on below emergency. */
static void test_sore_throat_with_drooling_calls_an_ambulance(void **state) {
  symcheck_interview *iv = S_start(state, "sore-throat", 48, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.9", "none");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "drooling");
  pack_story_answer(iv, "drooling", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_interview_free(iv);

  iv = S_start(state, "sore-throat", 48, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "37.5", "none");
  pack_story_answer(iv, "drooling", "no");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* A sore throat that makes it hard to swallow even drinks: an ambulance
   (NHS: call 999 for difficulty swallowing), asked in the complaint's own
   screen right after drooling. Two independent epiglottitis cases were
   sent to self-care before the question existed. */
static void test_sore_throat_too_hard_to_swallow_calls_an_ambulance(void **state) {
  symcheck_interview *iv = S_start(state, "sore-throat", 30, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "drooling", "no");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "cannot_swallow");
  pack_story_answer(iv, "cannot_swallow", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_interview_free(iv);

  iv = S_start(state, "sore-throat", 30, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "drooling", "no");
  pack_story_answer(iv, "cannot_swallow", "no");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A sore throat much worse on one side with trouble opening the mouth
   (quinsy): emergency, and quinsy is the first cause listed. */
static void test_one_sided_sore_throat_with_a_locked_jaw_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, "sore-throat", 27, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "38.7", "none");
  pack_story_answer(iv, "drooling", "no");
  pack_story_answer(iv, "stridor", "no_noise");
  pack_story_answer(iv, "throat_one_side", "yes");
  pack_story_answer(iv, "trismus", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  assert_string_equal(r->conditions[0].condition->id, "quinsy");
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A child with a harsh noise when breathing in even at rest (severe croup)
   gets emergency care; the same noise only when upset does not stop the
   quiz there. */
static void test_stridor_at_rest_in_a_child_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, "cough", 2, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.2", "none");
  pack_story_answer(iv, "stridor", "at_rest");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "cough", 2, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.2", "none");
  pack_story_answer(iv, "stridor", "with_cough");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* An asthma attack the reliever inhaler does not ease: an ambulance; one
   whose relief wears off within 4 hours: at least urgent care. */
static void test_asthma_attack_not_eased_by_the_reliever_calls_an_ambulance(void **state) {
  symcheck_interview *iv = S_start(state, "cough", 9, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  assert_string_equal(symcheck_interview_next(iv)->id, "reliever_response");
  pack_story_answer(iv, "reliever_response", "not_helping");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_interview_free(iv);

  iv = S_start(state, "cough", 30, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "reliever_response", "short_relief");
  assert_true(symcheck_interview_triage(iv).level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* A baby with a cough and pauses in breathing: an ambulance. The question
   is asked of babies only, never of an adult. */
static void test_pauses_in_a_babys_breathing_call_an_ambulance(void **state) {
  symcheck_interview *iv = S_start(state, "cough", 0, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, "3_to_5_months", "37.6", "none");
  pack_story_answer(iv, "reliever_response", "no_inhaler");
  pack_story_answer(iv, "cough_blood", "no");
  pack_story_answer(iv, "stridor", "no_noise");
  pack_story_answer(iv, "breathing_pauses", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_interview_free(iv);

  iv = S_start(state, "cough", 35, SYMCHECK_SEX_FEMALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "breathing_pauses", "yes", &err), -1);
  assert_non_null(strstr(err.message, "breathing_pauses"));
  symcheck_interview_free(iv);
}

/* Sudden breathlessness, and coughing up blood with breathlessness (a
   blood clot in the lung): emergency. */
static void test_sudden_breathlessness_is_an_emergency(void **state) {
  symcheck_interview *iv = S_start(state, "cough", 45, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.3", "none");
  pack_story_answer(iv, "short_of_breath", "yes");
  pack_story_answer(iv, "sudden_breathless", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "cough", 45, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.3", "none");
  pack_story_answer(iv, "cough_blood", "yes");
  pack_story_answer(iv, "short_of_breath", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A person of 70 with a cough and no thermometer (the screen's temperature
   answered "don't know") is asked about a fever within the first five
   questions after the screen; feeling hot and shivery then sends them to
   urgent care at least (NHS Flu: 65 or over with flu symptoms), while the
   same person without a fever is not sent there by these answers. */
static void test_a_felt_fever_with_a_cough_at_70_is_asked_and_escalates(void **state) {
  for (int felt = 1; felt >= 0; felt--) {
    symcheck_interview *iv = S_start(state, "cough", 70, SYMCHECK_SEX_FEMALE);
    pack_story_answer_screen(iv, NULL, "unknown", "none");
    pack_story_answer(iv, "reliever_response", "no_inhaler");
    pack_story_answer(iv, "cough_blood", "no");
    pack_story_answer(iv, "stridor", "no_noise");
    int asked_at = 0;
    for (int q = 1; q <= 5 && asked_at == 0; q++) {
      const symcheck_finding *f = symcheck_interview_next(iv);
      assert_non_null(f);
      if (strcmp(f->id, "feverish") == 0) {
        asked_at = q;
      } else { /* answered as a person with none of it would */
        pack_story_answer(iv, f->id, f->type == SYMCHECK_ANSWER_YES_NO ? "no" : f->options[0].id);
      }
    }
    if (asked_at == 0) {
      fail_msg("feverish not asked in the first 5 questions after the screen");
    }
    pack_story_answer(iv, "feverish", felt ? "yes" : "no");
    symcheck_level level = symcheck_interview_triage(iv).level;
    if (felt) {
      assert_true(level >= SYMCHECK_LEVEL_URGENT_CARE);
    } else {
      assert_true(level < SYMCHECK_LEVEL_URGENT_CARE);
    }
    symcheck_interview_free(iv);
  }
}

/* True when the result for someone of this age, taken right after a
   screen with no danger signs, lists the condition at all. */
static bool S_lists(void **state, const char *complaint, int age, const char *condition) {
  symcheck_interview *iv = S_start(state, complaint, age, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, age == 0 ? "6_to_11_months" : NULL, "unknown", "none");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  bool listed = false;
  for (size_t i = 0; i < r->condition_count; i++) {
    listed = listed || strcmp(r->conditions[i].condition->id, condition) == 0;
  }
  symcheck_result_free(r);
  symcheck_interview_free(iv);
  return listed;
}

/* Bronchiolitis is for babies, croup for children, a COPD flare-up, heart
   failure and lung cancer for adults: none is listed for the wrong age. */
static void test_conditions_are_never_listed_for_the_wrong_age(void **state) {
  assert_true(S_lists(state, "cough", 0, "bronchiolitis"));
  assert_false(S_lists(state, "cough", 5, "bronchiolitis"));
  assert_false(S_lists(state, "cough", 30, "bronchiolitis"));
  assert_true(S_lists(state, "cough", 3, "croup"));
  assert_false(S_lists(state, "cough", 40, "croup"));
  assert_true(S_lists(state, "cough", 70, "copd_flare"));
  assert_false(S_lists(state, "cough", 10, "copd_flare"));
  assert_true(S_lists(state, "cough", 80, "heart_failure"));
  assert_false(S_lists(state, "cough", 8, "heart_failure"));
  assert_false(S_lists(state, "cough", 6, "lung_cancer"));
  assert_false(S_lists(state, "cough", 0, "pulmonary_embolism"));
}

/* Nobody under 12 is asked about smoking; an adult can be. */
static void test_children_are_not_asked_about_smoking(void **state) {
  symcheck_interview *iv = S_start(state, "cough", 10, SYMCHECK_SEX_MALE);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "smoking", "current", &err), -1);
  assert_non_null(strstr(err.message, "smoking"));
  symcheck_interview_free(iv);

  iv = S_start(state, "cough", 50, SYMCHECK_SEX_MALE);
  pack_story_answer(iv, "smoking", "current");
  symcheck_interview_free(iv);
}

/* Typical interviews rank their condition among the first three. */
static void test_typical_interviews_rank_their_condition_in_the_top3(void **state) {
  /* A toddler with a barking cough and a noise only when upset: croup. */
  symcheck_interview *iv = S_start(state, "cough", 2, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "38.1", "none");
  pack_story_answer(iv, "stridor", "with_cough");
  pack_story_answer(iv, "barking_cough", "yes");
  pack_story_answer(iv, "hoarse_voice", "yes");
  pack_story_answer(iv, "duration", "under_3_days");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_true(pack_story_lists_in_top(r, "croup", 3));
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  /* A child with fever, pus on swollen tonsils, sore glands, no cold:
     strep throat. */
  iv = S_start(state, "sore-throat", 8, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "39.1", "none");
  pack_story_answer(iv, "duration", "under_3_days");
  pack_story_answer(iv, "pus_tonsils", "yes");
  pack_story_answer(iv, "swollen_tonsils", "yes");
  pack_story_answer(iv, "swollen_glands", "yes");
  pack_story_answer(iv, "blocked_nose", "no");
  pack_story_answer(iv, "cough", "no");
  r = symcheck_interview_result(iv);
  assert_true(pack_story_lists_in_top(r, "strep_throat", 3));
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  /* An older woman breathless on lying flat, waking up gasping, with
     swollen ankles: heart failure. */
  iv = S_start(state, "cough", 81, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "36.7", "none");
  pack_story_answer(iv, "short_of_breath", "yes");
  pack_story_answer(iv, "sudden_breathless", "no");
  pack_story_answer(iv, "breathless_flat", "yes");
  pack_story_answer(iv, "wake_breathless", "yes");
  pack_story_answer(iv, "swollen_ankles", "yes");
  r = symcheck_interview_result(iv);
  assert_true(pack_story_lists_in_top(r, "heart_failure", 3));
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* Short of breath: each of its own emergency signs ends the quiz at
   emergency or above (too breathless to eat or sleep; breathless at rest
   with asthma; one swollen leg; sharp chest pain on breathing in after an
   operation), while breathlessness only on effort goes on below it. */
static void test_short_of_breath_danger_signs_escalate(void **state) {
  symcheck_interview *iv = S_start(state, "short-of-breath", 34, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.0", "none");
  pack_story_answer(iv, "too_breathless_eat_sleep", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_interview_free(iv);

  iv = S_start(state, "short-of-breath", 19, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "37.0", "none");
  pack_story_answer(iv, "asthma_known", "yes");
  pack_story_answer(iv, "breath_at_rest", "at_rest");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "short-of-breath", 56, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.0", "none");
  pack_story_answer(iv, "leg_swelling_one", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "short-of-breath", 63, SYMCHECK_SEX_MALE);
  pack_story_answer(iv, "screen_emergency", "none");
  pack_story_answer(iv, "temperature", "37.2");
  pack_story_answer(iv, "screen_urgent", "recent_operation");
  pack_story_answer(iv, "chest_pain_breath", "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);

  iv = S_start(state, "short-of-breath", 34, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.0", "none");
  pack_story_answer(iv, "too_breathless_eat_sleep", "no");
  pack_story_answer(iv, "breath_at_rest", "on_effort");
  pack_story_answer(iv, "leg_swelling_one", "no");
  assert_true(symcheck_interview_triage(iv).level < SYMCHECK_LEVEL_EMERGENCY);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* A typical COPD flare-up not eased by the rescue pack, and a clot in the
   lung after an operation, rank their condition in the first three and
   send the person to urgent care and to emergency care. */
static void test_copd_flare_and_clot_stories_rank_and_escalate(void **state) {
  symcheck_interview *iv = S_start(state, "short-of-breath", 71, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "37.4", "none");
  pack_story_answer(iv, "copd_known", "yes");
  pack_story_answer(iv, "rescue_pack", "not_improving");
  pack_story_answer(iv, "sudden_breathless", "no");
  pack_story_answer(iv, "breath_at_rest", "light_activity");
  pack_story_answer(iv, "wheeze", "yes");
  pack_story_answer(iv, "cough", "yes");
  pack_story_answer(iv, "cough_phlegm", "coloured");
  pack_story_answer(iv, "smoking", "former");
  symcheck_result *r = symcheck_interview_result(iv);
  assert_true(pack_story_lists_in_top(r, "copd_flare", 3));
  assert_true(symcheck_interview_triage(iv).level >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_result_free(r);
  symcheck_interview_free(iv);

  iv = S_start(state, "short-of-breath", 52, SYMCHECK_SEX_FEMALE);
  pack_story_answer(iv, "screen_emergency", "none");
  pack_story_answer(iv, "temperature", "37.1");
  pack_story_answer(iv, "screen_urgent", "recent_operation");
  pack_story_answer(iv, "sudden_breathless", "yes");
  pack_story_answer(iv, "immobile", "yes");
  pack_story_answer(iv, "cough", "no");
  pack_story_answer(iv, "wheeze", "no");
  r = symcheck_interview_result(iv);
  assert_true(pack_story_lists_in_top(r, "pulmonary_embolism", 3));
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A long-term smoker of 64 with months of breathlessness on effort and a
   cough, who does not know how long the cough has lasted (undiagnosed
   COPD; NHS COPD: see a GP over 35 if you smoke or used to): a GP visit at
   least, set by a red flag, on either complaint, and the quiz goes on.
   Never having smoked, the same answers fire no red flag. */
static void S_tell_exertional_breathlessness(symcheck_interview *iv, const char *other_symptom,
                                             const char *smoking) {
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, other_symptom, "yes");
  pack_story_answer(iv, "breath_at_rest", "on_effort");
  pack_story_answer(iv, "duration", "unknown");
  pack_story_answer(iv, "smoking", smoking);
}

static void test_a_smoker_over_35_breathless_on_effort_sees_a_gp(void **state) {
  /* Each complaint, and the symptom the complaint itself does not give. */
  static const char *const complaints[] = {"short-of-breath", "cough"};
  static const char *const other_symptom[] = {"cough", "short_of_breath"};
  for (size_t i = 0; i < sizeof complaints / sizeof complaints[0]; i++) {
    symcheck_interview *iv = S_start(state, complaints[i], 64, SYMCHECK_SEX_MALE);
    S_tell_exertional_breathlessness(iv, other_symptom[i], "current");
    symcheck_triage t = symcheck_interview_triage(iv);
    assert_true(t.level >= SYMCHECK_LEVEL_PRIMARY_CARE);
    assert_non_null(t.red_flag);
    assert_false(symcheck_interview_should_stop(iv));
    symcheck_interview_free(iv);

    iv = S_start(state, complaints[i], 64, SYMCHECK_SEX_MALE);
    S_tell_exertional_breathlessness(iv, other_symptom[i], "never");
    assert_null(symcheck_interview_triage(iv).red_flag);
    assert_false(symcheck_interview_should_stop(iv));
    symcheck_interview_free(iv);
  }
}

/* The words people type find the right quiz first, misspellings too. */
static void test_lay_words_find_the_right_quiz(void **state) {
  static const char *const words[][2] = {
      {"kough", "cough"},
      {"chesty cough", "cough"},
      {"croup", "cough"},
      {"sore throut", "sore-throat"},
      {"tonsillitis", "sore-throat"},
      {"strep throat", "sore-throat"},
      {"stuffy nose", "blocked-nose"},
      {"hay fever", "blocked-nose"},
      {"sinus", "blocked-nose"},
      {"breathless", "short-of-breath"},
      {"short of breth", "short-of-breath"},
      {"dyspnoea", "short-of-breath"},
  };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t out[3];
    size_t n = symcheck_pack_search_complaints(*state, words[i][0], out, 3);
    if (n == 0) {
      fail_msg("\"%s\" found nothing", words[i][0]);
    }
    assert_string_equal(symcheck_pack_complaint(*state, out[0])->id, words[i][1]);
  }
}

/* The CLI's diagnose on this pack gives a result that says it is not a
   diagnosis, and an unknown answer is refused in one line. */
static void test_cli_diagnose_says_it_is_not_a_diagnosis(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK_DIR, "--complaint",
                              "sore-throat", "--age", "21", "--sex", "male", "--answer",
                              "screen_emergency=none", "--answer", "temperature=38.9", "--answer",
                              "screen_urgent=none", "--answer", "drooling=yes", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Call an ambulance"));
  assert_non_null(strstr(r.out, "Conditions that could explain your symptoms"));
  assert_non_null(strstr(r.out, "is not a diagnosis"));
  run_result_free(&r);

  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK_DIR, "--complaint", "cough",
                   "--age", "21", "--sex", "male", "--answer", "stridor=loud", NULL);
  assert_int_not_equal(r.exit_code, 0);
  assert_non_null(strstr(r.err, "stridor"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sore_throat_with_drooling_calls_an_ambulance),
      cmocka_unit_test(test_sore_throat_too_hard_to_swallow_calls_an_ambulance),
      cmocka_unit_test(test_one_sided_sore_throat_with_a_locked_jaw_is_an_emergency),
      cmocka_unit_test(test_stridor_at_rest_in_a_child_is_an_emergency),
      cmocka_unit_test(test_asthma_attack_not_eased_by_the_reliever_calls_an_ambulance),
      cmocka_unit_test(test_pauses_in_a_babys_breathing_call_an_ambulance),
      cmocka_unit_test(test_sudden_breathlessness_is_an_emergency),
      cmocka_unit_test(test_a_felt_fever_with_a_cough_at_70_is_asked_and_escalates),
      cmocka_unit_test(test_conditions_are_never_listed_for_the_wrong_age),
      cmocka_unit_test(test_children_are_not_asked_about_smoking),
      cmocka_unit_test(test_typical_interviews_rank_their_condition_in_the_top3),
      cmocka_unit_test(test_short_of_breath_danger_signs_escalate),
      cmocka_unit_test(test_copd_flare_and_clot_stories_rank_and_escalate),
      cmocka_unit_test(test_a_smoker_over_35_breathless_on_effort_sees_a_gp),
      cmocka_unit_test(test_lay_words_find_the_right_quiz),
      cmocka_unit_test(test_cli_diagnose_says_it_is_not_a_diagnosis),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
