/*
 * server_request.c - decodes and checks the JSON body of the interview
 * and explain requests (see server_request.h). Only the shape, the types
 * and the ranges are checked here; whether an id exists is for the
 * handler, which has the packs.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_request.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A copy of a JSON string that is short and has no control characters,
   or NULL with *err set. `what` is the field path for the error. */
static char *S_text(json_t *value, const char *what, srv_error *err) {
  if (!json_is_string(value)) {
    srv_error_set(err, 400, "invalid_type", what, "%s must be a string.", what);
    return NULL;
  }
  const char *text = json_string_value(value);
  size_t length = json_string_length(value);
  if (length == 0 || length > SRV_MAX_ID) {
    srv_error_set(err, 422, "invalid_value", what, "%s must have 1 to %d characters.", what,
                  SRV_MAX_ID);
    return NULL;
  }
  for (size_t i = 0; i < length; i++) {
    if ((unsigned char)text[i] < 0x20) {
      srv_error_set(err, 422, "invalid_value", what, "%s must not contain control characters.",
                    what);
      return NULL;
    }
  }
  char *copy = strdup(text);
  if (copy == NULL) {
    srv_error_set(err, 500, "out_of_memory", "", "The server ran out of memory.");
  }
  return copy;
}

static int S_profile(json_t *root, symcheck_profile *profile, srv_error *err) {
  json_t *p = json_object_get(root, "profile");
  if (p == NULL) {
    return srv_error_set(err, 422, "missing_field", "profile",
                         "profile is required: {\"age\": years, \"sex\": \"female\" or \"male\"}.");
  }
  if (!json_is_object(p)) {
    return srv_error_set(err, 400, "invalid_type", "profile", "profile must be an object.");
  }
  json_t *age = json_object_get(p, "age");
  if (age == NULL) {
    return srv_error_set(err, 422, "missing_field", "profile.age", "profile.age is required.");
  }
  if (!json_is_integer(age)) {
    return srv_error_set(err, 400, "invalid_type", "profile.age",
                         "profile.age must be a whole number of years.");
  }
  json_int_t years = json_integer_value(age);
  if (years < 0 || years > 120) {
    return srv_error_set(err, 422, "out_of_range", "profile.age",
                         "profile.age must be between 0 and 120.");
  }
  profile->age = (int)years;
  json_t *sex = json_object_get(p, "sex");
  if (sex == NULL) {
    return srv_error_set(err, 422, "missing_field", "profile.sex", "profile.sex is required.");
  }
  if (!json_is_string(sex)) {
    return srv_error_set(err, 400, "invalid_type", "profile.sex", "profile.sex must be a string.");
  }
  int parsed = symcheck_sex_parse(json_string_value(sex));
  if (parsed < 0) {
    return srv_error_set(err, 422, "invalid_value", "profile.sex",
                         "profile.sex must be \"female\" or \"male\".");
  }
  profile->sex = (symcheck_sex)parsed;
  return 0;
}

/* A list of option ids joined by commas; an empty list is "none". */
static char *S_join(json_t *array, const char *what, srv_error *err) {
  size_t n = json_array_size(array);
  if (n == 0) {
    return strdup("none");
  }
  char *joined = calloc(n, SRV_MAX_ID + 1);
  if (joined == NULL) {
    srv_error_set(err, 500, "out_of_memory", "", "The server ran out of memory.");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    char *one = S_text(json_array_get(array, i), what, err);
    if (one == NULL) {
      free(joined);
      return NULL;
    }
    if (i > 0) {
      strcat(joined, ",");
    }
    strcat(joined, one);
    free(one);
  }
  return joined;
}

/* The answer value as text: a string, a number, true/false or a list. */
static char *S_value(json_t *value, const char *what, srv_error *err) {
  if (json_is_number(value)) {
    double number = json_number_value(value);
    char buf[64];
    if (!isfinite(number)) {
      srv_error_set(err, 422, "invalid_value", what, "%s must be a finite number.", what);
      return NULL;
    }
    snprintf(buf, sizeof buf, "%.10g", number);
    return strdup(buf);
  }
  if (json_is_boolean(value)) {
    return strdup(json_is_true(value) ? "yes" : "no");
  }
  if (json_is_array(value)) {
    if (json_array_size(value) > SRV_MAX_ANSWERS) {
      srv_error_set(err, 422, "invalid_value", what, "%s lists too many options.", what);
      return NULL;
    }
    return S_join(value, what, err);
  }
  if (value == NULL) {
    srv_error_set(err, 422, "missing_field", what, "%s is required.", what);
    return NULL;
  }
  return S_text(value, what, err);
}

