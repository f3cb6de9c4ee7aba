/*
 * fhir.c - "/quiz/{complaint}/fhir": the doctor's summary as a FHIR R4
 * Bundle (type collection) in JSON, for a clinic's system to import:
 *   Patient               sex only (no name, no birth date, no identifier)
 *   QuestionnaireResponse age, sex and every answer, one item per question
 *   RiskAssessment        the conditions with probabilities (ICD-10 coded,
 *                         and SNOMED CT coded where the pack gives the id),
 *                         the urgency as mitigation, the notice as a note
 * FHIR export is a front-end format, so it is built here, not in the
 * library. Resource ids are random UUIDs, new on every download.
 */
#define _DEFAULT_SOURCE

#include "web_quiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define S_VALUE_SIZE 1024
#define S_ICD10 "http://hl7.org/fhir/sid/icd-10"
#define S_SNOMED "http://snomed.info/sct"
#define S_ABSENT "http://terminology.hl7.org/CodeSystem/data-absent-reason"
#define S_GENDER "http://hl7.org/fhir/administrative-gender"

/* "urn:uuid:" and a random version-4 UUID. */
static void S_uuid(char *out, size_t size) {
  unsigned char b[16] = {0};
  if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
    for (size_t i = 0; i < sizeof b; i++) {
      b[i] = (unsigned char)rand();
    }
  }
  b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
  b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
  snprintf(out, size, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
           b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
           b[15]);
}

static json_t *S_coding(const char *system, const char *code, const char *display) {
  return json_pack("{s:s, s:s, s:s}", "system", system, "code", code, "display", display);
}

/* The code system of a finding's options: the pack and the finding. */
static void S_system(const web_quiz *quiz, const symcheck_finding *f, char *out, size_t size) {
  snprintf(out, size, "urn:symcheck:%s:%s", symcheck_pack_get_info(quiz->pack)->id, f->id);
}

/* The answers of one finding's item. */
static json_t *S_item_answers(const web_quiz *quiz, const symcheck_finding *f, const char *value) {
  json_t *answers = json_array();
  char system[512];
  S_system(quiz, f, system, sizeof system);
  if (strcmp(value, "unknown") == 0) {
    json_array_append_new(answers,
                          json_pack("{s:o}", "valueCoding",
                                    S_coding(S_ABSENT, "asked-unknown", "Asked But Unknown")));
  } else if (f->type == SYMCHECK_ANSWER_YES_NO) {
    json_array_append_new(answers, json_pack("{s:b}", "valueBoolean", strcmp(value, "yes") == 0));
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    json_array_append_new(answers, json_pack("{s:f}", "valueDecimal", strtod(value, NULL)));
  } else {
    for (size_t i = 0; i < f->option_count; i++) {
      size_t length = strlen(f->options[i].id);
      for (const char *p = value; p != NULL && *p != '\0';) {
        const char *comma = strchr(p, ',');
        size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (n == length && strncmp(p, f->options[i].id, n) == 0) {
          json_array_append_new(answers,
                                json_pack("{s:o}", "valueCoding",
                                          S_coding(system, f->options[i].id, f->options[i].label)));
        }
        p = comma != NULL ? comma + 1 : NULL;
      }
    }
  }
  return answers;
}

static json_t *S_items(const web_quiz *quiz) {
  json_t *items = json_array();
  json_array_append_new(items,
                        json_pack("{s:s, s:s, s:[{s:i}]}", "linkId", "age", "text", "Age in years",
                                  "answer", "valueInteger", quiz->profile.age));
  const char *sex = symcheck_sex_id(quiz->profile.sex);
  json_array_append_new(items, json_pack("{s:s, s:s, s:[{s:o}]}", "linkId", "sex", "text",
                                         "Sex assigned at birth", "answer", "valueCoding",
                                         S_coding(S_GENDER, sex, sex)));
  const symcheck_complaint *c = quiz->complaint;
  for (size_t i = 0; i < c->given_count; i++) {
    const symcheck_finding *f = c->given_findings[i];
    json_array_append_new(
        items, json_pack("{s:s, s:s, s:o}", "linkId", f->id, "text", f->question, "answer",
                         S_item_answers(quiz, f, f->options[c->given_options[i]].id)));
  }
  size_t n = symcheck_interview_answer_count(quiz->interview);
  for (size_t i = 0; i < n; i++) {
    char value[S_VALUE_SIZE];
    const symcheck_finding *f =
        symcheck_interview_answer_at(quiz->interview, i, value, sizeof value);
    json_t *item = json_pack("{s:s, s:s}", "linkId", f->id, "text", f->question);
    json_t *answers = S_item_answers(quiz, f, value);
    if (json_array_size(answers) > 0) {
      json_object_set_new(item, "answer", answers);
    } else {
      json_decref(answers); /* a multi question answered "none of these" */
    }
    json_array_append_new(items, item);
  }
  /* answers other answers implied: never asked, answered all the same */
  for (size_t i = 0; i < symcheck_pack_finding_count(quiz->pack); i++) {
    const symcheck_finding *f = symcheck_pack_finding(quiz->pack, i);
    int option = symcheck_interview_implied_option(quiz->interview, f);
    if (option >= 0 && f->type != SYMCHECK_ANSWER_NUMBER) { /* a band is no number */
      json_array_append_new(items,
                            json_pack("{s:s, s:s, s:o}", "linkId", f->id, "text", f->question,
                                      "answer", S_item_answers(quiz, f, f->options[option].id)));
    }
  }
  return items;
}

