/*
 * test_quiz_packs.c - `symcheck quiz` without --pack, end to end: the real
 * binary (SYMCHECK_BINARY, run in the source tree) loads every pack under
 * packs/ and offers their complaints in one chooser. Checks what a user
 * sees: "My symptom is not listed" last after any search and alone after a
 * search that finds nothing, and choosing it runs the safety check to a
 * triage-only result; lay words ("tummy pain", "puking", "bunged up")
 * find the abdominal pack's complaints first; a complaint of the anorectal
 * pack and one of the ddxplus pack are both chosen and interviewed; matches
 * of several packs
 * come best first; --complaint finds the pack holding the id, and an
 * unknown id gives one line; --pack given twice offers those packs only.
 *
 * The answers after the complaint come from the engine itself (the library,
 * in this process, on the pack that holds the complaint), so the scripts
 * follow whatever questions the engine picks.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "run_process.h"
#include "symcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PACKS SYMCHECK_SOURCE_DIR "/packs"
#define GENERAL "My symptom is not listed"
#define TRIAGE_ONLY "This gives advice on how soon to get help, not a list of possible causes."
#define CAUSES "Conditions that could explain your symptoms"
#define TIMEOUT_MS 60000
/* The profile typed at the start of every scripted quiz: 30, female. */
#define PROFILE "30\n1\n"

/* The number the chooser shows for `name` in the list that starts at the
   first `marker` of the output; 0 when that list does not offer it. */
static int number_of(const char *out, const char *marker, const char *name) {
  const char *list = strstr(out, marker);
  assert_non_null(list);
  const char *end = strstr(list, "Type a number");
  char line[512];
  snprintf(line, sizeof line, ". %s\n", name);
  const char *at = strstr(list, line);
  if (at == NULL || (end != NULL && at > end)) {
    return 0;
  }
  while (at > list && at[-1] != ' ') {
    at--;
  }
  return atoi(at);
}

/* The numbered entries of the list that starts at `marker`. */
static int list_length(const char *out, const char *marker) {
  const char *list = strstr(out, marker);
  assert_non_null(list);
  const char *end = strstr(list, "Type a number");
  assert_non_null(end);
  int count = 0;
  for (const char *at = strstr(list, "\n  "); at != NULL && at < end; at = strstr(at + 1, "\n  ")) {
    count++;
  }
  return count;
}

/* Appends text to the growing script. */
static void append(char **script, size_t *length, const char *text) {
  size_t more = strlen(text);
  *script = realloc(*script, *length + more + 1);
  assert_non_null(*script);
  memcpy(*script + *length, text, more + 1);
  *length += more;
}

/* The reply and the library's value for a question: none for "choose
   all", 37 for a temperature (any other number: its first band's middle),
   else the first option shown to the person. */
static void reply_for(const symcheck_finding *f, const symcheck_profile *person, char *reply,
                      char *value, size_t size) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(value, size, "none");
    snprintf(reply, size, "0\n");
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    bool celsius = f->unit != NULL && strstr(f->unit, "C") != NULL;
    double number = celsius ? 37.0 : (f->options[0].min + f->options[0].max) / 2.0;
    snprintf(value, size, "%g", number);
    snprintf(reply, size, "%g\n", number);
  } else {
    size_t o = 0;
    while (!symcheck_option_applies(f, o, person->age, person->sex)) {
      o++;
    }
    snprintf(value, size, "%s", f->options[o].id);
    snprintf(reply, size, "1\n");
  }
}

/* `prefix`, then the replies to every question the engine asks a 30-year-
   old woman in `complaint` of the pack in PACKS/`pack`, to the result
   (an answer that makes it an emergency confirmed with "yes").
   *has_causes tells whether that result lists conditions. Caller frees. */
