/*
 * test_ddxplus_clinical.c - the hand-written clinical overlay of the DDXPlus
 * pack (clinical.yaml) as `symcheck fit ddxplus` uses it: an urgency, an
 * ICD-10 code and a SNOMED CT id changed in the overlay appear in the written conditions.yaml,
 * with the cited source; ages, sex and children's questions reach
 * findings.yaml; red flags explain without an instruction; the overlay and a
 * screen.yaml in the output folder are left as they were; and each mistake
 * in the overlay stops the fit with one line naming the file, the line and
 * the fix. Cited red flags of the overlay reach red_flags.yaml (both languages'
 * messages) and are asked first in the complaints they name. Each complaint's
 * ask_first and a finding's `excludes` (a smoker is no former smoker) reach
 * the pack, and the excludes reach the fit. Uses the fixed sample in
 * tests/data/ddxplus and the committed packs/ddxplus/clinical.yaml as the starting text.
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

#include "symcheck_eval.h"
#include "temp_dir.h"

#define DATA_DIR SYMCHECK_SOURCE_DIR "/tests/data/ddxplus"
#define SAMPLE DATA_DIR "/patients_300.csv"
#define OVERLAY SYMCHECK_SOURCE_DIR "/packs/ddxplus/clinical.yaml"

typedef struct S_state {
  symcheck_ddxplus *data;
  char *overlay; /* the committed overlay's text */
  char dir[64];  /* a fresh output folder per test */
} S_state;

static char *S_read(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = calloc((size_t)size + 1, 1);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  return text;
}

static void S_write(const char *dir, const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static char *S_read_in(const char *dir, const char *name) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *text = S_read(path);
  assert_non_null(text);
  return text;
}

/* The overlay text with the first `from` replaced by `to` (malloc'd). */
static char *S_edit(const char *text, const char *from, const char *to) {
  const char *at = strstr(text, from);
  assert_non_null(at);
  size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
  char *out = malloc(n);
  assert_non_null(out);
  snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
  return out;
}

/* 1-based line of the first occurrence of `needle` in text. */
static int S_line_of(const char *text, const char *needle) {
  const char *at = strstr(text, needle);
  assert_non_null(at);
  int line = 1;
  for (const char *p = text; p < at; p++) {
    line += *p == '\n';
  }
  return line;
}

static int S_setup(void **state) {
  static S_state s;
  symcheck_error err = {0};
  s.data = symcheck_ddxplus_load(DATA_DIR, &err);
  if (s.data == NULL || symcheck_ddxplus_read_patients(s.data, SAMPLE, &err) != 300) {
    print_error("%s: %s\n", err.file, err.message);
    return -1;
  }
  s.overlay = S_read(OVERLAY);
  if (s.overlay == NULL) {
    return -1;
  }
  *state = &s;
  return 0;
}

static int S_teardown(void **state) {
  S_state *s = *state;
  symcheck_ddxplus_free(s->data);
  free(s->overlay);
  return 0;
}

static int S_new_dir(void **state) {
  S_state *s = *state;
  return temp_dir_make(s->dir, sizeof s->dir, "clinical") ? 0 : -1;
}

static int S_remove_dir(void **state) {
  S_state *s = *state;
  return temp_dir_remove(s->dir) ? 0 : -1;
}

/* Fits into s->dir with the overlay found there; returns the fit's status. */
static int S_fit(S_state *s, symcheck_error *err) {
  symcheck_fit_options options = symcheck_fit_defaults();
  memset(err, 0, sizeof *err);
  return symcheck_ddxplus_write_pack(s->data, &options, s->dir, err);
}

/* The entry of condition `id` in conditions.yaml (up to the next one). */
static char *S_condition_entry(const char *conditions, const char *id) {
  char head[96];
  snprintf(head, sizeof head, "- id: %s\n", id);
  const char *start = strstr(conditions, head);
  assert_non_null(start);
  const char *end = strstr(start + 1, "\n- id: ");
  size_t n = end != NULL ? (size_t)(end - start) : strlen(start);
  char *entry = calloc(n + 1, 1);
  assert_non_null(entry);
  memcpy(entry, start, n);
  return entry;
}

