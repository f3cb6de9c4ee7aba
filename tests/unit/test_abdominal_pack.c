/*
 * test_abdominal_pack.c - packs/abdominal (belly pain, being sick,
 * constipation, pain on peeing, side pain, a lump in the groin) as a person
 * meets it: no question or option it holds, and no interview of any
 * complaint run to its end, asks a woman about testicles, a man about
 * pregnancy, periods or the vagina, or a girl under 12 about pregnancy; conditions that
 * only some people can have (ectopic pregnancy, a twisted testicle) are
 * never listed for the others; a woman with belly pain and fainting who
 * could be pregnant is sent to an ambulance at once; and the classic story
 * of appendicitis ranks it first and sends the person to an emergency
 * department. Bloody diarrhoea sends a child to an emergency department
 * and an adult to same-day care, with E. coli O157 among the first three
 * causes, and the signs of kidney harm after diarrhoea end the quiz there.
 * Belly pain with diarrhoea asks about blood in the poo next; blood in the
 * poo with constipation sends a child or an adult to a GP.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pack_story.h"
#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/abdominal"

static int S_setup(void **state) {
  return pack_story_setup(state, PACK_DIR);
}

/* Words that belong to one sex's anatomy or to pregnancy, in what a
   person is shown. */
static const char *const S_MALE_WORDS[] = {"testicle", "scrotum", "penis", NULL};
static const char *const S_FEMALE_WORDS[] = {"pregnan", "period", "vagina", NULL};
/* under 12: periods may start at 10, pregnancy questions only from 12 */
static const char *const S_PREGNANCY_WORDS[] = {"pregnan", "vagina", NULL};

static bool S_mentions(const char *text, const char *const *words) {
  for (size_t i = 0; text != NULL && words[i] != NULL; i++) {
    if (strstr(text, words[i]) != NULL) {
      return true;
    }
  }
  return false;
}

/* Fails when the question of f, or an option of it shown to `person`,
   names a word of `words`. */
static void S_check_shown(const symcheck_finding *f, const symcheck_profile *person,
                          const char *const *words, const char *complaint) {
  const char *question =
      person->age < 12 && f->question_child != NULL ? f->question_child : f->question;
  if (S_mentions(question, words)) {
    fail_msg("%s, %s aged %d was asked '%s'", complaint, symcheck_sex_id(person->sex), person->age,
             question);
  }
  for (size_t o = 0; o < f->option_count; o++) {
    if (symcheck_option_applies(f, o, person->age, person->sex) &&
        S_mentions(f->options[o].label, words)) {
      fail_msg("%s, %s aged %d was shown '%s' in '%s'", complaint, symcheck_sex_id(person->sex),
               person->age, f->options[o].label, f->id);
    }
  }
}

/* An answer that moves the interview on: "no" or no option chosen, 37
   for a number, else the first option shown to the person. */
static void S_reply(const symcheck_finding *f, const symcheck_profile *person, char *value,
                    size_t size) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(value, size, "none");
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(value, size, "37");
  } else if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(value, size, "no");
  } else {
    size_t o = 0;
    while (!symcheck_option_applies(f, o, person->age, person->sex)) {
      o++;
    }
    snprintf(value, size, "%s", f->options[o].id);
  }
}

/* Runs every complaint to its end for `person`, answering "yes" to each
   yes/no question the first time round so that follow-ups are reached,
   and checks what is shown against `words`. */
static void S_walk_all(const symcheck_pack *pack, const symcheck_profile *person,
                       const char *const *words) {
  for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
    const symcheck_complaint *complaint = symcheck_pack_complaint(pack, c);
    for (int yes = 0; yes < 2; yes++) {
      symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, person, NULL);
      assert_non_null(iv);
      const symcheck_finding *next;
      size_t asked = 0;
      while ((next = symcheck_interview_next(iv)) != NULL && !symcheck_interview_should_stop(iv)) {
        S_check_shown(next, person, words, complaint->id);
        char value[64];
        S_reply(next, person, value, sizeof value);
        if (yes == 1 && next->type == SYMCHECK_ANSWER_YES_NO) {
          snprintf(value, sizeof value, "yes");
        }
        assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
        asked++;
      }
      assert_true(asked > 0);
      symcheck_interview_free(iv);
    }
  }
}

