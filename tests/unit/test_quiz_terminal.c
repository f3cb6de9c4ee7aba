/*
 * test_quiz_terminal.c - the terminal quiz forgives its users (issue 11
 * point 5), end to end through the real binary (SYMCHECK_BINARY): answers
 * as words (yes, no, none, don't know or ?, an answer's first letters, any
 * case), every refused reply stating what is allowed, a repeated answer
 * refused, an emergency answer confirmed with a way back, b stepping back
 * through the symptom, sex and age, text wrapped to COLUMNS without a word
 * broken, and the misspelt symptom found by the search the web uses.
 *
 * The scripts follow the questions the engine asks (the library, in this
 * process), so the tests hold whatever the packs ask first.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "run_process.h"
#include "symcheck.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
#define ANORECTAL SYMCHECK_SOURCE_DIR "/packs/anorectal"
#define COMPLAINT "sore-throat"
#define TIMEOUT_MS 20000
#define SCRIPT_SIZE 8192

static size_t count_of(const char *text, const char *needle) {
  size_t count = 0;
  for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle)) {
    count++;
  }
  return count;
}

static void assert_contains(const char *text, const char *needle) {
  if (strstr(text, needle) == NULL) {
    fail_msg("\"%s\" not in the output:\n%s", needle, text);
  }
}

static symcheck_pack *load(const char *dir) {
  symcheck_pack *pack = symcheck_pack_load(dir, NULL);
  assert_non_null(pack);
  return pack;
}

/* The shortest start of the label of shown option `option` that no other
   shown label, nor "Don't know", starts with (case ignored). */
static void unique_start(const symcheck_finding *f, const symcheck_profile *person, size_t option,
                         char *out, size_t size) {
  const char *label = f->options[option].label;
  for (size_t length = 1; length <= strlen(label) && length < size; length++) {
    bool shared = strncasecmp("Don't know", label, length) == 0;
    for (size_t i = 0; i < f->option_count && !shared; i++) {
      shared = i != option && symcheck_option_applies(f, i, person->age, person->sex) &&
               strncasecmp(f->options[i].label, label, length) == 0;
    }
    if (!shared) {
      snprintf(out, size, "%.*s", (int)length, label);
      return;
    }
  }
  snprintf(out, size, "%s", label);
}

/* A reply in words for a question, and the value the library takes for it:
   "?" to the first yes/no question and "NO" or "n" to the others, "none"
   to "choose all", the unique start of the first option's label, upper-cased,
   for one of several, and "dont KNOW" for numbers. */
static void word_reply(const symcheck_finding *f, const symcheck_profile *person, size_t asked,
                       char *reply, char *value, size_t size) {
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(reply, size, "%s\n", asked == 0 ? "?" : asked % 2 ? "NO" : "n");
    snprintf(value, size, "%s", asked == 0 ? "unknown" : "no");
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(reply, size, "none\n");
    snprintf(value, size, "none");
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(reply, size, "dont KNOW\n");
    snprintf(value, size, "unknown");
  } else {
    size_t first = 0;
    while (!symcheck_option_applies(f, first, person->age, person->sex)) {
      first++;
    }
    char start[128];
    unique_start(f, person, first, start, sizeof start);
    for (char *c = start; *c != '\0'; c++) {
      *c = (char)toupper((unsigned char)*c);
    }
    snprintf(reply, size, "%s\n", start);
    snprintf(value, size, "%s", f->options[first].id);
  }
}

