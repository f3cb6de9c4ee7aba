/*
 * test_eval_triage.c - vignette sets measured as the symptom-checker studies
 * measure them: Semigran's three-level mapping, per-folder counting of
 * emergencies missed, under/over/exact, safe and appropriate triage,
 * self-care kept, top-1/top-3 over known and over all cases, coverage
 * (complaint fits, with the `search:` words; diagnosis known to a pack);
 * each vignette run in the pack of its complaint (or its `pack:`); and the
 * one-line errors for bad input, from the library and the real binary.
 * Fixture vignettes are written to a temporary folder and replayed through
 * tests/packs/tiny (and a copy of it under another id).
 */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "run_process.h"
#include "symcheck_eval.h"
#include "temp_dir.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

typedef struct S_state {
  char dir[64];     /* the temporary folder */
  char tinier[128]; /* a copy of tiny: id tinier, sore-throat renamed scratchy-throat */
  symcheck_pack *tiny, *other;
} S_state;

static symcheck_pack *S_load(const char *dir) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; pack == NULL && i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  return pack;
}

static int S_setup(void **state) {
  S_state *s = calloc(1, sizeof *s);
  if (s == NULL) {
    return -1;
  }
  *state = s;
  if (!temp_dir_make(s->dir, sizeof s->dir, "triage")) {
    return -1;
  }
  snprintf(s->tinier, sizeof s->tinier, "%s/tinier", s->dir);
  char command[1024];
  snprintf(command, sizeof command,
           "cp -r %s %s && sed -i 's/^id: tiny$/id: tinier/' %s/pack.yaml && "
           "sed -i 's/^- id: sore-throat$/- id: scratchy-throat/' %s/complaints.yaml",
           TINY, s->tinier, s->tinier, s->tinier);
  if (system(command) != 0) {
    return -1;
  }
  s->tiny = S_load(TINY);
  s->other = S_load(s->tinier);
  return s->tiny != NULL && s->other != NULL ? 0 : -1;
}

static int S_teardown(void **state) {
  S_state *s = *state;
  symcheck_pack_free(s->tiny);
  symcheck_pack_free(s->other);
  temp_dir_remove(s->dir);
  free(s);
  return 0;
}

/* Writes text to dir/cases/rel, creating the folders on the way. */
static void S_write(const S_state *s, const char *cases, const char *rel, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s/%s", s->dir, cases, rel);
  for (char *p = path + strlen(s->dir) + 1; *p != '\0'; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0700);
      *p = '/';
    }
  }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static symcheck_eval_report *S_eval(const S_state *s, const char *cases, bool both,
                                    symcheck_error *err) {
  const symcheck_pack *packs[2] = {s->tiny, s->other};
  char dir[256];
  snprintf(dir, sizeof dir, "%s/%s", s->dir, cases);
  symcheck_eval_options options = symcheck_eval_defaults();
  memset(err, 0, sizeof *err);
  return symcheck_eval_vignette_sets(packs, both ? 2 : 1, dir, &options, err);
}

static const symcheck_eval_case *S_case(const symcheck_eval_report *r, const char *id) {
  for (size_t i = 0; i < r->case_count; i++) {
    if (strcmp(r->cases[i].id, id) == 0) {
      return &r->cases[i];
    }
  }
  fail_msg("no case %s", id);
  return NULL;
}

static void test_six_levels_map_onto_semigrans_three(void **state) {
  (void)state;
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_SELF_CARE), SYMCHECK_CLASS_SELF_CARE);
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_PRIMARY_CARE), SYMCHECK_CLASS_NON_EMERGENT);
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_PRIMARY_CARE_SOON),
                   SYMCHECK_CLASS_NON_EMERGENT);
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_URGENT_CARE), SYMCHECK_CLASS_NON_EMERGENT);
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_EMERGENCY), SYMCHECK_CLASS_EMERGENCY);
  assert_int_equal(symcheck_level_class(SYMCHECK_LEVEL_AMBULANCE), SYMCHECK_CLASS_EMERGENCY);
  assert_int_equal(symcheck_triage_class_parse("em"), SYMCHECK_CLASS_EMERGENCY);
  assert_int_equal(symcheck_triage_class_parse("ne"), SYMCHECK_CLASS_NON_EMERGENT);
  assert_int_equal(symcheck_triage_class_parse("sc"), SYMCHECK_CLASS_SELF_CARE);
  assert_int_equal(symcheck_triage_class_parse("EM"), -1);
  assert_int_equal(symcheck_triage_class_parse("emergency"), -1);
  assert_string_equal(symcheck_triage_class_id(SYMCHECK_CLASS_NON_EMERGENT), "ne");
}