/* Fails when any finding or option of the pack that applies to a person
   of `sex` aged `from` to `to` names a word of `words`, whether or not an
   interview happens to ask it. */
static void S_check_declared(const symcheck_pack *pack, symcheck_sex sex, int from, int to,
                             const char *const *words) {
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    for (int age = from; age <= to; age++) {
      symcheck_profile person = {.age = age, .sex = sex};
      if (symcheck_finding_applies(f, age, sex)) {
        S_check_shown(f, &person, words, "any complaint");
      }
    }
  }
}

/* Every finding and option that names testicles or the scrotum is for
   men and boys only, and no interview ever shows one to a woman or girl. */
static void test_women_are_never_asked_about_testicles(void **state) {
  const symcheck_pack *pack = *state;
  S_check_declared(pack, SYMCHECK_SEX_FEMALE, 0, 120, S_MALE_WORDS);
  static const int ages[] = {8, 16, 30, 55, 80};
  for (size_t a = 0; a < sizeof ages / sizeof ages[0]; a++) {
    symcheck_profile woman = {.age = ages[a], .sex = SYMCHECK_SEX_FEMALE};
    S_walk_all(pack, &woman, S_MALE_WORDS);
  }
  /* and answering it is refused */
  symcheck_profile woman = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "groin-lump", &woman, NULL);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "scrotal_swelling", "yes", &err), -1);
  assert_int_equal(symcheck_interview_answer(iv, "screen_urgent", "testicle_pain", &err), -1);
  symcheck_interview_free(iv);
}

/* No man, and no child under 12, is asked about pregnancy, periods or the
   vagina. */
static void test_men_and_children_are_never_asked_about_pregnancy(void **state) {
  const symcheck_pack *pack = *state;
  static const symcheck_profile people[] = {
      {.age = 5, .sex = SYMCHECK_SEX_MALE},   {.age = 16, .sex = SYMCHECK_SEX_MALE},
      {.age = 30, .sex = SYMCHECK_SEX_MALE},  {.age = 70, .sex = SYMCHECK_SEX_MALE},
      {.age = 7, .sex = SYMCHECK_SEX_FEMALE}, {.age = 11, .sex = SYMCHECK_SEX_FEMALE},
  };
  S_check_declared(pack, SYMCHECK_SEX_MALE, 0, 120, S_FEMALE_WORDS);
  S_check_declared(pack, SYMCHECK_SEX_FEMALE, 0, 11, S_PREGNANCY_WORDS);
  /* the questions about a pregnancy by name, whatever their words */
  static const char *const pregnancy[] = {"missed_period", "vaginal_bleeding", "pregnancy_signs"};
  for (size_t i = 0; i < sizeof pregnancy / sizeof pregnancy[0]; i++) {
    const symcheck_finding *f = symcheck_pack_find_finding(pack, pregnancy[i]);
    assert_non_null(f);
    for (int age = 0; age <= 120; age++) {
      assert_false(symcheck_finding_applies(f, age, SYMCHECK_SEX_MALE));
      assert_false(age < 12 && symcheck_finding_applies(f, age, SYMCHECK_SEX_FEMALE));
    }
  }
  for (size_t p = 0; p < sizeof people / sizeof people[0]; p++) {
    S_walk_all(pack, &people[p],
               people[p].sex == SYMCHECK_SEX_MALE ? S_FEMALE_WORDS : S_PREGNANCY_WORDS);
  }
  symcheck_profile man = {.age = 30, .sex = SYMCHECK_SEX_MALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "belly-pain", &man, NULL);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "missed_period", "yes", &err), -1);
  assert_int_equal(symcheck_interview_answer(iv, "screen_urgent", "pregnant", &err), -1);
  symcheck_interview_free(iv);
}

