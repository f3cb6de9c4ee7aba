/*
 * page_results.c - the end of the quiz. A red flag at emergency level or
 * above goes straight to the emergency advice with the pack's phone number.
 * Otherwise: the urgency first (banner with icon and words), what to do
 * now, then the conditions as probability bars with words ("about 4 in
 * 10"), each expandable to the answers for and against it.
 */
#include "web_quiz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define S_URL_SIZE 4096
/* Conditions listed: at least S_MIN_SHOWN, at most S_MAX_SHOWN, and past
   the minimum only those of at least 1 in 100. */
#define S_MIN_SHOWN 3
#define S_MAX_SHOWN 8

/* Each reason: the answer, and which way and how strongly it points (with
   the answer that implied it, when it was implied). */
static json_t *S_evidence(const symcheck_evidence *items, size_t count) {
  json_t *list = json_array();
  char words[512];
  for (size_t i = 0; i < count; i++) {
    symcheck_evidence_words(&items[i], words, sizeof words);
    json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "name", items[i].finding->name,
                                          "value", items[i].value, "words", words));
  }
  return list;
}

static json_t *S_ranked(const symcheck_pack *pack, const symcheck_ranked_condition *rc) {
  char words[64];
  symcheck_probability_words(rc->probability, words, sizeof words);
  int percent = (int)lround(rc->probability * 100.0);
  json_t *item = web_condition_card(pack, rc->condition);
  /* the person is known: their urgency replaces the card's list by age */
  json_object_set_new(item, "urgency", web_level_json(rc->urgency));
  json_object_del(item, "urgency_by_age");
  json_object_set_new(item, "words", json_string(words));
  json_object_set_new(item, "percent",
                      json_integer(percent < 0     ? 0
                                   : percent > 100 ? 100
                                                   : percent));
  json_object_set_new(item, "for", S_evidence(rc->for_answers, rc->for_count));
  json_object_set_new(item, "against", S_evidence(rc->against_answers, rc->against_count));
  return item;
}

static json_t *S_conditions(const symcheck_pack *pack, const symcheck_result *result) {
  json_t *list = json_array();
  for (size_t i = 0; i < result->condition_count && i < S_MAX_SHOWN; i++) {
    if (i >= S_MIN_SHOWN && result->conditions[i].probability < 0.01) {
      break;
    }
    json_array_append_new(list, S_ranked(pack, &result->conditions[i]));
  }
  return list;
}

/* What to do now: the level's advice, and the most likely condition's
   self-care (only when home care is safe) and when-to-see-a-doctor text. */
static json_t *S_next_steps(const symcheck_complaint *complaint, const symcheck_result *result) {
  json_t *steps = json_object();
  if (result->condition_count == 0) { /* triage only: the complaint's own advice */
    if (result->triage.level <= SYMCHECK_LEVEL_PRIMARY_CARE_SOON && complaint->self_care != NULL) {
      json_object_set_new(steps, "self_care_html", web_markdown(complaint->self_care));
    }
    if (complaint->see_doctor != NULL) {
      json_object_set_new(steps, "see_doctor_html", web_markdown(complaint->see_doctor));
    }
    return steps;
  }
  const symcheck_condition *top = result->conditions[0].condition;
  json_object_set_new(steps, "condition", json_string(top->name));
  if (result->triage.level <= SYMCHECK_LEVEL_PRIMARY_CARE_SOON && top->self_care != NULL) {
    json_object_set_new(steps, "self_care_html", web_markdown(top->self_care));
  }
  if (top->see_doctor != NULL) {
    json_object_set_new(steps, "see_doctor_html", web_markdown(top->see_doctor));
  }
  return steps;
}

/* "We asked about X to rule out Y", one line per condition. */
static json_t *S_ruled_out(const symcheck_result *result) {
  json_t *lines = json_array();
  for (size_t i = 0; i < result->ruled_out_count; i++) {
    char words[512];
    symcheck_ruled_out_words(&result->ruled_out[i], words, sizeof words);
    json_array_append_new(lines, json_string(words));
  }
  return lines;
}