/* Two folders, two sets. In tiny: "breathing" -> ambulance, "drooling" ->
   emergency; a dry cough with nothing else ends at self-care, a high
   temperature at 70 at urgent care. */
static void S_write_sets(const S_state *s) {
  S_write(s, "sets", "alpha/a1.yaml",
          "id: a1\nprofile: {age: 30, sex: female}\ncomplaint: sore-throat\n"
          "answers: {danger_signs: breathing}\n"
          "expect: {triage: em, diagnosis: Epiglottitis, condition: epiglottitis}\n");
  S_write(s, "sets", "alpha/a2.yaml",
          "id: a2\nprofile: {age: 30, sex: female}\ncomplaint: sore-throat\n"
          "answers: {danger_signs: none}\nexpect: {triage: em, diagnosis: Not in any pack}\n");
  S_write(s, "sets", "alpha/a3.yaml",
          "id: a3\nprofile: {age: 30, sex: male}\ncomplaint: cough\n"
          "answers: {cough: dry, duration: 2}\nexpect: {triage: sc, condition: cold}\n");
  S_write(s, "sets", "alpha/a4.yaml",
          "id: a4\nprofile: {age: 30, sex: male}\ncomplaint: sore-throat\n"
          "answers: {danger_signs: drooling}\nexpect: {triage: ne, condition: strep_throat}\n");
  S_write(s, "sets", "beta/b1.yaml",
          "id: b1\nprofile: {age: 30, sex: male}\ncomplaint: cough\nanswers: {cough: dry}\n"
          "expect: {min_level: primary_care_soon, condition: cold}\n");
  S_write(s, "sets", "beta/b2.yaml",
          "id: b2\nprofile: {age: 70, sex: male}\ncomplaint: cough\nanswers: {temperature: 40}\n"
          "expect: {min_level: emergency, condition: flu}\n");
  S_write(s, "sets", "beta/b3.yaml",
          "id: b3\nprofile: {age: 30, sex: male}\ncomplaint: cough\nanswers: {cough: dry}\n"
          "expect: {min_level: primary_care, condition: cold}\n");
}