static json_t *S_predictions(const symcheck_result *result) {
  json_t *list = json_array();
  for (size_t i = 0; i < result->condition_count; i++) {
    const symcheck_condition *c = result->conditions[i].condition;
    json_t *outcome = json_pack("{s:s}", "text", c->name);
    json_t *codings = json_array();
    if (c->icd10 != NULL) {
      json_array_append_new(codings, S_coding(S_ICD10, c->icd10, c->name));
    }
    if (c->snomed != NULL) {
      json_array_append_new(codings, S_coding(S_SNOMED, c->snomed, c->name));
    }
    if (json_array_size(codings) > 0) {
      json_object_set_new(outcome, "coding", codings);
    } else {
      json_decref(codings); /* FHIR arrays are never empty */
    }
    json_array_append_new(list, json_pack("{s:o, s:f}", "outcome", outcome, "probabilityDecimal",
                                          result->conditions[i].probability));
  }
  return list;
}

static json_t *S_entry(const char *uuid, json_t *resource) {
  char url[64];
  snprintf(url, sizeof url, "urn:uuid:%s", uuid);
  json_object_set_new(resource, "id", json_string(uuid));
  return json_pack("{s:s, s:o}", "fullUrl", url, "resource", resource);
}

/* The Bundle for the quiz and its result. New reference. */
static json_t *S_bundle(const web_quiz *quiz, const symcheck_result *result) {
  char patient[40], response[40], risk[40], now[32], patient_ref[64], response_ref[64];
  S_uuid(patient, sizeof patient);
  S_uuid(response, sizeof response);
  S_uuid(risk, sizeof risk);
  snprintf(patient_ref, sizeof patient_ref, "urn:uuid:%s", patient);
  snprintf(response_ref, sizeof response_ref, "urn:uuid:%s", response);
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  json_t *entries = json_array();
  json_array_append_new(entries,
                        S_entry(patient, json_pack("{s:s, s:s}", "resourceType", "Patient",
                                                   "gender", symcheck_sex_id(quiz->profile.sex))));
  json_array_append_new(entries,
                        S_entry(response, json_pack("{s:s, s:s, s:{s:s}, s:s, s:o}", "resourceType",
                                                    "QuestionnaireResponse", "status", "completed",
                                                    "subject", "reference", patient_ref, "authored",
                                                    now, "item", S_items(quiz))));
  char mitigation[1024];
  snprintf(mitigation, sizeof mitigation, "%s. %s", symcheck_level_advice(result->triage.level),
           result->triage.reason);
  json_t *assessment = json_pack(
      "{s:s, s:s, s:{s:s}, s:s, s:[{s:s}], s:s, s:[{s:s}]}", "resourceType", "RiskAssessment",
      "status", "final", "subject", "reference", patient_ref, "occurrenceDateTime", now, "basis",
      "reference", response_ref, "mitigation", mitigation, "note", "text", SYMCHECK_NOTICE);
  /* FHIR arrays are never empty: a triage-only complaint has no prediction */
  if (result->condition_count > 0) {
    json_object_set_new(assessment, "prediction", S_predictions(result));
  }
  json_array_append_new(entries, S_entry(risk, assessment));
  return json_pack("{s:s, s:s, s:s, s:o}", "resourceType", "Bundle", "type", "collection",
                   "timestamp", now, "entry", entries);
}

int web_page_fhir(const web_site *site, const char *complaint, const web_params *params,
                  web_page *page) {
  web_quiz quiz;
  web_quiz_status status = web_quiz_open(site, complaint, params, &quiz);
  if (status == WEB_QUIZ_NOT_FOUND) {
    return web_page_not_found(site, page);
  }
  if (status != WEB_QUIZ_READY) {
    return web_render_error(site, 400, "No answers to export",
                            "The export needs the answers of a quiz. Take the quiz first.", page);
  }
  symcheck_result *result = symcheck_interview_result(quiz.interview);
  json_t *bundle = result != NULL ? S_bundle(&quiz, result) : NULL;
  char *text = bundle != NULL ? json_dumps(bundle, JSON_INDENT(2)) : NULL;
  json_decref(bundle);
  symcheck_result_free(result);
  web_quiz_close(&quiz);
  memset(page, 0, sizeof *page);
  if (text == NULL) {
    page->status = 500;
    return -1;
  }
  page->status = 200;
  page->content_type = "application/fhir+json";
  page->body = text;
  page->length = strlen(text);
  page->download_name = "symcheck-summary.fhir.json";
  return 0;
}
