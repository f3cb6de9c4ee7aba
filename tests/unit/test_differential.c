/*
 * test_differential.c - questions asked for the differential: the maths
 * pack of tests/packs/maths copied with a differential.yaml whose settings
 * each test chooses. Condition b's membership depends on f6 (weights +4 for
 * "many", -4 for "few") and on f5's sign x (+3). A woman of 30 who answered
 * rf no, f1 yes, f3 no has a = 0.9, b = 0.044 (the diagnosis is settled);
 * mixing a and b (0.953, 0.047), b is in the differential at
 * 0.953 * 0.5 + 0.047 * sigmoid(3) = 0.521 (1.00 bit). f6 (P(many) 0.3 under
 * both) moves b's log-odds by +5.6 or -2.4: 0.996 (0.034 bit) or 0.110
 * (0.499 bit), a gain of 0.64 bit; x gains 0.15. Once f6 is "few", x gains
 * 0.02 bit. The pack check refuses settings out of range.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "symcheck.h"
#include "temp_dir.h"

#define MATHS SYMCHECK_SOURCE_DIR "/tests/packs/maths"

static const char *const S_FILES[] = {"pack.yaml", "complaints.yaml", "findings.yaml",
                                      "conditions.yaml", "red_flags.yaml"};

static void S_copy(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  assert_non_null(in);
  assert_non_null(out);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    assert_int_equal(fwrite(buf, 1, n, out), n);
  }
  fclose(in);
  assert_int_equal(fclose(out), 0);
}

#define S_PEOPLE "    age: {young: 0, old: 0}\n    sex: {female: 0, male: 0}\n"

/* Writes the maths pack with a differential.yaml whose first lines are
   settings (e.g. "question_min_gain: 0.05\n") and whose b has the given
   age and sex lines into a new temporary folder whose path goes into dir
   (size bytes). */
static void S_write_pack(char *dir, size_t size, const char *settings, const char *people) {
  assert_true(temp_dir_make(dir, size, "differential"));
  char from[512], to[512];
  for (size_t i = 0; i < sizeof S_FILES / sizeof *S_FILES; i++) {
    snprintf(from, sizeof from, "%s/%s", MATHS, S_FILES[i]);
    snprintf(to, sizeof to, "%s/%s", dir, S_FILES[i]);
    S_copy(from, to);
  }
  snprintf(to, sizeof to, "%s/differential.yaml", dir);
  FILE *f = fopen(to, "w");
  assert_non_null(f);
  fprintf(f,
          "source: TEST-1\nkeep: 0.5\nshown_floor: 0.0101\n%s"
          "conditions:\n"
          "  a:\n    base: {a: 3, b: 0}\n"
          "  b:\n    base: {a: 0, b: 3}\n%s"
          "    weights:\n      f6: {many: 4, few: -4}\n      f5: {x: 3}\n",
          settings, people);
  assert_int_equal(fclose(f), 0);
}

static void S_remove_pack(const char *dir) {
  char path[512];
  for (size_t i = 0; i < sizeof S_FILES / sizeof *S_FILES; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, S_FILES[i]);
    unlink(path);
  }
  snprintf(path, sizeof path, "%s/differential.yaml", dir);
  unlink(path);
  rmdir(dir);
}

static symcheck_pack *S_load(const char *settings) {
  char dir[256];
  S_write_pack(dir, sizeof dir, settings, S_PEOPLE);
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  S_remove_pack(dir);
  assert_non_null(pack);
  return pack;
}

static void S_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, finding, value, &err), 0);
}

/* A woman of 30 who answered until the diagnosis is settled (a = 0.9). */
static symcheck_interview *S_settled(const symcheck_pack *pack) {
  symcheck_profile profile = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err;
  symcheck_interview *iv = symcheck_interview_new(pack, "test-complaint", &profile, &err);
  assert_non_null(iv);
  S_answer(iv, "rf", "no");
  S_answer(iv, "f1", "yes");
  S_answer(iv, "f3", "no");
  return iv;
}

