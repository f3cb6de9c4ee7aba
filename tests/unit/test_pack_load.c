/*
 * test_pack_load.c - the pack loader: the tiny pack (tests/packs/tiny)
 * loads with every struct filled as include/symcheck.h promises, and each
 * class of pack error is reported with the right file, line and field.
 *
 * Every broken pack is the tiny pack copied to a temporary folder with one
 * piece of YAML replaced, shown in the test itself; the expected line is
 * found from that replacement, so the tests say which line must be blamed.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "pack_variant.h"
#include "symcheck.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

static const char *const S_files[] = {"pack.yaml",       "findings.yaml",
                                      "conditions.yaml", "red_flags.yaml",
                                      "complaints.yaml", "articles/sore-throat.md"};

typedef pack_variant variant;

/* A copy of the pack with `old` replaced by `new` in `file` (unless file
   is NULL), loaded. */
static void S_load_variant(variant *v, const char *file, const char *old, const char *new) {
  pack_variant_load(v, TINY, S_files, sizeof S_files / sizeof *S_files, file, old, new);
}

/* Fails with both values when actual is not within eps of expected. */
static void S_near(double actual, double expected, double eps) {
  if (!(fabs(actual - expected) <= eps)) {
    fail_msg("%.17g is not %.17g (within %g)", actual, expected, eps);
  }
}

/* Asserts the load failed with an error at file:line on `field` whose
   message contains `words`. */
static void S_expect(const variant *v, const char *file, int line, const char *field,
                     const char *words) {
  assert_null(v->pack);
  for (size_t i = 0; i < v->diagnostics.count; i++) {
    const symcheck_error *e = &v->diagnostics.items[i];
    if (strcmp(e->file, file) == 0 && e->line == line && strcmp(e->field, field) == 0 &&
        strstr(e->message, words) != NULL) {
      return;
    }
  }
  pack_variant_print(&v->diagnostics);
  fail_msg("no error %s:%d: %s: ...%s...", file, line, field, words);
}

/* Breaks `file` by replacing old with new; expects one error on the line
   where `new` starts (or `at`, when given). */
static void S_check(const char *file, const char *old, const char *new, const char *at,
                    const char *field, const char *words) {
  variant v = {0};
  S_load_variant(&v, file, old, new);
  S_expect(&v, file, pack_variant_line_of(&v, file, at != NULL ? at : new), field, words);
  pack_variant_remove(&v);
}

/* ---- the tiny pack loads as documented ------------------------------------ */

static void test_tiny_pack_info_and_settings(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(TINY, &d);
  pack_variant_print(&d);
  assert_non_null(pack);
  assert_int_equal(d.count, 0);
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  assert_string_equal(info->id, "tiny");
  assert_string_equal(info->last_reviewed, "2026-11-28");
  assert_string_equal(info->emergency_number, "112");
  assert_null(info->attribution);
  assert_int_equal(info->reviewer_count, 1);
  assert_string_equal(info->reviewers[0], "symcheck loader tests");
  assert_string_equal(info->dir, TINY);
  assert_int_equal(info->age_band_count, 3);
  assert_string_equal(info->age_bands[1].id, "adult");
  assert_int_equal(info->age_bands[1].min_age, 16);
  assert_int_equal(info->age_bands[1].max_age, 64);
  /* Given: max_questions, stop_confidence, two escalation levels; the rest
     keep their defaults. */
  assert_int_equal(info->settings.max_questions, 12);
  S_near(info->settings.stop_confidence, 0.9, 1e-12);
  S_near(info->settings.min_information_gain, 0.02, 1e-12);
  assert_int_equal(info->settings.default_level, SYMCHECK_LEVEL_PRIMARY_CARE);
  const double escalation[] = {0.6, 0.3, 0.2, 0.1, 0.05, 0.03};
  for (size_t i = 0; i < SYMCHECK_LEVEL_COUNT; i++) {
    S_near(info->settings.escalation[i], escalation[i], 1e-12);
  }
  assert_int_equal(symcheck_pack_source_count(pack), 2);
  assert_string_equal(symcheck_pack_source(pack, 1)->key, "TINY-2");
  assert_string_equal(symcheck_pack_source(pack, 1)->grade, "C");
  assert_null(symcheck_pack_source(pack, 2));
  assert_int_equal(symcheck_pack_age_band(pack, 0), 0);
  assert_int_equal(symcheck_pack_age_band(pack, 15), 0);
  assert_int_equal(symcheck_pack_age_band(pack, 16), 1);
  assert_int_equal(symcheck_pack_age_band(pack, 64), 1);
  assert_int_equal(symcheck_pack_age_band(pack, 65), 2);
  assert_int_equal(symcheck_pack_age_band(pack, 130), 2);
  symcheck_pack_free(pack);
}

static void test_tiny_pack_findings(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(TINY, NULL);
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_finding_count(pack), 8);
  for (size_t i = 0; i < 8; i++) {
    assert_int_equal(symcheck_pack_finding(pack, i)->index, i);
  }
  assert_null(symcheck_pack_finding(pack, 8));
  const symcheck_finding *sore = symcheck_pack_find_finding(pack, "sore_throat");
  assert_ptr_equal(sore, symcheck_pack_finding(pack, 0));
  assert_int_equal(sore->type, SYMCHECK_ANSWER_YES_NO);
  assert_int_equal(sore->option_count, 2);
  assert_string_equal(sore->options[0].id, "yes");
  assert_string_equal(sore->options[0].label, "Yes");
  assert_string_equal(sore->options[1].id, "no");
  assert_string_equal(sore->options[1].label, "No");
  S_near(sore->default_p[0], 0.2, 1e-12);
  S_near(sore->default_p[1], 0.8, 1e-12);
  assert_string_equal(sore->default_citation.source->key, "TINY-1");
  assert_false(sore->default_citation.estimate);
  assert_false(sore->red_flag);

  const symcheck_finding *pain = symcheck_pack_find_finding(pack, "throat_pain");
  assert_int_equal(pain->type, SYMCHECK_ANSWER_SEVERITY);
  assert_int_equal(pain->option_count, 3);
  assert_string_equal(pain->options[2].id, "severe");
  assert_string_equal(pain->options[2].label, "Severe");
  S_near(pain->default_p[1], 0.3, 1e-12);
  assert_true(pain->default_citation.estimate);
  assert_null(pain->default_citation.source);
  assert_ptr_equal(pain->parent, sore);
  assert_int_equal(pain->parent_option_count, 1);
  assert_int_equal(pain->parent_options[0], 0);

  const symcheck_finding *cough = symcheck_pack_find_finding(pack, "cough");
  assert_int_equal(cough->type, SYMCHECK_ANSWER_SINGLE);
  assert_string_equal(cough->explain, "A wet (chesty) cough brings up mucus.");
  assert_int_equal(symcheck_finding_option(cough, "wet"), 2);
  assert_int_equal(symcheck_finding_option(cough, "damp"), -1);

  const symcheck_finding *duration = symcheck_pack_find_finding(pack, "duration");
  assert_int_equal(duration->type, SYMCHECK_ANSWER_DURATION);
  assert_string_equal(duration->kind, "history");
  S_near(duration->options[1].min, 3, 0);
  S_near(duration->options[1].max, 14, 0);

  const symcheck_finding *temperature = symcheck_pack_find_finding(pack, "temperature");
  assert_int_equal(temperature->type, SYMCHECK_ANSWER_NUMBER);
  assert_string_equal(temperature->unit, "degrees Celsius");
  S_near(temperature->options[2].min, 39.5, 0);
  assert_true(temperature->red_flag);

  const symcheck_finding *danger = symcheck_pack_find_finding(pack, "danger_signs");
  assert_int_equal(danger->type, SYMCHECK_ANSWER_MULTI);
  assert_int_equal(danger->option_count, 2);
  S_near(danger->default_p[0], 0.01, 1e-12);
  S_near(danger->default_p[1], 0.005, 1e-12);
  assert_true(danger->red_flag);
  assert_null(danger->parent);
  assert_string_equal(symcheck_pack_find_finding(pack, "smoker")->kind, "risk_factor");
  assert_null(symcheck_pack_find_finding(pack, "sneezing"));
  symcheck_pack_free(pack);
}

