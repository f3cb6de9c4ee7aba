/*
 * question.c - what to ask next, and when to stop.
 *
 * The complaint's red-flag screen comes first, in pack order. After it, each
 * turn asks the unanswered, askable finding with the largest expected
 * information gain about the hypothesis: the mutual information between the
 * answer and the condition under the current posterior,
 *   I(V; H) = H(V) - sum_h P(h) H(V | h),
 * where H(V | h) is precomputed per variable at load, so one question costs
 * (values + 1) multiply-adds per hypothesis. A multi finding's options are
 * independent given the hypothesis; its gain is the sum of its options'
 * gains (an upper bound on the joint gain, exact when options are rare).
 *
 * The interview stops once the top condition reaches the pack's
 * stop_confidence or no question gains min_information_gain bits, unless the
 * pack's differential model asks questions for the differential
 * (question_min_gain, question_limit): those are chosen by
 * differential_question.c, and a question about the diagnosis comes first
 * again whenever an answer unsettles it. Before stopping (and before the
 * differential's questions), the interview asks what would rule in or out
 * an emergency condition still between the pack's rule_out_floor and its
 * escalation threshold (rule_out.c). The maximum number of questions and an
 * emergency red flag end it whatever remains.
 */
#include <math.h>

#include "differential.h"
#include "interview_internal.h"
#include "rule_out.h"

static double S_variable_gain(const model *m, const model_variable *v, const double *post) {
  const size_t hyp = m->hypotheses;
  double answer_entropy = 0.0;
  for (size_t value = 0; value < v->values; value++) {
    const double *p = v->p + value * hyp;
    double q = 0.0;
    for (size_t h = 0; h < hyp; h++) {
      q += post[h] * p[h];
    }
    if (q > 0.0) {
      answer_entropy -= q * log2(q);
    }
  }
  double conditional = 0.0;
  for (size_t h = 0; h < hyp; h++) {
    conditional += post[h] * v->entropy[h];
  }
  double gain = answer_entropy - conditional;
  return gain > 0.0 ? gain : 0.0;
}

static bool S_askable(const symcheck_interview *iv, const symcheck_finding *f) {
  return !iv->slots[f->index].answered && interview_allows(iv, f);
}

double symcheck_interview_information_gain(symcheck_interview *iv,
                                           const symcheck_finding *finding) {
  if (finding == NULL || !S_askable(iv, finding)) {
    return 0.0;
  }
  interview_refresh(iv);
  const model *m = &iv->pack->model;
  double gain = 0.0;
  bool multi = finding->type == SYMCHECK_ANSWER_MULTI;
  for (size_t k = 0; k < m->variable_count_of[finding->index]; k++) {
    if (!multi || interview_option_applies(iv, finding, k)) { /* options shown only */
      gain +=
          S_variable_gain(m, &m->variables[m->first_variable[finding->index] + k], iv->posterior);
    }
  }
  return gain;
}

/* True once a red flag that ends the quiz (emergency or ambulance) fired.
   Triage is only asked when the pack has such a flag (it also words a
   reason, which costs the differential model's work). */
static bool S_emergency(symcheck_interview *iv) {
  bool any = false;
  for (size_t i = 0; i < iv->pack->red_flag_count && !any; i++) {
    any = iv->pack->red_flags[i].level >= SYMCHECK_LEVEL_EMERGENCY;
  }
  if (!any) {
    return false;
  }
  symcheck_triage t = symcheck_interview_triage(iv);
  return t.red_flag != NULL && t.red_flag->level >= SYMCHECK_LEVEL_EMERGENCY;
}

static const symcheck_finding *S_next_screen(const symcheck_interview *iv) {
  const symcheck_complaint *c = iv->complaint;
  for (size_t i = 0; i < c->screen_count; i++) {
    if (S_askable(iv, c->screen[i])) {
      return c->screen[i];
    }
  }
  return NULL;
}

static double S_top_condition(const symcheck_interview *iv) {
  double top = 0.0;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    double p = iv->posterior[iv->complaint->conditions[i]->index];
    top = p > top ? p : top;
  }
  return top;
}

/* The most informative askable finding; ties go to pack order. */
static const symcheck_finding *S_best_question(symcheck_interview *iv, double *gain_out) {
  const symcheck_finding *best = NULL;
  double best_gain = -1.0;
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[i];
    if (!S_askable(iv, f)) {
      continue;
    }
    double gain = symcheck_interview_information_gain(iv, f);
    if (gain > best_gain) {
      best_gain = gain;
      best = f;
    }
  }
  *gain_out = best_gain;
  return best;
}

/* Once the diagnosis is settled: a question for the differential, if the
   pack's differential model asks for them, fewer than its question_limit
   were asked and one gains at least its question_min_gain. */
static void S_choose_for_differential(symcheck_interview *iv) {
  const model_differential *d = iv->pack->model.differential;
  if (d == NULL || d->question_min_gain <= 0.0 ||
      interview_questions_asked(iv) >= (size_t)d->question_limit) {
    return;
  }
  double gain = 0.0;
  const symcheck_finding *best = differential_best_question(iv, d->question_min_gain, &gain);
  if (best != NULL) {
    iv->choice = best;
    iv->choice_gain = gain;
  }
}

static void S_choose(symcheck_interview *iv) {
  if (iv->choice_valid) {
    return;
  }
  const symcheck_settings *settings = &iv->pack->info.settings;
  iv->choice = NULL;
  iv->choice_gain = 0.0;
  iv->choice_valid = true;
  if (S_emergency(iv) || interview_questions_asked(iv) >= (size_t)iv->max_questions) {
    return;
  }
  const symcheck_finding *screen = S_next_screen(iv);
  if (screen != NULL) {
    iv->choice = screen;
    iv->choice_gain = symcheck_interview_information_gain(iv, screen);
    return;
  }
  interview_refresh(iv);
  if (S_top_condition(iv) < settings->stop_confidence) {
    double gain = 0.0;
    const symcheck_finding *best = S_best_question(iv, &gain);
    if (best != NULL && gain >= settings->min_information_gain) {
      iv->choice = best;
      iv->choice_gain = gain;
      return;
    }
  }
  /* settled: rule out the dangerous conditions still in doubt first */
  iv->choice = rule_out_question(iv, &iv->choice_gain);
  if (iv->choice == NULL) {
    S_choose_for_differential(iv);
  }
}

const symcheck_finding *symcheck_interview_next(symcheck_interview *iv) {
  S_choose(iv);
  return iv->choice;
}

bool symcheck_interview_should_stop(symcheck_interview *iv) {
  S_choose(iv);
  return iv->choice == NULL;
}
