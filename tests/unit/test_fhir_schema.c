/*
 * test_fhir_schema.c - the FHIR Bundle that /quiz/{complaint}/fhir exports
 * validates against HL7's FHIR R4 JSON schema (the part of it vendored in
 * tests/data/fhir), for interviews run to their end in every complaint of
 * the shipped packs; a condition with a SNOMED CT id is coded with it
 * beside ICD-10. The validator itself is checked to refuse broken Bundles,
 * so the test can fail.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_schema.h"
#include "web.h"

#define SCHEMA SYMCHECK_SOURCE_DIR "/tests/data/fhir/fhir-r4-subset.schema.json"
#define SNOMED "http://snomed.info/sct"

static json_t *S_schema(void) {
  json_error_t error;
  json_t *schema = json_load_file(SCHEMA, 0, &error);
  if (schema == NULL) {
    fail_msg("%s: %s", SCHEMA, error.text);
  }
  return schema;
}

static const char S_VALID[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"timestamp\": "
    "\"2026-12-05T12:00:00Z\", \"entry\": [{\"fullUrl\": "
    "\"urn:uuid:0b6e2d4c-1f4e-4a55-9b7a-2f3c4d5e6f70\", \"resource\": {\"resourceType\": "
    "\"Patient\", \"id\": \"0b6e2d4c-1f4e-4a55-9b7a-2f3c4d5e6f70\", \"gender\": \"female\"}}]}";

/* The Bundle of S_VALID with one change made by `edit`. */
static bool S_valid_after(json_t *schema, void (*edit)(json_t *bundle), char *error, size_t size) {
  json_t *bundle = json_loads(S_VALID, 0, NULL);
  assert_non_null(bundle);
  if (edit != NULL) {
    edit(bundle);
  }
  bool valid = json_schema_valid(schema, bundle, error, size);
  json_decref(bundle);
  return valid;
}

static json_t *S_patient(json_t *bundle) {
  return json_object_get(json_array_get(json_object_get(bundle, "entry"), 0), "resource");
}
static void S_bad_gender(json_t *bundle) {
  json_object_set_new(S_patient(bundle), "gender", json_string("f"));
}
static void S_bad_id(json_t *bundle) {
  json_object_set_new(S_patient(bundle), "id", json_string("an id with spaces"));
}
static void S_extra_property(json_t *bundle) {
  json_object_set_new(S_patient(bundle), "name_of_patient", json_string("Ann"));
}
static void S_no_subject(json_t *bundle) {
  json_t *entry = json_array_get(json_object_get(bundle, "entry"), 0);
  json_object_set_new(entry, "resource",
                      json_pack("{s:s, s:s}", "resourceType", "RiskAssessment", "status", "final"));
}
static void S_bad_type(json_t *bundle) {
  json_object_set_new(bundle, "type", json_string("pile"));
}
static void S_bad_timestamp(json_t *bundle) {
  json_object_set_new(bundle, "timestamp", json_string("yesterday"));
}
static void S_unknown_resource(json_t *bundle) {
  json_object_set_new(S_patient(bundle), "resourceType", json_string("Patiant"));
}
static void S_wrong_json_type(json_t *bundle) {
  json_object_set_new(bundle, "entry", json_string("none"));
}

static void test_validator_refuses_broken_bundles(void **state) {
  (void)state;
  json_t *schema = S_schema();
  char error[512];
  assert_true(S_valid_after(schema, NULL, error, sizeof error));
  void (*const edits[])(json_t *) = {S_bad_gender,       S_bad_id,         S_extra_property,
                                     S_no_subject,       S_bad_type,       S_bad_timestamp,
                                     S_unknown_resource, S_wrong_json_type};
  const char *said[] = {"enumerated", "pattern", "name_of_patient", "oneOf",
                        "enumerated", "pattern", "oneOf",           "type"};
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    if (S_valid_after(schema, edits[i], error, sizeof error)) {
      fail_msg("broken bundle %zu was accepted", i);
    }
    if (strstr(error, said[i]) == NULL) {
      fail_msg("broken bundle %zu: \"%s\" does not say \"%s\"", i, error, said[i]);
    }
  }
  json_decref(schema);
}

/* An answer the person could give: no, none, or the first option that
   applies to them. */
static void S_answer(symcheck_interview *interview, const symcheck_finding *f) {
  const symcheck_profile *who = symcheck_interview_profile(interview);
  char value[64] = "unknown";
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(value, sizeof value, "no");
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(value, sizeof value, "none");
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(value, sizeof value, "%g", f->options[0].min);
  } else {
    for (size_t o = 0; o < f->option_count; o++) {
      if (symcheck_applies_to(&f->options[o].applies, who->age, who->sex)) {
        snprintf(value, sizeof value, "%s", f->options[o].id);
        break;
      }
    }
  }
  if (symcheck_interview_answer(interview, f->id, value, NULL) != 0) {
    assert_int_equal(symcheck_interview_answer(interview, f->id, "unknown", NULL), 0);
  }
}