static void test_tiny_pack_conditions(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(TINY, NULL);
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_condition_count(pack), 4);
  const symcheck_condition *cold = symcheck_pack_find_condition(pack, "cold");
  assert_int_equal(cold->index, 0);
  assert_string_equal(cold->icd10, "J00");
  assert_int_equal(cold->rarity, SYMCHECK_RARITY_COMMON);
  assert_int_equal(cold->urgency, SYMCHECK_LEVEL_SELF_CARE);
  assert_string_equal(cold->prevalence, "most people get 2 to 4 a year");
  assert_string_equal(cold->prevalence_citation.source->key, "TINY-1");
  S_near(cold->prior, 0.6, 1e-12);
  /* age: {child: 1.5, older: 0.8}; adult is missing, so 1.0. */
  S_near(cold->age_factor[0], 1.5, 1e-12);
  S_near(cold->age_factor[1], 1.0, 1e-12);
  S_near(cold->age_factor[2], 0.8, 1e-12);
  S_near(cold->sex_factor[SYMCHECK_SEX_FEMALE], 1.0, 1e-12);
  assert_int_equal(cold->likelihood_count, 3);
  const symcheck_finding *cough = symcheck_pack_find_finding(pack, "cough");
  const symcheck_likelihood *l = symcheck_condition_likelihood(cold, cough);
  assert_non_null(l);
  assert_ptr_equal(l->finding, cough);
  S_near(l->p[1], 0.5, 1e-12);
  assert_true(l->citation.estimate);
  assert_null(symcheck_condition_likelihood(cold, symcheck_pack_find_finding(pack, "aches")));

  const symcheck_condition *strep = symcheck_pack_find_condition(pack, "strep_throat");
  S_near(strep->sex_factor[SYMCHECK_SEX_FEMALE], 1.2, 1e-12);
  S_near(strep->sex_factor[SYMCHECK_SEX_MALE], 1.0, 1e-12);
  assert_string_equal(strep->likelihoods[0].citation.source->key, "TINY-2");

  /* Multi: flu lists only breathing; drooling takes the default 0.005. */
  const symcheck_condition *flu = symcheck_pack_find_condition(pack, "flu");
  const symcheck_likelihood *danger =
      symcheck_condition_likelihood(flu, symcheck_pack_find_finding(pack, "danger_signs"));
  S_near(danger->p[0], 0.03, 1e-12);
  S_near(danger->p[1], 0.005, 1e-12);
  assert_int_equal(symcheck_pack_find_condition(pack, "epiglottitis")->rarity,
                   SYMCHECK_RARITY_VERY_RARE);
  assert_null(symcheck_pack_find_condition(pack, "measles"));
  symcheck_pack_free(pack);
}

