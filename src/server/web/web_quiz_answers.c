/*
 * web_quiz_answers.c - a quiz's answers sorted the way a doctor reads them:
 * present, absent and unsure, with the duration apart. The complaint's own
 * symptom counts as present, and so do answers other answers implied. Used by the printable summary
 * and the FHIR export, so both say the same. Questions and option labels are
 * worded for the person's age (question_child, label_child for ages 0-11).
 */
#include "web_quiz.h"

#include <string.h>

#define S_VALUE_SIZE 1024

static void S_add(json_t *list, const symcheck_finding *f, int age, const char *value,
                  const char *code) {
  char question[1024];
  symcheck_finding_question_for(f, age, question, sizeof question);
  json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", f->id, "name", f->name,
                                        "question", question, "value", value, "code", code));
}

/* The label of option `id` for someone of `age`, in buf; the id itself
   when f has no such option. */
static const char *S_label(const symcheck_finding *f, int age, const char *id, char *buf,
                           size_t size) {
  int option = symcheck_finding_option(f, id);
  if (option < 0) {
    return id;
  }
  return symcheck_option_label_for(f, (size_t)option, age, buf, size);
}

/* How a multi answer `value` ("a,b" or item by item "a,!b,?c") answers
   option `id`: 'y', 'n' or 'u'. In "a,b" an item not named is no; item by
   item (the library names every item shown), it was not shown: 0. */
static char S_item(const char *value, const char *id) {
  const bool per_item = strpbrk(value, "!?") != NULL;
  const size_t length = strlen(id);
  for (const char *p = value; p != NULL && *p != '\0';) {
    const char *comma = strchr(p, ',');
    const char mark = *p == '!' ? 'n' : *p == '?' ? 'u' : 'y';
    const char *at = p + (mark != 'y');
    size_t n = comma != NULL ? (size_t)(comma - at) : strlen(at);
    if (n == length && strncmp(at, id, n) == 0) {
      return mark;
    }
    p = comma != NULL ? comma + 1 : NULL;
  }
  return per_item ? 0 : 'n';
}

/* A multi answer: each option present, absent or unsure as answered. */
static void S_multi(json_t *out, const symcheck_finding *f, int age, const char *value) {
  for (size_t i = 0; i < f->option_count; i++) {
    const char item = S_item(value, f->options[i].id);
    if (item == 0) {
      continue;
    }
    const char *list = item == 'y' ? "present" : item == 'n' ? "absent" : "unsure";
    const char *words = item == 'y' ? "yes" : item == 'n' ? "no" : "don't know";
    char name[1024], label[512], question[1024];
    snprintf(name, sizeof name, "%s: %s", f->name,
             symcheck_option_label_for(f, i, age, label, sizeof label));
    symcheck_finding_question_for(f, age, question, sizeof question);
    json_array_append_new(json_object_get(out, list),
                          json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", f->id, "name", name,
                                    "question", question, "value", words, "code",
                                    f->options[i].id));
  }
}

static void S_sort(json_t *out, const symcheck_finding *f, int age, const char *value) {
  json_t *present = json_object_get(out, "present");
  json_t *absent = json_object_get(out, "absent");
  char label[S_VALUE_SIZE];
  if (strcmp(value, "unknown") == 0) {
    S_add(json_object_get(out, "unsure"), f, age, "don't know", "unknown");
  } else if (f->type == SYMCHECK_ANSWER_YES_NO) {
    S_add(strcmp(value, "yes") == 0 ? present : absent, f, age, value, value);
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    S_multi(out, f, age, value);
  } else if (f->type == SYMCHECK_ANSWER_DURATION) {
    json_object_set_new(out, "duration", json_string(S_label(f, age, value, label, sizeof label)));
    S_add(present, f, age, S_label(f, age, value, label, sizeof label), value);
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(label, sizeof label, "%s%s%s", value, f->unit != NULL ? " " : "",
             f->unit != NULL ? f->unit : "");
    S_add(present, f, age, label, value);
  } else {
    S_add(present, f, age, S_label(f, age, value, label, sizeof label), value);
  }
}

json_t *web_quiz_answers(const web_quiz *quiz) {
  json_t *out = json_pack("{s:[], s:[], s:[], s:n}", "present", "absent", "unsure", "duration");
  const symcheck_complaint *c = quiz->complaint;
  const int age = quiz->profile.age;
  for (size_t i = 0; i < c->given_count; i++) {
    const symcheck_finding *f = c->given_findings[i];
    S_sort(out, f, age, f->options[c->given_options[i]].id);
  }
  size_t n = symcheck_interview_answer_count(quiz->interview);
  for (size_t i = 0; i < n; i++) {
    char value[S_VALUE_SIZE];
    const symcheck_finding *f =
        symcheck_interview_answer_at(quiz->interview, i, value, sizeof value);
    S_sort(out, f, age, value);
  }
  /* answers other answers implied (never asked) are facts all the same */
  for (size_t i = 0; i < symcheck_pack_finding_count(quiz->pack); i++) {
    const symcheck_finding *f = symcheck_pack_finding(quiz->pack, i);
    int option = symcheck_interview_implied_option(quiz->interview, f);
    if (option >= 0 && f->type == SYMCHECK_ANSWER_NUMBER) { /* a band, not a number */
      char label[S_VALUE_SIZE];
      S_add(json_object_get(out, "present"), f, age,
            symcheck_option_label_for(f, (size_t)option, age, label, sizeof label),
            f->options[option].id);
    } else if (option >= 0) {
      S_sort(out, f, age, f->options[option].id);
    }
  }
  return out;
}