static void test_overlay_urgency_and_code_reach_the_pack(void **state) {
  S_state *s = *state;
  /* Change two things a clinician decides; the pack must follow the file. */
  char *a = S_edit(s->overlay, "icd10: I26.9\n    snomed: \"59282003\"",
                   "icd10: I26.0\n    snomed: \"438773007\"");
  char *b = S_edit(a, "urgency: ambulance\n    source: CLN-NIDIRECT-PE",
                   "urgency: emergency\n    source: CLN-NIDIRECT-PE");
  char *overlay = S_edit(b, "name: \"Lupus (SLE)\"", "name: \"Lupus, checked by hand\"");
  S_write(s->dir, "clinical.yaml", overlay);
  S_write(s->dir, "screen.yaml", "# the universal screen: not the fitter's\n");
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);

  char *conditions = S_read_in(s->dir, "conditions.yaml");
  char *pe = S_condition_entry(conditions, "pulmonary_embolism");
  assert_non_null(strstr(pe, "\n  icd10: I26.0\n  snomed: \"438773007\"\n"));
  assert_non_null(strstr(pe, "\n  urgency: emergency\n  urgency_source: CLN-NIDIRECT-PE  # "));
  assert_non_null(strstr(pe, "see_doctor: \"Go to an emergency department now.\""));
  char *sle = S_condition_entry(conditions, "sle");
  assert_non_null(strstr(sle, "name: \"Lupus, checked by hand\""));
  assert_non_null(strstr(sle, "\n  icd10: M32.9\n"));
  assert_non_null(strstr(sle, "urgency_estimate: true  # NHS lupus page"));
  /* No code the data set spelt wrongly survives. */
  assert_null(strstr(conditions, "icd10: j"));
  assert_null(strstr(conditions, "icd10: J17, J18"));

  /* The overlay's sources are the pack's (in its sources.yaml, with
     authors and year), so the keys resolve; pack.yaml lists none. */
  char *pack = S_read_in(s->dir, "sources.yaml");
  assert_non_null(strstr(pack, "  - key: CLN-NIDIRECT-PE\n    authors: \"Department of Health"));
  assert_non_null(strstr(pack, "  - key: DDXPLUS\n    authors: \"Fansi Tchango A"));
  char *info = S_read_in(s->dir, "pack.yaml");
  assert_null(strstr(info, "sources:"));
  free(info);

  /* Red flags explain; the level's own advice is the instruction. */
  char *flags = S_read_in(s->dir, "red_flags.yaml");
  assert_null(strstr(flags, "urgent medical care"));
  assert_null(strstr(flags, " now."));
  assert_non_null(strstr(flags, "This could be a sign of a serious condition such as "));

  /* The overlay and the screen are read or ignored, never rewritten. */
  char *after = S_read_in(s->dir, "clinical.yaml");
  assert_string_equal(after, overlay);
  char *screen = S_read_in(s->dir, "screen.yaml");
  assert_string_equal(screen, "# the universal screen: not the fitter's\n");
  free(a);
  free(b);
  free(overlay);
  free(conditions);
  free(pe);
  free(sle);
  free(pack);
  free(flags);
  free(after);
  free(screen);
}

/* The entry of finding `id` in findings.yaml (up to the next one). */
static char *S_finding_entry(const char *findings, const char *id) {
  return S_condition_entry(findings, id);
}

static void test_overlay_ages_sex_and_child_questions_reach_the_findings(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");

  char *smoke = S_finding_entry(findings, "e_79");
  assert_non_null(strstr(smoke, "\n  ages: [12, 120]\n"));
  char *pregnant = S_finding_entry(findings, "e_167");
  assert_non_null(strstr(pregnant, "\n  ages: [12, 55]\n  sex: female\n"));
  /* Body sites of one sex carry it on the lay option, in every finding. */
  assert_non_null(strstr(findings, "{id: genitals_male, label: \"Genitals (penis or testicles) "
                                   "or where pee comes out\", sex: male}"));
  assert_non_null(strstr(findings, "{id: genitals_female, label: \"Genitals (vulva or vagina) "
                                   "or where pee comes out\", sex: female}"));
  assert_non_null(strstr(findings, "{id: head, label: \"Head\"}"));

  /* The rule: "Do you ..." -> "Does {child} ...", "your" -> "their". */
  char *fever = S_finding_entry(findings, "e_91");
  assert_non_null(strstr(fever, "question_child: \"Does {child} have a fever (either felt or "
                                "measured with a thermometer)?\""));
  char *pain = S_finding_entry(findings, "e_53");
  assert_non_null(strstr(pain, "question_child: \"Does {child} have pain somewhere, related to "
                               "their reason for consulting?\""));
  /* Hand-written where the rule would leave "you" behind... */
  char *sick = S_finding_entry(findings, "e_148");
  assert_non_null(strstr(sick, "question_child: \"Is {child} feeling sick (nauseous) or wanting "
                               "to vomit?\""));
  /* ...and none where nobody wrote one. */
  char *skin = S_finding_entry(findings, "e_129");
  assert_null(strstr(skin, "question_child"));
  free(findings);
  free(smoke);
  free(pregnant);
  free(fever);
  free(pain);
  free(sick);
  free(skin);
}

