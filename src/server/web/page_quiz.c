/*
 * page_quiz.c - "/quiz/{complaint}": the demographics page, then one
 * question per page as a plain form (answer buttons submit on tap, with or
 * without JavaScript), then the result. The back link shows the previous
 * question with its answer marked and keeps every answer: changing it keeps
 * the later answers that still apply (the engine drops only follow-ups the
 * new answer rules out).
 */
#include "web_quiz.h"

#include <stdlib.h>
#include <string.h>

#define S_URL_SIZE 4096
#define S_VALUE_SIZE 1024

static int S_demographics(const web_site *site, const web_quiz *quiz, const web_params *params,
                          web_page *page) {
  const char *age = web_param_get(params, "age");
  const char *sex = web_param_get(params, "sex");
  const char *unit = web_param_get(params, "age_unit");
  const char *answers = web_param_get(params, "a");
  char action[256];
  snprintf(action, sizeof action, "/quiz/%s", quiz->complaint->id);
  char back[256] = "/"; /* the article, or the home page when there is none */
  if (quiz->complaint->article != NULL) {
    web_complaint_url(quiz->complaint, back, sizeof back);
  }
  json_t *data = json_pack("{s:s, s:s, s:s, s:s}", "complaint", quiz->complaint->name, "action",
                           action, "back_url", back, "age", age != NULL ? age : "");
  json_object_set_new(data, "female", json_boolean(sex != NULL && strcmp(sex, "female") == 0));
  json_object_set_new(data, "male", json_boolean(sex != NULL && strcmp(sex, "male") == 0));
  json_object_set_new(data, "months", json_boolean(unit != NULL && strcmp(unit, "months") == 0));
  json_object_set_new(data, "other", json_boolean(quiz->for_other));
  json_object_set_new(data, "answers", json_string(answers != NULL ? answers : ""));
  if (quiz->problem[0] != '\0') {
    json_object_set_new(data, "problem", json_string(quiz->problem));
  }
  char title[300];
  snprintf(title, sizeof title, "About you - %s quiz", quiz->complaint->name);
  return web_render(site, "demographics", title, NULL, data, quiz->problem[0] ? 400 : 200, page);
}

/* True when `id` is one of the comma-separated ids of `value`. */
static bool S_in_list(const char *value, const char *id) {
  size_t length = strlen(id);
  for (const char *p = value; p != NULL && *p != '\0';) {
    const char *comma = strchr(p, ',');
    size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
    if (n == length && strncmp(p, id, n) == 0) {
      return true;
    }
    p = comma != NULL ? comma + 1 : NULL;
  }
  return false;
}

/* The options shown to the person: those that apply to their age and sex. */
static json_t *S_options(const symcheck_finding *f, const symcheck_profile *person,
                         const char *current) {
  json_t *options = json_array();
  for (size_t i = 0; i < f->option_count; i++) {
    if (!symcheck_option_applies(f, i, person->age, person->sex)) {
      continue;
    }
    char label[512];
    json_t *o = json_pack("{s:s, s:s}", "id", f->options[i].id, "label",
                          symcheck_option_label_for(f, i, person->age, label, sizeof label));
    const char *end = i == 0 ? f->scale_low : i + 1 == f->option_count ? f->scale_high : NULL;
    if (end != NULL) {
      json_object_set_new(o, "scale_end", json_string(end));
    }
    char unsure[256];
    snprintf(unsure, sizeof unsure, "?%s", f->options[i].id);
    json_object_set_new(o, "chosen",
                        json_boolean(current != NULL && S_in_list(current, f->options[i].id)));
    json_object_set_new(o, "unsure", json_boolean(current != NULL && S_in_list(current, unsure)));
    json_array_append_new(options, o);
  }
  return options;
}

/* The question's text (worded for the person), help and answer controls;
   `current` is its present answer in text form (when shown again) or NULL. */
static json_t *S_question(const symcheck_finding *f, const symcheck_profile *person,
                          const char *current) {
  char text[1024];
  symcheck_finding_question_for(f, person->age, text, sizeof text);
  json_t *q = json_pack("{s:s, s:s, s:s}", "id", f->id, "text", text, "why", f->why);
  if (symcheck_age_is_child(person->age) && f->question_child == NULL) {
    json_object_set_new(q, "answer_for_child", json_true());
  }
  if (f->explain != NULL) {
    json_object_set_new(q, "explain", json_string(f->explain));
  }
  if (f->unit != NULL) {
    json_object_set_new(q, "unit", json_string(f->unit));
    /* the library takes "101.3F" for a temperature in degrees C */
    json_object_set_new(q, "fahrenheit",
                        json_boolean(strcmp(f->unit, "\xc2\xb0"
                                                     "C") == 0));
  }
  const char *kind = f->type == SYMCHECK_ANSWER_MULTI    ? "is_multi"
                     : f->type == SYMCHECK_ANSWER_NUMBER ? "is_number"
                                                         : "is_choice";
  json_object_set_new(q, kind, json_true());
  json_object_set_new(q, "options", S_options(f, person, current));
  bool unknown = current != NULL && strcmp(current, "unknown") == 0;
  json_object_set_new(q, "unknown_chosen", json_boolean(unknown));
  json_object_set_new(q, "none_chosen", json_boolean(current != NULL && !strcmp(current, "none")));
  if (f->type == SYMCHECK_ANSWER_NUMBER && current != NULL && !unknown) {
    json_object_set_new(q, "number", json_string(current));
  }
  return q;
}

