/*
 * rule_out.c - ruling out the dangerous conditions before stopping.
 *
 * A condition of urgency emergency or ambulance for the person (at their
 * age: symcheck_condition_urgency) is "at risk" while its
 * probability p sits in [rule_out_floor, its escalation threshold): too
 * likely to ignore, not likely enough to set the level. While one is, the
 * interview asks the question with the largest binary mutual information
 * about "is it that condition or not",
 *   I(V; C) = sum_v p P(v|c) log2(P(v|c) / P(v)) + (1-p) P(v|~c) log2(P(v|~c) / P(v)),
 * among the questions with an answer that would move p above the threshold
 * or below the floor (a multi finding: any one of its options).
 *
 * Afterwards the result lists the at-risk conditions the answers ruled
 * out. An answer's weight for c is its log-likelihood ratio between c and
 * the rest of the complaint weighted by their priors (as in explain.c);
 * removing the asked answers that lowered c gives its odds without them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_out.h"

/* Variables with more values than this are not used for ruling out. */
enum { S_MAX_VALUES = 64 };

/* The escalation threshold of c's urgency for the person; 0 when that
   urgency is below emergency: no probability is below it, so such a
   condition is never at risk nor ruled out. */
static double S_threshold(const symcheck_interview *iv, const symcheck_condition *c) {
  symcheck_level urgency = symcheck_condition_urgency(c, &iv->profile, NULL);
  return urgency >= SYMCHECK_LEVEL_EMERGENCY ? iv->pack->info.settings.escalation[urgency] : 0.0;
}

static bool S_at_risk(const symcheck_interview *iv, const symcheck_condition *c) {
  double p = iv->posterior[c->index];
  return p >= iv->pack->info.settings.rule_out_floor && p < S_threshold(iv, c);
}

/* P(value) under the posterior, for each value of v (into q). */
static void S_marginal(const symcheck_interview *iv, const model_variable *v, double *q) {
  const model *m = &iv->pack->model;
  for (size_t value = 0; value < v->values; value++) {
    q[value] = 0.0;
    for (size_t h = 0; h < m->hypotheses; h++) {
      q[value] += iv->posterior[h] * model_p(m, v, value, h);
    }
  }
}

/* Binary information of v about condition c; *crosses is set when an
   answer would move c out of [floor, threshold). */
static double S_binary_gain(const symcheck_interview *iv, const model_variable *v, const double *q,
                            const symcheck_condition *c, bool *crosses) {
  const symcheck_settings *s = &iv->pack->info.settings;
  const model *m = &iv->pack->model;
  double p = iv->posterior[c->index];
  double threshold = S_threshold(iv, c);
  double gain = 0.0;
  for (size_t value = 0; value < v->values; value++) {
    double a = model_p(m, v, value, c->index);
    double b = (q[value] - p * a) / (1.0 - p);
    if (q[value] <= 0.0) {
      continue;
    }
    double after = p * a / q[value];
    if (after >= threshold || after < s->rule_out_floor) {
      *crosses = true;
    }
    if (a > 0.0) {
      gain += p * a * log2(a / q[value]);
    }
    if (b > 0.0) {
      gain += (1.0 - p) * b * log2(b / q[value]);
    }
  }
  return gain > 0.0 ? gain : 0.0;
}

/* The information of finding f about c, or 0 when no answer crosses. */
static double S_finding_gain(const symcheck_interview *iv, const symcheck_finding *f,
                             const symcheck_condition *c) {
  const model *m = &iv->pack->model;
  double gain = 0.0;
  bool crosses = false;
  double q[S_MAX_VALUES];
  for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
    const model_variable *v = &m->variables[m->first_variable[f->index] + k];
    if (v->values > S_MAX_VALUES) {
      continue;
    }
    S_marginal(iv, v, q);
    gain += S_binary_gain(iv, v, q, c, &crosses);
  }
  return crosses ? gain : 0.0;
}

const symcheck_finding *rule_out_question(symcheck_interview *iv, double *gain) {
  interview_refresh(iv);
  const symcheck_finding *best = NULL;
  *gain = 0.0;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    const symcheck_condition *c = iv->complaint->conditions[i];
    if (!S_at_risk(iv, c)) {
      continue;
    }
    for (size_t j = 0; j < iv->pack->finding_count; j++) {
      const symcheck_finding *f = &iv->pack->findings[j];
      if (iv->slots[j].answered || !interview_allows(iv, f)) {
        continue;
      }
      double g = S_finding_gain(iv, f, c);
      if (g > *gain) {
        *gain = g;
        best = f;
      }
    }
  }
  return best;
}

/* Log-likelihood ratio of the answer to f between c and the rest of the
   complaint, weighted by prior (natural log; < 0 lowers c). */