/* Fits with the overlay edited from `from` to `to` and checks the one-line
   error names clinical.yaml at the edited line and says `what`. */
static void S_expect_error(S_state *s, const char *from, const char *to, const char *what) {
  char *overlay = S_edit(s->overlay, from, to);
  S_write(s->dir, "clinical.yaml", overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), -1);
  char where[160];
  snprintf(where, sizeof where, "%s/clinical.yaml:%d: ", s->dir, S_line_of(overlay, to));
  if (strncmp(err.message, where, strlen(where)) != 0 || strstr(err.message, what) == NULL) {
    print_error("expected \"%s...%s\", got \"%s\"\n", where, what, err.message);
  }
  assert_int_equal(strncmp(err.message, where, strlen(where)), 0);
  assert_non_null(strstr(err.message, what));
  assert_null(strchr(err.message, '\n'));
  /* Nothing was written for a bad overlay. */
  char path[128];
  snprintf(path, sizeof path, "%s/conditions.yaml", s->dir);
  assert_int_equal(access(path, F_OK), -1);
  free(overlay);
}

static void test_unknown_pathology_id_is_an_error(void **state) {
  S_expect_error(*state, "  pulmonary_embolism:\n", "  pulmonary_embolisms:\n",
                 "conditions.pulmonary_embolisms: no DDXPlus pathology has the id "
                 "\"pulmonary_embolisms\"; use an id of the fitted conditions.yaml");
}

static void test_bad_level_is_an_error(void **state) {
  S_expect_error(*state, "urgency: ambulance\n    source: CLN-NIDIRECT-PE",
                 "urgency: urgent\n    source: CLN-NIDIRECT-PE",
                 "conditions.pulmonary_embolism.urgency: \"urgent\" is not one of: self_care, "
                 "primary_care, primary_care_soon, urgent_care, emergency, ambulance");
}

static void test_bad_icd10_is_an_error(void **state) {
  S_expect_error(*state, "icd10: J18.9\n", "icd10: j17, j18\n",
                 "conditions.pneumonia.icd10: \"j17, j18\" is not an ICD-10 code; write one code "
                 "in upper case");
}

static void test_bad_snomed_is_an_error(void **state) {
  S_expect_error(
      *state, "snomed: \"233604007\"", "snomed: \"233604008\"",
      "conditions.pneumonia.snomed: \"233604008\" is not a SNOMED CT concept id (6 to 18 "
      "digits ending in a Verhoeff check digit)");
}

static void test_undefined_source_key_is_an_error(void **state) {
  S_expect_error(*state, "source: CLN-NIDIRECT-PE\n", "source: CLN-NHS-PE\n",
                 "conditions.pulmonary_embolism.source: \"CLN-NHS-PE\" is not defined under "
                 "sources:; add it there or fix the key");
}

/* Lay names, synonyms and groups reach the English complaints; the French
   pack gets the French synonyms and neither pack the other's language. */
static void test_lay_complaints_reach_both_packs(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *complaints = S_read_in(s->dir, "complaints.yaml");
  char *pain = S_condition_entry(complaints, "e-53");
  assert_non_null(
      strstr(pain, "\n  name: \"Pain\"\n  synonyms: [\"pain somewhere\", \"it hurts\""));
  assert_non_null(strstr(pain, "\n  group: \"Whole body\"\n  given: {e_53: yes}\n"));
  assert_null(strstr(complaints, "Do you have"));
  assert_null(strstr(complaints, "Avez"));
  free(pain);
  free(complaints);

  symcheck_fit_options options = symcheck_fit_defaults();
  char overlay[128];
  snprintf(overlay, sizeof overlay, "%s/clinical.yaml", s->dir);
  options.language = "fr";
  options.clinical = overlay;
  assert_int_equal(symcheck_ddxplus_write_pack(s->data, &options, s->dir, &err), 0);
  complaints = S_read_in(s->dir, "complaints.yaml");
  pain = S_condition_entry(complaints, "e-53");
  assert_non_null(strstr(pain, "\n  synonyms: [\"douleur\", \"mal\"]\n"));
  assert_null(strstr(complaints, "group:"));
  assert_null(strstr(complaints, "Do you have"));
  assert_null(strstr(complaints, "\"Pain\""));
  free(pain);
  free(complaints);
}