static void test_tiny_pack_complaints_and_red_flags(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(TINY, NULL);
  assert_non_null(pack);
  assert_int_equal(symcheck_pack_complaint_count(pack), 2);
  const symcheck_complaint *sore = symcheck_pack_find_complaint(pack, "sore-throat");
  assert_int_equal(sore->index, 0);
  assert_int_equal(sore->synonym_count, 3);
  assert_string_equal(sore->synonyms[1], "painful swallowing");
  assert_string_equal(sore->article_path, "articles/sore-throat.md");
  assert_non_null(strstr(sore->article, "Most sore throats are caused by viruses"));
  assert_int_equal(sore->given_count, 1);
  assert_ptr_equal(sore->given_findings[0], symcheck_pack_find_finding(pack, "sore_throat"));
  assert_int_equal(sore->given_options[0], 0);
  assert_int_equal(sore->screen_count, 1);
  assert_string_equal(sore->screen[0]->id, "danger_signs");
  assert_int_equal(sore->condition_count, 3);
  assert_string_equal(sore->conditions[0]->id, "cold");
  assert_string_equal(sore->conditions[2]->id, "epiglottitis");
  S_near(sore->other_prior, 0.05, 1e-12);

  const symcheck_complaint *cough = symcheck_pack_complaint(pack, 1);
  assert_null(cough->article);
  assert_null(cough->article_path);
  assert_int_equal(cough->given_count, 0);
  assert_int_equal(cough->condition_count, 4); /* conditions: all */
  for (size_t i = 0; i < 4; i++) {
    assert_ptr_equal(cough->conditions[i], symcheck_pack_condition(pack, i));
  }
  assert_null(symcheck_pack_find_complaint(pack, "earache"));

  assert_int_equal(symcheck_pack_red_flag_count(pack), 3);
  const symcheck_red_flag *drool = symcheck_pack_red_flag(pack, 1);
  assert_string_equal(drool->finding->id, "danger_signs");
  assert_int_equal(drool->option, 1);
  assert_int_equal(drool->level, SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(drool->min_age, 0);
  const symcheck_red_flag *fever = symcheck_pack_red_flag(pack, 2);
  assert_int_equal(fever->option, 2);
  assert_int_equal(fever->min_age, 65);
  assert_string_equal(fever->message,
                      "Get seen today. A high temperature is more serious in older people.");
  assert_null(symcheck_pack_red_flag(pack, 3));
  symcheck_pack_free(pack);
}

/* A complaint's optional `group` (the body area the home page lists it
   under) is read as written; a complaint without one has none. */
static void test_complaint_group_is_optional(void **state) {
  (void)state;
  variant v = {0};
  S_load_variant(&v, "complaints.yaml", "synonyms: [coughing, chesty cough, tickly chest]",
                 "synonyms: [coughing, chesty cough, tickly chest]\n  group: Chest and breathing");
  assert_non_null(v.pack);
  assert_string_equal(symcheck_pack_find_complaint(v.pack, "cough")->group, "Chest and breathing");
  assert_null(symcheck_pack_find_complaint(v.pack, "sore-throat")->group);
  pack_variant_remove(&v);
  S_check("complaints.yaml", "synonyms: [coughing, chesty cough, tickly chest]",
          "synonyms: [coughing, chesty cough, tickly chest]\n  group: [Chest]",
          "group:", "complaints[cough].group", "must be text");
}

/* `listed: false` keeps a complaint off lists and search but not out of
   the pack: it still loads and is found by id. */
static void test_complaint_listed_false(void **state) {
  (void)state;
  variant v = {0};
  S_load_variant(&v, "complaints.yaml", "synonyms: [coughing, chesty cough, tickly chest]",
                 "synonyms: [coughing, chesty cough, tickly chest]\n  listed: false");
  assert_non_null(v.pack);
  assert_false(symcheck_pack_find_complaint(v.pack, "cough")->listed);
  assert_true(symcheck_pack_find_complaint(v.pack, "sore-throat")->listed);
  const symcheck_pack *packs[] = {v.pack};
  symcheck_search_hit hits[8];
  assert_int_equal(symcheck_search_complaints(packs, 1, "cough", SYMCHECK_SEARCH_MATCHES, hits, 8),
                   0);
  assert_int_equal(
      symcheck_search_complaints(packs, 1, "chesty throat", SYMCHECK_SEARCH_CLOSEST, hits, 8), 1);
  assert_string_equal(symcheck_pack_complaint(v.pack, hits[0].complaint)->id, "sore-throat");
  size_t n = symcheck_list_complaints(packs, 1, hits, 8);
  assert_int_equal(n, symcheck_pack_complaint_count(v.pack) - 1);
  for (size_t i = 0; i < n; i++) {
    assert_string_not_equal(symcheck_pack_complaint(v.pack, hits[i].complaint)->id, "cough");
  }
  /* and it still runs when asked for by id */
  symcheck_profile profile = {30, SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(v.pack, "cough", &profile, NULL);
  assert_non_null(iv);
  symcheck_interview_free(iv);
  pack_variant_remove(&v);
  S_check("complaints.yaml", "synonyms: [coughing, chesty cough, tickly chest]",
          "synonyms: [coughing, chesty cough, tickly chest]\n  listed: maybe",
          "listed:", "complaints[cough].listed", "must be true or false");
}

/* Every true/false field refuses another word and says what it does. */
static void test_flags_are_true_or_false(void **state) {
  (void)state;
  S_check("pack.yaml", "settings:\n  max_questions: 12",
          "settings:\n  require_where: yes\n  max_questions: 12",
          "require_where:", "settings.require_where", "must be true or false (true: every cited");
  S_check("pack.yaml", "settings:\n", "generated: 1\nsettings:\n", "generated:", "generated",
          "must be true or false (true: the pack is written by a fitter)");
}

/* ---- one test per class of error ----------------------------------------- */

static void test_error_yaml_syntax(void **state) {
  (void)state;
  /* An unclosed flow sequence: libfyaml reports where it gave up. */
  variant v = {0};
  S_load_variant(&v, "complaints.yaml", "synonyms: [coughing, chesty cough, tickly chest]",
                 "synonyms: [coughing, chesty cough, tickly chest");
  assert_null(v.pack);
  assert_true(v.diagnostics.count >= 1);
  assert_string_equal(v.diagnostics.items[0].file, "complaints.yaml");
  assert_true(v.diagnostics.items[0].line >=
              pack_variant_line_of(&v, "complaints.yaml", "tickly chest"));
  assert_non_null(strstr(v.diagnostics.items[0].message, "YAML syntax"));
  pack_variant_remove(&v);
  /* A key given twice is a syntax error at the second one. */
  S_check("findings.yaml", "  name: Smoking\n", "  name: Smoking\n  name: Tobacco\n",
          "  name: Tobacco", "", "duplicate key");
}

static void test_error_text_the_format_does_not_use(void **state) {
  (void)state;
  /* Each of these once made libfyaml loop or blow up; now each is refused
     at once, on its line. */
  S_check("complaints.yaml", "- id: cough", "%\"\xa6\n- id: cough", "%", "", "directives");
  S_check("findings.yaml", "  name: Smoking\n", "  name: Smok\xffing\n", "Smok", "",
          "not valid UTF-8");
  S_check("findings.yaml", "  name: Smoking\n", "  name: Smok\x01ing\n", "Smok", "",
          "control character 0x01");
  /* An alias is refused rather than expanded (nested ones grow
     exponentially). */
  S_check("findings.yaml", "  name: Smoking\n", "  name: &n Smoking\n  alias: *n\n", "  alias: *n",
          "", "aliases");
  /* The check ignores multi-byte text that is well formed. */
  variant v = {0};
  S_load_variant(&v, "findings.yaml", "  name: Smoking\n",
                 "  name: Smoking \xc3\xa9\xe2\x80\x94\n");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  pack_variant_remove(&v);
}

static void test_error_missing_file(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  assert_null(symcheck_pack_load(SYMCHECK_SOURCE_DIR "/tests/packs/no-such-pack", &d));
  assert_int_equal(d.count, 5);
  assert_string_equal(d.items[0].file, "pack.yaml");
  assert_string_equal(d.items[4].file, "complaints.yaml");
  assert_non_null(strstr(d.items[0].message, "missing"));
  symcheck_diagnostics_free(&d);
  assert_null(d.items);
  assert_int_equal(d.count, 0);
}

static void test_error_required_field(void **state) {
  (void)state;
  /* A missing field is blamed on the item's first line. */
  S_check("findings.yaml", "  why: Smoking makes coughs last longer.\n", "", "- id: smoker",
          "findings[smoker].why", "is required");
  S_check("pack.yaml", "title: Tiny test pack\n", "", "id: tiny", "title", "is required");
  S_check("conditions.yaml", "    weight: 0.3\n", "",
          "    estimate: true\n  likelihoods:\n    aches", "conditions[flu].prior.weight",
          "is required");
  /* Written with no value: blamed on the key's own line. */
  S_check("conditions.yaml", "  group: Emergencies\n", "  group:\n", NULL,
          "conditions[epiglottitis].group", "is required");
}

static void test_error_wrong_type(void **state) {
  (void)state;
  S_check("pack.yaml", "max_questions: 12", "max_questions: many", NULL, "settings.max_questions",
          "must be a number");
  S_check("pack.yaml", "max_questions: 12", "max_questions: 500", NULL, "settings.max_questions",
          "from 1 to 200");
  S_check("complaints.yaml", "screen: [danger_signs]", "screen: danger_signs", NULL,
          "complaints[sore-throat].screen", "must be a list");
  S_check("findings.yaml", "  name: Aching body", "  name: [Aching, body]", NULL,
          "findings[aches].name", "must be text");
  S_check("pack.yaml", "last_reviewed: 2026-11-28", "last_reviewed: 28/11/2026", NULL,
          "last_reviewed", "YYYY-MM-DD");
}

static void test_error_unknown_field(void **state) {
  (void)state;
  /* A misspelt key would otherwise be ignored: here a follow-up rule. */
  S_check("findings.yaml", "  ask_if: {finding: sore_throat", "  ask_iff: {finding: sore_throat",
          NULL, "findings[throat_pain].ask_iff", "unknown field; allowed here: id, kind");
  S_check("conditions.yaml", "  group: Emergencies\n", "  groop: Emergencies\n", NULL,
          "conditions[epiglottitis].groop", "unknown field");
  /* An unquoted comma in flow style splits text into a stray key. */
  S_check("conditions.yaml", "{text: most people get 2 to 4 a year",
          "{text: most people get 2, or 4, a year", NULL, "conditions[cold].prevalence.or 4",
          "unknown field; allowed here: text, source");
}

static void test_error_bad_id(void **state) {
  (void)state;
  S_check("findings.yaml", "- id: aches", "- id: Aches!", NULL, "findings[6].id", "not a valid id");
  S_check("complaints.yaml", "- id: cough", "- id: cough_now", NULL, "complaints[1].id",
          "a-z, 0-9 and -");
}

static void test_error_unknown_reference(void **state) {
  (void)state;
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}",
          "    achs: {p: 0.8, estimate: true}", NULL, "conditions[flu].likelihoods.achs",
          "\"achs\" is not a finding");
  S_check("complaints.yaml", "conditions: [cold, strep_throat, epiglottitis]",
          "conditions: [cold, strep, epiglottitis]", NULL, "complaints[sore-throat].conditions",
          "\"strep\" is not a condition");
  S_check("red_flags.yaml", "- finding: danger_signs\n  answer: drooling",
          "- finding: danger_signs\n  answer: dribbling", "  answer: dribbling",
          "red_flags[1].answer", "\"dribbling\" is not an option of danger_signs");
  S_check("complaints.yaml", "given: {sore_throat: yes}", "given: {sore_throat: maybe}", NULL,
          "complaints[sore-throat].given.sore_throat", "\"maybe\" is not an option");
  S_check("conditions.yaml", "    age: {child: 1.5, older: 0.8}",
          "    age: {child: 1.5, elderly: 0.8}", NULL, "conditions[cold].prior.age",
          "\"elderly\" is not an age band");
  S_check("conditions.yaml", "    sex: {female: 1.2}", "    sex: {women: 1.2}", NULL,
          "conditions[strep_throat].prior.sex", "\"women\" is not a sex");
}