static char *interview_script(const char *prefix, const char *pack_name, const char *complaint,
                              bool *has_causes) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/%s", PACKS, pack_name);
  symcheck_pack *pack = symcheck_pack_load(dir, NULL);
  assert_non_null(pack);
  symcheck_profile person = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &person, NULL);
  assert_non_null(iv);
  char *script = NULL;
  size_t length = 0;
  append(&script, &length, prefix);
  const symcheck_finding *next;
  while ((next = symcheck_interview_next(iv)) != NULL && !symcheck_interview_should_stop(iv)) {
    char reply[64], value[64];
    reply_for(next, &person, reply, value, sizeof reply);
    symcheck_level before = symcheck_interview_triage(iv).level;
    assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
    append(&script, &length, reply);
    symcheck_level after = symcheck_interview_triage(iv).level;
    if (after >= SYMCHECK_LEVEL_EMERGENCY && after > before) {
      append(&script, &length, "yes\n"); /* the quiz asks to confirm an emergency */
    }
  }
  symcheck_result *result = symcheck_interview_result(iv);
  assert_non_null(result);
  *has_causes = result->condition_count > 0;
  symcheck_result_free(result);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
  return script;
}

/* The quiz ran `name` to a result: the safety check first, then the
   urgency, with (or, triage-only, without) a list of conditions. */
static void assert_interviewed(const run_result *r, const char *name, bool causes) {
  assert_int_equal(r->exit_code, 0);
  char start[512];
  snprintf(start, sizeof start, "\n%s: a few questions follow.\n", name);
  const char *at = strstr(r->out, start);
  assert_non_null(at);
  assert_non_null(strstr(at, "Safety check (asked of everyone first)"));
  const char *urgency = strstr(at, "How soon to get care: ");
  assert_non_null(urgency);
  assert_true((strstr(urgency, CAUSES) != NULL) == causes);
  assert_true((strstr(urgency, TRIAGE_ONLY) != NULL) == !causes);
  assert_non_null(strstr(urgency, SYMCHECK_NOTICE));
}

/* A search every pack misses at best partly: the general entry is the
   last choice, and choosing it runs the safety check and the general
   questions to a level without a list of causes. */
static void test_elbow_pain_offers_the_general_entry(void **state) {
  (void)state;
  /* no complaint is about the elbow: the closest ones, then the general
     entry last */
  run_result r = run_symcheck(TIMEOUT_MS, PROFILE "elbow pain\n", "quiz", NULL);
  const char *marker = "Nothing matched \"elbow pain\"";
  int general = number_of(r.out, marker, GENERAL);
  assert_true(general > 1);
  assert_int_equal(general, list_length(r.out, marker));
  run_result_free(&r);

  char prefix[64];
  snprintf(prefix, sizeof prefix, PROFILE "elbow pain\n%d\n", general);
  bool causes = true;
  char *script = interview_script(prefix, "general", "symptom-not-listed", &causes);
  assert_false(causes);
  r = run_symcheck(TIMEOUT_MS, script, "quiz", NULL);
  assert_interviewed(&r, GENERAL, false);
  run_result_free(&r);
  free(script);
}

/* The words people use for belly, bowel and waterworks problems find the
   abdominal pack's complaints first, and "tummy pain" runs its belly-pain
   interview to a list of causes. */
static void test_lay_words_find_the_abdominal_complaints(void **state) {
  (void)state;
  static const char *const words[][2] = {
      {"tummy pain", "Belly pain (tummy ache)"},
      {"stomach ache", "Belly pain (tummy ache)"},
      {"puking", "Being sick (vomiting)"},
      {"bunged up", "Constipation"},
      {"burning pee", "Pain or burning when peeing"},
      {"cystitis", "Pain or burning when peeing"},
      {"kidney pain", "Pain in the side or lower back (kidney area)"},
      {"hernia", "Lump or swelling in the groin"},
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    char input[128], marker[128];
    snprintf(input, sizeof input, PROFILE "%s\n", words[i][0]);
    snprintf(marker, sizeof marker, "These match \"%s\"", words[i][0]);
    run_result r = run_symcheck(TIMEOUT_MS, input, "quiz", NULL);
    if (number_of(r.out, marker, words[i][1]) != 1) {
      fail_msg("\"%s\" should offer \"%s\" first:\n%s", words[i][0], words[i][1], r.out);
    }
    run_result_free(&r);
  }
  bool causes = false;
  char *script = interview_script(PROFILE "tummy pain\n1\n", "abdominal", "belly-pain", &causes);
  assert_true(causes);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", NULL);
  assert_interviewed(&r, "Belly pain (tummy ache)", true);
  run_result_free(&r);
  free(script);
}