static void test_unknown_complaint_id_is_an_error(void **state) {
  S_expect_error(*state, "  e-53:\n    name: \"Pain\"", "  e-530:\n    name: \"Pain\"",
                 "complaints.e-530: no DDXPlus complaint has the id \"e-530\"; use an id of the "
                 "fitted complaints.yaml (e.g. e-53)");
}

static void test_empty_complaint_name_is_an_error(void **state) {
  S_expect_error(*state, "    name: \"Cough\"\n", "    name: \"\"\n",
                 "complaints.e-201.name: is empty; write the symptom as people say it");
}

static void test_missing_overlay_names_the_fix(void **state) {
  S_state *s = *state;
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), -1);
  char expected[256];
  snprintf(expected, sizeof expected,
           "%s/clinical.yaml: the clinical overlay is missing or cannot be read; write it (see "
           "packs/ddxplus/clinical.yaml) or pass --clinical FILE",
           s->dir);
  assert_string_equal(err.message, expected);
}

/* The "where" questions offer a short lay list instead of the data set's
   164 anatomical terms, in all four findings that ask where; each lay site
   is fitted as P(any of the sites it stands for): at least the likeliest of
   them and at most their sum. */
static void test_body_sites_are_a_short_lay_list(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");
  assert_null(strstr(findings, "iliac"));
  assert_null(strstr(findings, "hypochondrium"));
  static const char *const where[] = {"e_55", "e_57", "e_133", "e_152"};
  for (size_t i = 0; i < 4; i++) {
    char *entry = S_finding_entry(findings, where[i]);
    size_t options = 0;
    for (const char *p = strstr(entry, "    - {id: "); p != NULL;
         p = strstr(p + 1, "    - {id: ")) {
      options++;
    }
    assert_true(options >= 20 && options <= 30);
    assert_non_null(strstr(entry, "{id: chest, label: \"Chest (front or sides"));
    assert_non_null(strstr(entry, "{id: ear, label: \"Ear\"}"));
    free(entry);
  }
  free(findings);
}

/* P(option) of finding `id` in the default row of findings.yaml. */
static double S_default_p(const char *findings, const char *id, const char *option) {
  char *entry = S_finding_entry(findings, id);
  char key[96];
  snprintf(key, sizeof key, " %s: ", option);
  const char *at = strstr(strstr(entry, "  default: {p: {"), key);
  assert_non_null(at);
  double p = strtod(at + strlen(key), NULL);
  free(entry);
  return p;
}

static void test_a_lay_site_is_fitted_as_any_of_its_sites(void **state) {
  S_state *s = *state;
  /* Without the lay list, the data set's own sites... */
  const char *start = strstr(s->overlay, "# Body sites: the data set asks where");
  const char *end = strstr(s->overlay, "\n# 0-10 scales.");
  assert_non_null(start);
  assert_non_null(end);
  char *raw = calloc(strlen(s->overlay) + 1, 1);
  assert_non_null(raw);
  memcpy(raw, s->overlay, (size_t)(start - s->overlay));
  strcat(raw, end);
  *strstr(raw, "\n# New lay complaints") = '\0'; /* they answer in lay sites */
  S_write(s->dir, "clinical.yaml", raw);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");
  static const char *const sites[] = {"upper_chest",         "lower_chest", "side_of_the_chest_l",
                                      "side_of_the_chest_r", "breast_l",    "breast_r"};
  double most = 0, sum = 0;
  for (size_t i = 0; i < 6; i++) {
    double p = S_default_p(findings, "e_55", sites[i]);
    most = p > most ? p : most;
    sum += p;
  }
  free(findings);
  /* ...and with it, "chest" stands for those six. */
  S_write(s->dir, "clinical.yaml", s->overlay);
  assert_int_equal(S_fit(s, &err), 0);
  findings = S_read_in(s->dir, "findings.yaml");
  double chest = S_default_p(findings, "e_55", "chest");
  assert_true(chest >= most - 0.002);
  assert_true(chest <= sum + 0.002);
  assert_true(chest > most + 0.01); /* several sites, so more than the likeliest alone */
  free(findings);
  free(raw);
}

