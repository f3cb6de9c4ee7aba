/*
 * test_screen_load.c - loading the universal safety screen (screen.yaml)
 * and the fields of issue 9: the screen's sources, findings and red flags
 * are merged into the pack in the documented order, every complaint asks
 * the screen first, and each new validation error names its file, line and
 * field.
 *
 * Broken packs are tests/packs/screen copied to a temporary folder with one
 * piece of YAML replaced, shown in the test itself; the expected line is
 * found from that replacement.
 */
#define _POSIX_C_SOURCE 200809L
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

#include "pack_variant.h"
#include "symcheck.h"

#define SCREEN SYMCHECK_SOURCE_DIR "/tests/packs/screen"

static const char *const S_files[] = {"pack.yaml",      "findings.yaml",   "conditions.yaml",
                                      "red_flags.yaml", "complaints.yaml", "screen.yaml"};

typedef pack_variant variant;

/* A copy of the pack with `old` replaced by `new` in `file` (unless file
   is NULL), loaded. */
static void S_load_variant(variant *v, const char *file, const char *old, const char *new) {
  pack_variant_load(v, SCREEN, S_files, sizeof S_files / sizeof *S_files, file, old, new);
}

/* Breaks `file` by replacing old with new; expects an error in `file` on
   the line where `at` (or `new`) starts, on `field`, saying `words`. */
static void S_check(const char *file, const char *old, const char *new, const char *at,
                    const char *field, const char *words) {
  variant v = {0};
  S_load_variant(&v, file, old, new);
  int line = pack_variant_line_of(&v, file, at != NULL ? at : new);
  assert_null(v.pack);
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    if (strcmp(e->file, file) == 0 && e->line == line && strcmp(e->field, field) == 0 &&
        strstr(e->message, words) != NULL) {
      pack_variant_remove(&v);
      return;
    }
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  fail_msg("no error %s:%d: %s: ...%s...", file, line, field, words);
}

static symcheck_pack *S_load(void) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SCREEN, &d);
  pack_variant_print(&d);
  assert_non_null(pack);
  symcheck_diagnostics_free(&d);
  return pack;
}

/* ---- the merge ----------------------------------------------------------- */

static void test_screen_findings_come_first_in_file_order(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  const char *const order[] = {"screen_emergency", "baby_age", "temperature", "screen_urgent",
                               "pregnancy_signs"};
  assert_int_equal(symcheck_pack_screen_count(pack), 5);
  for (size_t i = 0; i < 5; i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    assert_string_equal(f->id, order[i]);
    assert_int_equal(f->index, i);
    assert_true(f->universal_screen);
  }
  /* the pack's own findings follow, in findings.yaml order */
  assert_string_equal(symcheck_pack_finding(pack, 5)->id, "headache");
  assert_false(symcheck_pack_finding(pack, 5)->universal_screen);
  assert_int_equal(symcheck_pack_finding_count(pack), 10);
  /* ask_if inside screen.yaml resolves to the screen's own finding */
  const symcheck_finding *signs = symcheck_pack_find_finding(pack, "pregnancy_signs");
  assert_ptr_equal(signs->parent, symcheck_pack_find_finding(pack, "screen_urgent"));
  symcheck_pack_free(pack);
}

static void test_screen_sources_and_red_flags_are_merged(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  assert_int_equal(symcheck_pack_source_count(pack), 3);
  assert_string_equal(symcheck_pack_source(pack, 0)->key, "SCREEN-TEST-1");
  assert_string_equal(symcheck_pack_source(pack, 1)->key, "NICE-NG51");
  assert_string_equal(symcheck_pack_source(pack, 2)->key, "NICE-NG143");
  /* six red flags from screen.yaml first, then red_flags.yaml's three */
  assert_int_equal(symcheck_pack_red_flag_count(pack), 9);
  const symcheck_red_flag *baby = symcheck_pack_red_flag(pack, 1);
  assert_string_equal(baby->finding->id, "temperature");
  assert_int_equal(baby->option_count, 3);
  assert_string_equal(baby->finding->options[baby->options[2]].id, "t_40_plus");
  assert_int_equal(baby->option, baby->options[0]);
  assert_non_null(baby->also);
  assert_string_equal(baby->also->id, "baby_age");
  assert_int_equal(baby->also_count, 1);
  assert_string_equal(baby->also->options[baby->also_options[0]].id, "under_3_months");
  assert_int_equal(baby->min_age, 0);
  assert_int_equal(baby->max_age, 0);
  assert_string_equal(baby->citation.source->key, "NICE-NG143");
  assert_string_equal(baby->where, "Table 1, red");
  const symcheck_red_flag *first = symcheck_pack_red_flag(pack, 0);
  assert_true(first->citation.estimate);
  assert_null(first->citation.source);
  assert_string_equal(first->note, "The test pack's own figure.");
  assert_int_equal(first->max_age, 120);
  assert_string_equal(symcheck_pack_red_flag(pack, 6)->finding->id, "sudden_onset");
  symcheck_pack_free(pack);
}

