/*
 * test_cli_errors.c - the `symcheck` command's errors end to end (issue 11
 * point 6): each wrong use runs the real binary (SYMCHECK_BINARY) and must
 * give one line on stderr that names the fix. (The examples of the docs
 * run in test_doc_examples.c.)
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "run_process.h"
#include "temp_dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TIMEOUT_MS 60000
#define MISSING_PACK "/nonexistent/symcheck-pack"
#define DIAGNOSE "diagnose", "--complaint", "anal-mucus-discharge", "--age", "34", "--sex", "female"

static size_t count_lines(const char *text) {
  size_t n = 0;
  for (const char *p = strchr(text, '\n'); p != NULL; p = strchr(p + 1, '\n')) {
    n++;
  }
  return n;
}

/* The first line of stderr holds every needle; the usage may follow only
   when `usage` is set, else stderr is that one line. */
static void assert_error_line(const run_result *r, bool usage, const char *const *needles) {
  assert_int_not_equal(r->exit_code, 0);
  const char *end = strchr(r->err, '\n');
  assert_non_null(end);
  size_t length = (size_t)(end - r->err);
  char line[1024];
  assert_true(length < sizeof line);
  memcpy(line, r->err, length);
  line[length] = '\0';
  for (const char *const *n = needles; *n != NULL; n++) {
    if (strstr(line, *n) == NULL) {
      fail_msg("'%s' not in the error line: %s", *n, line);
    }
  }
  if (!usage) {
    assert_int_equal(count_lines(r->err), 1);
  } else {
    assert_non_null(strstr(r->err, "usage:"));
  }
}

static void test_empty_answer_refused(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, DIAGNOSE, "--answer", "emergency_signs=", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_error_line(&r, false,
                    (const char *[]){"emergency_signs", "allowed:", "none", "unknown", NULL});
  run_result_free(&r);
}

static void test_duplicate_answer_refused(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, DIAGNOSE, "--answer", "blood_in_stool=yes",
                              "--answer", "blood_in_stool=no", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_error_line(&r, false, (const char *[]){"'blood_in_stool'", "twice", NULL});
  run_result_free(&r);
}

static void test_folds_names_its_range(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "eval", "--pack", "packs/anorectal", "--cases",
                              SYMCHECK_SOURCE_DIR "/tests/vignettes", "--folds", "1", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_error_line(&r, true, (const char *[]){"--folds", "from 2 to 100", "'1'", NULL});
  run_result_free(&r);
}

static void test_eval_with_a_pack_that_fits_no_case(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "eval", "--pack", "packs/anorectal", "--cases",
                              SYMCHECK_SOURCE_DIR "/tests/data/ddxplus/patients_300.csv", NULL);
  assert_int_equal(r.exit_code, 1);
  assert_error_line(&r, false,
                    (const char *[]){"fits none of the 300", "--pack packs/ddxplus", NULL});
  assert_string_equal(r.out, ""); /* no table of zeros */
  run_result_free(&r);
}

static void test_stories_need_an_existing_database(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "cli-errors"));
  char path[512], url[600];
  snprintf(path, sizeof path, "%s/none.db", dir);
  snprintf(url, sizeof url, "sqlite:%s", path);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "stories", "list", "--db", url, NULL);
  assert_error_line(&r, false, (const char *[]){"--db", path, NULL});
  run_result_free(&r);
  assert_int_not_equal(access(path, F_OK), 0); /* nothing was created */
  assert_int_equal(rmdir(dir), 0);
}

static void test_editor_name_quoted(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "cli-errors"));
  char url[300];
  snprintf(url, sizeof url, "sqlite:%s/editors.db", dir);
  run_result r = run_symcheck(TIMEOUT_MS, "a-long-password\n", "editor", "add", "bad name!", "--db",
                              url, NULL);
  assert_int_equal(r.exit_code, 2);
  assert_error_line(&r, true, (const char *[]){"\"bad name!\"", "letters, digits", NULL});
  assert_null(strstr(r.err, "\"cli\""));
  run_result_free(&r);
  char path[300];
  snprintf(path, sizeof path, "%s/editors.db", dir);
  unlink(path);
  assert_int_equal(rmdir(dir), 0);
}

static void test_pack_show_probabilities_keep_their_digits(void **state) {
  (void)state;
  run_result r =
      run_symcheck(TIMEOUT_MS, NULL, "pack", "show", "packs/anorectal", "haemorrhoids", NULL);
  assert_int_equal(r.exit_code, 0);
  /* haemorrhoids has likelihoods of 0.003 (e.g. the urgent screen's) */
  assert_non_null(strstr(r.out, " 0.003"));
  assert_null(strstr(r.out, " 0.00 "));
  assert_null(strstr(r.out, " 0.00\n"));
  run_result_free(&r);
}

static void test_missing_pack_is_one_line(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, DIAGNOSE, "--pack", MISSING_PACK, NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "--pack", NULL});
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "eval", "--pack", MISSING_PACK, "--cases",
                   SYMCHECK_SOURCE_DIR "/tests/vignettes", NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "--pack", NULL});
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--pack", MISSING_PACK, NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "pack.yaml", NULL});
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "eval", "--pack", "packs/anorectal", "--cases", MISSING_PACK,
                   NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "--cases tests/vignettes", NULL});
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "check", MISSING_PACK, NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "pack check DIR", NULL});
  assert_string_equal(r.out, "");
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", MISSING_PACK, NULL);
  assert_error_line(&r, false, (const char *[]){MISSING_PACK, "pack show DIR", NULL});
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_answer_refused),
      cmocka_unit_test(test_duplicate_answer_refused),
      cmocka_unit_test(test_folds_names_its_range),
      cmocka_unit_test(test_eval_with_a_pack_that_fits_no_case),
      cmocka_unit_test(test_stories_need_an_existing_database),
      cmocka_unit_test(test_editor_name_quoted),
      cmocka_unit_test(test_pack_show_probabilities_keep_their_digits),
      cmocka_unit_test(test_missing_pack_is_one_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
