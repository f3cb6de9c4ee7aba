/*
 * test_ddxplus.c - reading DDXPlus and fitting a pack from it: both patient
 * table headers, errors that name file, line and column, folds balanced
 * within each pathology, and a fitted pack that the real loader accepts and
 * that carries the structure of the condition file (follow-ups, floors,
 * priors by age, red flags, provenance). Uses the fixed sample in
 * tests/data/ddxplus.
 */
#define _POSIX_C_SOURCE 200809L
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

static symcheck_ddxplus *S_load(void) {
  symcheck_error err = {0};
  symcheck_ddxplus *data = symcheck_ddxplus_load(DATA_DIR, &err);
  if (data == NULL) {
    print_error("%s: %s\n", err.file, err.message);
  }
  assert_non_null(data);
  return data;
}

/* Writes text to a temporary file and returns its path (static buffer). */
static const char *S_temp_csv(const char *text) {
  static char path[256];
  assert_true(temp_file_make(path, sizeof path, "ddxplus", text));
  return path;
}

static void test_reads_the_renamed_header(void **state) {
  (void)state;
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_int_equal(symcheck_ddxplus_read_patients(data, SAMPLE, &err), 300);
  assert_int_equal(symcheck_ddxplus_patient_count(data), 300);
  assert_int_equal(symcheck_ddxplus_condition_count(data), 49);
  symcheck_ddxplus_free(data);
}

static void test_reads_the_official_header_with_crlf(void **state) {
  (void)state;
  const char *path = S_temp_csv(
      "AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\r\n"
      "29,\"[['Bronchitis', 0.53], ['Whooping cough', 0.47]]\",F,Whooping cough,"
      "\"['E_40', 'E_70', 'E_112', 'E_124', 'E_166', 'E_204_@_V_10', 'E_209']\",E_112\r\n"
      "54,\"[['Pneumonia', 0.6], ['Bronchitis', 0.4]]\",M,Pneumonia,"
      "\"['E_53', 'E_55_@_V_170', 'E_56_@_4', 'E_91', 'E_201']\",E_91\r\n");
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_int_equal(symcheck_ddxplus_read_patients(data, path, &err), 2);
  unlink(path);
  symcheck_ddxplus_free(data);
}

static void test_bad_row_names_file_line_and_column(void **state) {
  (void)state;
  const char *path = S_temp_csv("age,top5_diagnoses,sex,diagnosis,features,feature_id\n"
                                "29,\"[['Bronchitis', 0.53]]\",F,Bronchitis,\"['E_91']\",E_91\n"
                                "30,\"[['Bronchitis', 0.53]]\",X,Bronchitis,\"['E_91']\",E_91\n");
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_int_equal(symcheck_ddxplus_read_patients(data, path, &err), -1);
  assert_string_equal(err.file, path);
  assert_int_equal(err.line, 3);
  assert_string_equal(err.field, "SEX");
  assert_int_equal(symcheck_ddxplus_patient_count(data), 0);
  unlink(path);
  symcheck_ddxplus_free(data);
}

static void test_unknown_evidence_and_missing_column_are_errors(void **state) {
  (void)state;
  const char *path = S_temp_csv("age,top5_diagnoses,sex,diagnosis,features,feature_id\n"
                                "29,\"[['Bronchitis', 0.5]]\",F,Bronchitis,\"['E_9999']\",E_91\n");
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_int_equal(symcheck_ddxplus_read_patients(data, path, &err), -1);
  assert_string_equal(err.field, "EVIDENCES");
  assert_non_null(strstr(err.message, "E_9999"));
  unlink(path);
  path = S_temp_csv("AGE,SEX,PATHOLOGY\n30,F,Bronchitis\n");
  assert_int_equal(symcheck_ddxplus_read_patients(data, path, &err), -1);
  assert_int_equal(err.line, 1);
  assert_non_null(strstr(err.message, "DIFFERENTIAL_DIAGNOSIS"));
  unlink(path);
  symcheck_ddxplus_free(data);
}

static void test_folds_are_balanced_within_each_pathology(void **state) {
  (void)state;
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_true(symcheck_ddxplus_read_patients(data, SAMPLE, &err) > 0);
  size_t per_fold[5] = {0};
  for (size_t i = 0; i < symcheck_ddxplus_patient_count(data); i++) {
    size_t fold = symcheck_ddxplus_fold(data, i, 5);
    assert_true(fold < 5);
    per_fold[fold]++;
  }
  /* Within a pathology folds differ by at most one patient, and the
     pathologies start at different folds: the folds come out even. */
  for (size_t k = 0; k < 5; k++) {
    assert_true(per_fold[k] >= 55);
    assert_true(per_fold[k] <= 65);
  }
  symcheck_ddxplus_free(data);
}