static void test_error_duplicate_ids(void **state) {
  (void)state;
  S_check("findings.yaml", "- id: smoker", "- id: aches", "- id: aches\n  kind: risk_factor",
          "findings[aches]", "duplicate finding id");
  S_check("conditions.yaml", "- id: flu", "- id: cold", "- id: cold\n  name: Flu",
          "conditions[cold]", "duplicate condition id");
  S_check("pack.yaml", "  - key: TINY-2", "  - key: TINY-1",
          "  - key: TINY-1\n    authors: \"Test Authors\"\n    year: 2020\n    title: More",
          "sources[TINY-1]", "duplicate source key");
  S_check("findings.yaml", "{id: wet, label: Wet cough}", "{id: dry, label: Wet cough}", NULL,
          "findings[cough].options[dry]", "duplicate option id");
  S_check("pack.yaml", "{id: older, min: 65", "{id: adult, min: 65", NULL, "age_bands[adult]",
          "duplicate age band id");
}

static void test_error_enumerations(void **state) {
  (void)state;
  S_check("findings.yaml", "  type: yes_no\n  default: {p: 0.15, estimate: true}",
          "  type: yesno\n  default: {p: 0.15, estimate: true}", "  type: yesno",
          "findings[aches].type", "\"yesno\" is not one of: yes_no, single, multi");
  S_check("findings.yaml", "  kind: risk_factor", "  kind: habit", NULL, "findings[smoker].kind",
          "not one of");
  S_check("conditions.yaml", "  rarity: very_rare", "  rarity: exotic", NULL,
          "conditions[epiglottitis].rarity", "common, uncommon, rare, very_rare");
  S_check("conditions.yaml", "  urgency: ambulance", "  urgency: asap", NULL,
          "conditions[epiglottitis].urgency", "self_care");
  S_check("red_flags.yaml", "  level: emergency", "  level: urgent", NULL, "red_flags[1].level",
          "not one of");
  S_check("pack.yaml", "    self_care: 0.6", "    home_care: 0.6", NULL, "settings.escalation",
          "\"home_care\" is not a triage level");
  S_check("pack.yaml", "    grade: C", "    grade: E", NULL, "sources[TINY-2].grade",
          "evidence grade");
}

/* A condition's `sex` and `ages` are read as a finding's are, and a wrong
   one is refused on its line with the accepted forms. */
static void test_condition_sex_and_ages(void **state) {
  (void)state;
  variant v = {0};
  S_load_variant(&v, "conditions.yaml", "  urgency: ambulance\n",
                 "  urgency: ambulance\n  sex: female\n  ages: [12, 55]\n");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  const symcheck_condition *c = symcheck_pack_find_condition(v.pack, "epiglottitis");
  assert_true(c->applies.has_sex && c->applies.sex == SYMCHECK_SEX_FEMALE);
  assert_true(c->applies.has_ages && c->applies.min_age == 12 && c->applies.max_age == 55);
  assert_false(symcheck_applies_to(&c->applies, 30, SYMCHECK_SEX_MALE));
  assert_false(symcheck_applies_to(&c->applies, 8, SYMCHECK_SEX_FEMALE));
  assert_true(symcheck_applies_to(&c->applies, 30, SYMCHECK_SEX_FEMALE));
  pack_variant_remove(&v);
  S_check("conditions.yaml", "  urgency: ambulance\n", "  urgency: ambulance\n  sex: women\n",
          "  sex: women", "conditions[epiglottitis].sex", "not one of");
  S_check("conditions.yaml", "  urgency: ambulance\n", "  urgency: ambulance\n  ages: [55, 12]\n",
          "  ages: [55, 12]", "conditions[epiglottitis].ages", "min not above max");
}

