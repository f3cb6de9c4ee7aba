/*
 * test_pack_search.c - what a pack offers besides loading: complaint
 * search from free text (synonyms, misspellings, ranking, scores, no match), the
 * statistics on cited numbers, and the names of the enumerations.
 *
 * Search runs on the tiny pack with its complaints.yaml replaced by the
 * complaints of the anorectal pack (names and lay synonyms, written out
 * below), so the test shows the exact phrases it searches; one test also
 * checks the shipped anorectal pack finds the phrases people type.
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

#include "pack_with_complaints.h"
#include "symcheck.h"

static const char S_complaints[] =
    "- id: anal-mucus-discharge\n"
    "  name: Mucus discharge from the anus\n"
    "  synonyms: [mucus in poo, mucus in stool, slime from bottom, jelly in poo, runny slimy poo]\n"
    "  conditions: all\n"
    "  other_prior: 0.05\n"
    "- id: rectal-bleeding\n"
    "  name: Blood in stool\n"
    "  synonyms: [rectal bleeding, blood in poo, bleeding from bottom, blood on toilet paper]\n"
    "  conditions: all\n"
    "  other_prior: 0.05\n"
    "- id: anal-pain\n"
    "  name: Anal pain\n"
    "  synonyms: [sore bottom, pain in bottom, painful bowel movements]\n"
    "  conditions: all\n"
    "  other_prior: 0.05\n"
    "- id: anal-itching\n"
    "  name: Anal itching\n"
    "  synonyms: [itchy bottom, itchy anus]\n"
    "  conditions: all\n"
    "  other_prior: 0.05\n"
    "- id: diarrhoea\n"
    "  name: Diarrhoea\n"
    "  synonyms: [diarrhea, loose stools, runny poo, the runs]\n"
    "  conditions: all\n"
    "  other_prior: 0.05\n";

typedef struct fixture {
  pack_with_complaints *files;
  symcheck_pack *pack;
} fixture;

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  assert_non_null(f);
  f->files = pack_with_complaints_load(S_complaints);
  f->pack = f->files->pack;
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  fixture *f = *state;
  pack_with_complaints_free(f->files);
  free(f);
  return 0;
}

/* The ids the search returns for `text`, joined by spaces. */
static const char *S_search(void **state, const char *text) {
  static char ids[512];
  const fixture *f = *state;
  size_t out[8];
  size_t n = symcheck_pack_search_complaints(f->pack, text, out, 8);
  ids[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    strcat(ids, i > 0 ? " " : "");
    strcat(ids, symcheck_pack_complaint(f->pack, out[i])->id);
  }
  return ids;
}

static void test_search_finds_synonyms(void **state) {
  assert_string_equal(S_search(state, "mucus in poo"), "anal-mucus-discharge");
  assert_string_equal(S_search(state, "slime from bottom"), "anal-mucus-discharge");
  assert_string_equal(S_search(state, "Jelly in my POO!"), "anal-mucus-discharge");
  /* "runs" and "runny" share a stem: the phrase "the runs" ranks first. */
  assert_string_equal(S_search(state, "the runs"), "diarrhoea anal-mucus-discharge");
  assert_string_equal(S_search(state, "blood on the toilet paper"), "rectal-bleeding");
}

static void test_search_tolerates_misspellings(void **state) {
  assert_string_equal(S_search(state, "mucous discharge"), "anal-mucus-discharge");
  assert_string_equal(S_search(state, "blood in stol"), "rectal-bleeding");
  assert_string_equal(S_search(state, "itcy bottom"), "anal-itching");
  /* Two slips allowed in a long word, a swap counts as one. */
  assert_string_equal(S_search(state, "diarrhoae"), "diarrhoea");
  assert_string_equal(S_search(state, "diarroea"), "diarrhoea");
  /* Short words must be spelt right: "poo" is not "pop". */
  assert_string_equal(S_search(state, "pop"), "");
}

static void test_search_ranks_phrase_then_words_then_fuzzy(void **state) {
  /* "sore bottom" is a synonym of anal pain (phrase); "bottom" alone is in
     four complaints' phrases: all words, so pack order. */
  assert_string_equal(S_search(state, "sore bottom"), "anal-pain");
  assert_string_equal(S_search(state, "bottom"), "anal-mucus-discharge rectal-bleeding anal-pain "
                                                 "anal-itching");
  /* "runny poo" is a phrase of diarrhoea; mucus discharge has both words
     in "runny slimy poo", so it comes second despite pack order. */
  assert_string_equal(S_search(state, "runny poo"), "diarrhoea anal-mucus-discharge");
  /* Every word counts: a complaint holding one of two words does not
     match (the cross-pack search offers it among the closest)... */
  assert_string_equal(S_search(state, "blood in poo"), "rectal-bleeding");
  assert_string_equal(S_search(state, "mucus blood"), "");
  /* ...unless the query names two symptoms: each one's complaint in turn. */
  assert_string_equal(S_search(state, "mucus and blood"), "anal-mucus-discharge rectal-bleeding");
  /* A phrase of anal itching; the others share only "bottom": left out. */
  assert_string_equal(S_search(state, "itchy bottom"), "anal-itching");
  /* An exact word match ranks above a near one: "stool" is exact in
     blood in stool and mucus in stool; "stools" in loose stools is near. */
  assert_string_equal(S_search(state, "stool"), "anal-mucus-discharge rectal-bleeding diarrhoea");
}

