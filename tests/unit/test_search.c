/*
 * test_search.c - the complaint search as a person meets it: stems and
 * plurals, UK and US spellings, one or two typos but never a short word
 * inside another ("fever" is not "ever"), every query word counting,
 * phrases above scattered words, nothing for nonsense, the closest
 * complaints when nothing matches, and one call across several packs.
 *
 * Most tests run on the tiny pack with its complaints.yaml replaced by the
 * complaints written out below, so each expectation can be read against
 * the exact phrases searched. The failures reported in issue 10 are pinned
 * on the shipped packs (anorectal, ddxplus, general, abdominal).
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

#define PACKS SYMCHECK_SOURCE_DIR "/packs/"

static const char S_complaints[] = "- id: chest-pain\n"
                                   "  name: Chest pain\n"
                                   "  synonyms: [pain in my chest, tight chest]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: breathing-pain\n"
                                   "  name: Pain when breathing in, felt in the back or the chest\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: anal-pain\n"
                                   "  name: Pain in or around the anus\n"
                                   "  synonyms: [sore bottom, bum pain]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: fainting\n"
                                   "  name: Have you ever fainted?\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: fever\n"
                                   "  name: Fever\n"
                                   "  synonyms: [high temperature]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: vomiting\n"
                                   "  name: Vomiting\n"
                                   "  synonyms: [being sick, throwing up]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: rash\n"
                                   "  name: Skin rash\n"
                                   "  synonyms: [spots on the skin]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: dizziness\n"
                                   "  name: Dizziness\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: diarrhoea\n"
                                   "  name: Diarrhoea\n"
                                   "  synonyms: [watery poo]\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n"
                                   "- id: tears\n"
                                   "  name: Eyes making too many tears\n"
                                   "  conditions: all\n"
                                   "  other_prior: 0.05\n";

typedef struct fixture {
  pack_with_complaints *files;
  symcheck_pack *pack;
  char ids[512];
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

/* The ids of up to `max` hits, joined by spaces, into buf. */
static const char *S_join(const symcheck_pack *const *packs, const symcheck_search_hit *hits,
                          size_t n, char *buf, size_t size) {
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    const char *id = symcheck_pack_complaint(packs[hits[i].pack], hits[i].complaint)->id;
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s%s", i > 0 ? " " : "", id);
  }
  return buf;
}

/* The ids the fixture pack gives for `text` in `mode`, best first. */
static const char *S_find(void **state, const char *text, symcheck_search_mode mode) {
  fixture *f = *state;
  const symcheck_pack *packs[] = {f->pack};
  symcheck_search_hit hits[10];
  size_t n = symcheck_search_complaints(packs, 1, text, mode, hits, 10);
  return S_join(packs, hits, n, f->ids, sizeof f->ids);
}

static const char *S_match(void **state, const char *text) {
  return S_find(state, text, SYMCHECK_SEARCH_MATCHES);
}

static const char *S_closest(void **state, const char *text) {
  return S_find(state, text, SYMCHECK_SEARCH_CLOSEST);
}

static void test_stems_and_plurals_find_the_same_complaint(void **state) {
  assert_string_equal(S_match(state, "rashes"), "rash");
  assert_string_equal(S_match(state, "vomited"), "vomiting");
  assert_string_equal(S_match(state, "vomits"), "vomiting");
  assert_string_equal(S_match(state, "dizzy"), "dizziness");
  assert_string_equal(S_match(state, "fevers"), "fever");
  assert_string_equal(S_match(state, "feverish"), "fever");
  assert_string_equal(S_match(state, "spotty skin"), "rash");
  assert_string_equal(S_match(state, "tear"), "tears");
}

static void test_uk_and_us_spellings_are_one(void **state) {
  assert_string_equal(S_match(state, "diarrhea"), "diarrhoea");
  assert_string_equal(S_match(state, "DIARRHOEA!"), "diarrhoea");
}