/* A source must not cite a proxy, login page or copy site: each known
   pattern is refused on the url's line, naming the key and the fix. */
static void test_error_source_url_proxy_or_copy(void **state) {
  (void)state;
  static const char *const urls[] = {
      "    url: https://bibliotheek.example.be:2400/topics/en-us/16/epidemiology",
      "    url: https://app.example.org/proxy?url=x",
      "    url: https://springerlink.example.elogim.com/10.1007/978-3-030-30902-2_1-1",
      "    url: https://Bibliotheek.example.be/topics",
      "    url: https://issuhub.com/view/index/5751?pageIndex=297",
      "    url: https://abdominalkey.com/signs-and-symptoms",
      "    url: https://pharmacy-notebook.com/en-gb/simplepage.cfm?ID=1",
      "    url: https://example.org/go?to=https%3A%2F%2Fpubmed.ncbi.nlm.nih.gov%2F29050646%2F",
  };
  for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
    S_check("pack.yaml", "    url: https://example.org/symcheck-tiny-2", urls[i], NULL,
            "sources[TINY-2].url", "TINY-2 points at a proxy");
    S_check("pack.yaml", "    url: https://example.org/symcheck-tiny-2", urls[i], NULL,
            "sources[TINY-2].url", "cite the publisher's DOI or stable URL");
  }
}

/* ---- sources.yaml ------------------------------------------------------------ */

/* Replaces the one occurrence of old by new in the copy's file. */
static void S_edit(const variant *v, const char *file, const char *old, const char *new) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", v->dir, file);
  char *text = pack_variant_read(path);
  char *at = strstr(text, old);
  assert_non_null(at);
  size_t size = strlen(text) - strlen(old) + strlen(new) + 1;
  char *out = malloc(size);
  assert_non_null(out);
  snprintf(out, size, "%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
  pack_variant_write(path, out);
  free(out);
  free(text);
}

static const char S_TINY_2_IN_PACK[] = "  - key: TINY-2\n"
                                       "    authors: \"Test Authors\"\n"
                                       "    year: 2020\n"
                                       "    title: More figures made up for the loader's tests\n"
                                       "    url: https://example.org/symcheck-tiny-2\n"
                                       "    grade: C\n";

/* The tiny pack with TINY-2 moved from pack.yaml into sources.yaml (`entry`
   is its text there) and strep throat's sore-throat likelihood citing it
   as `cite`; loaded from scratch into *pack. */
static symcheck_pack *S_load_with_sources_file(variant *v, const char *entry, const char *cite,
                                               symcheck_diagnostics *d) {
  S_load_variant(v, "pack.yaml", S_TINY_2_IN_PACK, "");
  char path[256];
  snprintf(path, sizeof path, "%s/sources.yaml", v->dir);
  char text[1024];
  snprintf(text, sizeof text, "# Test sources.\nsources:\n%s", entry);
  pack_variant_write(path, text);
  S_edit(v, "conditions.yaml", "    sore_throat: {p: 0.95, source: TINY-2}", cite);
  return symcheck_pack_load(v->dir, d);
}

/* A source in sources.yaml carries authors, year, journal, DOI and PMID,
   and a number cites it with the place (`where`) and a derivation note. */
static void test_sources_file_and_where(void **state) {
  (void)state;
  variant v = {0};
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = S_load_with_sources_file(
      &v,
      "  - key: TINY-2\n    authors: \"Smith J, Jones K, et al.\"\n    year: 2019\n"
      "    title: A made-up cohort\n    journal: J Test Med\n    doi: \"10.1000/xyz123\"\n"
      "    pmid: \"12345678\"\n    url: https://doi.org/10.1000/xyz123\n    grade: B\n",
      "    sore_throat: {p: 0.95, source: TINY-2, where: \"Table 2\", note: \"19 of 20 "
      "patients\"}",
      &d);
  pack_variant_print(&d);
  assert_non_null(pack);
  const symcheck_condition *strep = symcheck_pack_find_condition(pack, "strep_throat");
  const symcheck_likelihood *l =
      symcheck_condition_likelihood(strep, symcheck_pack_find_finding(pack, "sore_throat"));
  assert_non_null(l);
  const symcheck_source *s = l->citation.source;
  assert_non_null(s);
  assert_string_equal(s->key, "TINY-2");
  assert_string_equal(s->authors, "Smith J, Jones K, et al.");
  assert_int_equal(s->year, 2019);
  assert_string_equal(s->journal, "J Test Med");
  assert_string_equal(s->doi, "10.1000/xyz123");
  assert_string_equal(s->pmid, "12345678");
  assert_string_equal(l->citation.where, "Table 2");
  assert_string_equal(l->citation.note, "19 of 20 patients");
  symcheck_pack_free(pack);
  symcheck_diagnostics_free(&d);
  pack_variant_remove(&v);
}

/* Asserts the load failed with an error in `file` on `field` containing `words`. */
static void S_expect_anywhere(const symcheck_diagnostics *d, const char *file, const char *field,
                              const char *words) {
  for (size_t i = 0; i < d->count; i++) {
    const symcheck_error *e = &d->items[i];
    if (strcmp(e->file, file) == 0 && strcmp(e->field, field) == 0 &&
        strstr(e->message, words) != NULL) {
      return;
    }
  }
  pack_variant_print(d);
  fail_msg("no error %s: %s: ...%s...", file, field, words);
}

/* A year that is not one, `where` on an estimate, and a key in both
   pack.yaml and sources.yaml are each refused, naming the fix. */