static symcheck_result *S_result(const symcheck_pack *pack, const char *complaint, int age,
                                 symcheck_sex sex) {
  symcheck_interview *iv = pack_story_start(pack, complaint, age, sex);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  symcheck_interview_free(iv);
  return r;
}

/* A condition with `sex` or `ages` is never listed for anyone else, and
   the shares of the rest still add up with "something else" to 1. */
static void test_conditions_only_for_the_people_who_can_have_them(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_result *r = S_result(pack, "belly-pain", 30, SYMCHECK_SEX_MALE);
  assert_false(pack_story_lists(r, "ectopic_pregnancy"));
  assert_false(pack_story_lists(r, "pid"));
  assert_false(pack_story_lists(r, "period_pain"));
  assert_true(pack_story_lists(r, "testicular_torsion"));
  pack_story_assert_shares_add_up(r);
  symcheck_result_free(r);

  r = S_result(pack, "belly-pain", 30, SYMCHECK_SEX_FEMALE);
  assert_true(pack_story_lists(r, "ectopic_pregnancy"));
  assert_false(pack_story_lists(r, "testicular_torsion"));
  symcheck_result_free(r);

  r = S_result(pack, "belly-pain", 8, SYMCHECK_SEX_FEMALE);
  assert_false(pack_story_lists(r, "ectopic_pregnancy"));
  assert_false(pack_story_lists(r, "early_pregnancy"));
  assert_true(pack_story_lists(r, "appendicitis"));
  symcheck_result_free(r);
}

/* A woman who could be pregnant, with belly pain and feeling faint: an
   ambulance, and the quiz ends there. */
static void test_ectopic_red_flag_calls_an_ambulance(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_profile woman = {.age = 24, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "belly-pain", &woman, NULL);
  assert_non_null(iv);
  assert_int_equal(symcheck_interview_answer(iv, "screen_emergency", "none", NULL), 0);
  assert_int_equal(symcheck_interview_answer(iv, "abdo_emergency", "faint_pregnant", NULL), 0);
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_int_equal(t.level, SYMCHECK_LEVEL_AMBULANCE);
  assert_int_equal(t.set_by, SYMCHECK_SET_BY_RED_FLAG);
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);

  /* the option is not shown to a man */
  symcheck_profile man = {.age = 24, .sex = SYMCHECK_SEX_MALE};
  iv = symcheck_interview_new(pack, "belly-pain", &man, NULL);
  assert_int_equal(symcheck_interview_answer(iv, "abdo_emergency", "faint_pregnant", NULL), -1);
  symcheck_interview_free(iv);
}

/* Pain that started at the navel and moved to the lower right, with a
   fever and no appetite, in a young man: appendicitis first, and an
   emergency department. */
static void test_classic_appendicitis_goes_to_the_emergency_department(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_profile man = {.age = 19, .sex = SYMCHECK_SEX_MALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "belly-pain", &man, NULL);
  static const char *const answers[][2] = {
      {"screen_emergency", "none"}, {"temperature", "38.1"}, {"screen_urgent", "none"},
      {"abdo_emergency", "none"},   {"abdo_urgent", "none"}, {"pain_site", "lower_right"},
      {"pain_migration", "yes"},    {"no_appetite", "yes"},  {"duration", "under_1_day"},
      {"feverish", "yes"},          {"diarrhoea", "no"},     {"pain_movement", "yes"},
  };
  for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++) {
    assert_int_equal(symcheck_interview_answer(iv, answers[i][0], answers[i][1], NULL), 0);
  }
  symcheck_result *r = symcheck_interview_result(iv);
  assert_string_equal(r->conditions[0].condition->id, "appendicitis");
  assert_true(r->conditions[0].probability > 0.5);
  assert_true(r->triage.level >= SYMCHECK_LEVEL_EMERGENCY);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* The belly-pain story of a boy of 4 with a week of diarrhoea that turned
   bloody: answered as his parent would (no screen signs, temperature not
   measured, where and how the pain started not known). */
