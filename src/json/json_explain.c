/*
 * json_explain.c - the JSON for POST /api/v1/explain (owned by the server
 * part, kept in the library so every JSON document comes from one place):
 * one condition's probability and the answers that argue for and against
 * it, each with its weight (log-likelihood ratio), which way and how
 * strongly it points in words, and what implied it, strongest first.
 */
#include <stdlib.h>
#include <string.h>

#include "symcheck.h"

static json_t *S_evidence_list(const symcheck_evidence *items, size_t count) {
  json_t *list = json_array();
  char words[512], question[1024];
  for (size_t i = 0; i < count; i++) {
    const symcheck_evidence *e = &items[i];
    const symcheck_finding *f = e->finding;
    symcheck_evidence_words(e, words, sizeof words);
    symcheck_finding_question_for(f, e->age, question, sizeof question);
    json_t *item = json_pack("{s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:s}", "finding", f->id, "name",
                             f->name, "question", question, "value", e->value, "weight", e->weight,
                             "direction", e->weight >= 0.0 ? "towards" : "away_from", "strength",
                             e->strength, "words", words);
    if (item != NULL && e->implied_by != NULL) {
      json_object_set_new(item, "implied_by",
                          json_pack("{s:s, s:s}", "finding", e->implied_by->id, "option",
                                    e->implied_by->options[e->implied_option].id));
    }
    json_array_append_new(list, item);
  }
  return list;
}

static json_t *S_explain(symcheck_interview *interview, const symcheck_result *result,
                         const symcheck_ranked_condition *rc) {
  char words[64];
  symcheck_probability_words(rc->probability, words, sizeof words);
  char *encoded = symcheck_interview_encode(interview);
  if (encoded == NULL) {
    return NULL;
  }
  json_t *o =
      json_pack("{s:{s:s, s:s}, s:f, s:s, s:o, s:o, s:I, s:s, s:s}", "condition", "id",
                rc->condition->id, "name", rc->condition->name, "probability", rc->probability,
                "probability_words", words, "for", S_evidence_list(rc->for_answers, rc->for_count),
                "against", S_evidence_list(rc->against_answers, rc->against_count), "answered",
                (json_int_t)result->answered, "answers", encoded, "notice", SYMCHECK_NOTICE);
  free(encoded);
  return o;
}

json_t *symcheck_explain_json(symcheck_interview *interview, const symcheck_condition *condition) {
  symcheck_result *result = symcheck_interview_result(interview);
  if (result == NULL) {
    return NULL;
  }
  json_t *o = NULL;
  for (size_t i = 0; i < result->condition_count; i++) {
    if (result->conditions[i].condition == condition) {
      o = symcheck_result_explain(interview, result, i) == 0
              ? S_explain(interview, result, &result->conditions[i])
              : NULL;
      break;
    }
  }
  symcheck_result_free(result);
  return o;
}