static void test_error_sources_file(void **state) {
  (void)state;
  static const struct {
    const char *entry, *cite, *file, *field, *words;
  } cases[] = {
      {"  - key: TINY-2\n    year: last year\n    title: T\n    url: https://example.org/t\n"
       "    grade: B\n",
       "    sore_throat: {p: 0.95, source: TINY-2}", "sources.yaml", "sources[TINY-2].year",
       "must be the year of publication"},
      {"  - key: TINY-2\n    authors: A\n    year: 2020\n    title: T\n    url: "
       "https://example.org/t\n    grade: B\n",
       "    sore_throat: {p: 0.95, estimate: true, where: \"Table 2\"}", "conditions.yaml",
       "conditions[strep_throat].likelihoods.sore_throat.where", "drop where"},
      {"  - key: TINY-1\n    authors: A\n    year: 2020\n    title: T\n    url: "
       "https://example.org/t\n    grade: B\n",
       "    sore_throat: {p: 0.95, source: TINY-1}", "sources.yaml", "sources[TINY-1]",
       "clashes with a source of pack.yaml"},
      {"  - key: TINY-2\n    authors: A\n    year: 2020\n    title: T\n    url: "
       "https://example.org/t\n    grade: B\n",
       "    sore_throat: {p: 0.95, source: NOPE}", "conditions.yaml",
       "conditions[strep_throat].likelihoods.sore_throat.source", "not a source key of the pack"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    variant v = {0};
    symcheck_diagnostics d = {0};
    symcheck_pack *pack = S_load_with_sources_file(&v, cases[i].entry, cases[i].cite, &d);
    assert_null(pack);
    S_expect_anywhere(&d, cases[i].file, cases[i].field, cases[i].words);
    symcheck_diagnostics_free(&d);
    pack_variant_remove(&v);
  }
}

static void test_error_probability_outside_0_1(void **state) {
  (void)state;
  S_check("conditions.yaml", "    sore_throat: {p: 0.5, source: TINY-1}",
          "    sore_throat: {p: 1.2, source: TINY-1}", NULL,
          "conditions[cold].likelihoods.sore_throat.p", "probability 1.2 is outside (0, 1)");
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}",
          "    aches: {p: 1, estimate: true}", NULL, "conditions[flu].likelihoods.aches.p",
          "outside (0, 1)");
  S_check("findings.yaml", "default: {p: 0.2, source: TINY-1}", "default: {p: 0, source: TINY-1}",
          NULL, "findings[sore_throat].default.p", "outside (0, 1)");
  S_check("conditions.yaml", "breathing: 0.5, drooling: 0.6", "breathing: 0.5, drooling: -0.1",
          NULL, "conditions[epiglottitis].likelihoods.danger_signs.p.drooling", "outside (0, 1)");
}

static void test_error_distribution_does_not_sum_to_1(void **state) {
  (void)state;
  S_check("conditions.yaml", "{under_3_days: 0.5, under_2_weeks: 0.45, longer: 0.05}",
          "{under_3_days: 0.5, under_2_weeks: 0.45, longer: 0.1}", NULL,
          "conditions[cold].likelihoods.duration.p", "sum to 1.05, not 1");
  /* Within 0.01 is accepted (and normalised). */
  variant v = {0};
  S_load_variant(&v, "conditions.yaml", "{under_3_days: 0.5, under_2_weeks: 0.45, longer: 0.05}",
                 "{under_3_days: 0.5, under_2_weeks: 0.45, longer: 0.055}");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  const symcheck_condition *cold = symcheck_pack_find_condition(v.pack, "cold");
  const symcheck_likelihood *l =
      symcheck_condition_likelihood(cold, symcheck_pack_find_finding(v.pack, "duration"));
  S_near(l->p[0] + l->p[1] + l->p[2], 1.0, 1e-12);
  pack_variant_remove(&v);
}

static void test_error_distribution_misses_an_option(void **state) {
  (void)state;
  S_check("conditions.yaml", "    cough: {p: {no_cough: 0.7, dry: 0.2, wet: 0.1}",
          "    cough: {p: {no_cough: 0.8, dry: 0.2}", NULL,
          "conditions[strep_throat].likelihoods.cough.p", "does not list option wet");
  S_check("conditions.yaml", "    cough: {p: {no_cough: 0.7, dry: 0.2, wet: 0.1}",
          "    cough: {p: {no_cough: 0.7, dry: 0.2, damp: 0.1}", NULL,
          "conditions[strep_throat].likelihoods.cough.p.damp",
          "\"damp\" is not an option of cough");
  /* A yes/no finding takes one number, P(yes). */
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}",
          "    aches: {p: {yes: 0.8, no: 0.2}, estimate: true}", NULL,
          "conditions[flu].likelihoods.aches.p", "must be a probability");
}

static void test_error_multi_table_names_unknown_option(void **state) {
  (void)state;
  S_check("conditions.yaml", "danger_signs: {p: {breathing: 0.03}",
          "danger_signs: {p: {wheezing: 0.03}", NULL,
          "conditions[flu].likelihoods.danger_signs.p.wheezing",
          "\"wheezing\" is not an option of danger_signs");
  /* The finding's own default must give every option. */
  S_check("findings.yaml", "default: {p: {breathing: 0.01, drooling: 0.005}",
          "default: {p: {breathing: 0.01}", NULL, "findings[danger_signs].default.p",
          "does not list option drooling");
}

static void test_error_citation(void **state) {
  (void)state;
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}", "    aches: {p: 0.8}", NULL,
          "conditions[flu].likelihoods.aches", "needs a source (source: KEY) or estimate: true");
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}",
          "    aches: {p: 0.8, source: TINY-1, estimate: true}", NULL,
          "conditions[flu].likelihoods.aches", "both a source and estimate");
  S_check("conditions.yaml", "    aches: {p: 0.8, estimate: true}",
          "    aches: {p: 0.8, source: TINY-9}", NULL, "conditions[flu].likelihoods.aches.source",
          "\"TINY-9\" is not a source key");
  S_check("conditions.yaml", "{text: about 1 in 10 people a year, estimate: true}",
          "{text: about 1 in 10 people a year}", NULL, "conditions[flu].prevalence",
          "needs a source");
  S_check("findings.yaml", "default: {p: 0.15, source: TINY-2}",
          "default: {p: 0.15, estimate: false}", NULL, "findings[smoker].default.estimate",
          "must be true");
}

static void test_error_bands(void **state) {
  (void)state;
  S_check("findings.yaml", "{id: under_2_weeks, label: 3 days to 2 weeks, min: 3, max: 14}",
          "{id: under_2_weeks, label: 3 days to 2 weeks, min: 2, max: 14}", NULL,
          "findings[duration].options[under_2_weeks]", "bands overlap");
  S_check("findings.yaml", "{id: high, label: 39.5 or more, min: 39.5, max: 45}",
          "{id: high, label: 39.5 or more, min: 40, max: 45}", NULL,
          "findings[temperature].options[high]", "bands leave a gap");
  S_check("findings.yaml", "{id: under_3_days, label: Less than 3 days, min: 0, max: 3}",
          "{id: under_3_days, label: Less than 3 days, min: 1, max: 3}", NULL,
          "findings[duration].options[under_3_days]", "must start at 0");
  S_check("pack.yaml", "{id: adult, min: 16, max: 64}", "{id: adult, min: 18, max: 64}", NULL,
          "age_bands[adult]", "bands leave a gap");
  S_check("pack.yaml", "{id: older, min: 65, max: 120}", "{id: older, min: 65, max: 100}",
          "age_bands:", "age_bands", "must cover ages 0 to 120");
}