static symcheck_interview *S_bloody_diarrhoea_story(const symcheck_pack *pack, int age,
                                                    const char *blood) {
  symcheck_interview *iv = pack_story_start(pack, "belly-pain", age, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "abdo_emergency", "none");
  pack_story_answer(iv, "abdo_urgent", "none");
  pack_story_answer(iv, "duration", "3_to_14_days");
  pack_story_answer(iv, "diarrhoea", "yes");
  pack_story_answer(iv, "pain_site", "unknown");
  pack_story_answer(iv, "pain_onset", "unknown");
  pack_story_answer(iv, "blood_in_poo", blood);
  return iv;
}

/* A child with bloody diarrhoea needs a children's doctor the same day (an
   emergency, NHS Greater Glasgow and Clyde), and E. coli O157 is among the
   first three causes; without blood the quiz goes on below that level. */
static void test_child_with_bloody_diarrhoea_goes_to_the_emergency_department(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_interview *iv = S_bloody_diarrhoea_story(pack, 4, "yes");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  int rank = pack_story_rank(iv, "stec");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);

  iv = S_bloody_diarrhoea_story(pack, 4, "no");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_EMERGENCY);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* An adult with bloody diarrhoea is seen the same day (NHS Diarrhoea and
   vomiting), the quiz goes on, and E. coli O157 is among the first three. */