static void test_typos_are_forgiven_by_word_length(void **state) {
  /* One slip in a word of 5 or more letters, two in a long one; a swap of
     neighbours counts as one, even in a word of 4 letters. */
  assert_string_equal(S_match(state, "feever"), "fever");
  assert_string_equal(S_match(state, "vomitting"), "vomiting");
  assert_string_equal(S_match(state, "diarhoea"), "diarrhoea");
  assert_string_equal(S_match(state, "diarea"), "diarrhoea");
  assert_string_equal(S_match(state, "dizzyness"), "dizziness");
  assert_string_equal(S_match(state, "chest pian"), "chest-pain breathing-pain");
  /* Short words must be spelt right: "rush" is not "rash". */
  assert_string_equal(S_match(state, "rush"), "");
}

static void test_a_short_word_never_matches_inside_another(void **state) {
  /* "ever" is a word of the fainting question: "fever" is not it. */
  assert_string_equal(S_match(state, "fever"), "fever");
  assert_string_equal(S_closest(state, "fever"), "");
  /* Nor "pain" a misspelt "paint". */
  assert_string_equal(S_match(state, "paint"), "");
}

static void test_every_query_word_counts(void **state) {
  /* Anal pain shares "pain" only: never a match for chest pain. */
  assert_string_equal(S_match(state, "chest pain"), "chest-pain breathing-pain");
  assert_string_equal(S_match(state, "really bad pain in my chest"), "chest-pain breathing-pain");
  /* A word no complaint has ("ear") weighs most: nothing matches. */
  assert_string_equal(S_match(state, "ear pain"), "");
  assert_string_equal(S_match(state, "tummy pain"), "");
  /* "watery" alone does not make watery eyes diarrhoea. */
  assert_string_equal(S_match(state, "watery eye"), "");
}

static void test_phrases_rank_above_scattered_words(void **state) {
  /* Both complaints hold "chest" and "pain"; chest pain says them together
     and says little else. */
  fixture *f = *state;
  const symcheck_pack *packs[] = {f->pack};
  symcheck_search_hit hits[4];
  assert_int_equal(
      symcheck_search_complaints(packs, 1, "pain in the chest", SYMCHECK_SEARCH_MATCHES, hits, 4),
      2);
  assert_string_equal(symcheck_pack_complaint(f->pack, hits[0].complaint)->id, "chest-pain");
  assert_true(hits[0].score > hits[1].score);
  assert_string_equal(S_match(state, "pain breathing in"), "breathing-pain");
  assert_string_equal(S_match(state, "throwing up"), "vomiting");
}

static void test_nonsense_finds_nothing(void **state) {
  assert_string_equal(S_match(state, "asdfgh qwerty"), "");
  assert_string_equal(S_closest(state, "asdfgh qwerty"), "");
  assert_string_equal(S_match(state, "ever"), "");
  assert_string_equal(S_match(state, "in the of"), "");
  assert_string_equal(S_match(state, ""), "");
  fixture *f = *state;
  const symcheck_pack *packs[] = {f->pack};
  symcheck_search_hit hits[1];
  assert_int_equal(symcheck_search_complaints(packs, 1, NULL, SYMCHECK_SEARCH_MATCHES, hits, 1), 0);
}

static void test_closest_offers_complaints_sharing_a_word(void **state) {
  /* Nothing matches "ear pain"; the complaints saying "pain" are closest,
     those where it weighs most (short phrases) first. */
  const char *closest = S_closest(state, "ear pain");
  assert_non_null(strstr(closest, "chest-pain"));
  assert_non_null(strstr(closest, "anal-pain"));
  assert_null(strstr(closest, "fever"));
  /* A match is not repeated among the closest. */
  assert_null(strstr(S_closest(state, "chest pain"), "chest-pain"));
}

static void test_max_and_empty_packs(void **state) {
  fixture *f = *state;
  const symcheck_pack *packs[] = {NULL, f->pack};
  symcheck_search_hit hits[1] = {{99, 99, 0.0}};
  assert_int_equal(
      symcheck_search_complaints(packs, 2, "chest pain", SYMCHECK_SEARCH_MATCHES, hits, 1), 1);
  assert_int_equal(hits[0].pack, 1);
  assert_string_equal(symcheck_pack_complaint(f->pack, hits[0].complaint)->id, "chest-pain");
  assert_int_equal(
      symcheck_search_complaints(packs, 2, "chest pain", SYMCHECK_SEARCH_MATCHES, hits, 0), 0);
}