static void test_error_escalation_increases_with_level(void **state) {
  (void)state;
  S_check("pack.yaml", "    urgent_care: 0.1", "    urgent_care: 0.4", NULL,
          "settings.escalation.urgent_care", "must not increase with the level");
  /* Against a default: primary_care keeps 0.3, so self_care 0.2 is too low;
     blamed on the first level that rises (primary_care, at the map). */
  S_check("pack.yaml", "    self_care: 0.6", "    self_care: 0.2", NULL,
          "settings.escalation.primary_care", "above 0.2 for self_care");
  S_check("pack.yaml", "    urgent_care: 0.1", "    urgent_care: 1.5", NULL,
          "settings.escalation.urgent_care", "outside (0, 1]");
}

static void test_error_follow_up_before_parent(void **state) {
  (void)state;
  S_check("findings.yaml", "ask_if: {finding: sore_throat, answer: [yes]}",
          "ask_if: {finding: smoker, answer: [yes]}", NULL, "findings[throat_pain].ask_if.finding",
          "must come after its parent smoker");
  S_check("findings.yaml", "ask_if: {finding: sore_throat, answer: [yes]}",
          "ask_if: {finding: sore_throat, answer: [often]}", NULL,
          "findings[throat_pain].ask_if.answer", "\"often\" is not an option of sore_throat");
  S_check("findings.yaml", "ask_if: {finding: sore_throat, answer: [yes]}",
          "ask_if: {finding: hoarse, answer: [yes]}", NULL, "findings[throat_pain].ask_if.finding",
          "\"hoarse\" is not a finding");
}

static void test_error_missing_article(void **state) {
  (void)state;
  S_check("complaints.yaml", "article: articles/sore-throat.md", "article: articles/throat.md",
          NULL, "complaints[sore-throat].article", "article file articles/throat.md is missing");
  S_check("complaints.yaml", "article: articles/sore-throat.md", "article: ../../etc/passwd", NULL,
          "complaints[sore-throat].article", "must be a path inside the pack");
}

static void test_error_screen_without_red_flag(void **state) {
  (void)state;
  S_check("complaints.yaml", "screen: [danger_signs]", "screen: [danger_signs, aches]", NULL,
          "complaints[sore-throat].screen", "aches is in the red-flag screen but no red flag");
}

static void test_error_identical_likelihood_rows(void **state) {
  (void)state;
  /* Epiglottitis made to list exactly what the cold lists: reported at the
     second of the two (epiglottitis), naming the first. */
  S_check("conditions.yaml",
          "    sore_throat: {p: 0.9, estimate: true}\n"
          "    danger_signs: {p: {breathing: 0.5, drooling: 0.6}, estimate: true}\n"
          "    temperature: {p: {normal: 0.1, raised: 0.4, high: 0.5}, estimate: true}\n",
          "    duration: {p: {under_3_days: 0.5, under_2_weeks: 0.45, longer: 0.05}, estimate: "
          "true}\n"
          "    sore_throat: {p: 0.5, estimate: true}\n"
          "    cough: {p: {no_cough: 0.3, dry: 0.5, wet: 0.2}, estimate: true}\n"
          "    temperature: {p: {normal: 0.8, raised: 0.15, high: 0.05}, estimate: true}\n",
          "  likelihoods:\n    duration: {p: {under_3_days: 0.5, under_2_weeks: 0.45, longer: "
          "0.05}, estimate: true}\n    sore_throat: {p: 0.5, estimate",
          "conditions[epiglottitis].likelihoods", "same likelihoods as cold");
}

static void test_identical_rows_in_different_complaints_are_fine(void **state) {
  (void)state;
  /* Flu made identical to strep throat: they share only the cough
     complaint, so that is where it is reported. */
  variant v = {0};
  S_load_variant(&v, "conditions.yaml",
                 "    aches: {p: 0.8, estimate: true}\n"
                 "    temperature: {p: {normal: 0.2, raised: 0.5, high: 0.3}, estimate: true}\n"
                 "    danger_signs: {p: {breathing: 0.03}, estimate: true}\n",
                 "    sore_throat: {p: 0.95, estimate: true}\n"
                 "    throat_pain: {p: {mild: 0.2, moderate: 0.5, severe: 0.3}, estimate: true}\n"
                 "    temperature: {p: {normal: 0.4, raised: 0.4, high: 0.2}, estimate: true}\n"
                 "    cough: {p: {no_cough: 0.7, dry: 0.2, wet: 0.1}, estimate: true}\n"
                 "    aches: {p: 0.15, estimate: true}\n");
  S_expect(&v, "conditions.yaml",
           pack_variant_line_of(&v, "conditions.yaml",
                                "  likelihoods:\n    sore_throat: {p: 0.95, estimate"),
           "conditions[flu].likelihoods", "in complaint cough");
  assert_int_equal(v.diagnostics.count, 1);
  pack_variant_remove(&v);
}

/* Writes `text` to dir/name. */
static void S_write_in(const char *dir, const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  pack_variant_write(path, text);
}