static int S_answer(json_t *item, size_t i, srv_answer *answer, srv_error *err) {
  char what[64];
  snprintf(what, sizeof what, "answers[%zu]", i);
  if (!json_is_object(item)) {
    return srv_error_set(err, 400, "invalid_type", what,
                         "%s must be an object {\"id\": finding, \"value\": answer}.", what);
  }
  json_t *id = json_object_get(item, "id");
  snprintf(what, sizeof what, "answers[%zu].id", i);
  if (id == NULL) {
    return srv_error_set(err, 422, "missing_field", what, "%s is required.", what);
  }
  answer->id = S_text(id, what, err);
  if (answer->id == NULL) {
    return -1;
  }
  snprintf(what, sizeof what, "answers[%zu].value", i);
  answer->value = S_value(json_object_get(item, "value"), what, err);
  return answer->value != NULL ? 0 : -1;
}

static int S_answers(json_t *root, srv_request *out, srv_error *err) {
  json_t *answers = json_object_get(root, "answers");
  if (answers == NULL || json_is_null(answers)) {
    return 0;
  }
  if (!json_is_array(answers)) {
    return srv_error_set(err, 400, "invalid_type", "answers", "answers must be an array.");
  }
  size_t n = json_array_size(answers);
  if (n > SRV_MAX_ANSWERS) {
    return srv_error_set(err, 422, "too_many_answers", "answers",
                         "answers may list at most %d items.", SRV_MAX_ANSWERS);
  }
  if (n == 0) {
    return 0;
  }
  out->answers = calloc(n, sizeof *out->answers);
  if (out->answers == NULL) {
    return srv_error_set(err, 500, "out_of_memory", "", "The server ran out of memory.");
  }
  for (size_t i = 0; i < n; i++) {
    out->answer_count = i + 1;
    if (S_answer(json_array_get(answers, i), i, &out->answers[i], err) != 0) {
      return -1;
    }
  }
  return 0;
}

/* An optional (or, when required, mandatory) id field of the root. */
static int S_id_field(json_t *root, const char *name, bool required, char **out, srv_error *err) {
  json_t *value = json_object_get(root, name);
  if (value == NULL || (!required && json_is_null(value))) {
    if (required) {
      return srv_error_set(err, 422, "missing_field", name, "%s is required.", name);
    }
    return 0;
  }
  *out = S_text(value, name, err);
  return *out != NULL ? 0 : -1;
}

static int S_decode_root(json_t *root, bool need_condition, srv_request *out, srv_error *err) {
  if (!json_is_object(root)) {
    return srv_error_set(err, 400, "invalid_type", "", "The body must be a JSON object.");
  }
  if (S_profile(root, &out->profile, err) != 0 ||
      S_id_field(root, "complaint", true, &out->complaint, err) != 0 ||
      S_id_field(root, "pack", false, &out->pack, err) != 0 ||
      S_id_field(root, "condition", need_condition, &out->condition, err) != 0) {
    return -1;
  }
  return S_answers(root, out, err);
}

int srv_request_decode(const char *body, size_t length, bool need_condition, srv_request *out,
                       srv_error *err) {
  memset(out, 0, sizeof *out);
  json_error_t json_err;
  json_t *root = json_loadb(body, length, JSON_REJECT_DUPLICATES, &json_err);
  if (root == NULL) {
    return srv_error_set(err, 400, "invalid_json", "",
                         "The body is not valid JSON (line %d, column %d): %s.", json_err.line,
                         json_err.column, json_err.text);
  }
  int status = S_decode_root(root, need_condition, out, err);
  json_decref(root);
  if (status != 0) {
    srv_request_free(out);
  }
  return status;
}

void srv_request_free(srv_request *request) {
  if (request == NULL) {
    return;
  }
  for (size_t i = 0; i < request->answer_count; i++) {
    free(request->answers[i].id);
    free(request->answers[i].value);
  }
  free(request->answers);
  free(request->pack);
  free(request->complaint);
  free(request->condition);
  memset(request, 0, sizeof *request);
}
