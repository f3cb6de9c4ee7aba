/*
 * test_eval.c - the evaluation harness on the fixed 300-patient DDXPlus
 * sample (tests/data/ddxplus) with 5-fold cross-validation: each fold is
 * diagnosed by a pack fitted on the other four and loaded by the real
 * loader. It fails below thresholds set a little under what the harness
 * achieves (docs/evaluation.md), and checks what a reader of the figures
 * relies on: the ceiling (every evidence given) is at least as good as the
 * interview, threads do not change the figures, the JSON has the documented
 * keys, and the reliability diagram is an SVG.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "symcheck_eval.h"
#include "temp_dir.h"

#define DATA_DIR SYMCHECK_SOURCE_DIR "/tests/data/ddxplus"
#define SAMPLE DATA_DIR "/patients_300.csv"

/* Thresholds (fractions; IL in questions), a little below what is
   achieved on this sample (GTPA@1 0.980, IL 6.80, DDF1 0.776 when they were
   set, with questions asked for the differential; see docs/evaluation.md).
   Each complaint's defining features (clinical.yaml `ask_first`, issue 11)
   are asked even when the model would stop: two per data-set complaint took
   this sample from IL 6.98 to 7.01 (GTPA@1 0.973 both, DDF1 0.773 to 0.780),
   so IL may go a little over issue 3's limit of 7 here; on the 2,611
   patients that limit is measured on, 5-fold IL is 6.95. */
#define MIN_GTPA_AT_1 0.96
#define MAX_IL 7.1
#define MIN_DDF1 0.75

typedef struct S_state {
  symcheck_ddxplus *data;
  symcheck_eval_report *report; /* 5 folds, 1 thread */
  char tmp[64];                 /* TMPDIR while the folds were fitted */
} S_state;

static symcheck_eval_report *S_evaluate(symcheck_ddxplus *data, size_t threads) {
  symcheck_eval_options options = symcheck_eval_defaults();
  options.folds = 5;
  options.threads = threads;
  options.fit.clinical = SYMCHECK_SOURCE_DIR "/packs/ddxplus/clinical.yaml";
  symcheck_error err = {0};
  symcheck_eval_report *r = symcheck_eval_ddxplus(data, NULL, &options, &err);
  if (r == NULL) {
    print_error("%s:%d: %s: %s\n", err.file, err.line, err.field, err.message);
  }
  return r;
}

static int S_setup(void **state) {
  static S_state s;
  symcheck_error err = {0};
  s.data = symcheck_ddxplus_load(DATA_DIR, &err);
  if (s.data == NULL || symcheck_ddxplus_read_patients(s.data, SAMPLE, &err) != 300) {
    print_error("%s: %s\n", err.file, err.message);
    return -1;
  }
  /* the folds' packs are written under TMPDIR: a folder of the test's own */
  if (!temp_dir_make(s.tmp, sizeof s.tmp, "eval-tmp") || setenv("TMPDIR", s.tmp, 1) != 0) {
    return -1;
  }
  s.report = S_evaluate(s.data, 1);
  *state = &s;
  return s.report != NULL ? 0 : -1;
}

static int S_teardown(void **state) {
  S_state *s = *state;
  symcheck_eval_report_free(s->report);
  symcheck_ddxplus_free(s->data);
  temp_dir_remove(s->tmp);
  return 0;
}

/* Each fold's pack is fitted into a temporary folder and removed after
   loading, whatever files the fitter wrote: nothing is left in TMPDIR. */
static void test_folds_leave_no_temporary_folder(void **state) {
  S_state *s = *state;
  DIR *dir = opendir(s->tmp);
  assert_non_null(dir);
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
      fail_msg("left behind in TMPDIR: %s/%s", s->tmp, entry->d_name);
    }
  }
  closedir(dir);
}

static void S_print(const char *name, const symcheck_eval_metrics *m) {
  printf("%-8s n %zu GTPA@1 %.4f @3 %.4f @5 %.4f GTPA %.4f IL %.2f PER %.4f PEP %.4f DDR %.4f "
         "DDP %.4f DDF1 %.4f rule-in %.4f rule-out %.4f ECE %.4f Brier %.4f\n",
         name, m->n, m->gtpa_at_1, m->gtpa_at_3, m->gtpa_at_5, m->gtpa, m->il, m->per, m->pep,
         m->ddr, m->ddp, m->ddf1, m->severe_rule_in, m->severe_rule_out, m->ece, m->brier);
}

static void test_cross_validated_figures_meet_thresholds(void **state) {
  const S_state *s = *state;
  const symcheck_eval_metrics *m = &s->report->overall;
  S_print("overall", m);
  S_print("ceiling", &s->report->ceiling);
  printf("interviews per second per core: %.0f\n", m->interviews_per_second);
  assert_int_equal(m->n, 300);
  assert_int_equal(s->report->folds, 5);
  assert_true(m->gtpa_at_1 >= MIN_GTPA_AT_1);
  assert_true(m->il <= MAX_IL);
  assert_true(m->ddf1 >= MIN_DDF1);
}