static void test_a_site_in_no_lay_option_is_an_error(void **state) {
  S_state *s = *state;
  char *overlay = S_edit(s->overlay, "values: [ear_r, ear_l]", "values: [ear_r]");
  S_write(s->dir, "clinical.yaml", overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), -1);
  char expected[256];
  snprintf(expected, sizeof expected,
           "%s/clinical.yaml:%d: body_sites.options: the option ear_l (\"ear(L)\") of e_55 is in "
           "no lay option; put it in exactly one",
           s->dir, S_line_of(overlay, "  options:\n    - id: head"));
  assert_string_equal(err.message, expected);
  free(overlay);
}

static void test_an_unknown_site_is_an_error(void **state) {
  S_expect_error(*state, "values: [ear_r, ear_l]", "values: [ear_r, ear_left]",
                 "\"ear_left\" (in ear) is not an option of e_55; use an option id of the data "
                 "set");
}

static void test_a_child_label_without_child_is_an_error(void **state) {
  S_expect_error(*state, "label_child: \"In one spot {child} can point to\"",
                 "label_child: \"In one spot the child can point to\"",
                 "must contain {child} (it becomes \"your child\" or \"your baby\")");
}

/* An amount keeps its steps with words at both ends; a scale that is not an
   amount becomes options in words (with a child's label where the overlay
   gives one); the French pack gets French words. */
static void test_scales_have_words(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");
  char *intense = S_finding_entry(findings, "e_56");
  assert_non_null(
      strstr(intense, "\n  scale: {low: \"No pain\", high: \"Worst pain imaginable\"}\n"));
  assert_non_null(strstr(intense, "{id: level_10, label: \"10\"}"));
  char *where = S_finding_entry(findings, "e_58");
  assert_null(strstr(where, "level_"));
  assert_null(strstr(where, "scale"));
  /* its label says "you", so the overlay's child label comes with it */
  assert_non_null(strstr(where, "{id: one_spot, label: \"In one spot you can point to\", "
                                "label_child: \"In one spot {child} can point to\"}"));
  assert_non_null(strstr(where, "{id: wide_area, label: \"Over a wide area, hard to pin down\"}"));
  char *fast = S_finding_entry(findings, "e_59");
  assert_non_null(strstr(fast, "{id: suddenly, label: \"Suddenly, all at once\"}"));
  assert_null(strstr(findings, "Answer on a scale from 0 to 10"));
  free(intense);
  free(where);
  free(fast);
  free(findings);

  symcheck_fit_options options = symcheck_fit_defaults();
  char overlay[128];
  snprintf(overlay, sizeof overlay, "%s/clinical.yaml", s->dir);
  options.language = "fr";
  options.clinical = overlay;
  assert_int_equal(symcheck_ddxplus_write_pack(s->data, &options, s->dir, &err), 0);
  findings = S_read_in(s->dir, "findings.yaml");
  assert_non_null(strstr(findings, "scale: {low: \"Aucune douleur\", high: \"Pire douleur "
                                   "imaginable\"}"));
  assert_non_null(strstr(findings, "{id: chest, label: \"Poitrine (devant"));
  assert_null(strstr(findings, "label_child")); /* children's words are English only */
  free(findings);
}

/* The data set's typos are corrected in the English text; a correction
   that no longer matches anything stops the fit. */
static void test_typos_of_the_data_are_corrected(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");
  assert_non_null(strstr(findings, "get full more quickly than usual?"));
  assert_null(strstr(findings, "then usually"));
  assert_non_null(strstr(findings, "afraid that you were about to die?"));
  assert_null(strstr(findings, "live in in"));
  assert_null(strstr(findings, "((NOACs)"));
  assert_non_null(strstr(findings, "\"Do you have a whooping cough?\""));
  free(findings);
}

static void test_a_correction_that_matches_nothing_is_an_error(void **state) {
  S_expect_error(*state, "{from: \"about do die\", to: \"about to die\"}",
                 "{from: \"about du die\", to: \"about to die\"}",
                 "corrections[2]: \"about du die\" occurs in no English question or label of the "
                 "data set; fix it or remove the correction");
}