/* Nonsense matches nothing: the general entry alone is offered, as 1. */
static void test_nonsense_offers_only_the_general_entry(void **state) {
  (void)state;
  bool causes = true;
  char *script =
      interview_script(PROFILE "zzqqxx wibble\n1\n", "general", "symptom-not-listed", &causes);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", NULL);
  const char *marker = "Nothing matched \"zzqqxx wibble\".";
  assert_int_equal(number_of(r.out, marker, GENERAL), 1);
  assert_int_equal(list_length(r.out, marker), 1);
  assert_interviewed(&r, GENERAL, false);
  run_result_free(&r);
  free(script);
}

/* One chooser offers both packs' complaints, by body area as the home
   page lists them: the anorectal one picked by its number in the full
   list, the ddxplus one by a search. */
static void test_anorectal_and_ddxplus_complaints_both_chosen(void **state) {
  (void)state;
  const char *mucus = "Mucus discharge from the anus";
  const char *heart = "Heart racing or pounding (palpitations)";
  run_result r = run_symcheck(TIMEOUT_MS, PROFILE "palpitations\n", "quiz", NULL);
  const char *belly = strstr(r.out, "Belly and bowels:\n");
  const char *chest = strstr(r.out, "Chest and breathing:\n");
  assert_non_null(belly);
  assert_non_null(chest);
  assert_null(strstr(r.out, "Common complaints (fitted from DDXPlus):\n")); /* no pack titles */
  assert_true(strstr(belly, mucus) < chest);
  int mucus_number = number_of(r.out, "What is your main symptom?\n", mucus);
  int last = list_length(r.out, "What is your main symptom?\n");
  assert_int_equal(number_of(r.out, "What is your main symptom?\n", GENERAL), last);
  assert_true(number_of(r.out, "What is your main symptom?\n", heart) > 0);
  int heart_number = number_of(r.out, "These match \"palpitations\":\n", heart);
  assert_true(mucus_number > 0 && heart_number > 0);
  run_result_free(&r);

  char prefix[64];
  bool causes = false;
  snprintf(prefix, sizeof prefix, PROFILE "%d\n", mucus_number);
  char *script = interview_script(prefix, "anorectal", "anal-mucus-discharge", &causes);
  r = run_symcheck(TIMEOUT_MS, script, "quiz", NULL);
  assert_interviewed(&r, mucus, causes);
  assert_true(causes);
  run_result_free(&r);
  free(script);

  snprintf(prefix, sizeof prefix, PROFILE "palpitations\n%d\n", heart_number);
  script = interview_script(prefix, "ddxplus", "e-155", &causes);
  r = run_symcheck(TIMEOUT_MS, script, "quiz", NULL);
  assert_interviewed(&r, heart, causes);
  assert_true(causes);
  run_result_free(&r);
  free(script);
}

/* Matches of several packs are merged best first: "black stools" is a
   whole-words match in the ddxplus pack and only a partial one in the
   anorectal pack, whose partial matches give way (as within one pack). */
static void test_search_merges_packs_best_first(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, PROFILE "black stools\n", "quiz", NULL);
  const char *marker = "These match \"black stools\":\n";
  assert_int_equal(number_of(r.out, marker, "Black poo"), 1);
  assert_int_equal(number_of(r.out, marker, "Mucus discharge from the anus"), 0);
  assert_int_equal(number_of(r.out, marker, GENERAL), list_length(r.out, marker));
  run_result_free(&r);
  /* With the anorectal pack alone its partial matches are offered. */
  r = run_symcheck(TIMEOUT_MS, PROFILE "black stools\n", "quiz", "--pack", "packs/anorectal", NULL);
  assert_int_equal(number_of(r.out, marker, "Mucus discharge from the anus"), 1);
  run_result_free(&r);
}

/* --complaint symptom-not-listed needs no --pack: the general pack is
   among those loaded. */