static char *S_read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = calloc((size_t)size + 1, 1);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  return text;
}

/* A cough with fever: the diagnosis posterior is sharp, but the result
   lists the differential: several conditions at 1 in 100 or more, in the
   posterior's order at the top; none of those the differential keeps at
   its floor (0.0101), which are tied there and are not listed. */
static void S_check_result_shows_a_differential(const symcheck_pack *pack) {
  symcheck_profile profile = {.age = 40, .sex = SYMCHECK_SEX_MALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "e-201", &profile, NULL);
  assert_non_null(iv);
  assert_int_equal(symcheck_interview_answer(iv, "e_91", "yes", NULL), 0);
  double posterior[64] = {0};
  symcheck_interview_posterior(iv, posterior);
  size_t in_posterior = 0, top = 0;
  for (size_t c = 0; c < symcheck_pack_condition_count(pack); c++) {
    in_posterior += posterior[c] >= 0.01 ? 1 : 0;
    top = posterior[c] > posterior[top] ? c : top;
  }
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  size_t shown = 0;
  double total = r->other_probability;
  for (size_t i = 0; i < r->condition_count; i++) {
    shown += r->conditions[i].probability >= 0.01 ? 1 : 0;
    total += r->conditions[i].probability;
    assert_true(r->conditions[i].probability > 0.0102);
  }
  assert_true(shown >= 3 && shown >= in_posterior);
  assert_true(total <= 1.0 + 1e-9);
  assert_int_equal(r->conditions[0].condition->index, top);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

/* A differential.yaml naming a condition the pack lacks is an error that
   names the file and the field. */
static void S_check_bad_differential_is_reported(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/differential.yaml", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("source: DDXPLUS\nkeep: 0.5\nshown_floor: 0.0101\nconditions:\n"
        "  no_such_condition:\n    base: {croup: 1}\n",
        f);
  fclose(f);
  symcheck_diagnostics d = {0};
  assert_null(symcheck_pack_load(dir, &d));
  assert_true(d.count >= 1);
  assert_string_equal(d.items[0].file, "differential.yaml");
  assert_non_null(strstr(d.items[0].message, "no_such_condition"));
  symcheck_diagnostics_free(&d);
}

static void test_fitted_pack_loads_with_the_condition_file_structure(void **state) {
  (void)state;
  symcheck_ddxplus *data = S_load();
  symcheck_error err = {0};
  assert_true(symcheck_ddxplus_read_patients(data, SAMPLE, &err) > 0);
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "fit"));
  symcheck_fit_options options = symcheck_fit_defaults();
  const char *inputs[] = {SAMPLE};
  options.inputs = inputs;
  options.input_count = 1;
  options.command = "symcheck fit ddxplus --data tests/data/ddxplus";
  options.clinical = SYMCHECK_SOURCE_DIR "/packs/ddxplus/clinical.yaml";
  assert_int_equal(symcheck_ddxplus_write_pack(data, &options, dir, &err), 0);

  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_condition_count(pack), 49);
  assert_int_equal(symcheck_pack_finding_count(pack), 223);

  /* Pain location is asked only after "pain somewhere" is yes. */
  const symcheck_finding *location = symcheck_pack_find_finding(pack, "e_55");
  assert_non_null(location);
  assert_int_equal(location->type, SYMCHECK_ANSWER_MULTI);
  assert_non_null(location->parent);
  assert_string_equal(location->parent->id, "e_53");

  /* Croup is a children's disease: its prior favours children. */
  const symcheck_condition *croup = symcheck_pack_find_condition(pack, "croup");
  assert_non_null(croup);
  size_t child = symcheck_pack_age_band(pack, 5), old = symcheck_pack_age_band(pack, 80);
  assert_true(croup->age_factor[child] > 3 * croup->age_factor[old]);

  /* An evidence the condition file does not list for a pathology gets the
     floor; one it lists gets more. */
  const symcheck_condition *pneumothorax =
      symcheck_pack_find_condition(pack, "spontaneous_pneumothorax");
  const symcheck_finding *fever = symcheck_pack_find_finding(pack, "e_91");
  const symcheck_likelihood *l = symcheck_condition_likelihood(pneumothorax, fever);
  assert_non_null(l);
  assert_true(l->p[0] <= 0.0011);
  const symcheck_finding *pain = symcheck_pack_find_finding(pack, "e_53");
  assert_true(symcheck_condition_likelihood(pneumothorax, pain)->p[0] > 0.5);

  /* Severe pathologies' alarm signs are red flags, at urgent care or more. */
  assert_true(symcheck_pack_red_flag_count(pack) > 0);
  for (size_t i = 0; i < symcheck_pack_red_flag_count(pack); i++) {
    assert_true(symcheck_pack_red_flag(pack, i)->level >= SYMCHECK_LEVEL_URGENT_CARE);
  }
  assert_string_equal(symcheck_pack_get_info(pack)->licence, "CC-BY-4.0");
  assert_non_null(strstr(symcheck_pack_get_info(pack)->attribution, "DDXPlus"));
  S_check_result_shows_a_differential(pack);
  symcheck_pack_free(pack);
  /* The differential model asks questions once the diagnosis is settled,
     and its keep was chosen within the training patients, on the grid. */
  char yaml[512];
  snprintf(yaml, sizeof yaml, "%s/differential.yaml", dir);
  char *text = S_read_file(yaml);
  assert_non_null(strstr(text, "\nquestion_min_gain: 0.17\nquestion_limit: 15\n"));
  const char *keep = strstr(text, "\nkeep: ");
  assert_non_null(keep);
  double k = strtod(keep + 7, NULL);
  assert_true(k >= 0.2 - 1e-9 && k <= 0.7 + 1e-9);
  assert_non_null(strstr(text, "    age: {infant: "));
  free(text);
  S_check_bad_differential_is_reported(dir);

  /* Provenance: the input's sha256 and the command. */
  char path[512];
  snprintf(path, sizeof path, "%s/pack.yaml", dir);
  text = S_read_file(path);
  assert_non_null(strstr(text, "a30124eb071d6a8f2e138374ab88ec652cec7a9dc62f1e8ac2e461cc68ca5d89"));
  assert_non_null(strstr(text, "symcheck fit ddxplus --data tests/data/ddxplus"));
  free(text);
  static const char *const files[] = {"pack.yaml",         "sources.yaml",    "findings.yaml",
                                      "conditions.yaml",   "complaints.yaml", "red_flags.yaml",
                                      "differential.yaml", "README.md"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
  symcheck_diagnostics_free(&d);
  symcheck_ddxplus_free(data);
}

