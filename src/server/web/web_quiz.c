/*
 * web_quiz.c - turns a quiz request back into an interview: the profile
 * and the encoded answers come from hidden form fields, the new answer from
 * the buttons, checkboxes or number box of the question page. Nothing is
 * kept between requests.
 */
#include "web_quiz.h"

#include <stdlib.h>
#include <string.h>

#define S_VALUE_SIZE 1024

/* Parses a whole number in [min, max]; false on anything else. */
static bool S_parse_int(const char *text, long min, long max, int *out) {
  if (text == NULL || text[0] == '\0') {
    return false;
  }
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (*end != '\0' || value < min || value > max) {
    return false;
  }
  *out = (int)value;
  return true;
}

/* Age in years from the age and its unit (months for infants). */
static bool S_age(const web_params *params, int *age) {
  const char *unit = web_param_get(params, "age_unit");
  bool months = unit != NULL && strcmp(unit, "months") == 0;
  int value = 0;
  if (!S_parse_int(web_param_get(params, "age"), 0, months ? 1440 : 120, &value)) {
    return false;
  }
  *age = months ? value / 12 : value;
  return true;
}

static web_quiz_status S_profile_problem(web_quiz *quiz, const char *problem) {
  snprintf(quiz->problem, sizeof quiz->problem, "%s", problem);
  return WEB_QUIZ_PROFILE;
}

web_quiz_status web_quiz_open(const web_site *site, const char *complaint, const web_params *params,
                              web_quiz *quiz) {
  memset(quiz, 0, sizeof *quiz);
  quiz->complaint = web_find_complaint(site, complaint, &quiz->pack);
  if (quiz->complaint == NULL) {
    return WEB_QUIZ_NOT_FOUND;
  }
  const char *who = web_param_get(params, "who");
  quiz->for_other = who != NULL && strcmp(who, "other") == 0;
  const char *age = web_param_get(params, "age");
  const char *sex = web_param_get(params, "sex");
  if (age == NULL && sex == NULL) {
    return WEB_QUIZ_PROFILE;
  }
  if (!S_age(params, &quiz->profile.age)) {
    return S_profile_problem(quiz, "Please give the age as a whole number from 0 to 120 years.");
  }
  int parsed = sex != NULL ? symcheck_sex_parse(sex) : -1;
  if (parsed < 0) {
    return S_profile_problem(quiz, "Please choose the sex: female or male.");
  }
  quiz->profile.sex = (symcheck_sex)parsed;
  const char *edit = web_param_get(params, "change");
  if (edit != NULL && strcmp(edit, "profile") == 0) {
    return WEB_QUIZ_PROFILE;
  }
  symcheck_error err = {0};
  quiz->interview = symcheck_interview_new(quiz->pack, quiz->complaint->id, &quiz->profile, &err);
  if (quiz->interview == NULL) {
    return WEB_QUIZ_NO_MEMORY;
  }
  const char *answers = web_param_get(params, "a");
  if (answers != NULL && symcheck_interview_decode(quiz->interview, answers, &err) != 0) {
    snprintf(quiz->problem, sizeof quiz->problem, "%s", err.message);
    web_quiz_close(quiz);
    return WEB_QUIZ_BAD_ANSWERS;
  }
  return WEB_QUIZ_READY;
}

void web_quiz_close(web_quiz *quiz) {
  symcheck_interview_free(quiz->interview);
  quiz->interview = NULL;
}

/* True when a form field `name` has the value `id`. */
static bool S_has_param(const web_params *params, const char *name, const char *id) {
  for (size_t i = 0; i < params->count; i++) {
    if (strcmp(params->items[i].name, name) == 0 && strcmp(params->items[i].value, id) == 0) {
      return true;
    }
  }
  return false;
}

/* A multi question's answer from its form: the checked boxes ("opt") are
   yes; with no "Don't know" box ("unsure") checked, the ids joined by
   commas, or "none"; with one, item by item ("a,!b,?c"), every item shown
   that is neither checked nor unsure answered no (don't know wins over a
   tick on the same item). A box naming no option is kept as sent, for the
   library to refuse. Truncated to size. */
static void S_join_options(const web_params *params, const symcheck_finding *f,
                           const symcheck_profile *person, char *value, size_t size) {
  bool per_item = web_param_get(params, "unsure") != NULL;
  size_t length = 0;
  value[0] = '\0';
  for (size_t k = 0; k < f->option_count; k++) {
    const char *id = f->options[k].id;
    bool unsure = per_item && S_has_param(params, "unsure", id);
    bool ticked = S_has_param(params, "opt", id);
    if (!per_item || !symcheck_option_applies(f, k, person->age, person->sex)) {
      continue;
    }
    const char *mark = unsure ? "?" : ticked ? "" : "!";
    int written = snprintf(value + length, size - length, "%s%s%s", length ? "," : "", mark, id);
    if (written < 0 || (size_t)written >= size - length) {
      break;
    }
    length += (size_t)written;
  }
  for (size_t i = 0; i < params->count && length < size; i++) {
    const char *name = params->items[i].name, *id = params->items[i].value;
    bool box = strcmp(name, "opt") == 0 || (per_item && strcmp(name, "unsure") == 0);
    if (box && (!per_item || symcheck_finding_option(f, id) < 0)) {
      /* as sent, so that the library refuses what the form never offered */
      length += (size_t)snprintf(value + length, size - length, "%s%s", length ? "," : "", id);
    }
  }
  if (length == 0) {
    snprintf(value, size, "none");
  }
}