static void test_answers_in_words_reach_a_result(void **state) {
  (void)state;
  symcheck_pack *pack = load(ANORECTAL);
  symcheck_profile person = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "anal-mucus-discharge", &person, NULL);
  assert_non_null(iv);
  char script[SCRIPT_SIZE] = "";
  size_t yes_no = 0, kinds[6] = {0};
  const symcheck_finding *next;
  while ((next = symcheck_interview_next(iv)) != NULL && !symcheck_interview_should_stop(iv)) {
    char reply[160], value[160];
    word_reply(next, &person, next->type == SYMCHECK_ANSWER_YES_NO ? yes_no++ : 0, reply, value,
               sizeof reply);
    kinds[next->type]++;
    strncat(script, reply, sizeof script - strlen(script) - 1);
    symcheck_level before = symcheck_interview_triage(iv).level;
    assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
    symcheck_level after = symcheck_interview_triage(iv).level;
    if (after >= SYMCHECK_LEVEL_EMERGENCY && after > before) {
      strncat(script, "y\n", sizeof script - strlen(script) - 1); /* confirmed */
    }
  }
  symcheck_result *result = symcheck_interview_result(iv);
  char top[256];
  snprintf(top, sizeof top, "%s", result->conditions[0].condition->name);
  symcheck_result_free(result);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
  /* the script used words for yes/no, "choose all" and one of several */
  assert_true(kinds[SYMCHECK_ANSWER_YES_NO] > 1 && kinds[SYMCHECK_ANSWER_MULTI] > 0);
  assert_true(kinds[SYMCHECK_ANSWER_SINGLE] + kinds[SYMCHECK_ANSWER_SEVERITY] +
                  kinds[SYMCHECK_ANSWER_DURATION] >
              0);

  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", ANORECTAL, "--complaint",
                              "anal-mucus-discharge", "--age", "30", "--sex", "female", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_null(strstr(r.out, "Please answer"));
  assert_contains(r.out, "How soon to get care: ");
  assert_contains(r.out, top); /* the same result the library gives for these answers */
  assert_contains(r.out, SYMCHECK_NOTICE);
  run_result_free(&r);
}

static size_t shown_count(const symcheck_finding *f, const symcheck_profile *person) {
  size_t n = 0;
  for (size_t i = 0; i < f->option_count; i++) {
    n += symcheck_option_applies(f, i, person->age, person->sex);
  }
  return n;
}

/* The script that answers by number up to the first question of `type`,
   where it first sends `wrong`; fills the hint expected for it. */
static void script_to_type(const char *dir, const char *complaint, symcheck_answer_type type,
                           const char *wrong, char *script, char *question, size_t size) {
  symcheck_pack *pack = load(dir);
  symcheck_profile person = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &person, NULL);
  const symcheck_finding *next;
  script[0] = '\0';
  while ((next = symcheck_interview_next(iv)) != NULL && next->type != type) {
    const char *value = next->type == SYMCHECK_ANSWER_MULTI ? "none" : "unknown";
    assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
    size_t dont_know = shown_count(next, &person) + 1;
    size_t length = strlen(script);
    if (next->type == SYMCHECK_ANSWER_NUMBER) {
      snprintf(script + length, size - length, "d\n");
    } else {
      snprintf(script + length, size - length, "%zu\n",
               next->type == SYMCHECK_ANSWER_MULTI ? 0 : dont_know);
    }
  }
  assert_non_null(next);
  snprintf(question, size, "%s", next->question);
  size_t length = strlen(script);
  snprintf(script + length, size - length, "%s\nq\n", wrong);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static run_result run_tiny(const char *script) {
  return run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", TINY, "--complaint", COMPLAINT, "--age",
                      "30", "--sex", "female", NULL);
}

static void test_errors_state_what_is_allowed(void **state) {
  (void)state;
  char script[SCRIPT_SIZE], question[512];
  script_to_type(ANORECTAL, "anal-mucus-discharge", SYMCHECK_ANSWER_YES_NO, "maybe", script,
                 question, sizeof script);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", ANORECTAL, "--complaint",
                              "anal-mucus-discharge", "--age", "30", "--sex", "female", NULL);
  assert_contains(r.out, "\"maybe\" is not one of the answers. Please answer 1-3, yes, no or "
                         "don't know.\n");
  run_result_free(&r);

  /* the tiny pack's danger signs: 2 options, 0 for none, 3 for don't know */
  script_to_type(TINY, COMPLAINT, SYMCHECK_ANSWER_MULTI, "1 1\n7\nzzz", script, question,
                 sizeof script);
  r = run_tiny(script);
  const char *hint = "Please answer 0-3 (several such as \"1 3\", or item by item such as \"1 no "
                     "2 ? 3\"), the first letters of answers, none or don't know.\n";
  assert_contains(r.out, "twice; choose each answer once. ");
  assert_contains(r.out, "\"7\" is not one of the answers. ");
  assert_contains(r.out, "\"zzz\" is not one of the answers. ");
  assert_int_equal(count_of(r.out, hint), 3);
  assert_null(strstr(r.out, "How soon to get care: "));
  run_result_free(&r);

  script_to_type(TINY, COMPLAINT, SYMCHECK_ANSWER_SINGLE, "9", script, question, sizeof script);
  r = run_tiny(script);
  assert_contains(r.out, "There is no answer 9. Please answer 1-4, an answer's first letters, or "
                         "don't know.\n");
  run_result_free(&r);
}