/* Links every result page carries: summary, FHIR, change the last answer. */
static bool S_links(const web_quiz *quiz, json_t *data) {
  char summary[S_URL_SIZE], fhir[S_URL_SIZE], change[S_URL_SIZE];
  size_t n = symcheck_interview_answer_count(quiz->interview);
  const symcheck_finding *last =
      n > 0 ? symcheck_interview_answer_at(quiz->interview, n - 1, NULL, 0) : NULL;
  bool ok = web_quiz_url(quiz, "/summary", NULL, NULL, summary, sizeof summary) &&
            web_quiz_url(quiz, "/fhir", NULL, NULL, fhir, sizeof fhir) &&
            (last != NULL ? web_quiz_url(quiz, "", "edit", last->id, change, sizeof change)
                          : web_quiz_url(quiz, "", "change", "profile", change, sizeof change));
  if (ok) {
    json_object_set_new(data, "summary_url", json_string(summary));
    json_object_set_new(data, "fhir_url", json_string(fhir));
    json_object_set_new(data, "change_url", json_string(change));
  }
  return ok;
}

static int S_emergency(const web_site *site, const web_quiz *quiz, const symcheck_result *result,
                       json_t *data, web_page *page) {
  symcheck_level level = result->triage.level;
  json_object_set_new(data, "emergency_number",
                      json_string(symcheck_pack_get_info(quiz->pack)->emergency_number));
  json_object_set_new(data, "ambulance", json_boolean(level == SYMCHECK_LEVEL_AMBULANCE));
  return web_render(site, "emergency", result->triage.advice, NULL, data, 200, page);
}

int web_quiz_results(const web_site *site, web_quiz *quiz, web_page *page) {
  symcheck_result *result = symcheck_interview_result(quiz->interview);
  if (result == NULL) {
    return web_render_error(site, 500, "Something went wrong", "Please try again.", page);
  }
  json_t *data =
      json_pack("{s:s, s:s}", "complaint", quiz->complaint->name, "reason", result->triage.reason);
  char note[256];
  symcheck_stop_words(result->stop_reason, result->answered, note, sizeof note);
  if (note[0] != '\0') { /* the list is less certain than it looks: say so */
    json_object_set_new(data, "stop_note", json_string(note));
  }
  json_object_set_new(data, "triage", web_level_json(result->triage.level));
  if (!S_links(quiz, data)) {
    json_decref(data);
    symcheck_result_free(result);
    return web_render_error(site, 400, "Too many answers", "The answers are too long to carry.",
                            page);
  }
  int status;
  const symcheck_red_flag *flag = result->triage.red_flag;
  if (flag != NULL && flag->level >= SYMCHECK_LEVEL_EMERGENCY) {
    status = S_emergency(site, quiz, result, data, page);
  } else {
    char other[64];
    symcheck_probability_words(result->other_probability, other, sizeof other);
    json_object_set_new(data, "ruled_out", S_ruled_out(result));
    json_object_set_new(data, "has_ruled_out", json_boolean(result->ruled_out_count > 0));
    json_object_set_new(data, "conditions", S_conditions(quiz->pack, result));
    json_object_set_new(data, "has_conditions", json_boolean(result->condition_count > 0));
    json_object_set_new(data, "other_words", json_string(other));
    json_object_set_new(data, "next_steps", S_next_steps(quiz->complaint, result));
    json_object_set_new(data, "answered", json_integer((json_int_t)result->answered));
    json_object_set_new(data, "triage_only", json_boolean(quiz->complaint->condition_count == 0));
    char title[300];
    snprintf(title, sizeof title, "Your results - %s", quiz->complaint->name);
    status = web_render(site, "results", title, NULL, data, 200, page);
  }
  if (status == 0 && result->condition_count > 0) { /* what quiz statistics count */
    page->outcome = (web_quiz_outcome){quiz->complaint->id, result->conditions[0].condition->id,
                                       symcheck_level_id(result->triage.level)};
  }
  symcheck_result_free(result);
  return status;
}
