/*
 * result.c - the result of an interview: conditions ranked by probability,
 * each with its rarity, its urgency for the person, top symptoms, symptoms
 * that always occur with it and the answers for and against it
 * (explain.c); the triage; the dangerous conditions the answers ruled out (rule_out.c); and the
 * summary figures. Also the condition summaries the article cards share.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "differential.h"
#include "explain.h"
#include "interview_internal.h"
#include "rule_out.h"

size_t symcheck_condition_top_symptoms(const symcheck_condition *c, const symcheck_finding **out,
                                       size_t max) {
  size_t n = c->top_symptom_count < max ? c->top_symptom_count : max;
  memcpy(out, c->top_symptoms, n * sizeof *out);
  return n;
}

size_t symcheck_condition_always(const symcheck_condition *c, const symcheck_finding **out,
                                 size_t max) {
  size_t n = c->always_count < max ? c->always_count : max;
  memcpy(out, c->always, n * sizeof *out);
  return n;
}

void symcheck_probability_words(double p, char *buf, size_t size) {
  long tenths = lround(p * 10.0);
  long hundredths = lround(p * 100.0);
  if (p > 0.95) {
    snprintf(buf, size, "more than 9 in 10");
  } else if (p >= 0.095) { /* from 1 in 10 up tenths read best; below, hundredths */
    snprintf(buf, size, "about %ld in 10", tenths);
  } else if (hundredths >= 1) {
    snprintf(buf, size, "about %ld in 100", hundredths);
  } else {
    snprintf(buf, size, "less than 1 in 100");
  }
}

/* A condition and its probability, sorted small (the ranked entries are
   large: sorting them in place moved most of a result's bytes). */
typedef struct S_rank {
  double probability;
  const symcheck_condition *condition;
} S_rank;

static int S_by_probability(const void *a, const void *b) {
  const S_rank *x = a, *y = b;
  if (x->probability != y->probability) {
    return x->probability > y->probability ? -1 : 1;
  }
  return x->condition->index < y->condition->index ? -1 : 1;
}

symcheck_result *interview_ranking(symcheck_interview *iv) {
  symcheck_result *r = calloc(1, sizeof *r);
  const symcheck_complaint *complaint = iv->complaint;
  if (r == NULL) {
    return NULL;
  }
  r->conditions = calloc(complaint->condition_count + 1, sizeof *r->conditions);
  if (r->conditions == NULL) {
    free(r);
    return NULL;
  }
  r->should_stop = symcheck_interview_should_stop(iv);
  r->stop_reason = symcheck_interview_stop_reason(iv);
  r->triage = symcheck_interview_triage(iv);
  r->answered = interview_questions_asked(iv);
  r->screen_asked = symcheck_interview_screen_asked(iv);
  /* the posterior, unless the pack has a differential model */
  const double *shown = differential_shown(iv);
  r->other_probability = shown[iv->pack->condition_count];
  S_rank *order = malloc((complaint->condition_count + 1) * sizeof *order);
  if (order == NULL) {
    symcheck_result_free(r);
    return NULL;
  }
  /* only the conditions that apply to this person (their `ages`, `sex`), and
     not those at the floor: tied there, they would fill the list with causes
     the answers do not point to */
  r->condition_count = 0;
  for (size_t i = 0; i < complaint->condition_count; i++) {
    const symcheck_condition *c = complaint->conditions[i];
    double p = shown[c->index];
    if (symcheck_applies_to(&c->applies, iv->profile.age, iv->profile.sex) &&
        !differential_at_floor(iv->pack, p)) {
      order[r->condition_count++] = (S_rank){p, c};
    }
  }
  qsort(order, r->condition_count, sizeof *order, S_by_probability);
  for (size_t i = 0; i < r->condition_count; i++) {
    symcheck_ranked_condition *rc = &r->conditions[i];
    rc->condition = order[i].condition;
    rc->probability = order[i].probability;
    rc->urgency = symcheck_condition_urgency(rc->condition, &iv->profile, &rc->urgency_citation);
    rc->top_symptom_count = symcheck_condition_top_symptoms(rc->condition, rc->top_symptoms, 5);
    rc->always_count = symcheck_condition_always(rc->condition, rc->always, 8);
  }
  free(order);
  return r;
}

symcheck_result *symcheck_interview_result(symcheck_interview *iv) {
  symcheck_result *r = interview_ranking(iv);
  if (r != NULL &&
      (explain_conditions(iv, r, 0, SYMCHECK_RESULT_EXPLAINED) != 0 || rule_out_list(iv, r) != 0)) {
    symcheck_result_free(r);
    return NULL;
  }
  return r;
}

int symcheck_result_explain(symcheck_interview *iv, symcheck_result *r, size_t i) {
  if (r == NULL || i >= r->condition_count) {
    return -1;
  }
  if (r->conditions[i].for_answers != NULL) {
    return 0; /* explained already */
  }
  return explain_conditions(iv, r, i, i + 1);
}

void symcheck_result_free(symcheck_result *r) {
  if (r == NULL) {
    return;
  }
  for (size_t i = 0; i < r->condition_count; i++) {
    free(r->conditions[i].for_answers);
    free(r->conditions[i].against_answers);
  }
  free(r->conditions);
  free(r->ruled_out);
  free(r);
}