static void test_every_complaint_asks_the_screen_first(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  const symcheck_complaint *headache = symcheck_pack_find_complaint(pack, "headache");
  assert_int_equal(headache->screen_count, 6);
  for (size_t i = 0; i < 5; i++) {
    assert_ptr_equal(headache->screen[i], symcheck_pack_finding(pack, i));
  }
  assert_string_equal(headache->screen[5]->id, "sudden_onset");
  const symcheck_complaint *general = symcheck_pack_find_complaint(pack, "symptom-not-listed");
  assert_int_equal(general->condition_count, 0);
  assert_int_equal(general->screen_count, 7);
  assert_string_equal(general->screen[5]->id, "daily_activities");
  assert_string_equal(general->screen[6]->id, "how_long");
  symcheck_pack_free(pack);
}

static void test_filters_and_child_wording_are_loaded(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  const symcheck_finding *smoker = symcheck_pack_find_finding(pack, "smoker");
  assert_true(smoker->applies.has_ages);
  assert_int_equal(smoker->applies.min_age, 12);
  assert_int_equal(smoker->applies.max_age, 120);
  assert_false(smoker->applies.has_sex);
  assert_null(smoker->question_child);
  const symcheck_finding *urgent = symcheck_pack_find_finding(pack, "screen_urgent");
  assert_false(urgent->applies.has_ages);
  const symcheck_option *pregnant = &urgent->options[symcheck_finding_option(urgent, "pregnant")];
  assert_true(pregnant->applies.has_sex);
  assert_int_equal(pregnant->applies.sex, SYMCHECK_SEX_FEMALE);
  assert_int_equal(pregnant->applies.min_age, 12);
  assert_int_equal(pregnant->applies.max_age, 55);
  assert_string_equal(urgent->question_child, "Do any of these apply to {child}?");
  symcheck_pack_free(pack);
}

/* ---- the JSON pack export and a pack without screen.yaml ------------------ */

static void test_condition_urgency_citation(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  const symcheck_condition *mild = symcheck_pack_find_condition(pack, "tension_headache");
  assert_true(mild->urgency_citation.estimate);
  assert_null(mild->urgency_citation.source);
  const symcheck_condition *bleed = symcheck_pack_find_condition(pack, "subarachnoid_haemorrhage");
  assert_false(bleed->urgency_citation.estimate);
  assert_string_equal(bleed->urgency_citation.source->key, "SCREEN-TEST-1");
  json_t *j = symcheck_condition_json(pack, bleed);
  assert_string_equal(json_string_value(json_object_get(j, "urgency_source")), "SCREEN-TEST-1");
  json_decref(j);
  symcheck_pack_free(pack);
  S_check("conditions.yaml", "  urgency_source: SCREEN-TEST-1", "  urgency_source: NHS-999", NULL,
          "conditions[subarachnoid_haemorrhage].urgency_source", "\"NHS-999\" is not a source key");
  S_check("conditions.yaml", "  urgency_estimate: true", "  urgency_estimate: yes", NULL,
          "conditions[tension_headache].urgency_estimate", "must be true");
}