static double S_weight(const symcheck_interview *iv, const symcheck_finding *f,
                       const symcheck_condition *c, const double *prior) {
  const model *m = &iv->pack->model;
  const size_t hyp = m->hypotheses;
  double rest = 1.0 - prior[c->index];
  double w = 0.0;
  for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
    if (interview_item_unknown(iv, f, k)) {
      continue; /* "don't know": no evidence */
    }
    const model_variable *v = &m->variables[m->first_variable[f->index] + k];
    const size_t value = interview_variable_value(iv, f, k);
    double marginal = 0.0;
    for (size_t h = 0; h < hyp; h++) {
      marginal += prior[h] * model_p(m, v, value, h);
    }
    const double pc = model_p(m, v, value, c->index);
    double p_not = rest > 0.0 ? (marginal - prior[c->index] * pc) / rest : pc;
    if (p_not > 0.0 && pc > 0.0) {
      w += log(pc / p_not);
    }
  }
  return w;
}

/* Keeps the n most negative weights in asked (ordered, strongest first). */
static void S_keep_strongest(symcheck_ruled_out *ro, double *kept, const symcheck_finding *f,
                             double w) {
  size_t n = ro->asked_count;
  size_t at = n;
  while (at > 0 && kept[at - 1] > w) {
    at--;
  }
  if (at >= SYMCHECK_RULED_OUT_ASKED) {
    return;
  }
  size_t last = n < SYMCHECK_RULED_OUT_ASKED ? n : SYMCHECK_RULED_OUT_ASKED - 1;
  for (size_t i = last; i > at; i--) {
    ro->asked[i] = ro->asked[i - 1];
    kept[i] = kept[i - 1];
  }
  ro->asked[at] = f;
  kept[at] = w;
  ro->asked_count = n < SYMCHECK_RULED_OUT_ASKED ? n + 1 : n;
}

/* True when the answers asked lowered c from at least the floor to at most
   half; ro gets the answers that lowered it most. */
static bool S_ruled_out(const symcheck_interview *iv, const symcheck_condition *c,
                        const double *prior, symcheck_ruled_out *ro) {
  const symcheck_settings *s = &iv->pack->info.settings;
  double p = iv->posterior[c->index];
  if (p >= S_threshold(iv, c)) { /* not dangerous for them, or it set the level */
    return false;
  }
  *ro = (symcheck_ruled_out){.condition = c};
  double kept[SYMCHECK_RULED_OUT_ASKED];
  double lowered = 0.0;
  for (size_t i = 0; i < iv->order_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[iv->order[i]];
    double w = interview_counts(iv, f) ? S_weight(iv, f, c, prior) : 0.0;
    if (w < 0.0) {
      lowered += w;
      S_keep_strongest(ro, kept, f, w);
    }
  }
  double odds_without = p < 1.0 ? p / (1.0 - p) * exp(-lowered) : INFINITY;
  double p_without = odds_without / (1.0 + odds_without);
  return ro->asked_count > 0 && p_without >= s->rule_out_floor && p <= p_without / 2.0;
}

int rule_out_list(symcheck_interview *iv, symcheck_result *r) {
  interview_refresh(iv);
  const model *m = &iv->pack->model;
  r->ruled_out_count = 0;
  r->ruled_out = calloc(iv->complaint->condition_count + 1, sizeof *r->ruled_out);
  if (r->ruled_out == NULL) {
    return -1;
  }
  double *prior = iv->scratch;
  for (size_t h = 0; h < m->hypotheses; h++) {
    prior[h] = exp(iv->log_prior[h]);
  }
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    const symcheck_condition *c = iv->complaint->conditions[i];
    if (S_ruled_out(iv, c, prior, &r->ruled_out[r->ruled_out_count])) {
      r->ruled_out_count++;
    }
  }
  return 0;
}

/* Appends a name as words inside a sentence: "Sudden onset" becomes
   "sudden onset", "HIV test" stays. */
static void S_append_name(char *buf, size_t size, const char *name) {
  size_t used = strlen(buf);
  if (used + 1 >= size) {
    return;
  }
  snprintf(buf + used, size - used, "%s", name);
  char *first = buf + used;
  if (first[0] >= 'A' && first[0] <= 'Z' && !(first[1] >= 'A' && first[1] <= 'Z')) {
    first[0] = (char)(first[0] - 'A' + 'a');
  }
}

void symcheck_ruled_out_words(const symcheck_ruled_out *ro, char *buf, size_t size) {
  if (size == 0) {
    return;
  }
  snprintf(buf, size, "We asked about ");
  for (size_t i = 0; i < ro->asked_count; i++) {
    if (i > 0) {
      size_t used = strlen(buf);
      snprintf(buf + used, size - used, "%s", i + 1 == ro->asked_count ? " and " : ", ");
    }
    S_append_name(buf, size, ro->asked[i]->name);
  }
  size_t used = strlen(buf);
  snprintf(buf + used, size - used, " to rule out %s.", ro->condition->name);
}