const symcheck_finding *web_quiz_apply(web_quiz *quiz, const web_params *params) {
  const char *id = web_param_get(params, "q");
  const char *action = web_param_get(params, "v");
  if (id == NULL) {
    return NULL;
  }
  const symcheck_finding *finding = symcheck_pack_find_finding(quiz->pack, id);
  if (finding == NULL) {
    snprintf(quiz->problem, sizeof quiz->problem, "That question is not part of this quiz.");
    return NULL;
  }
  char value[S_VALUE_SIZE];
  if (action == NULL) {
    snprintf(quiz->problem, sizeof quiz->problem, "Please choose an answer.");
    return finding;
  }
  if (strcmp(action, "selected") == 0) {
    S_join_options(params, finding, &quiz->profile, value, sizeof value);
  } else if (strcmp(action, "number") == 0) {
    const char *number = web_param_get(params, "num");
    if (number == NULL || number[0] == '\0') {
      snprintf(quiz->problem, sizeof quiz->problem,
               "Please type a number, or choose \"I don't know\".");
      return finding;
    }
    snprintf(value, sizeof value, "%s", number);
  } else {
    snprintf(value, sizeof value, "%s", action);
  }
  /* The form offers only valid answers; one that is not (an edited
     address, a number out of range) gets plain words, not engine ids. */
  if (symcheck_interview_answer(quiz->interview, finding->id, value, NULL) != 0) {
    const symcheck_finding *by = NULL;
    size_t by_option = 0;
    if (symcheck_interview_implied_by(quiz->interview, finding, &by, &by_option)) {
      char label[512];
      snprintf(quiz->problem, sizeof quiz->problem,
               "Your answer \"%s\" to \"%s\" already answers this question. To answer it "
               "differently, change that answer first.",
               symcheck_option_label_for(by, by_option, quiz->profile.age, label, sizeof label),
               by->name);
      return finding;
    }
    bool celsius = finding->unit != NULL && strcmp(finding->unit, "\xc2\xb0"
                                                                  "C") == 0;
    snprintf(quiz->problem, sizeof quiz->problem, "%s",
             celsius ? "Please type a temperature such as 38.5 (in \xc2\xb0"
                       "C) or 101.3F (in "
                       "\xc2\xb0"
                       "F), or choose \"I don't know\"."
             : finding->type == SYMCHECK_ANSWER_NUMBER
                 ? "That number is outside what this question allows. Please check it, or "
                   "choose \"I don't know\"."
                 : "That answer could not be used. Please choose one of the answers below.");
    return finding;
  }
  return NULL;
}

static void S_hidden(json_t *fields, const char *name, const char *value) {
  json_array_append_new(fields, json_pack("{s:s, s:s}", "name", name, "value", value));
}

json_t *web_quiz_hidden(const web_quiz *quiz) {
  json_t *fields = json_array();
  char age[16];
  snprintf(age, sizeof age, "%d", quiz->profile.age);
  S_hidden(fields, "age", age);
  S_hidden(fields, "sex", symcheck_sex_id(quiz->profile.sex));
  S_hidden(fields, "who", quiz->for_other ? "other" : "self");
  char *answers = quiz->interview != NULL ? symcheck_interview_encode(quiz->interview) : NULL;
  S_hidden(fields, "a", answers != NULL ? answers : "");
  free(answers);
  return fields;
}

bool web_quiz_url(const web_quiz *quiz, const char *suffix, const char *extra_name,
                  const char *extra_value, char *buf, size_t size) {
  int written = snprintf(buf, size, "/quiz/%s%s?", quiz->complaint->id, suffix);
  if (written < 0 || (size_t)written >= size) {
    return false;
  }
  json_t *fields = web_quiz_hidden(quiz);
  char *query = buf + written;
  size_t room = size - (size_t)written;
  query[0] = '\0';
  bool ok = true;
  size_t i;
  json_t *field;
  json_array_foreach(fields, i, field) {
    ok = ok && web_query_add(query, room, json_string_value(json_object_get(field, "name")),
                             json_string_value(json_object_get(field, "value")));
  }
  json_decref(fields);
  if (ok && extra_name != NULL) {
    ok = web_query_add(query, room, extra_name, extra_value);
  }
  return ok;
}