/* A red flag of the tiny pack at emergency level or above on a "choose
   all" question, and the number its option has in the quiz. */
static const symcheck_red_flag *emergency_flag(const symcheck_pack *pack, size_t *number) {
  for (size_t i = 0; i < symcheck_pack_red_flag_count(pack); i++) {
    const symcheck_red_flag *flag = symcheck_pack_red_flag(pack, i);
    if (flag->level >= SYMCHECK_LEVEL_AMBULANCE && flag->finding->type == SYMCHECK_ANSWER_MULTI) {
      *number = flag->option + 1; /* every option of the tiny pack applies to everyone */
      return flag;
    }
  }
  fail_msg("the tiny pack has no ambulance red flag on a multi question");
  return NULL;
}

static void test_emergency_answer_is_confirmed(void **state) {
  (void)state;
  symcheck_pack *pack = load(TINY);
  size_t number = 0;
  const symcheck_red_flag *flag = emergency_flag(pack, &number);
  char expected[512], advice[128], script[SCRIPT_SIZE], question[512];
  snprintf(advice, sizeof advice, "%s", symcheck_level_advice(flag->level));
  advice[0] = (char)tolower((unsigned char)advice[0]);
  snprintf(expected, sizeof expected, "You ticked \"%s\": this means %s. Is that right? (yes/no)\n",
           flag->finding->options[flag->option].label, advice);
  /* the first time taken back with "no", the second with b, then confirmed */
  char wrong[64];
  snprintf(wrong, sizeof wrong, "%zu\nno\n%zu\nb\n%zu\nyes", number, number, number);
  script_to_type(TINY, COMPLAINT, SYMCHECK_ANSWER_MULTI, wrong, script, question, sizeof script);
  assert_string_equal(question, flag->finding->question);
  symcheck_pack_free(pack);
  run_result r = run_tiny(script);
  assert_int_equal(r.exit_code, 0);
  assert_int_equal(count_of(r.out, expected), 3);
  assert_int_equal(count_of(r.out, "Your answer is taken back"), 2);
  assert_int_equal(count_of(r.out, question), 3); /* asked again after each no */
  assert_contains(r.out, "How soon to get care: Call an ambulance (level 5 of 5)");
  assert_contains(r.out, SYMCHECK_NOTICE);
  run_result_free(&r);

  /* input that ends at the confirmation still says what the answer means */
  snprintf(wrong, sizeof wrong, "%zu", number);
  script_to_type(TINY, COMPLAINT, SYMCHECK_ANSWER_MULTI, wrong, script, question, sizeof script);
  *strstr(script, "q\n") = '\0';
  r = run_tiny(script);
  assert_contains(r.out, expected);
  assert_contains(r.out,
                  "ended before a result.\nYour answers so far mean: Call an ambulance now.\n");
  run_result_free(&r);
}

