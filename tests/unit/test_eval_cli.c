/*
 * test_eval_cli.c - `symcheck fit` and `symcheck eval` end to end, through
 * the real binary: fitting the 300-patient sample into a folder that
 * `symcheck pack check` accepts, evaluating it with --json (parsed and
 * checked against the documented keys) and with --reliability-svg, the
 * vignette format on a folder, and wrong arguments (one line, usage, exit 2).
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
#include <jansson.h>

#include "run_process.h"
#include "temp_dir.h"

#define DATA_DIR SYMCHECK_SOURCE_DIR "/tests/data/ddxplus"
#define SAMPLE DATA_DIR "/patients_300.csv"
#define TIMEOUT_MS 120000

static run_result S_run(const char *const *argv) {
  run_result r = {0};
  assert_int_equal(run_process(argv, NULL, TIMEOUT_MS, &r), 0);
  assert_false(r.timed_out);
  return r;
}

static void test_fit_writes_a_pack_that_checks_clean(void **state) {
  (void)state;
  char dir[64];
  assert_true(temp_dir_make(dir, sizeof dir, "fitcli"));
  const char *fit[] = {SYMCHECK_BINARY,
                       "fit",
                       "ddxplus",
                       "--data",
                       DATA_DIR,
                       "--patients",
                       SAMPLE,
                       "--out",
                       dir,
                       "--exclude",
                       "1/5",
                       "--clinical",
                       SYMCHECK_SOURCE_DIR "/packs/ddxplus/clinical.yaml",
                       NULL};
  run_result r = S_run(fit);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "wrote"));
  run_result_free(&r);
  const char *check[] = {SYMCHECK_BINARY, "pack", "check", dir, NULL};
  r = S_run(check);
  if (r.exit_code != 0) {
    print_error("%s%s", r.out, r.err);
  }
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "49 conditions"));
  run_result_free(&r);

  /* The pack just written, on the sample, as JSON. */
  char svg[128];
  snprintf(svg, sizeof svg, "%s/reliability.svg", dir);
  const char *eval[] = {SYMCHECK_BINARY,     "eval", "--pack", dir, "--cases", SAMPLE, "--json",
                        "--reliability-svg", svg,    NULL};
  r = S_run(eval);
  assert_int_equal(r.exit_code, 0);
  json_error_t jerr;
  json_t *json = json_loads(r.out, 0, &jerr);
  assert_non_null(json);
  json_t *overall = json_object_get(json, "overall");
  assert_int_equal(json_integer_value(json_object_get(overall, "n")), 300);
  double at1 = json_real_value(json_object_get(overall, "gtpa_at_1"));
  assert_true(at1 > 0.5 && at1 <= 1.0);
  assert_true(json_is_object(json_object_get(json, "per_condition")));
  assert_true(json_is_object(json_object_get(json, "ceiling")));
  assert_non_null(json_string_value(json_object_get(json, "notice")));
  json_decref(json);
  run_result_free(&r);
  FILE *f = fopen(svg, "r");
  assert_non_null(f);
  char head[8] = "";
  assert_non_null(fgets(head, sizeof head, f));
  assert_memory_equal(head, "<svg", 4);
  fclose(f);
  unlink(svg);
  assert_true(temp_dir_remove(dir));
}

static void test_eval_prints_a_table_with_the_notice(void **state) {
  (void)state;
  const char *eval[] = {
      SYMCHECK_BINARY,   "eval", "--pack",    SYMCHECK_SOURCE_DIR "/packs/ddxplus",
      "--cases",         SAMPLE, "--threads", "2",
      "--max-questions", "10",   NULL};
  run_result r = S_run(eval);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "overall"));
  assert_non_null(strstr(r.out, "ceiling"));
  assert_non_null(strstr(r.out, "interviews per second"));
  assert_non_null(strstr(r.out, "not a diagnosis"));
  run_result_free(&r);
}

static void test_wrong_arguments_exit_2_with_usage(void **state) {
  (void)state;
  const char *cases[][8] = {
      {SYMCHECK_BINARY, "eval", "--cases", SAMPLE, NULL},
      {SYMCHECK_BINARY, "eval", "--pack", "x", "--cases", SAMPLE, "--folds", "1"},
      {SYMCHECK_BINARY, "eval", "--frobnicate", NULL},
      {SYMCHECK_BINARY, "fit", "ddxplus", "--data", DATA_DIR, NULL},
      {SYMCHECK_BINARY, "fit", "mimic", NULL},
      {SYMCHECK_BINARY, "fit", "ddxplus", "--data", DATA_DIR, "--exclude", "6/5"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *argv[10] = {0};
    memcpy(argv, cases[i], sizeof cases[i]);
    run_result r = S_run(argv);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "usage:"));
    run_result_free(&r);
  }
}

static void test_missing_data_is_an_error_naming_the_file(void **state) {
  (void)state;
  const char *eval[] = {SYMCHECK_BINARY,
                        "eval",
                        "--pack",
                        SYMCHECK_SOURCE_DIR "/packs/ddxplus",
                        "--cases",
                        SAMPLE,
                        "--data",
                        "/nonexistent",
                        NULL};
  run_result r = S_run(eval);
  assert_int_equal(r.exit_code, 1);
  assert_non_null(strstr(r.err, "/nonexistent/release_evidences.json"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fit_writes_a_pack_that_checks_clean),
      cmocka_unit_test(test_eval_prints_a_table_with_the_notice),
      cmocka_unit_test(test_wrong_arguments_exit_2_with_usage),
      cmocka_unit_test(test_missing_data_is_an_error_naming_the_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