/* Chest pain and ear pain start from pain at that site; no complaint of
   the pack keeps the name the abdominal pack uses for vomiting. */
static void test_chest_and_ear_pain_are_complaints(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *complaints = S_read_in(s->dir, "complaints.yaml");
  char *chest = S_condition_entry(complaints, "chest-pain");
  assert_non_null(strstr(chest, "\n  name: \"Chest pain\"\n"));
  assert_non_null(strstr(chest, "\n  given: {e_53: yes, e_55: chest}\n"));
  char *ear = S_condition_entry(complaints, "ear-pain");
  assert_non_null(strstr(ear, "\n  name: \"Ear pain (earache)\"\n"));
  assert_non_null(strstr(ear, "\"earache\""));
  assert_non_null(strstr(ear, "\n  given: {e_53: yes, e_55: ear}\n"));
  assert_null(strstr(complaints, "\"Being sick (vomiting)\""));
  /* the generic pain complaint no longer answers to "ache" */
  char *pain = S_condition_entry(complaints, "e-53");
  assert_null(strstr(pain, "\"ache\""));
  free(chest);
  free(ear);
  free(pain);
  free(complaints);
}

static void test_a_new_complaint_with_an_unknown_answer_is_an_error(void **state) {
  S_expect_error(*state, "given: {e_53: \"yes\", e_55: ear}", "given: {e_53: \"yes\", e_55: ears}",
                 "new_complaints.ear-pain.given: \"e_55: ears\" is not a finding and one of its "
                 "(lay) answers");
}

/* A new complaint's ask_first reaches the fitted complaint as written; a
   finding the data set lacks, or no citation, stops the fit. */
static void test_ask_first_of_a_new_complaint_reaches_the_pack(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *complaints = S_read_in(s->dir, "complaints.yaml");
  char *chest = S_condition_entry(complaints, "chest-pain");
  assert_non_null(strstr(chest, "\n  ask_first:\n    findings: [e_54, e_57, e_59, e_56]\n"
                                "    estimate: true\n    note: \"Reviewer's choice: "));
  free(chest);
  free(complaints);
}

static void test_ask_first_with_an_unknown_finding_is_an_error(void **state) {
  S_expect_error(*state, "findings: [e_54, e_57, e_59, e_56]", "findings: [e_54, e_570]",
                 "new_complaints.chest-pain.ask_first: \"e_570\" is not a finding id of the "
                 "fitted pack (e.g. e_54)");
}

static void test_ask_first_without_a_citation_is_an_error(void **state) {
  S_expect_error(*state, "findings: [e_54, e_57, e_59, e_56]\n      estimate: true",
                 "findings: [e_54, e_57, e_59, e_56]",
                 "new_complaints.chest-pain.ask_first: ask_first cites nothing; add `source:` "
                 "and `where:`, or `estimate: true` with a `note:` giving the reasoning");
}

/* A data-set complaint's ask_first (sore throat: cited) reaches the fitted
   complaint; a finding the data set lacks stops the fit. */
static void test_ask_first_of_a_data_complaint_reaches_the_pack(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *complaints = S_read_in(s->dir, "complaints.yaml");
  char *throat = S_condition_entry(complaints, "e-97");
  assert_non_null(strstr(throat, "\n  ask_first:\n    findings: [e_91, e_201]\n"
                                 "    source: CLN-NICE-NG84\n    where: \"Recommendation 1.1.3"));
  free(throat);
  free(complaints);
}

static void test_ask_first_of_a_data_complaint_with_an_unknown_finding_is_an_error(void **state) {
  S_expect_error(*state, "findings: [e_91, e_201]\n      source: CLN-NICE-NG84",
                 "findings: [e_91, e_2010]\n      source: CLN-NICE-NG84",
                 "complaints.e-97.ask_first: \"e_2010\" is not a finding id of the fitted pack");
}

/* The default p of a yes/no finding in findings.yaml. */
static double S_yes_no_p(const char *findings, const char *id) {
  char *entry = S_finding_entry(findings, id);
  const char *at = strstr(entry, "  default: {p: ");
  assert_non_null(at);
  double p = strtod(at + strlen("  default: {p: "), NULL);
  free(entry);
  return p;
}

