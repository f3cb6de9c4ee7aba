/*
 * test_general_complaints.c - the triage-only homes the general pack gives
 * symptoms whose usual causes no condition pack models (vaginal discharge,
 * mouth ulcers, swollen glands; sudden confusion, a fit or stroke signs)
 * behave as a person would expect: each danger sign the NHS page on that
 * symptom names reaches its level, a person with none of them is not sent
 * anywhere, the emergencies of the universal screen still call 999 from
 * them, lay words find them, and the DDXPlus entries they replace (which
 * ranked chest and nerve diseases for vaginal discharge) are off its lists
 * but still run by id.
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

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/general"
#define DDXPLUS_DIR SYMCHECK_SOURCE_DIR "/packs/ddxplus"
#define TIMEOUT_MS 20000

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

typedef struct S_sign {
  const char *complaint;
  int age;
  symcheck_sex sex;
  const char *finding, *value;
  symcheck_level level;
} S_sign;

/* Each danger sign of the new complaints, answered after a clean screen,
   sets at least its level, and exactly that level when nothing else is
   said (a higher one would be over-triage the page does not advise). */
static void test_each_sign_sets_its_level(void **state) {
  static const S_sign signs[] = {
      {"vaginal-discharge", 30, SYMCHECK_SEX_FEMALE, "discharge_signs", "itchy_or_sore",
       SYMCHECK_LEVEL_PRIMARY_CARE},
      {"vaginal-discharge", 24, SYMCHECK_SEX_FEMALE, "discharge_signs", "bleeding_between",
       SYMCHECK_LEVEL_PRIMARY_CARE},
      {"mouth-ulcers", 61, SYMCHECK_SEX_MALE, "ulcer_signs", "over_3_weeks",
       SYMCHECK_LEVEL_PRIMARY_CARE},
      {"mouth-ulcers", 35, SYMCHECK_SEX_FEMALE, "ulcer_signs", "ulcers_elsewhere",
       SYMCHECK_LEVEL_PRIMARY_CARE},
      {"swollen-glands", 19, SYMCHECK_SEX_MALE, "gland_signs", "hard_to_swallow_breathe",
       SYMCHECK_LEVEL_URGENT_CARE},
      {"swollen-glands", 52, SYMCHECK_SEX_FEMALE, "gland_signs", "hard_fixed",
       SYMCHECK_LEVEL_PRIMARY_CARE},
  };
  for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
    symcheck_interview *iv =
        pack_story_start(*state, signs[i].complaint, signs[i].age, signs[i].sex);
    pack_story_answer_screen(iv, NULL, "unknown", "none");
    pack_story_answer(iv, signs[i].finding, signs[i].value);
    pack_story_answer(iv, "how_long", "2_days_to_1_week");
    pack_story_answer(iv, "getting_worse", "same");
    assert_int_equal(symcheck_interview_triage(iv).level, signs[i].level);
    symcheck_interview_free(iv);
  }
}

/* A short, settling problem with none of the signs is looked after at
   home, with no list of causes; the same problem for 3 weeks or more goes
   to a GP. */
static void test_no_sign_is_self_care_until_it_lasts(void **state) {
  static const char *const complaints[][2] = {
      {"vaginal-discharge", "discharge_signs"},
      {"mouth-ulcers", "ulcer_signs"},
      {"swollen-glands", "gland_signs"},
  };
  for (size_t i = 0; i < sizeof complaints / sizeof *complaints; i++) {
    for (int long_ago = 0; long_ago < 2; long_ago++) {
      symcheck_interview *iv = pack_story_start(*state, complaints[i][0], 28, SYMCHECK_SEX_FEMALE);
      pack_story_answer_screen(iv, NULL, "unknown", "none");
      pack_story_answer(iv, complaints[i][1], "none");
      pack_story_answer(iv, "how_long", long_ago ? "3_weeks_to_3_months" : "under_2_days");
      pack_story_answer(iv, "getting_worse", "better");
      assert_true(symcheck_interview_should_stop(iv));
      assert_int_equal(symcheck_interview_triage(iv).level,
                       long_ago ? SYMCHECK_LEVEL_PRIMARY_CARE : SYMCHECK_LEVEL_SELF_CARE);
      symcheck_result *r = symcheck_interview_result(iv);
      assert_non_null(r);
      assert_int_equal(r->condition_count, 0);
      symcheck_result_free(r);
      symcheck_interview_free(iv);
    }
  }
}