static void test_search_limits_and_no_match(void **state) {
  const fixture *f = *state;
  size_t out[1] = {99};
  assert_int_equal(symcheck_pack_search_complaints(f->pack, "bottom", out, 1), 1);
  assert_int_equal(out[0], 0);
  assert_string_equal(S_search(state, "headache"), "");
  assert_string_equal(S_search(state, ""), "");
  assert_string_equal(S_search(state, "in the of"), "");
  assert_int_equal(symcheck_pack_search_complaints(f->pack, NULL, out, 1), 0);
}

static void test_search_on_the_anorectal_pack(void **state) {
  (void)state;
  /* The phrases people type, against the shipped pack's own synonyms: the
     right complaint must come first. */
  static const char *const cases[][2] = {{"mucus in poo", "anal-mucus-discharge"},
                                         {"slime from bottom", "anal-mucus-discharge"},
                                         {"mucous discharge", "anal-mucus-discharge"},
                                         {"blood in stol", "rectal-bleeding"}};
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/anorectal", NULL);
  assert_non_null(pack);
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t out[3];
    size_t n = symcheck_pack_search_complaints(pack, cases[i][0], out, 3);
    if (n == 0) {
      fail_msg("\"%s\" found nothing", cases[i][0]);
    }
    assert_string_equal(symcheck_pack_complaint(pack, out[0])->id, cases[i][1]);
  }
  symcheck_pack_free(pack);
}

static void test_stats_count_every_number_and_its_citation(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/tests/packs/tiny", NULL);
  assert_non_null(pack);
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  /* 8 finding defaults + 4 x (prior + prevalence) + 3 + 4 + 3 + 3
     likelihood rows = 29; sourced: sore_throat and smoker defaults, the
     cold's prevalence, prior and sore_throat row, strep's sore_throat row. */
  assert_int_equal(stats.probabilities, 29);
  assert_int_equal(stats.sourced, 6);
  assert_int_equal(stats.estimates, 23);
  symcheck_pack_free(pack);
}

static void test_enumeration_names(void **state) {
  (void)state;
  assert_string_equal(symcheck_level_id(SYMCHECK_LEVEL_PRIMARY_CARE_SOON), "primary_care_soon");
  assert_string_equal(symcheck_level_advice(SYMCHECK_LEVEL_SELF_CARE),
                      "Manage at home and watch for changes");
  assert_string_equal(symcheck_level_advice(SYMCHECK_LEVEL_PRIMARY_CARE_SOON),
                      "See or phone a doctor within 1-2 days");
  assert_string_equal(symcheck_level_advice(SYMCHECK_LEVEL_AMBULANCE), "Call an ambulance now");
  assert_null(symcheck_level_id((symcheck_level)6));
  assert_null(symcheck_level_advice((symcheck_level)-1));
  for (int i = 0; i < SYMCHECK_LEVEL_COUNT; i++) {
    assert_int_equal(symcheck_level_parse(symcheck_level_id((symcheck_level)i)), i);
  }
  assert_int_equal(symcheck_level_parse("urgent"), -1);
  assert_int_equal(symcheck_level_parse(NULL), -1);
  assert_int_equal(symcheck_sex_parse("male"), SYMCHECK_SEX_MALE);
  assert_int_equal(symcheck_sex_parse("Female"), -1);
  assert_string_equal(symcheck_sex_id(SYMCHECK_SEX_FEMALE), "female");
  assert_string_equal(symcheck_answer_type_id(SYMCHECK_ANSWER_DURATION), "duration");
  assert_null(symcheck_answer_type_id((symcheck_answer_type)6));
  assert_string_equal(symcheck_rarity_id(SYMCHECK_RARITY_VERY_RARE), "very_rare");
  assert_string_equal(symcheck_rarity_label(SYMCHECK_RARITY_VERY_RARE), "Very rare");
  assert_null(symcheck_rarity_label((symcheck_rarity)4));
  symcheck_diagnostics_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_search_finds_synonyms, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_search_tolerates_misspellings, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_search_ranks_phrase_then_words_then_fuzzy, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_search_limits_and_no_match, S_setup, S_teardown),
      cmocka_unit_test(test_search_on_the_anorectal_pack),
      cmocka_unit_test(test_stats_count_every_number_and_its_citation),
      cmocka_unit_test(test_enumeration_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