static void test_committed_pack_loads(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/ddxplus", &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_condition_count(pack), 49);
  assert_non_null(symcheck_pack_find_complaint(pack, "e-91"));
  symcheck_pack_free(pack);
  symcheck_diagnostics_free(&d);
}

/* When a condition sets the triage level, the reason's "about N in 10"
   is the probability the list shows for it (a pack with a differential
   model shows other numbers than the diagnosis posterior). */
static void test_triage_reason_words_match_the_list(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/ddxplus", NULL);
  assert_non_null(pack);
  size_t checked = 0;
  for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
    symcheck_profile profile = {.age = 60, .sex = SYMCHECK_SEX_MALE};
    symcheck_interview *iv =
        symcheck_interview_new(pack, symcheck_pack_complaint(pack, c)->id, &profile, NULL);
    assert_non_null(iv);
    const symcheck_finding *f;
    for (int asked = 0; asked < 8 && (f = symcheck_interview_next(iv)) != NULL; asked++) {
      /* the safety screen: nothing to report; the pack's questions: yes */
      symcheck_value yes = {.option = 0, .unknown = f->universal_screen};
      assert_int_equal(symcheck_interview_answer_value(iv, f->index, &yes), 0);
    }
    symcheck_result *r = symcheck_interview_result(iv);
    assert_non_null(r);
    for (size_t i = 0; r->triage.red_flag == NULL && i < r->condition_count; i++) {
      const symcheck_ranked_condition *rc = &r->conditions[i];
      char expected[128], words[64];
      symcheck_probability_words(rc->probability, words, sizeof words);
      snprintf(expected, sizeof expected, "%s could explain your symptoms (%s)",
               rc->condition->name, words);
      if (strstr(r->triage.reason, " could explain your symptoms (") != NULL &&
          strncmp(r->triage.reason, rc->condition->name, strlen(rc->condition->name)) == 0) {
        assert_non_null(strstr(r->triage.reason, expected));
        checked++;
      }
    }
    symcheck_result_free(r);
    symcheck_interview_free(iv);
  }
  assert_true(checked > 0); /* the check ran on some complaint */
  symcheck_pack_free(pack);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reads_the_renamed_header),
      cmocka_unit_test(test_reads_the_official_header_with_crlf),
      cmocka_unit_test(test_bad_row_names_file_line_and_column),
      cmocka_unit_test(test_unknown_evidence_and_missing_column_are_errors),
      cmocka_unit_test(test_folds_are_balanced_within_each_pathology),
      cmocka_unit_test(test_fitted_pack_loads_with_the_condition_file_structure),
      cmocka_unit_test(test_committed_pack_loads),
      cmocka_unit_test(test_triage_reason_words_match_the_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
