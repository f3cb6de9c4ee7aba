/*
 * page_summary.c - "/quiz/{complaint}/summary": one printable page to take
 * to a doctor: who (age, sex), the complaint, the answers present, absent
 * and unsure, the duration, the urgency with its reason and the conditions
 * with their probabilities. The print stylesheet drops everything else.
 */
#define _POSIX_C_SOURCE 200809L

#include "web_quiz.h"

#include <stdlib.h>
#include <time.h>

#define S_URL_SIZE 4096
#define S_MAX_SHOWN 5

static json_t *S_conditions(const symcheck_result *result) {
  json_t *list = json_array();
  for (size_t i = 0; i < result->condition_count && i < S_MAX_SHOWN; i++) {
    const symcheck_ranked_condition *rc = &result->conditions[i];
    char words[64];
    symcheck_probability_words(rc->probability, words, sizeof words);
    json_array_append_new(
        list, json_pack("{s:s, s:s, s:s}", "name", rc->condition->name, "words", words, "icd10",
                        rc->condition->icd10 != NULL ? rc->condition->icd10 : ""));
  }
  return list;
}

static json_t *S_data(const web_quiz *quiz, const symcheck_result *result) {
  char date[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof date, "%d %B %Y", &tm);
  json_t *data = json_pack("{s:s, s:i, s:s, s:s, s:s}", "complaint", quiz->complaint->name, "age",
                           quiz->profile.age, "sex", symcheck_sex_id(quiz->profile.sex), "date",
                           date, "reason", result->triage.reason);
  json_object_set_new(data, "for_other", json_boolean(quiz->for_other));
  json_object_set_new(data, "answers", web_quiz_answers(quiz));
  json_object_set_new(data, "triage", web_level_json(result->triage.level));
  json_object_set_new(data, "conditions", S_conditions(result));
  json_object_set_new(data, "triage_only", json_boolean(quiz->complaint->condition_count == 0));
  return data;
}

int web_page_summary(const web_site *site, const char *complaint, const web_params *params,
                     web_page *page) {
  web_quiz quiz;
  web_quiz_status status = web_quiz_open(site, complaint, params, &quiz);
  if (status == WEB_QUIZ_NOT_FOUND) {
    return web_page_not_found(site, page);
  }
  if (status != WEB_QUIZ_READY) {
    return web_render_error(site, 400, "No answers to summarise",
                            "The summary needs the answers of a quiz. Take the quiz first.", page);
  }
  symcheck_result *result = symcheck_interview_result(quiz.interview);
  char results[S_URL_SIZE], fhir[S_URL_SIZE];
  if (result == NULL || !web_quiz_url(&quiz, "", "finish", "1", results, sizeof results) ||
      !web_quiz_url(&quiz, "/fhir", NULL, NULL, fhir, sizeof fhir)) {
    symcheck_result_free(result);
    web_quiz_close(&quiz);
    return web_render_error(site, 400, "Too many answers", "The answers are too long to carry.",
                            page);
  }
  json_t *data = S_data(&quiz, result);
  json_object_set_new(data, "results_url", json_string(results));
  json_object_set_new(data, "fhir_url", json_string(fhir));
  char title[300];
  snprintf(title, sizeof title, "Summary for a doctor - %s", quiz.complaint->name);
  int rc = web_render(site, "summary", title, NULL, data, 200, page);
  symcheck_result_free(result);
  web_quiz_close(&quiz);
  return rc;
}