static void test_general_complaint_without_pack(void **state) {
  (void)state;
  bool causes = true;
  char *script = interview_script("", "general", "symptom-not-listed", &causes);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--complaint", "symptom-not-listed",
                              "--age", "30", "--sex", "female", NULL);
  assert_interviewed(&r, GENERAL, false);
  assert_null(strstr(r.out, "What is your main symptom?"));
  run_result_free(&r);
  free(script);
}

/* An id no loaded pack has: one line naming where the ids are listed,
   exit 2, and no quiz. */
static void test_unknown_complaint_is_one_line(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--complaint", "tummy-ache", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_string_equal(r.out, "");
  assert_non_null(strstr(r.err, "symcheck quiz: no loaded pack has the complaint 'tummy-ache'; "
                                "`symcheck pack show DIR` lists a pack's complaint ids"));
  assert_non_null(strstr(r.err, "packs/general"));
  assert_non_null(strchr(r.err, '\n'));
  assert_string_equal(strchr(r.err, '\n'), "\n");
  run_result_free(&r);
  /* a missing pack folder is one line too */
  r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--pack", "packs/nowhere", NULL);
  assert_int_equal(r.exit_code, 1);
  assert_string_equal(r.err, "symcheck quiz: no pack folder packs/nowhere; give a folder that "
                             "holds a pack.yaml\n");
  run_result_free(&r);
}

/* --pack twice offers those two packs only, by body area (the anorectal
   complaints by name under Belly and bowels), the general entry last. The
   general pack's "Back pain" and "Swollen or painful leg" are not offered:
   packs/limbs covers them (`listed: false`). */
static void test_pack_given_twice(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, PROFILE, "quiz", "--pack", "packs/anorectal", "--pack",
                              "packs/general", NULL);
  const char *marker = "What is your main symptom?\n";
  assert_int_equal(number_of(r.out, marker, "Blood in stool or bleeding from the bottom"), 1);
  assert_int_equal(number_of(r.out, marker, "Mucus discharge from the anus"), 4);
  assert_int_equal(number_of(r.out, marker, "Cough"), 0);
  assert_int_equal(number_of(r.out, marker, "Back pain"), 0);
  assert_int_equal(number_of(r.out, marker, "Swollen or painful leg"), 0);
  assert_int_equal(number_of(r.out, marker, "Bite or sting"), 6);
  assert_int_equal(number_of(r.out, marker, "Nosebleed"), 8);
  assert_int_equal(number_of(r.out, marker, "Testicle pain or swelling"), 16);
  assert_int_equal(number_of(r.out, marker, "Vaginal discharge or itching"), 10);
  assert_int_equal(number_of(r.out, marker, GENERAL), 17);
  assert_int_equal(list_length(r.out, marker), 17);
  assert_non_null(strstr(r.out, "ended before a result"));
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--pack", "packs/anorectal", "--complaint", "e-201",
                   NULL);
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "no loaded pack has the complaint 'e-201'"));
  run_result_free(&r);
}

/* The help names the new default and the general entry. */
static void test_help(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--help", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "[--pack DIR]..."));
  assert_non_null(strstr(r.out, "every folder under packs/ with a pack.yaml"));
  assert_non_null(strstr(r.out, "symptom-not-listed"));
  run_result_free(&r);
}

int main(void) {
  /* The quiz wraps its text at COLUMNS (80 when not a terminal); these
     tests match whole sentences, so they give it a line long enough. */
  setenv("COLUMNS", "1000", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_elbow_pain_offers_the_general_entry),
      cmocka_unit_test(test_lay_words_find_the_abdominal_complaints),
      cmocka_unit_test(test_nonsense_offers_only_the_general_entry),
      cmocka_unit_test(test_anorectal_and_ddxplus_complaints_both_chosen),
      cmocka_unit_test(test_search_merges_packs_best_first),
      cmocka_unit_test(test_general_complaint_without_pack),
      cmocka_unit_test(test_unknown_complaint_is_one_line),
      cmocka_unit_test(test_pack_given_twice),
      cmocka_unit_test(test_help),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