static void test_figures_are_consistent(void **state) {
  const S_state *s = *state;
  const symcheck_eval_metrics *m = &s->report->overall;
  /* Top-k accuracy grows with k; every rate is a fraction. */
  assert_true(m->gtpa_at_1 <= m->gtpa_at_3 && m->gtpa_at_3 <= m->gtpa_at_5);
  const double rates[] = {
      m->gtpa_at_1,       m->gtpa, m->per, m->pep, m->ddr, m->ddp, m->ddf1, m->severe_rule_in,
      m->severe_rule_out, m->ece};
  for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
    assert_true(rates[i] >= 0.0 && rates[i] <= 1.0);
  }
  assert_true(m->il >= 1.0 && m->il <= 30.0);
  assert_true(m->brier >= 0.0 && m->brier <= 2.0);
  assert_true(m->interviews_per_second > 0.0);
  /* Every evidence given is at least as informative as the interview. */
  assert_true(s->report->ceiling.gtpa_at_1 >= m->gtpa_at_1 - 0.02);
  /* Per-pathology counts add up to the whole. */
  size_t total = 0;
  for (size_t c = 0; c < s->report->condition_count; c++) {
    total += s->report->per_condition[c].n;
  }
  assert_int_equal(total, 300);
}

static void test_threads_do_not_change_the_figures(void **state) {
  const S_state *s = *state;
  symcheck_eval_report *r = S_evaluate(s->data, 3);
  assert_non_null(r);
  assert_true(fabs(r->overall.gtpa_at_1 - s->report->overall.gtpa_at_1) < 1e-12);
  assert_true(fabs(r->overall.il - s->report->overall.il) < 1e-12);
  assert_true(fabs(r->overall.ddf1 - s->report->overall.ddf1) < 1e-12);
  assert_int_equal(r->threads, 3);
  symcheck_eval_report_free(r);
}

static void test_json_and_svg_have_the_documented_shape(void **state) {
  const S_state *s = *state;
  json_t *json = symcheck_eval_report_json(s->report);
  assert_non_null(json);
  json_t *overall = json_object_get(json, "overall");
  static const char *const keys[] = {"n",
                                     "gtpa_at_1",
                                     "gtpa_at_3",
                                     "gtpa_at_5",
                                     "gtpa",
                                     "il",
                                     "per",
                                     "pep",
                                     "ddr",
                                     "ddp",
                                     "ddf1",
                                     "severe_rule_in",
                                     "ece",
                                     "brier",
                                     "severe_rule_out",
                                     "interviews_per_second"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    assert_non_null(json_object_get(overall, keys[i]));
  }
  assert_true(json_is_object(json_object_get(json, "per_condition")));
  assert_true(json_is_object(json_object_get(json_object_get(json, "per_condition"), "croup")));
  assert_true(json_is_object(json_object_get(json, "ceiling")));
  assert_int_equal(json_integer_value(json_object_get(overall, "n")), 300);
  json_decref(json);
  char *svg = symcheck_eval_reliability_svg(s->report);
  assert_non_null(svg);
  assert_non_null(strstr(svg, "<svg"));
  assert_non_null(strstr(svg, "</svg>"));
  assert_non_null(strstr(svg, "<rect"));
  free(svg);
}

static void test_no_pack_and_no_folds_is_an_error(void **state) {
  const S_state *s = *state;
  symcheck_eval_options options = symcheck_eval_defaults();
  symcheck_error err = {0};
  assert_null(symcheck_eval_ddxplus(s->data, NULL, &options, &err));
  assert_true(strlen(err.message) > 0);
}

/* A pack that holds none of the patients' complaints is an error naming
   the fix, not a report of zeros (issue 11 point 6). */
static void test_pack_fitting_no_patient_is_an_error(void **state) {
  const S_state *s = *state;
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/anorectal", NULL);
  assert_non_null(pack);
  symcheck_eval_options options = symcheck_eval_defaults();
  symcheck_error err = {0};
  assert_null(symcheck_eval_ddxplus(s->data, pack, &options, &err));
  assert_non_null(strstr(err.message, "'anorectal' fits none of the 300 patients"));
  assert_non_null(strstr(err.message, "--pack packs/ddxplus"));
  symcheck_pack_free(pack);
}

/* A vignette naming a finding the pack lacks is an error with its line. */
static void test_vignette_typo_names_file_and_line(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "vignettes"));
  char path[512];
  snprintf(path, sizeof path, "%s/typo.yaml", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("id: typo\nprofile: {age: 30, sex: female}\ncomplaint: sore-throat\nanswers:\n"
        "  feverr: yes\nexpect: {condition: cold, min_level: self_care}\n",
        f);
  fclose(f);
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/tests/packs/tiny", &d);
  assert_non_null(pack);
  symcheck_eval_options options = symcheck_eval_defaults();
  symcheck_error err = {0};
  assert_null(symcheck_eval_vignettes(pack, dir, &options, &err));
  assert_string_equal(err.file, path);
  assert_int_equal(err.line, 5);
  assert_string_equal(err.field, "answers");
  assert_non_null(strstr(err.message, "feverr"));
  symcheck_pack_free(pack);
  symcheck_diagnostics_free(&d);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_folds_leave_no_temporary_folder),
      cmocka_unit_test(test_cross_validated_figures_meet_thresholds),
      cmocka_unit_test(test_figures_are_consistent),
      cmocka_unit_test(test_threads_do_not_change_the_figures),
      cmocka_unit_test(test_json_and_svg_have_the_documented_shape),
      cmocka_unit_test(test_no_pack_and_no_folds_is_an_error),
      cmocka_unit_test(test_pack_fitting_no_patient_is_an_error),
      cmocka_unit_test(test_vignette_typo_names_file_and_line),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