static void test_each_folder_is_a_set_counted_as_the_studies_count(void **state) {
  S_state *s = *state;
  S_write_sets(s);
  symcheck_error err;
  symcheck_eval_report *r = S_eval(s, "sets", false, &err);
  if (r == NULL) {
    fail_msg("%s:%d: %s", err.file, err.line, err.message);
  }
  assert_int_equal(r->case_count, 7);
  assert_int_equal(r->set_count, 2);
  const symcheck_eval_set *a = &r->sets[0], *b = &r->sets[1];
  assert_string_equal(a->name, "alpha");
  assert_string_equal(b->name, "beta");
  /* alpha: a1 em->ambulance (exact), a2 em->below (missed, under, unsafe),
     a3 sc->self-care (exact), a4 ne->emergency (over, safe). */
  assert_int_equal(S_case(r, "a1")->level, SYMCHECK_LEVEL_AMBULANCE);
  assert_true(S_case(r, "a2")->level < SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(S_case(r, "a3")->level, SYMCHECK_LEVEL_SELF_CARE);
  assert_int_equal(a->cases, 4);
  assert_int_equal(a->emergencies, 2);
  assert_int_equal(a->emergencies_missed, 1);
  assert_int_equal(a->under, 1);
  assert_int_equal(a->over, 1);
  assert_int_equal(a->exact, 2);
  assert_int_equal(a->safe, 3);
  assert_int_equal(a->appropriate, 2);
  assert_int_equal(a->self_care, 1);
  assert_int_equal(a->self_care_kept, 1);
  assert_int_equal(a->known, 3); /* a2's diagnosis no pack knows */
  assert_int_equal(a->complaint_fits, 4);
  /* beta, on the six levels: b1 two below a non-emergency (unsafe), b2 an
     emergency at urgent care (missed), b3 one below a non-emergency (safe). */
  assert_int_equal(S_case(r, "b1")->level, SYMCHECK_LEVEL_SELF_CARE);
  assert_int_equal(S_case(r, "b2")->level, SYMCHECK_LEVEL_URGENT_CARE);
  assert_int_equal(b->cases, 3);
  assert_int_equal(b->emergencies, 1);
  assert_int_equal(b->emergencies_missed, 1);
  assert_int_equal(b->under, 3);
  assert_int_equal(b->exact, 0);
  assert_int_equal(b->safe, 1);
  assert_int_equal(b->appropriate, 0); /* self-care is not primary care's class */
  assert_int_equal(b->self_care, 0);
  /* The total adds the sets; top-1 over all cases counts a2 as a miss. */
  assert_int_equal(r->all.cases, 7);
  assert_int_equal(r->all.emergencies_missed, 2);
  assert_int_equal(r->all.known, 6);
  assert_true(r->all.top1 <= r->all.known);
  assert_true(r->all.top3 >= r->all.top1);
  symcheck_eval_report_free(r);
}

/* Rates without a case are null in JSON, never NaN or 0. */
static void test_json_gives_sets_and_null_rates_without_cases(void **state) {
  S_state *s = *state;
  S_write_sets(s);
  symcheck_error err;
  symcheck_eval_report *r = S_eval(s, "sets", false, &err);
  assert_non_null(r);
  json_t *json = symcheck_eval_report_json(r);
  assert_non_null(json);
  json_t *sets = json_object_get(json, "sets");
  assert_int_equal(json_array_size(sets), 2);
  json_t *beta = json_array_get(sets, 1);
  assert_string_equal(json_string_value(json_object_get(beta, "name")), "beta");
  json_t *rates = json_object_get(beta, "rates");
  assert_true(json_is_null(json_object_get(rates, "self_care_to_self_care")));
  assert_true(json_real_value(json_object_get(rates, "emergencies_caught")) == 0.0);
  json_t *alpha_rates = json_object_get(json_array_get(sets, 0), "rates");
  assert_true(fabs(json_real_value(json_object_get(alpha_rates, "appropriate")) - 0.5) < 1e-9);
  json_t *a3 = json_array_get(json_object_get(json, "cases"), 2);
  assert_string_equal(json_string_value(json_object_get(a3, "triage")), "sc");
  assert_string_equal(json_string_value(json_object_get(a3, "set")), "alpha");
  json_decref(json);
  symcheck_eval_report_free(r);
}

/* Each vignette runs in the pack of its complaint, or the one it names. */
static void test_each_vignette_runs_in_the_pack_of_its_complaint(void **state) {
  S_state *s = *state;
  S_write(s, "multi", "m1.yaml",
          "id: m1\nprofile: {age: 30, sex: female}\ncomplaint: scratchy-throat\n"
          "expect: {triage: ne, condition: strep_throat}\n");
  S_write(s, "multi", "m2.yaml",
          "id: m2\npack: tinier\nprofile: {age: 30, sex: female}\ncomplaint: cough\n"
          "expect: {triage: sc}\n");
  S_write(s, "multi", "m3.yaml",
          "id: m3\nprofile: {age: 30, sex: female}\ncomplaint: cough\nexpect: {triage: sc}\n");
  symcheck_error err;
  symcheck_eval_report *r = S_eval(s, "multi", true, &err);
  if (r == NULL) {
    fail_msg("%s:%d: %s", err.file, err.line, err.message);
  }
  assert_string_equal(S_case(r, "m1")->pack, "tinier");
  assert_string_equal(S_case(r, "m2")->pack, "tinier");
  assert_string_equal(S_case(r, "m3")->pack, "tiny");
  assert_int_equal(r->unused_pack_count, 0);
  assert_int_equal(r->set_count, 1);
  assert_string_equal(r->sets[0].name, "multi");
  symcheck_eval_report_free(r);
  /* Only tiny's complaints: tinier is named as unused. */
  S_write(s, "only-tiny", "t.yaml",
          "id: t\nprofile: {age: 30, sex: female}\ncomplaint: sore-throat\nexpect: {triage: ne}\n");
  r = S_eval(s, "only-tiny", true, &err);
  assert_non_null(r);
  assert_int_equal(r->unused_pack_count, 1);
  assert_string_equal(r->unused_packs[0], "tinier");
  symcheck_eval_report_free(r);
}

/* Coverage (issue 10 point 5): a case's complaint fits when it is not the
   general entry and, when the file gives `search:` words, the search across
   the packs ranks it in its first 3; its diagnosis is known when
   expect.condition names a condition a pack has. Counted per set, in the
   JSON and in the text of the binary. */
static void S_write_coverage(const S_state *s) {
  S_write(s, "coverage", "c1.yaml",
          "id: c1\nprofile: {age: 30, sex: female}\ncomplaint: sore-throat\n"
          "search: \"scratchy throat\"\nexpect: {triage: sc, condition: cold}\n");
  S_write(s, "coverage", "c2.yaml",
          "id: c2\nprofile: {age: 30, sex: female}\ncomplaint: cough\n"
          "search: \"scratchy throat\"\nexpect: {triage: sc}\n");
  S_write(s, "coverage", "c3.yaml",
          "id: c3\nprofile: {age: 30, sex: female}\ncomplaint: cough\nexpect: {triage: sc}\n");
  S_write(s, "coverage", "c4.yaml",
          "id: c4\nprofile: {age: 30, sex: female}\ncomplaint: symptom-not-listed\n"
          "search: \"zzzz qqqq\"\nexpect: {triage: sc}\n");
}

static void test_coverage_counts_fitting_complaints_and_known_diagnoses(void **state) {
  S_state *s = *state;
  S_write_coverage(s);
  symcheck_pack *general = S_load(SYMCHECK_SOURCE_DIR "/packs/general");
  assert_non_null(general);
  const symcheck_pack *packs[2] = {s->tiny, general};
  char dir[256];
  snprintf(dir, sizeof dir, "%s/coverage", s->dir);
  symcheck_eval_options options = symcheck_eval_defaults();
  symcheck_error err = {0};
  symcheck_eval_report *r = symcheck_eval_vignette_sets(packs, 2, dir, &options, &err);
  if (r == NULL) {
    fail_msg("%s:%d: %s", err.file, err.line, err.message);
  }
  assert_int_equal(S_case(r, "c1")->search_rank, 0);
  assert_true(S_case(r, "c1")->complaint_fits);
  assert_int_equal(S_case(r, "c2")->search_rank, -1); /* the words find the sore throat */
  assert_false(S_case(r, "c2")->complaint_fits);
  assert_true(S_case(r, "c3")->complaint_fits);  /* no words: a real complaint fits */
  assert_false(S_case(r, "c4")->complaint_fits); /* the general entry never does */
  assert_int_equal(r->sets[0].complaint_fits, 2);
  assert_int_equal(r->sets[0].known, 1);
  json_t *json = symcheck_eval_report_json(r);
  json_t *set = json_array_get(json_object_get(json, "sets"), 0);
  assert_int_equal(json_integer_value(json_object_get(set, "complaint_fits")), 2);
  assert_int_equal(json_integer_value(json_object_get(set, "known_diagnosis")), 1);
  json_t *rates = json_object_get(set, "rates");
  assert_true(fabs(json_real_value(json_object_get(rates, "complaint_fits")) - 0.5) < 1e-9);
  assert_true(fabs(json_real_value(json_object_get(rates, "diagnosis_known")) - 0.25) < 1e-9);
  json_t *c2 = json_array_get(json_object_get(json, "cases"), 1);
  assert_string_equal(json_string_value(json_object_get(c2, "search")), "scratchy throat");
  assert_true(json_is_null(json_object_get(c2, "search_rank")));
  assert_true(json_is_false(json_object_get(c2, "complaint_fits")));
  json_decref(json);
  symcheck_eval_report_free(r);
  symcheck_pack_free(general);

  /* the text, after the safety and accuracy figures */
  const char *argv[] = {SYMCHECK_BINARY, "eval", "--format", "vignettes",
                        "--pack",        TINY,   "--pack",   SYMCHECK_SOURCE_DIR "/packs/general",
                        "--cases",       dir,    NULL};
  run_result out = {0};
  assert_int_equal(run_process(argv, NULL, 60000, &out), 0);
  assert_int_equal(out.exit_code, 0);
  const char *accuracy = strstr(out.out, "  diagnosis known: top-1");
  const char *fits = strstr(out.out, "  complaint fits: 2 of 4 (50.0%)\n");
  const char *known = strstr(out.out, "  diagnosis known to a pack: 1 of 4 (25.0%)\n");
  assert_non_null(accuracy);
  assert_non_null(fits);
  assert_non_null(known);
  assert_true(accuracy < fits && fits < known);
  assert_non_null(strstr(out.out, "; search misses it\n"));
  assert_non_null(strstr(out.out, "; search finds it 1.\n"));
  run_result_free(&out);
}

typedef struct S_bad {
  const char *text;
  const char *field;
  const char *words; /* in the message */
} S_bad;

static void test_bad_vignettes_are_one_error_naming_the_fix(void **state) {
  S_state *s = *state;
  static const S_bad bad[] = {
      {"complaint: scratchy-throat\nexpect: {triage: ne}\n", "complaint", "add --pack"},
      {"complaint: cough\npack: nosuch\nexpect: {triage: ne}\n", "pack", "add --pack"},
      {"complaint: cough\nexpect: {min_level: soonish}\n", "expect/min_level", "urgent_care"},
      {"complaint: cough\nexpect: {triage: urgent}\n", "expect/triage", "em, ne or sc"},
      {"complaint: cough\nexpect: {condition: cold}\n", "expect", "exactly one"},
      {"complaint: cough\nexpect: {triage: sc, min_level: self_care}\n", "expect", "exactly one"},
      {"complaint: cough\nexpect: {triage: sc, condition: colds}\n", "expect/condition", "colds"},
      {"complaint: cough\nanswers: {coughh: dry}\nexpect: {triage: sc}\n", "answers", "coughh"},
      {"complaint: cough\nsearch: [runny]\nexpect: {triage: sc}\n", "search", "words a patient"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char folder[32], text[512];
    snprintf(folder, sizeof folder, "bad%zu", i);
    snprintf(text, sizeof text, "id: bad\nprofile: {age: 30, sex: female}\n%s", bad[i].text);
    S_write(s, folder, "sub/bad.yaml", text);
    symcheck_error err;
    symcheck_eval_report *r = S_eval(s, folder, false, &err);
    if (r != NULL) {
      fail_msg("case %zu was accepted", i);
    }
    assert_non_null(strstr(err.file, "sub/bad.yaml"));
    assert_string_equal(err.field, bad[i].field);
    if (strstr(err.message, bad[i].words) == NULL) {
      fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.message, bad[i].words);
    }
    assert_null(strchr(err.message, '\n'));
  }
  /* A folder tree without vignettes. */
  char empty[256];
  snprintf(empty, sizeof empty, "%s/empty", s->dir);
  mkdir(empty, 0700);
  snprintf(empty, sizeof empty, "%s/empty/sub", s->dir);
  mkdir(empty, 0700);
  symcheck_error err;
  assert_null(S_eval(s, "empty", false, &err));
  assert_non_null(strstr(err.message, "no vignettes"));
}

/* The binary: several --pack, a one-line error and exit 1 on bad input. */
static void test_cli_takes_several_packs_and_fails_loudly(void **state) {
  S_state *s = *state;
  S_write_sets(s);
  char cases[256];
  snprintf(cases, sizeof cases, "%s/sets", s->dir);
  const char *ok[] = {SYMCHECK_BINARY, "eval",    "--format", "vignettes", "--pack", TINY,
                      "--pack",        s->tinier, "--cases",  cases,       NULL};
  run_result r = {0};
  assert_int_equal(run_process(ok, NULL, 60000, &r), 0);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "set alpha: 4 cases"));
  assert_non_null(strstr(r.out, "emergencies missed (sent below emergency): 1 of 2"));
  assert_non_null(strstr(r.out, "self-care cases sent to self-care 0 of 0 (no case)"));
  assert_non_null(strstr(r.out, "pack tinier: no case used it"));
  assert_null(strstr(r.out, "nan"));
  run_result_free(&r);
  S_write(s, "cli-bad", "x.yaml",
          "id: x\nprofile: {age: 30, sex: female}\ncomplaint: scratchy-throat\n"
          "expect: {triage: ne}\n");
  snprintf(cases, sizeof cases, "%s/cli-bad", s->dir);
  const char *bad[] = {SYMCHECK_BINARY, "eval", "--pack", TINY, "--cases", cases, NULL};
  assert_int_equal(run_process(bad, NULL, 60000, &r), 0);
  assert_int_equal(r.exit_code, 1);
  assert_string_equal(r.out, "");
  assert_non_null(strstr(r.err, "scratchy-throat"));
  assert_non_null(strstr(r.err, "add --pack"));
  assert_ptr_equal(strchr(r.err, '\n'), r.err + strlen(r.err) - 1);
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_six_levels_map_onto_semigrans_three),
      cmocka_unit_test(test_each_folder_is_a_set_counted_as_the_studies_count),
      cmocka_unit_test(test_json_gives_sets_and_null_rates_without_cases),
      cmocka_unit_test(test_each_vignette_runs_in_the_pack_of_its_complaint),
      cmocka_unit_test(test_coverage_counts_fitting_complaints_and_known_diagnoses),
      cmocka_unit_test(test_bad_vignettes_are_one_error_naming_the_fix),
      cmocka_unit_test(test_cli_takes_several_packs_and_fails_loudly),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