static void test_asks_for_the_differential_once_settled(void **state) {
  (void)state;
  symcheck_pack *pack = S_load("question_min_gain: 0.05\n");
  symcheck_interview *iv = S_settled(pack);
  assert_false(symcheck_interview_should_stop(iv));
  const symcheck_finding *next = symcheck_interview_next(iv);
  assert_non_null(next);
  assert_string_equal(next->id, "f6"); /* 0.64 bit, more than x's 0.15 */
  S_answer(iv, "f6", "2");
  assert_true(symcheck_interview_should_stop(iv)); /* x: 0.02 bit < 0.05 */
  symcheck_interview_free(iv);
  iv = S_settled(pack);
  S_answer(iv, "f6", "7"); /* many: b is in at 0.996, x gains nearly nothing */
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static void test_a_higher_min_gain_asks_less(void **state) {
  (void)state;
  symcheck_pack *pack = S_load("question_min_gain: 0.7\n");
  symcheck_interview *iv = S_settled(pack);
  assert_true(symcheck_interview_should_stop(iv)); /* f6 gains only 0.64 */
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
  pack = S_load("question_min_gain: 0.6\n");
  iv = S_settled(pack);
  assert_false(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static void test_question_limit_counts_every_question(void **state) {
  (void)state;
  symcheck_pack *pack = S_load("question_min_gain: 0.05\nquestion_limit: 3\n");
  symcheck_interview *iv = S_settled(pack); /* 3 questions asked */
  assert_true(symcheck_interview_should_stop(iv));
  assert_null(symcheck_interview_next(iv));
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static void test_without_min_gain_it_stops_as_before(void **state) {
  (void)state;
  symcheck_pack *pack = S_load("");
  symcheck_interview *iv = S_settled(pack);
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* The differential questions wait for the diagnosis: before it is settled
   the next question is the diagnosis's own (f3, as without the file). */
static void test_diagnosis_questions_come_first(void **state) {
  (void)state;
  symcheck_pack *pack = S_load("question_min_gain: 0.05\n");
  symcheck_profile profile = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err;
  symcheck_interview *iv = symcheck_interview_new(pack, "test-complaint", &profile, &err);
  S_answer(iv, "rf", "no");
  S_answer(iv, "f1", "yes");
  const symcheck_finding *next = symcheck_interview_next(iv);
  assert_non_null(next);
  assert_string_equal(next->id, "f3");
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* Loading fails and the first error names differential.yaml and a field
   that contains `field`. */
static void S_expect_error(const char *settings, const char *people, const char *field) {
  char dir[256];
  S_write_pack(dir, sizeof dir, settings, people);
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  S_remove_pack(dir);
  assert_null(pack);
  assert_true(d.count >= 1);
  assert_string_equal(d.items[0].file, "differential.yaml");
  if (strstr(d.items[0].field, field) == NULL) {
    print_error("field %s, expected %s\n", d.items[0].field, field);
  }
  assert_non_null(strstr(d.items[0].field, field));
  symcheck_diagnostics_free(&d);
}

static void test_bad_settings_are_reported(void **state) {
  (void)state;
  S_expect_error("question_min_gain: 0\n", S_PEOPLE, "question_min_gain");
  S_expect_error("question_min_gain: -1\n", S_PEOPLE, "question_min_gain");
  S_expect_error("question_min_gain: lots\n", S_PEOPLE, "question_min_gain");
  S_expect_error("question_min_gain: 0.1\nquestion_limit: 0\n", S_PEOPLE, "question_limit");
  S_expect_error("question_min_gain: 0.1\nquestion_limit: 500\n", S_PEOPLE, "question_limit");
  S_expect_error("questions: 3\n", S_PEOPLE, "questions");
}

static void test_bad_age_and_sex_are_reported(void **state) {
  (void)state;
  S_expect_error("", "    age: {ancient: 1}\n", "age");
  S_expect_error("", "    sex: {other: 1}\n", "sex");
  S_expect_error("", "    sex: {female: many}\n", "sex");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_asks_for_the_differential_once_settled),
      cmocka_unit_test(test_a_higher_min_gain_asks_less),
      cmocka_unit_test(test_question_limit_counts_every_question),
      cmocka_unit_test(test_without_min_gain_it_stops_as_before),
      cmocka_unit_test(test_diagnosis_questions_come_first),
      cmocka_unit_test(test_bad_settings_are_reported),
      cmocka_unit_test(test_bad_age_and_sex_are_reported),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