/* "Smoker: yes" answers "former smoker: no" (findings.e_79.excludes): the
   pack says so, and the fit counts the sample's 7 patients who are both as
   former smokers no more (8 former smokers in all, so P drops by 7/8). */
static void test_excludes_reach_the_findings_and_the_fit(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *findings = S_read_in(s->dir, "findings.yaml");
  char *smoker = S_finding_entry(findings, "e_79");
  assert_non_null(strstr(smoker, "\n  excludes: [\"e_191\"]\n"));
  double former = S_yes_no_p(findings, "e_191");
  free(smoker);
  free(findings);
  char *plain =
      S_edit(s->overlay, "e_79: {ages: [12, 120], excludes: [e_191]}", "e_79: {ages: [12, 120]}");
  S_write(s->dir, "clinical.yaml", plain);
  assert_int_equal(S_fit(s, &err), 0);
  findings = S_read_in(s->dir, "findings.yaml");
  assert_null(strstr(findings, "excludes:"));
  double both = S_yes_no_p(findings, "e_191");
  assert_true(former < both / 4);
  free(findings);
  free(plain);
}

static void test_excludes_of_a_finding_that_is_not_yes_no_is_an_error(void **state) {
  S_expect_error(*state, "  e_79: {ages: [12, 120], excludes: [e_191]}",
                 "  e_55: {excludes: [e_191]}\n  e_79: {ages: [12, 120], excludes: [e_191]}",
                 "findings.e_55.excludes: e_55 is not a yes/no finding; only a \"yes\" can "
                 "exclude another finding");
}

static void test_excludes_naming_an_unknown_finding_is_an_error(void **state) {
  S_expect_error(*state, "  e_79: {ages: [12, 120], excludes: [e_191]}",
                 "  e_79: {ages: [12, 120], excludes: [e_1910]}",
                 "findings.e_79.excludes: \"e_1910\" is not another yes/no finding id of the "
                 "fitted pack (e.g. e_191)");
}

/* A likelihood the overlay sets replaces the fitted floor of an antecedent
   the data set's pathology does not list, with its estimate and note; the
   pathology's other likelihoods stay the data set's. */
static void test_overlay_likelihoods_replace_the_fitted_ones(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *conditions = S_read_in(s->dir, "conditions.yaml");
  char *entry = S_condition_entry(conditions, "bronchiolitis");
  assert_non_null(
      strstr(entry, "\n    e_49: {p: 0.5, estimate: true, note: \"Babies at a nursery"));
  assert_non_null(strstr(entry, "\n    e_41: {p: 0.5, estimate: true, note: \"A viral infection"));
  assert_non_null(strstr(entry, "\n    e_91: {p: "));
  assert_null(strstr(strstr(entry, "\n    e_91: {p: "), "e_91: {p: 0.5, estimate"));
  char *cold = S_condition_entry(conditions, "urti");
  assert_null(strstr(cold, "estimate: true, note: \"Babies at a nursery"));
  free(conditions);
  free(entry);
  free(cold);
}

static void test_a_likelihood_of_a_finding_that_is_not_yes_no_is_an_error(void **state) {
  S_expect_error(*state, "      e_49: {p: 0.5, estimate: true,",
                 "      e_55: {p: 0.5, estimate: true,",
                 "conditions.bronchiolitis.likelihoods.e_55: \"e_55\" is not a yes/no finding of "
                 "the data set; use a yes/no id of the fitted findings.yaml (e.g. e_49)");
}

static void test_a_likelihood_out_of_range_is_an_error(void **state) {
  S_expect_error(*state, "      e_49: {p: 0.5,", "      e_49: {p: 1.5,",
                 "conditions.bronchiolitis.likelihoods.e_49.p: must be between 0 and 1 "
                 "(exclusive), e.g. 0.3");
}

static void test_a_likelihood_without_a_citation_is_an_error(void **state) {
  S_expect_error(*state, "      e_49: {p: 0.5, estimate: true,", "      e_49: {p: 0.5,",
                 "conditions.bronchiolitis.likelihoods.e_49: the likelihood cites nothing; add "
                 "`source:` and `where:`, or `estimate: true` with a `note:` giving the "
                 "reasoning");
}

/* The overlay's cited red flags: written after the fitted ones with their
   age limit, second finding, source and place, and their finding asked
   first in the complaints named by ask_in (never the complaint's own). */
