/*
 * web_quiz.h - the quiz's state as it travels in a request: the profile
 * (age, sex, who it is for) and the engine's encoded answers in hidden form
 * fields, turned back into an interview on each request. Shared by the
 * quiz, results, summary and FHIR pages.
 */
#ifndef SYMCHECK_SERVER_WEB_QUIZ_H
#define SYMCHECK_SERVER_WEB_QUIZ_H

#include "web_internal.h"

#include <stdbool.h>

typedef struct web_quiz {
  const symcheck_pack *pack;
  const symcheck_complaint *complaint;
  symcheck_profile profile;
  bool for_other;                /* the quiz is for someone else */
  symcheck_interview *interview; /* owned; NULL until the profile is known */
  char problem[640];             /* what the person must fix, in words */
} web_quiz;

typedef enum web_quiz_status {
  WEB_QUIZ_READY,       /* interview holds the profile and the answers */
  WEB_QUIZ_PROFILE,     /* the demographics page is needed (problem may say why) */
  WEB_QUIZ_NOT_FOUND,   /* no such complaint */
  WEB_QUIZ_BAD_ANSWERS, /* the answers field cannot be read (problem says why) */
  WEB_QUIZ_NO_MEMORY
} web_quiz_status;

/* Reads age, age_unit, sex, who and a (the answers) from params; on
   WEB_QUIZ_READY the caller frees with web_quiz_close. */
web_quiz_status web_quiz_open(const web_site *site, const char *complaint, const web_params *params,
                              web_quiz *quiz);
void web_quiz_close(web_quiz *quiz);

/* Applies the answer the form carries (q with v, opt or num) when there is
   one. Returns NULL when none or it applied; else the finding to ask again,
   with quiz->problem saying what was wrong. */
const symcheck_finding *web_quiz_apply(web_quiz *quiz, const web_params *params);

/* The hidden fields that carry the state (age, sex, who, a) as
   [{name, value}]. New reference. */
json_t *web_quiz_hidden(const web_quiz *quiz);

/* "/quiz/ID" + "?" + the state + extra (may be NULL, e.g. "edit=fever"),
   written to buf. False when it does not fit. */
bool web_quiz_url(const web_quiz *quiz, const char *suffix, const char *extra_name,
                  const char *extra_value, char *buf, size_t size);

/* The results (or the emergency advice after a red flag) for the quiz. */
int web_quiz_results(const web_site *site, web_quiz *quiz, web_page *page);

/* Present / absent / unsure lists of the answers, plus duration, for the
   summary and the FHIR export: {"present": [...], "absent": [...],
   "unsure": [...], "duration": "..."|null}, each item {"name", "value",
   "id", "question"}. New reference. */
json_t *web_quiz_answers(const web_quiz *quiz);

#endif /* SYMCHECK_SERVER_WEB_QUIZ_H */