static void test_identical_rows_found_among_many_conditions(void **state) {
  (void)state;
  /* 300 conditions over 600 findings, each listing its own two findings;
     the last lists exactly what c17 lists, in the other order. */
  enum { CONDITIONS = 300, FINDINGS = 600 };
  variant v = {0};
  S_load_variant(&v, NULL, NULL, NULL);
  symcheck_pack_free(v.pack);
  size_t size = 1 << 20;
  char *findings = calloc(1, size), *conditions = calloc(1, size);
  assert_non_null(findings);
  assert_non_null(conditions);
  for (int i = 0; i < FINDINGS; i++) {
    snprintf(findings + strlen(findings), size - strlen(findings),
             "- {id: f%d, kind: symptom, name: F%d, question: F%d?, why: W., type: yes_no, "
             "default: {p: 0.1, estimate: true}}\n",
             i, i, i);
  }
  for (int i = 0; i < CONDITIONS; i++) {
    int a = i < CONDITIONS - 1 ? 2 * i : 35, b = i < CONDITIONS - 1 ? 2 * i + 1 : 34;
    snprintf(conditions + strlen(conditions), size - strlen(conditions),
             "- id: c%d\n  name: C%d\n  icd10: R69\n  group: G\n  summary: S.\n"
             "  rarity: common\n  prevalence: {text: some, estimate: true}\n"
             "  urgency: primary_care\n  prior: {weight: 1, estimate: true}\n"
             "  likelihoods:\n    f%d: {p: 0.%d, estimate: true}\n"
             "    f%d: {p: 0.%d, estimate: true}\n",
             i, i, a, a % 2 == 0 ? 5 : 7, b, b % 2 == 0 ? 5 : 7);
  }
  S_write_in(v.dir, "findings.yaml", findings);
  S_write_in(v.dir, "conditions.yaml", conditions);
  S_write_in(v.dir, "red_flags.yaml", "[]\n");
  S_write_in(v.dir, "complaints.yaml",
             "- {id: many, name: Many, conditions: all, other_prior: 0.05}\n");
  v.pack = symcheck_pack_load(v.dir, &v.diagnostics);
  char field[64];
  snprintf(field, sizeof field, "conditions[c%d].likelihoods", CONDITIONS - 1);
  S_expect(&v, "conditions.yaml",
           pack_variant_line_of(&v, "conditions.yaml", "  likelihoods:\n    f35:"), field,
           "same likelihoods as c17");
  assert_int_equal(v.diagnostics.count, 1);
  free(findings);
  free(conditions);
  pack_variant_remove(&v);
}

static void test_every_error_is_reported(void **state) {
  (void)state;
  /* Three independent mistakes in one file: all three come back. */
  variant v = {0};
  S_load_variant(&v, "conditions.yaml", "  icd10: J11\n  group: Infections\n  summary: A virus",
                 "  icd10: J11\n  group: Infections\n  rarity: sometimes\n  summary: A virus");
  assert_null(v.pack);
  symcheck_diagnostics_free(&v.diagnostics);
  pack_variant_remove(&v);
  S_load_variant(&v, "conditions.yaml",
                 "    aches: {p: 0.8, estimate: true}\n"
                 "    temperature: {p: {normal: 0.2, raised: 0.5, high: 0.3}, estimate: true}\n",
                 "    aches: {p: 1.8, estimate: true}\n"
                 "    temperature: {p: {normal: 0.2, raised: 0.5, high: 0.9}, estimate: true}\n"
                 "    fever: {p: 0.5, estimate: true}\n");
  S_expect(&v, "conditions.yaml", pack_variant_line_of(&v, "conditions.yaml", "aches: {p: 1.8"),
           "conditions[flu].likelihoods.aches.p", "outside (0, 1)");
  S_expect(&v, "conditions.yaml", pack_variant_line_of(&v, "conditions.yaml", "high: 0.9"),
           "conditions[flu].likelihoods.temperature.p", "sum to 1.6");
  S_expect(&v, "conditions.yaml", pack_variant_line_of(&v, "conditions.yaml", "fever:"),
           "conditions[flu].likelihoods.fever", "not a finding");
  assert_int_equal(v.diagnostics.count, 3);
  pack_variant_remove(&v);
}

/* `scale: {low, high}` names the ends of a single finding's options; on
   any other type it is refused with the fix. */
static void test_scale_words(void **state) {
  (void)state;
  variant v;
  S_load_variant(&v, "findings.yaml", "  explain: A wet (chesty) cough brings up mucus.\n",
                 "  explain: A wet (chesty) cough brings up mucus.\n"
                 "  scale: {low: \"No cough at all\", high: \"The wettest cough\"}\n");
  assert_non_null(v.pack);
  const symcheck_finding *cough = symcheck_pack_find_finding(v.pack, "cough");
  assert_string_equal(cough->scale_low, "No cough at all");
  assert_string_equal(cough->scale_high, "The wettest cough");
  assert_null(symcheck_pack_find_finding(v.pack, "duration")->scale_low);
  pack_variant_remove(&v);

  S_load_variant(&v, "findings.yaml", "  type: severity\n",
                 "  type: severity\n  scale: {low: \"none\", high: \"worst\"}\n");
  S_expect(&v, "findings.yaml", pack_variant_line_of(&v, "findings.yaml", "  scale: {low"),
           "findings[throat_pain].scale", "only a single finding with two or more options");
  pack_variant_remove(&v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tiny_pack_info_and_settings),
      cmocka_unit_test(test_tiny_pack_findings),
      cmocka_unit_test(test_error_source_url_proxy_or_copy),
      cmocka_unit_test(test_sources_file_and_where),
      cmocka_unit_test(test_error_sources_file),
      cmocka_unit_test(test_tiny_pack_conditions),
      cmocka_unit_test(test_tiny_pack_complaints_and_red_flags),
      cmocka_unit_test(test_error_yaml_syntax),
      cmocka_unit_test(test_error_text_the_format_does_not_use),
      cmocka_unit_test(test_error_missing_file),
      cmocka_unit_test(test_error_required_field),
      cmocka_unit_test(test_error_wrong_type),
      cmocka_unit_test(test_error_unknown_field),
      cmocka_unit_test(test_error_bad_id),
      cmocka_unit_test(test_error_unknown_reference),
      cmocka_unit_test(test_error_duplicate_ids),
      cmocka_unit_test(test_error_enumerations),
      cmocka_unit_test(test_condition_sex_and_ages),
      cmocka_unit_test(test_error_probability_outside_0_1),
      cmocka_unit_test(test_error_distribution_does_not_sum_to_1),
      cmocka_unit_test(test_error_distribution_misses_an_option),
      cmocka_unit_test(test_error_multi_table_names_unknown_option),
      cmocka_unit_test(test_error_citation),
      cmocka_unit_test(test_error_bands),
      cmocka_unit_test(test_error_escalation_increases_with_level),
      cmocka_unit_test(test_error_follow_up_before_parent),
      cmocka_unit_test(test_error_missing_article),
      cmocka_unit_test(test_error_screen_without_red_flag),
      cmocka_unit_test(test_error_identical_likelihood_rows),
      cmocka_unit_test(test_identical_rows_in_different_complaints_are_fine),
      cmocka_unit_test(test_identical_rows_found_among_many_conditions),
      cmocka_unit_test(test_every_error_is_reported),
      cmocka_unit_test(test_complaint_group_is_optional),
      cmocka_unit_test(test_complaint_listed_false),
      cmocka_unit_test(test_flags_are_true_or_false),
      cmocka_unit_test(test_scale_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