static void test_pack_json_carries_the_screen_and_new_fields(void **state) {
  (void)state;
  symcheck_pack *pack = S_load();
  json_t *j = symcheck_pack_json(pack);
  assert_non_null(j);
  json_t *screen = json_object_get(j, "screen");
  assert_int_equal(json_array_size(screen), 5);
  assert_string_equal(json_string_value(json_array_get(screen, 2)), "temperature");
  json_t *findings = json_object_get(j, "findings");
  json_t *baby_age = json_array_get(findings, 1);
  assert_string_equal(json_string_value(json_object_get(baby_age, "id")), "baby_age");
  assert_true(json_is_true(json_object_get(baby_age, "universal_screen")));
  json_t *ages = json_object_get(baby_age, "ages");
  assert_int_equal(json_integer_value(json_array_get(ages, 0)), 0);
  assert_int_equal(json_integer_value(json_array_get(ages, 1)), 0);
  json_t *urgent_options = json_object_get(json_array_get(findings, 3), "options");
  assert_string_equal(json_string_value(json_object_get(json_array_get(urgent_options, 1), "sex")),
                      "male");
  json_t *flag = json_array_get(json_object_get(j, "red_flags"), 1);
  assert_int_equal(json_array_size(json_object_get(flag, "answers")), 3);
  assert_string_equal(json_string_value(json_object_get(json_object_get(flag, "also"), "finding")),
                      "baby_age");
  assert_int_equal(json_integer_value(json_object_get(flag, "max_age")), 0);
  assert_string_equal(json_string_value(json_object_get(flag, "source")), "NICE-NG143");
  assert_string_equal(json_string_value(json_object_get(flag, "where")), "Table 1, red");
  json_decref(j);
  symcheck_pack_free(pack);
}

static void test_a_pack_without_screen_has_none(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/tests/packs/tiny", &d);
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_screen_count(pack), 0);
  assert_false(symcheck_pack_finding(pack, 0)->universal_screen);
  assert_int_equal(symcheck_pack_find_complaint(pack, "sore-throat")->screen_count, 1);
  symcheck_pack_free(pack);
}

static void test_a_pack_with_no_conditions_at_all(void **state) {
  (void)state;
  /* the general entry's pack: conditions.yaml is [] and every complaint
     triage-only */
  variant v = {0};
  S_load_variant(
      &v, "complaints.yaml",
      "  conditions: [tension_headache, subarachnoid_haemorrhage]\n  other_prior: 0.05\n",
      "  conditions: []\n");
  symcheck_pack_free(v.pack);
  char path[256];
  snprintf(path, sizeof path, "%s/conditions.yaml", v.dir);
  pack_variant_write(path, "[]\n");
  symcheck_diagnostics_free(&v.diagnostics);
  v.pack = symcheck_pack_load(v.dir, &v.diagnostics);
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  assert_int_equal(symcheck_pack_condition_count(v.pack), 0);
  symcheck_profile p = {.age = 70, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(v.pack, "headache", &p, NULL);
  assert_non_null(iv);
  assert_string_equal(symcheck_interview_next(iv)->id, "screen_emergency");
  assert_int_equal(symcheck_interview_answer(iv, "screen_emergency", "breathing", NULL), 0);
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->condition_count, 0);
  assert_int_equal(r->triage.level, SYMCHECK_LEVEL_AMBULANCE);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
  pack_variant_remove(&v);
}

/* ---- errors, each with its file, line and field --------------------------- */

static void test_screen_source_key_clash(void **state) {
  (void)state;
  S_check("screen.yaml", "  - key: NICE-NG51", "  - key: SCREEN-TEST-1", NULL,
          "sources[SCREEN-TEST-1]", "clashes with a source of pack.yaml");
}

static void test_screen_finding_id_clash(void **state) {
  (void)state;
  S_check("findings.yaml", "- id: smoker", "- id: temperature", NULL, "findings[temperature]",
          "duplicate finding id");
}

static void test_screen_unknown_top_level_field(void **state) {
  (void)state;
  S_check("screen.yaml", "red_flags:", "red_flag:", NULL, "red_flag", "");
}

static void test_screen_finding_in_own_screen_list(void **state) {
  (void)state;
  S_check("complaints.yaml", "  screen: [sudden_onset]", "  screen: [sudden_onset, temperature]",
          NULL, "complaints[headache].screen", "universal screen");
}

static void test_bad_age_ranges(void **state) {
  (void)state;
  S_check("findings.yaml", "  ages: [12, 120]", "  ages: [50, 10]", NULL, "findings[smoker].ages",
          "min not above max");
  S_check("findings.yaml", "  ages: [12, 120]", "  ages: [12]", NULL, "findings[smoker].ages",
          "must be [min, max]");
  S_check("findings.yaml", "  ages: [12, 120]", "  ages: [12, 130]", NULL, "findings[smoker].ages",
          "from 0 to 120");
  S_check("findings.yaml", "  ages: [12, 120]", "  ages: [1.5, 120]", NULL, "findings[smoker].ages",
          "whole years");
  S_check("screen.yaml", "ages: [0, 4]}", "ages: [4, 0]}", NULL,
          "findings[screen_emergency].options[not_responding].ages", "min not above max");
}