static void test_cited_red_flags_reach_the_pack_and_its_screens(void **state) {
  S_state *s = *state;
  S_write(s->dir, "clinical.yaml", s->overlay);
  symcheck_error err;
  assert_int_equal(S_fit(s, &err), 0);
  char *flags = S_read_in(s->dir, "red_flags.yaml");
  const char *gbs = strstr(flags, "- finding: e_93\n  answer: yes\n  also: {finding: e_84, "
                                  "answer: yes}\n  level: emergency\n");
  assert_non_null(gbs);
  assert_non_null(strstr(gbs, "\n  source: CLN-LEONHARD-GBS-2019\n  where: \"Introduction"));
  const char *stridor = strstr(flags, "- finding: e_194\n  answer: yes\n  max_age: 11\n"
                                      "  level: urgent_care\n");
  assert_non_null(stridor);
  assert_non_null(strstr(stridor, "\n  source: CLN-HT-CROUP\n"));
  char *complaints = S_read_in(s->dir, "complaints.yaml");
  char *weakness = S_condition_entry(complaints, "e-84");
  assert_non_null(strstr(weakness, "\n  screen: [\"e_93\"]\n"));
  /* the numbness complaint is the flag's own finding: nothing to ask first */
  char *numb = S_condition_entry(complaints, "e-93");
  assert_non_null(strstr(numb, "\n  screen: []\n"));
  char *cough = S_condition_entry(complaints, "e-201");
  assert_non_null(strstr(cough, "\n  screen: [\"e_194\"]\n"));
  char *sources = S_read_in(s->dir, "sources.yaml");
  assert_non_null(strstr(sources, "key: CLN-LEONHARD-GBS-2019"));
  free(sources);
  free(cough);
  free(numb);
  free(weakness);
  free(complaints);
  free(flags);
}

static void test_a_red_flag_asked_in_no_complaint_is_an_error(void **state) {
  S_expect_error(*state, "ask_in: [e-84]", "ask_in: [e-84, e-930]",
                 "red_flags[1]: ask_in names \"e-930\", which is no complaint");
}

static void test_a_red_flag_with_an_unknown_answer_is_an_error(void **state) {
  S_expect_error(*state, "also: {finding: e_84, answer: \"yes\"}",
                 "also: {finding: e_84, answer: \"maybe\"}",
                 "red_flags[1].also: \"e_84: maybe\" is not a finding and one of its (lay) "
                 "answers");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_overlay_urgency_and_code_reach_the_pack, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_overlay_ages_sex_and_child_questions_reach_the_findings,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_unknown_pathology_id_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_bad_level_is_an_error, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_bad_icd10_is_an_error, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_bad_snomed_is_an_error, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_undefined_source_key_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_missing_overlay_names_the_fix, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_lay_complaints_reach_both_packs, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_unknown_complaint_id_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_empty_complaint_name_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_body_sites_are_a_short_lay_list, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_lay_site_is_fitted_as_any_of_its_sites, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_site_in_no_lay_option_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_an_unknown_site_is_an_error, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_scales_have_words, S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_child_label_without_child_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_typos_of_the_data_are_corrected, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_correction_that_matches_nothing_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_chest_and_ear_pain_are_complaints, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_ask_first_of_a_new_complaint_reaches_the_pack, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_ask_first_with_an_unknown_finding_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_ask_first_without_a_citation_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_cited_red_flags_reach_the_pack_and_its_screens,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_red_flag_asked_in_no_complaint_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_red_flag_with_an_unknown_answer_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_new_complaint_with_an_unknown_answer_is_an_error,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_ask_first_of_a_data_complaint_reaches_the_pack,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(
          test_ask_first_of_a_data_complaint_with_an_unknown_finding_is_an_error, S_new_dir,
          S_remove_dir),
      cmocka_unit_test_setup_teardown(test_excludes_reach_the_findings_and_the_fit, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_excludes_of_a_finding_that_is_not_yes_no_is_an_error,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_excludes_naming_an_unknown_finding_is_an_error,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_overlay_likelihoods_replace_the_fitted_ones, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_likelihood_of_a_finding_that_is_not_yes_no_is_an_error,
                                      S_new_dir, S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_likelihood_out_of_range_is_an_error, S_new_dir,
                                      S_remove_dir),
      cmocka_unit_test_setup_teardown(test_a_likelihood_without_a_citation_is_an_error, S_new_dir,
                                      S_remove_dir),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