static void test_back_steps_through_symptom_sex_and_age(void **state) {
  (void)state;
  /* age, sex, symptom 1, then b at the first question and three more
     times: to the symptom, the sex, the age, and nothing before it */
  run_result r = run_symcheck(TIMEOUT_MS, "30\nf\n1\nb\nb\nb\nb\n31\nMALE\n1\nq\n", "quiz",
                              "--pack", TINY, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_int_equal(count_of(r.out, "How old are you, in years?"), 3);
  assert_int_equal(count_of(r.out, "What sex were you assigned at birth?"), 3);
  assert_int_equal(count_of(r.out, "What is your main symptom?"), 3);
  assert_int_equal(count_of(r.out, "a few questions follow"), 2);
  assert_int_equal(count_of(r.out, "This is the first question; there is nothing to go back to"),
                   1);
  assert_contains(r.out, "stopped before a result");
  run_result_free(&r);

  /* given on the command line, nothing comes before the first question */
  r = run_tiny("b\nq\n");
  assert_contains(r.out, "This is the first question; there is nothing to go back to");
  assert_null(strstr(r.out, "How old are you"));
  run_result_free(&r);
}

/* Columns of one line: UTF-8 continuation bytes take none. */
static size_t columns(const char *line, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    count += ((unsigned char)line[i] & 0xC0) != 0x80;
  }
  return count;
}

/* Fails when a line is wider than `width`, unless it is one word. */
static void assert_fits(const char *text, size_t width) {
  for (const char *line = text; *line != '\0';) {
    size_t n = strcspn(line, "\n");
    const char *space = memchr(line, ' ', n);
    bool one_word = space == NULL || strspn(line, " ") == (size_t)(space - line);
    if (columns(line, n) > width && !one_word) {
      fail_msg("a line wider than %zu columns: %.*s", width, (int)n, line);
    }
    line += n + (line[n] == '\n');
  }
}

/* The text with every run of blanks and newlines made one space. */
static char *words_of(const char *text) {
  char *out = calloc(strlen(text) + 1, 1);
  assert_non_null(out);
  size_t n = 0;
  for (const char *c = text; *c != '\0'; c++) {
    bool blank = *c == ' ' || *c == '\n';
    if (!blank || (n > 0 && out[n - 1] != ' ')) {
      out[n++] = blank ? ' ' : *c;
    }
  }
  out[n] = '\0';
  return out;
}

static void test_text_wraps_to_the_terminal(void **state) {
  (void)state;
  const char *script = "30\n1\n1\nw\n1\nq\n"; /* the emergency question, why, an emergency */
  setenv("COLUMNS", "1000", 1);
  run_result wide = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", ANORECTAL, "--complaint",
                                 "anal-mucus-discharge", NULL);
  setenv("COLUMNS", "40", 1);
  run_result narrow = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", ANORECTAL, "--complaint",
                                   "anal-mucus-discharge", NULL);
  unsetenv("COLUMNS");
  run_result standard = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", ANORECTAL, "--complaint",
                                     "anal-mucus-discharge", NULL);
  assert_fits(narrow.out, 40);
  assert_fits(standard.out, 80); /* not a terminal and no COLUMNS: 80 */
  /* the wide run has lines the others had to break */
  assert_non_null(strstr(wide.out, SYMCHECK_NOTICE));
  assert_null(strstr(narrow.out, SYMCHECK_NOTICE));
  /* only blanks and line breaks differ: no word was cut or lost */
  char *a = words_of(wide.out), *b = words_of(narrow.out), *c = words_of(standard.out);
  assert_string_equal(a, b);
  assert_string_equal(a, c);
  free(a);
  free(b);
  free(c);
  run_result_free(&wide);
  run_result_free(&narrow);
  run_result_free(&standard);
  setenv("COLUMNS", "1000", 1);
}

static void test_misspelt_symptom_found_first(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, "30\n1\ndiarhea\nq\n", "quiz", NULL);
  assert_contains(r.out, "These match \"diarhea\":\n  1. Diarrhoea\n");
  run_result_free(&r);
}

int main(void) {
  /* Lines long enough for whole sentences; the wrapping test sets its own. */
  setenv("COLUMNS", "1000", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_answers_in_words_reach_a_result),
      cmocka_unit_test(test_errors_state_what_is_allowed),
      cmocka_unit_test(test_emergency_answer_is_confirmed),
      cmocka_unit_test(test_back_steps_through_symptom_sex_and_age),
      cmocka_unit_test(test_text_wraps_to_the_terminal),
      cmocka_unit_test(test_misspelt_symptom_found_first),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