static void test_unknown_sex(void **state) {
  (void)state;
  S_check("screen.yaml", "    sex: female\n", "    sex: women\n", NULL,
          "findings[pregnancy_signs].sex", "\"women\" is not one of: female, male");
  S_check("screen.yaml", "sex: male}", "sex: boys}", NULL,
          "findings[screen_urgent].options[testicle_pain].sex", "not one of: female, male");
}

static void test_question_child_must_say_where_child_goes(void **state) {
  (void)state;
  S_check("findings.yaml", "  question_child: \"Can {child} do the usual things?\"",
          "  question_child: \"Can the child do the usual things?\"", NULL,
          "findings[daily_activities].question_child", "must contain {child}");
}

static void test_ages_on_a_band_option(void **state) {
  (void)state;
  S_check("findings.yaml", "label: 3 weeks or more, min: 21, max: 100000}",
          "label: 3 weeks or more, min: 21, max: 100000, ages: [12, 120]}",
          "    - {id: over_3_weeks", "findings[how_long].options[over_3_weeks]",
          "only options of single and multi");
}

static void test_red_flag_field_errors(void **state) {
  (void)state;
  S_check("screen.yaml", "    max_age: 0\n", "    max_age: 0\n    min_age: 5\n", "    max_age: 0",
          "red_flags[1].max_age", "below min_age");
  S_check("screen.yaml", "also: {finding: baby_age, answer: under_3_months}",
          "also: {finding: baby_weeks, answer: under_3_months}", NULL, "red_flags[1].also.finding",
          "\"baby_weeks\" is not a finding");
  S_check("screen.yaml", "also: {finding: baby_age, answer: under_3_months}",
          "also: {finding: baby_age, answer: under_2_months}", NULL, "red_flags[1].also.answer",
          "\"under_2_months\" is not an option of baby_age");
  S_check("screen.yaml", "also: {finding: baby_age, answer: under_3_months}",
          "also: {finding: baby_age, answer: under_3_months, level: emergency}", NULL,
          "red_flags[1].also.level", "");
  S_check("screen.yaml", "    answer: [t_38_to_38_9, t_39_to_39_9, t_40_plus]\n    also",
          "    answer: [t_38_to_38_9, t_41]\n    also", "[t_38_to_38_9, t_41]",
          "red_flags[1].answer", "\"t_41\" is not an option of temperature");
  S_check("screen.yaml", "    source: NICE-NG143\n", "    source: NICE-NG999\n", NULL,
          "red_flags[1].source", "\"NICE-NG999\" is not a source key");
  S_check("red_flags.yaml", "  answer: cannot\n",
          "  answer: cannot\n  also: {finding: daily_activities, answer: normal}\n",
          "  also:", "red_flags[1].also", "names the red flag's own finding");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_screen_findings_come_first_in_file_order),
      cmocka_unit_test(test_screen_sources_and_red_flags_are_merged),
      cmocka_unit_test(test_every_complaint_asks_the_screen_first),
      cmocka_unit_test(test_filters_and_child_wording_are_loaded),
      cmocka_unit_test(test_condition_urgency_citation),
      cmocka_unit_test(test_pack_json_carries_the_screen_and_new_fields),
      cmocka_unit_test(test_a_pack_without_screen_has_none),
      cmocka_unit_test(test_a_pack_with_no_conditions_at_all),
      cmocka_unit_test(test_screen_source_key_clash),
      cmocka_unit_test(test_screen_finding_id_clash),
      cmocka_unit_test(test_screen_unknown_top_level_field),
      cmocka_unit_test(test_screen_finding_in_own_screen_list),
      cmocka_unit_test(test_bad_age_ranges),
      cmocka_unit_test(test_unknown_sex),
      cmocka_unit_test(test_question_child_must_say_where_child_goes),
      cmocka_unit_test(test_ages_on_a_band_option),
      cmocka_unit_test(test_red_flag_field_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
