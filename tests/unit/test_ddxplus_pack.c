/*
 * test_ddxplus_pack.c - the committed DDXPlus pack told a published story
 * (issue 9): a woman of 67 with COPD, three days more breathless, more
 * cough with green phlegm and a low fever, who reaches the DDXPlus
 * "Feeling short of breath" complaint, is asked about COPD first after the
 * universal screen and sent at least to urgent care (NHS: contact 111 when
 * more short of breath than usual), by the COPD red flag; without COPD that
 * flag does not fire. Each interview runs to its end as the vignette replay
 * does. And a baby of 7 months at a nursery with a runny nose, cough,
 * a slight wheeze and 37.8, after contact with someone ill, whose cough
 * complaint lists bronchiolitis first (the overlay's likelihoods of those
 * two antecedents) and so is seen by a doctor.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pack_story.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/ddxplus"

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

/* The answer the story gives to finding f: "yes" to COPD when `copd` and to
   each of her symptoms and her smoking; otherwise "no" (yes/no), "none"
   (several of several) or "unknown", as the vignette replay answers. */
static const char *S_answer(const symcheck_finding *f, bool copd) {
  static const char *const story[] = {"e_201", "e_77", "e_91", "e_32", "e_161", "e_79"};
  for (size_t i = 0; i < sizeof story / sizeof *story; i++) {
    if (strcmp(f->id, story[i]) == 0) {
      return "yes";
    }
  }
  if (strcmp(f->id, "e_123") == 0) {
    return copd ? "yes" : "no";
  }
  return f->type == SYMCHECK_ANSWER_YES_NO  ? "no"
         : f->type == SYMCHECK_ANSWER_MULTI ? "none"
                                            : "unknown";
}

/* The breathlessness complaint (e-66) of a woman of 67 told to the end:
   the universal screen (no emergency sign, 37.7 measured, no urgent sign),
   COPD asked first after it, then every question the quiz asks. Returns
   the final level; *copd_flag says whether the COPD red flag fired. */
static symcheck_level S_breathless_woman(void **state, bool copd, bool *copd_flag) {
  symcheck_interview *iv = pack_story_start(*state, "e-66", 67, SYMCHECK_SEX_FEMALE);
  pack_story_answer_screen(iv, NULL, "37.7", "none");
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "e_123");
  for (int asked = 0; f != NULL && !symcheck_interview_should_stop(iv) && asked < 60; asked++) {
    pack_story_answer(iv, f->id, S_answer(f, copd));
    f = symcheck_interview_next(iv);
  }
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  symcheck_level level = r->triage.level;
  const symcheck_red_flag *rf = r->triage.red_flag;
  *copd_flag = rf != NULL && strcmp(rf->finding->id, "e_123") == 0;
  symcheck_result_free(r);
  symcheck_interview_free(iv);
  return level;
}

/* With COPD her breathlessness sends her at least to urgent care (NHS:
   contact 111 when more short of breath than usual). */
static void test_copd_with_worse_breathlessness_reaches_urgent_care(void **state) {
  bool copd_flag = false;
  assert_true(S_breathless_woman(state, true, &copd_flag) >= SYMCHECK_LEVEL_URGENT_CARE);
  assert_true(copd_flag);
}

/* Without COPD the COPD flag does not fire (whatever else sets the level). */
static void test_no_copd_does_not_fire_the_copd_flag(void **state) {
  bool copd_flag = true;
  (void)S_breathless_woman(state, false, &copd_flag);
  assert_false(copd_flag);
}

/* The answer of the baby's story to finding f: "yes" to a fever felt, a
   runny nose, a wheeze, an ill contact and a nursery; otherwise as the
   replay answers an unlisted question. */
static const char *S_baby_answer(const symcheck_finding *f) {
  static const char *const story[] = {"e_91", "e_181", "e_214", "e_41", "e_49"};
  for (size_t i = 0; i < sizeof story / sizeof *story; i++) {
    if (strcmp(f->id, story[i]) == 0) {
      return "yes";
    }
  }
  return f->type == SYMCHECK_ANSWER_YES_NO  ? "no"
         : f->type == SYMCHECK_ANSWER_MULTI ? "none"
                                            : "unknown";
}

/* A baby boy of 7 months with a cough (e-201), told to the end: DDXPlus
   lists neither an ill contact nor a nursery for bronchiolitis, and the
   overlay's estimates keep it first, so the level is at least a GP's
   (vignette bronchiolitis-mild-baby; before, a cold at self-care). */
static void test_baby_with_a_wheezy_cold_at_a_nursery_could_have_bronchiolitis(void **state) {
  symcheck_interview *iv = pack_story_start(*state, "e-201", 0, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, "6_to_11_months", "37.8", "none");
  const symcheck_finding *f = symcheck_interview_next(iv);
  for (int asked = 0; f != NULL && !symcheck_interview_should_stop(iv) && asked < 60; asked++) {
    pack_story_answer(iv, f->id, S_baby_answer(f));
    f = symcheck_interview_next(iv);
  }
  assert_int_equal(pack_story_rank(iv, "bronchiolitis"), 0);
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_PRIMARY_CARE);
  symcheck_interview_free(iv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_copd_with_worse_breathlessness_reaches_urgent_care),
      cmocka_unit_test(test_no_copd_does_not_fire_the_copd_flag),
      cmocka_unit_test(test_baby_with_a_wheezy_cold_at_a_nursery_could_have_bronchiolitis),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