/* Index of finding f in the answer order, or the answer count. */
static size_t S_position(const symcheck_interview *iv, const symcheck_finding *f) {
  size_t n = symcheck_interview_answer_count(iv);
  for (size_t i = 0; i < n; i++) {
    if (symcheck_interview_answer_at(iv, i, NULL, 0) == f) {
      return i;
    }
  }
  return n;
}

/* Where "Back" goes from the question at `position`: the answer before it,
   or the demographics page for the first question. */
static bool S_back_url(const web_quiz *quiz, size_t position, char *url, size_t size) {
  if (position == 0) {
    return web_quiz_url(quiz, "", "change", "profile", url, size);
  }
  const symcheck_finding *before =
      symcheck_interview_answer_at(quiz->interview, position - 1, NULL, 0);
  return web_quiz_url(quiz, "", "edit", before->id, url, size);
}

/* The question's number in the progress bar: answers before `position`
   that are not the safety screen's, plus one (the screen is not counted). */
static size_t S_number(const symcheck_interview *iv, size_t position) {
  size_t number = 1;
  for (size_t i = 0; i < position; i++) {
    number += !symcheck_interview_answer_at(iv, i, NULL, 0)->universal_screen;
  }
  return number;
}

static int S_question_page(const web_site *site, web_quiz *quiz, const symcheck_finding *f,
                           web_page *page) {
  size_t position = S_position(quiz->interview, f);
  const symcheck_profile *person = symcheck_interview_profile(quiz->interview);
  char current[S_VALUE_SIZE];
  bool answered = position < symcheck_interview_answer_count(quiz->interview);
  if (answered) {
    symcheck_interview_answer_at(quiz->interview, position, current, sizeof current);
  }
  int most = symcheck_pack_get_info(quiz->pack)->settings.max_questions;
  char back[S_URL_SIZE], finish[S_URL_SIZE], action[256];
  snprintf(action, sizeof action, "/quiz/%s", quiz->complaint->id);
  if (!S_back_url(quiz, position, back, sizeof back) ||
      !web_quiz_url(quiz, "", "finish", "1", finish, sizeof finish)) {
    return web_render_error(site, 400, "Too many answers", "The answers are too long to carry.",
                            page);
  }
  json_t *data = json_pack("{s:s, s:s, s:s, s:s, s:I, s:i}", "complaint", quiz->complaint->name,
                           "action", action, "back_url", back, "finish_url", finish, "number",
                           (json_int_t)S_number(quiz->interview, position), "most", most);
  json_object_set_new(data, "safety_check", json_boolean(f->universal_screen));
  json_object_set_new(data, "question", S_question(f, person, answered ? current : NULL));
  json_object_set_new(data, "hidden", web_quiz_hidden(quiz));
  json_object_set_new(data, "can_finish", json_boolean(position > 0 && !f->red_flag));
  json_object_set_new(data, "for_other", json_boolean(quiz->for_other));
  if (quiz->problem[0] != '\0') {
    json_object_set_new(data, "problem", json_string(quiz->problem));
  }
  char title[1100], text[1024];
  symcheck_finding_question_for(f, person->age, text, sizeof text);
  if (f->universal_screen) {
    snprintf(title, sizeof title, "Safety check: %s", text);
  } else {
    snprintf(title, sizeof title, "Question %zu: %s", S_number(quiz->interview, position), text);
  }
  return web_render(site, "question", title, NULL, data, quiz->problem[0] ? 400 : 200, page);
}

/* The question to show now, or NULL for the result. */
static const symcheck_finding *S_next(web_quiz *quiz, const web_params *params) {
  const char *edit = web_param_get(params, "edit");
  const symcheck_finding *f = edit != NULL ? symcheck_pack_find_finding(quiz->pack, edit) : NULL;
  if (f != NULL && symcheck_interview_is_answered(quiz->interview, f) &&
      S_position(quiz->interview, f) < symcheck_interview_answer_count(quiz->interview)) {
    return f;
  }
  const char *finish = web_param_get(params, "finish");
  if ((finish != NULL && symcheck_interview_answer_count(quiz->interview) > 0) ||
      symcheck_interview_should_stop(quiz->interview)) {
    return NULL;
  }
  return symcheck_interview_next(quiz->interview);
}

int web_page_quiz(const web_site *site, const char *complaint, const web_params *params,
                  web_page *page) {
  web_quiz quiz;
  switch (web_quiz_open(site, complaint, params, &quiz)) {
  case WEB_QUIZ_NOT_FOUND:
    return web_page_not_found(site, page);
  case WEB_QUIZ_PROFILE:
    return S_demographics(site, &quiz, params, page);
  case WEB_QUIZ_BAD_ANSWERS:
    return web_render_error(site, 400, "These answers could not be read", quiz.problem, page);
  case WEB_QUIZ_NO_MEMORY:
    return web_render_error(site, 500, "Something went wrong", "Please try again.", page);
  case WEB_QUIZ_READY:
    break;
  }
  const symcheck_finding *retry = web_quiz_apply(&quiz, params);
  const symcheck_finding *next = retry != NULL ? retry : S_next(&quiz, params);
  int status =
      next != NULL ? S_question_page(site, &quiz, next, page) : web_quiz_results(site, &quiz, page);
  web_quiz_close(&quiz);
  return status;
}