static void test_adult_with_bloody_diarrhoea_is_seen_the_same_day(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_interview *iv = S_bloody_diarrhoea_story(pack, 30, "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  assert_false(symcheck_interview_should_stop(iv));
  int rank = pack_story_rank(iv, "stec");
  assert_true(rank >= 0 && rank < 3);
  symcheck_interview_free(iv);

  iv = S_bloody_diarrhoea_story(pack, 30, "no");
  assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

/* The story of ind6-campylobacter-colitis-man-34 up to diarrhoea: a man of
   34 with 38.3 degrees, cramps round the belly button for 1-3 days, not
   sick, diarrhoea. Blood in the poo is asked next (ask_first), before the
   quiz can stop at a stomach bug managed at home. */
static symcheck_interview *S_diarrhoea_story(const symcheck_pack *pack) {
  symcheck_interview *iv = pack_story_start(pack, "belly-pain", 34, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.3", "none");
  static const char *const story[] = {
      "abdo_emergency=none",  "abdo_urgent=none", "pain_site=navel", "pain_onset=unknown",
      "duration=1_to_3_days", "vomiting=no",      "diarrhoea=yes",   NULL};
  pack_story_answer_all(iv, story);
  return iv;
}

/* Belly pain with diarrhoea: the quiz asks about blood in the poo next, and
   blood sends the man to same-day care (NHS Diarrhoea and vomiting); without
   blood the quiz goes on. */
static void test_belly_pain_with_diarrhoea_asks_about_blood_next(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_interview *iv = S_diarrhoea_story(pack);
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "blood_in_poo");
  pack_story_answer(iv, "blood_in_poo", "yes");
  assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);

  iv = S_diarrhoea_story(pack);
  pack_story_answer(iv, "blood_in_poo", "no");
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
}

/* Constipation for 3 to 14 days with no tummy pain and no strong
   painkillers, at `age`: blood in the poo is asked next (ask_first). */
static symcheck_interview *S_constipation_story(const symcheck_pack *pack, int age) {
  symcheck_interview *iv = pack_story_start(pack, "constipation", age, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  static const char *const story[] = {
      "abdo_emergency=none", "abdo_urgent=none", "duration=3_to_14_days",
      "belly_pain=no",       "opioids=no",       NULL};
  pack_story_answer_all(iv, story);
  const symcheck_finding *f = symcheck_interview_next(iv);
  assert_non_null(f);
  assert_string_equal(f->id, "blood_in_poo");
  return iv;
}

/* Blood on or in the poo with constipation needs a GP, for a child of 2
   (ind6-anal-fissure-toddler-2) and for an adult (NHS Constipation: see a
   GP if you or your child have blood in your poo); without blood a short
   bout of constipation stays below a GP. */
static void test_constipation_with_blood_in_the_poo_sees_a_gp(void **state) {
  const symcheck_pack *pack = *state;
  const int ages[] = {2, 45};
  for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
    symcheck_interview *iv = S_constipation_story(pack, ages[i]);
    pack_story_answer(iv, "blood_in_poo", "yes");
    assert_true(pack_story_level(iv) >= SYMCHECK_LEVEL_PRIMARY_CARE);
    assert_int_equal(pack_story_rank(iv, "constipation"), 0);
    symcheck_interview_free(iv);

    iv = S_constipation_story(pack, ages[i]);
    pack_story_answer(iv, "blood_in_poo", "no");
    assert_true(pack_story_level(iv) < SYMCHECK_LEVEL_PRIMARY_CARE);
    symcheck_interview_free(iv);
  }
}

/* Peeing much less, pale or very tired after diarrhoea (signs of
   haemolytic uraemic syndrome) ends the quiz at the emergency department. */
static void test_signs_of_kidney_harm_after_diarrhoea_are_an_emergency(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_interview *iv = pack_story_start(pack, "belly-pain", 4, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "unknown", "none");
  pack_story_answer(iv, "abdo_emergency", "hus_signs");
  pack_story_assert_stops_at_least(iv, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

/* A boy of 7, a few days after a cold, with a day of tummy pain round the
   belly button that comes and goes and 38.2 degrees, not sick, no
   diarrhoea, eating: mesenteric adenitis comes first, and because only an
   examination tells it from appendicitis he is seen the same day, not in
   1-2 days (vignette mesenteric-adenitis-boy-7). */
static void test_child_with_swollen_tummy_glands_is_seen_the_same_day(void **state) {
  const symcheck_pack *pack = *state;
  symcheck_interview *iv = pack_story_start(pack, "belly-pain", 7, SYMCHECK_SEX_MALE);
  pack_story_answer_screen(iv, NULL, "38.2", "none");
  pack_story_answer(iv, "abdo_emergency", "none");
  pack_story_answer(iv, "abdo_urgent", "none");
  pack_story_answer(iv, "duration", "under_1_day");
  pack_story_answer(iv, "pain_site", "navel");
  pack_story_answer(iv, "pain_onset", "gradual");
  pack_story_answer(iv, "feverish", "yes");
  const char *no[] = {"vomiting", "diarrhoea", "pain_migration", "pain_movement", "no_appetite"};
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
    pack_story_answer(iv, no[i], "no");
  }
  assert_int_equal(pack_story_rank(iv, "mesenteric_adenitis"), 0);
  symcheck_level level = pack_story_level(iv);
  assert_int_equal(level, SYMCHECK_LEVEL_URGENT_CARE);
  symcheck_interview_free(iv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_women_are_never_asked_about_testicles),
      cmocka_unit_test(test_men_and_children_are_never_asked_about_pregnancy),
      cmocka_unit_test(test_conditions_only_for_the_people_who_can_have_them),
      cmocka_unit_test(test_ectopic_red_flag_calls_an_ambulance),
      cmocka_unit_test(test_classic_appendicitis_goes_to_the_emergency_department),
      cmocka_unit_test(test_child_with_bloody_diarrhoea_goes_to_the_emergency_department),
      cmocka_unit_test(test_adult_with_bloody_diarrhoea_is_seen_the_same_day),
      cmocka_unit_test(test_belly_pain_with_diarrhoea_asks_about_blood_next),
      cmocka_unit_test(test_constipation_with_blood_in_the_poo_sees_a_gp),
      cmocka_unit_test(test_signs_of_kidney_harm_after_diarrhoea_are_an_emergency),
      cmocka_unit_test(test_child_with_swollen_tummy_glands_is_seen_the_same_day),
  };
  return cmocka_run_group_tests(tests, S_setup, pack_story_teardown);
}