/* Sudden confusion, a fit and stroke signs are the universal screen's 999
   signs: chosen from the new entry, each ends the quiz at ambulance. */
static void test_confusion_fit_and_stroke_signs_call_999(void **state) {
  static const char *const signs[] = {"confusion", "fit", "stroke_signs"};
  for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
    symcheck_interview *iv =
        pack_story_start(*state, "confusion-fit-weakness", 74, SYMCHECK_SEX_MALE);
    pack_story_answer(iv, "screen_emergency", signs[i]);
    pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_AMBULANCE);
    symcheck_interview_free(iv);
  }
}

/* Lay words find the new entries. */
static void test_lay_words_find_them(void **state) {
  static const char *const words[][2] = {
      {"vaginal discharge", "vaginal-discharge"},
      {"thrush", "vaginal-discharge"},
      {"mouth ulcer", "mouth-ulcers"},
      {"swollen glands", "swollen-glands"},
      {"lump in my neck", "swollen-glands"},
      {"confused", "confusion-fit-weakness"},
      {"seizure", "confusion-fit-weakness"},
      {"slurred speech", "confusion-fit-weakness"},
      {"watery eyes", "eye-problem"},
  };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    pack_story_assert_search_finds(*state, words[i][0], words[i][1]);
  }
}

/* The DDXPlus entries whose symptom its 49 conditions do not explain are
   off its lists (a search over both packs finds the general home first),
   yet still run by id for saved links and vignette files. */
static void test_ddxplus_entries_are_replaced_not_removed(void **state) {
  symcheck_pack *ddxplus = pack_story_load(DDXPLUS_DIR);
  assert_non_null(ddxplus);
  static const char *const hidden[] = {"e-163", "e-206", "e-39", "e-43", "e-9"};
  for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
    const symcheck_complaint *c = symcheck_pack_find_complaint(ddxplus, hidden[i]);
    assert_non_null(c);
    assert_false(c->listed);
    symcheck_interview *iv = pack_story_start(ddxplus, hidden[i], 40, SYMCHECK_SEX_FEMALE);
    symcheck_interview_free(iv);
  }
  const symcheck_pack *both[] = {ddxplus, *state};
  symcheck_search_hit hits[4];
  size_t n =
      symcheck_search_complaints(both, 2, "vaginal discharge", SYMCHECK_SEARCH_MATCHES, hits, 4);
  assert_true(n >= 1);
  assert_int_equal(hits[0].pack, 1);
  assert_string_equal(symcheck_pack_complaint(*state, hits[0].complaint)->id, "vaginal-discharge");
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(hits[i].pack, 1);
  }
  symcheck_pack_free(ddxplus);
}

/* `symcheck diagnose` on the new entry gives a result with the notice. */
static void test_cli_result_carries_the_notice(void **state) {
  (void)state;
  static const char *const answers[] = {"screen_emergency=none", "temperature=unknown",
                                        "screen_urgent=none", "gland_signs=hard_to_swallow_breathe",
                                        NULL};
  const pack_story_diagnosis d = {.pack_dir = "packs/general",
                                  .complaint = "swollen-glands",
                                  .age = "17",
                                  .sex = "female",
                                  .answers = answers,
                                  .timeout_ms = TIMEOUT_MS};
  run_result r = pack_story_run_diagnose(&d, "symcheck is not a diagnosis.");
  assert_non_null(strstr(r.out, "swallow"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_sign_sets_its_level),
      cmocka_unit_test(test_no_sign_is_self_care_until_it_lasts),
      cmocka_unit_test(test_confusion_fit_and_stroke_signs_call_999),
      cmocka_unit_test(test_lay_words_find_them),
      cmocka_unit_test(test_ddxplus_entries_are_replaced_not_removed),
      cmocka_unit_test(test_cli_result_carries_the_notice),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