/* ---- the shipped packs: the failures reported in issue 10 --------------- */

enum { S_SHIPPED = 7 };

typedef struct shipped {
  symcheck_pack *pack[S_SHIPPED];
} shipped;

static shipped S_load_shipped(void) {
  static const char *const dirs[] = {PACKS "anorectal", PACKS "ddxplus",     PACKS "general",
                                     PACKS "abdominal", PACKS "respiratory", PACKS "skin",
                                     PACKS "fever"};
  shipped s;
  for (size_t i = 0; i < S_SHIPPED; i++) {
    s.pack[i] = symcheck_pack_load(dirs[i], NULL);
    assert_non_null(s.pack[i]);
  }
  return s;
}

static const char *S_shipped_find(const shipped *s, const char *text, symcheck_search_mode mode,
                                  char *buf, size_t size) {
  const symcheck_pack *packs[S_SHIPPED];
  for (size_t i = 0; i < S_SHIPPED; i++) {
    packs[i] = s->pack[i];
  }
  symcheck_search_hit hits[5];
  size_t n = symcheck_search_complaints(packs, S_SHIPPED, text, mode, hits, 5);
  return S_join(packs, hits, n, buf, size);
}

static void test_reported_failures_on_the_shipped_packs(void **state) {
  (void)state;
  shipped s = S_load_shipped();
  char buf[256];
  /* "chest pain" found "Pain in or around the anus" first; now the lay
     complaint Chest pain. */
  const char *found = S_shipped_find(&s, "chest pain", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  assert_true(strncmp(found, "chest-pain", 10) == 0);
  assert_null(strstr(found, "anal-pain"));
  /* So did ear pain; now Ear pain (earache). */
  assert_true(strncmp(S_shipped_find(&s, "ear pain", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf),
                      "ear-pain", 8) == 0);
  assert_true(strncmp(S_shipped_find(&s, "earache", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf),
                      "ear-pain", 8) == 0);
  /* So did belly pain: now the abdominal pack's belly-pain complaint, not
     the generic DDXPlus "Pain". */
  static const char *const belly[] = {"abdominal pain", "tummy pain", "stomach ache"};
  for (size_t i = 0; i < sizeof belly / sizeof *belly; i++) {
    found = S_shipped_find(&s, belly[i], SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
    if (strncmp(found, "belly-pain", 10) != 0 || strstr(found, "anal-pain") != NULL) {
      fail_msg("\"%s\" matched %s", belly[i], found);
    }
  }
  /* And joint pain, for which no complaint exists yet, and headache, whose
     pack these tests do not load: the generic DDXPlus "Pain" takes neither. */
  static const char *const unlisted[] = {"joint pain", "headache"};
  for (size_t i = 0; i < sizeof unlisted / sizeof *unlisted; i++) {
    found = S_shipped_find(&s, unlisted[i], SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
    if (found[0] != '\0') {
      fail_msg("\"%s\" matched %s", unlisted[i], found);
    }
  }
  /* "rash" found nothing; now the skin pack's rash complaint (the DDXPlus
     "Skin problem, redness or rash" is kept off the search: listed: false). */
  found = S_shipped_find(&s, "rash", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  if (strncmp(found, "rash", 4) != 0 || strstr(found, "e-129") != NULL) {
    fail_msg("\"rash\" matched %s", found);
  }
  /* "sore throat" found anal pain; now the respiratory pack's sore throat. */
  found = S_shipped_find(&s, "sore throat", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  assert_string_equal(found, "sore-throat");
  /* "fever" matched "Have you ever ..." questions; now the fever pack's
     high temperature first, then complaints whose synonyms name a kind of
     fever ("hay fever", "scarlet fever"); never DDXPlus's own "Fever"
     beside it. */
  found = S_shipped_find(&s, "fever", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  if (strncmp(found, "high-temperature ", 17) != 0 || strstr(found, "e-91") != NULL) {
    fail_msg("\"fever\" matched %s", found);
  }
  /* "watery eye" found diarrhoea, then DDXPlus's watery eyes (which ranked
     cluster headache alone); now the general pack's sore or red eye. */
  assert_string_equal(S_shipped_find(&s, "watery eye", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf),
                      "eye-problem");
  /* The general entry is found by its own words. */
  assert_string_equal(
      S_shipped_find(&s, "something else", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf),
      "symptom-not-listed");
  for (size_t i = 0; i < S_SHIPPED; i++) {
    symcheck_pack_free(s.pack[i]);
  }
}

/* A query naming two symptoms that no one complaint covers ("belly pain
   and being sick", "rash, sore throat") found nothing; now each symptom's
   best complaint comes first in turn. A whole-query match is not split. */
static void test_several_symptoms_in_one_query(void **state) {
  (void)state;
  shipped s = S_load_shipped();
  char buf[256];
  const char *found =
      S_shipped_find(&s, "Belly pain and being sick", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  if (strncmp(found, "belly-pain ", 11) != 0 || strstr(found, "vomiting") == NULL) {
    fail_msg("\"Belly pain and being sick\" matched %s", found);
  }
  found = S_shipped_find(&s, "rash, sore throat", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  if (strncmp(found, "rash sore-throat", 16) != 0) {
    fail_msg("\"rash, sore throat\" matched %s", found);
  }
  /* a join with nothing after it, or only joins, changes nothing */
  found = S_shipped_find(&s, "sore throat with", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf);
  assert_string_equal(found, "sore-throat");
  assert_string_equal(S_shipped_find(&s, "and, with", SYMCHECK_SEARCH_MATCHES, buf, sizeof buf),
                      "");
  for (size_t i = 0; i < S_SHIPPED; i++) {
    symcheck_pack_free(s.pack[i]);
  }
}

static void test_per_pack_search_has_the_same_fixes(void **state) {
  (void)state;
  /* The one-pack function the callers used: anal pain for "chest pain"
     and "ever" questions for "fever" were its answers. */
  shipped s = S_load_shipped();
  size_t out[8];
  assert_int_equal(symcheck_pack_search_complaints(s.pack[0], "chest pain", out, 8), 0);
  assert_int_equal(symcheck_pack_search_complaints(s.pack[0], "sore throat", out, 8), 0);
  /* "hay fever" (itchy eyes, itchy nose), never an "ever" question; the
     DDXPlus "Fever" itself is kept off the search (listed: false) since
     the fever pack covers it */
  size_t hits = symcheck_pack_search_complaints(s.pack[1], "fever", out, 8);
  for (size_t i = 0; i < hits; i++) {
    const symcheck_complaint *c = symcheck_pack_complaint(s.pack[1], out[i]);
    assert_true(c->listed);
    assert_null(strstr(c->name, "ever ")); /* not "Have you ever ..." */
  }
  for (size_t i = 0; i < S_SHIPPED; i++) {
    symcheck_pack_free(s.pack[i]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stems_and_plurals_find_the_same_complaint),
      cmocka_unit_test(test_uk_and_us_spellings_are_one),
      cmocka_unit_test(test_typos_are_forgiven_by_word_length),
      cmocka_unit_test(test_a_short_word_never_matches_inside_another),
      cmocka_unit_test(test_every_query_word_counts),
      cmocka_unit_test(test_phrases_rank_above_scattered_words),
      cmocka_unit_test(test_nonsense_finds_nothing),
      cmocka_unit_test(test_closest_offers_complaints_sharing_a_word),
      cmocka_unit_test(test_max_and_empty_packs),
      cmocka_unit_test(test_reported_failures_on_the_shipped_packs),
      cmocka_unit_test(test_several_symptoms_in_one_query),
      cmocka_unit_test(test_per_pack_search_has_the_same_fixes),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