/* The exported Bundle of an interview run to its end; the caller frees it. */
static json_t *S_export(const web_site *site, const symcheck_pack *pack, const char *complaint,
                        int age, const char *sex) {
  symcheck_profile profile = {age, (symcheck_sex)symcheck_sex_parse(sex)};
  symcheck_interview *interview = symcheck_interview_new(pack, complaint, &profile, NULL);
  assert_non_null(interview);
  for (int step = 0; step < 60 && !symcheck_interview_should_stop(interview); step++) {
    const symcheck_finding *f = symcheck_interview_next(interview);
    if (f == NULL) {
      break;
    }
    S_answer(interview, f);
  }
  char *answers = symcheck_interview_encode(interview);
  symcheck_interview_free(interview);
  assert_non_null(answers);
  char years[16];
  snprintf(years, sizeof years, "%d", age);
  web_param items[] = {{"age", years}, {"sex", sex}, {"a", answers}};
  web_params params = {3, items};
  web_page page;
  assert_int_equal(web_page_fhir(site, complaint, &params, &page), 0);
  free(answers);
  assert_int_equal(page.status, 200);
  json_error_t error;
  json_t *bundle = json_loads(page.body, 0, &error);
  web_page_free(&page);
  assert_non_null(bundle);
  return bundle;
}

/* The SNOMED CT id the pack gives the condition named `name`, or NULL. */
static const char *S_pack_snomed(const symcheck_pack *pack, const char *name) {
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    const symcheck_condition *c = symcheck_pack_condition(pack, i);
    if (strcmp(c->name, name) == 0) {
      return c->snomed;
    }
  }
  fail_msg("the Bundle predicts \"%s\", which the pack does not have", name);
  return NULL;
}

/* The code of the prediction's SNOMED CT coding, or NULL. */
static const char *S_snomed_code(const json_t *outcome) {
  size_t k;
  json_t *coding;
  json_array_foreach(json_object_get(outcome, "coding"), k, coding) {
    const char *system = json_string_value(json_object_get(coding, "system"));
    if (system != NULL && strcmp(system, SNOMED) == 0) {
      return json_string_value(json_object_get(coding, "code"));
    }
  }
  return NULL;
}

/* How many predictions of the Bundle carry a SNOMED CT coding; each
   prediction carries one exactly when its condition has an id in the pack,
   and with that id. */
static size_t S_snomed_codings(const symcheck_pack *pack, const json_t *bundle) {
  size_t count = 0, i, j;
  json_t *entry, *prediction;
  json_array_foreach(json_object_get(bundle, "entry"), i, entry) {
    json_t *predictions = json_object_get(json_object_get(entry, "resource"), "prediction");
    json_array_foreach(predictions, j, prediction) {
      json_t *outcome = json_object_get(prediction, "outcome");
      const char *name = json_string_value(json_object_get(outcome, "text"));
      assert_non_null(name);
      const char *want = S_pack_snomed(pack, name);
      const char *got = S_snomed_code(outcome);
      if (want == NULL) {
        assert_null(got);
      } else {
        assert_non_null(got);
        assert_string_equal(got, want);
        count++;
      }
    }
  }
  return count;
}

/* Every complaint of the pack at `dir`, run to its end, exports a valid
   Bundle. Returns how many predictions were SNOMED-coded. */
static size_t S_check_pack(json_t *schema, const char *dir, int age, const char *sex) {
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &diagnostics);
  symcheck_diagnostics_free(&diagnostics);
  assert_non_null(pack);
  char err[256] = "";
  const symcheck_pack *packs[] = {pack};
  web_site *site = web_site_new(SYMCHECK_SOURCE_DIR "/web", packs, 1, err, sizeof err);
  if (site == NULL) {
    fail_msg("%s", err);
  }
  size_t snomed = 0;
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    const char *complaint = symcheck_pack_complaint(pack, i)->id;
    json_t *bundle = S_export(site, pack, complaint, age, sex);
    char error[512];
    if (!json_schema_valid(schema, bundle, error, sizeof error)) {
      fail_msg("%s, %s: the FHIR Bundle is not valid R4: %s", dir, complaint, error);
    }
    snomed += S_snomed_codings(pack, bundle);
    json_decref(bundle);
  }
  web_site_free(site);
  symcheck_pack_free(pack);
  return snomed;
}

static void test_every_shipped_complaint_exports_valid_r4(void **state) {
  (void)state;
  json_t *schema = S_schema();
  assert_true(S_check_pack(schema, SYMCHECK_SOURCE_DIR "/packs/anorectal", 34, "female") > 0);
  assert_true(S_check_pack(schema, SYMCHECK_SOURCE_DIR "/packs/abdominal", 25, "female") > 0);
  S_check_pack(schema, SYMCHECK_SOURCE_DIR "/packs/general", 45, "male");
  assert_true(S_check_pack(schema, SYMCHECK_SOURCE_DIR "/packs/headache", 30, "female") > 0);
  assert_true(S_check_pack(schema, SYMCHECK_SOURCE_DIR "/packs/ddxplus", 45, "male") > 0);
  json_decref(schema);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_refuses_broken_bundles),
      cmocka_unit_test(test_every_shipped_complaint_exports_valid_r4),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
