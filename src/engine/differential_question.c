/*
 * differential_question.c - what to ask for the differential once the
 * diagnosis is settled (question.c decides when; differential.c holds the
 * model).
 *
 * A question's gain is the expected reduction of the uncertainty of "k is in
 * the differential", summed over the conditions k its answer moves:
 *   G(f) = sum_k U(m_k) - sum_v P(v) U(m_k | v),
 * where U is the binary entropy in bits and m_k the membership
 * (differential.h). m_k | v mixes the diagnoses c by posterior(c) P(v | c),
 * each with its log-odds moved by what the answer v changes: f's own options
 * go from their expectation P(o | c) to 1 or 0, and f's follow-ups from
 * unknown to allowed (expectation P(o | c)) or not (0). A multi finding's
 * options count as independent yes/no questions whose gains add up, as in
 * question.c. Diagnoses below S_MIN_WEIGHT are left out of the mix: a
 * question is chosen for the likely diagnoses.
 *
 * Speed (the choice runs over every option of every finding each turn):
 * only the conditions an option has weights for are computed; the entropy
 * comes from a table of the pack (differential.c); and with one diagnosis
 * (the usual case once it is settled) a question whose cheap upper bound
 * (S_bound) cannot beat the best so far is skipped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "differential.h"

#define S_MIN_WEIGHT 1e-2
#define S_SLOPE 0.33 /* max over z of |d U(sigmoid(z)) / dz|, in bits: 0.323 */

/* The diagnoses mixed, their current log-odds, and scratch space. */
typedef struct S_state {
  const symcheck_interview *iv;
  const model_differential *d;
  size_t nc, active;
  size_t *diagnosis; /* active diagnoses */
  double *weight;    /* their posterior, renormalised */
  double *z;         /* z[i * nc + k]: log-odds of k under diagnosis i */
  double *delta;     /* nc: how one answer moves the log-odds */
  double *mixed;     /* nc: sum over diagnoses of weight * P(v|c) * membership */
  double *now;       /* nc: the membership now */
  size_t *touched;   /* the conditions the current question moves */
  size_t touched_count;
  bool *is_touched; /* nc */
} S_state;

/* Binary entropy in bits of a probability m. */
static double S_entropy(double m) {
  if (m <= 0.0 || m >= 1.0) {
    return 0.0;
  }
  return -m * log2(m) - (1.0 - m) * log2(1.0 - m);
}

/* Binary entropy in bits of the probability with log-odds z, from the
   pack's table (linear between its points). */
static double S_entropy_of_log_odds(const model_differential *d, double z) {
  const double x = fabs(z) * MODEL_ENTROPY_STEPS;
  if (x >= MODEL_ENTROPY_STEPS * MODEL_ENTROPY_MAX_Z) {
    return 0.0;
  }
  const size_t i = (size_t)x;
  const double t = x - (double)i;
  return d->entropy_table[i] + t * (d->entropy_table[i + 1] - d->entropy_table[i]);
}

static bool S_in_complaint(const S_state *s, size_t k) {
  return s->iv->log_prior[k] != -INFINITY;
}

/* delta += weight * x for the conditions a token moves (in the complaint);
   with mark, also notes them as touched. */
static void S_add_token(S_state *s, size_t token, double x, bool mark) {
  const model_differential *d = s->d;
  for (size_t n = d->nonzero_start[token]; n < d->nonzero_start[token + 1]; n++) {
    const size_t k = d->nonzero_k[n];
    if (!S_in_complaint(s, k)) {
      continue;
    }
    if (mark && !s->is_touched[k]) {
      s->is_touched[k] = true;
      s->touched[s->touched_count++] = k;
    }
    s->delta[k] += d->nonzero_w[n] * x;
  }
}

/* S_add_token for a dense effect vector. */
static void S_add_effect(S_state *s, const double *effect, double x, bool mark) {
  for (size_t k = 0; k < s->nc; k++) {
    if (effect[k] == 0.0 || !S_in_complaint(s, k)) {
      continue;
    }
    if (mark && !s->is_touched[k]) {
      s->is_touched[k] = true;
      s->touched[s->touched_count++] = k;
    }
    s->delta[k] += effect[k] * x;
  }
}

/* True when answering option v of f allows its follow-up g. */
static bool S_allows(const symcheck_finding *g, size_t v) {
  for (size_t i = 0; i < g->parent_option_count; i++) {
    if (g->parent_options[i] == v) {
      return true;
    }
  }
  return false;
}

/* s->delta: the change of log-odds under diagnosis c when f (not multi) is
   answered v; with mark, the conditions it may move are noted. */
static void S_delta_one_of(S_state *s, const symcheck_finding *f, size_t v, size_t c, bool mark) {
  const symcheck_pack *pack = s->iv->pack;
  const model_differential *d = s->d;
  for (size_t i = 0; i < s->touched_count; i++) {
    s->delta[s->touched[i]] = 0.0;
  }
  for (size_t o = 0; o < f->option_count; o++) {
    double p = differential_option_p(&pack->model, f, o, c);
    S_add_token(s, d->token_start[f->index] + o, (o == v ? 1.0 : 0.0) - p, mark);
  }
  for (size_t i = d->follow_up_start[f->index]; i < d->follow_up_start[f->index + 1]; i++) {
    const symcheck_finding *g = &pack->findings[d->follow_ups[i]];
    const double x = (S_allows(g, v) ? 1.0 : 0.0) - d->follow_up_allowed[i * s->nc + c];
    S_add_effect(s, d->follow_up_effect + (i * s->nc + c) * s->nc, x, mark);
  }
}

/* s->delta for option o of a multi finding chosen or not, under c. */
static void S_delta_option(S_state *s, const symcheck_finding *f, size_t o, bool chosen, size_t c,
                           bool mark) {
  for (size_t i = 0; i < s->touched_count; i++) {
    s->delta[s->touched[i]] = 0.0;
  }
  const double p = differential_option_p(&s->iv->pack->model, f, o, c);
  S_add_token(s, s->d->token_start[f->index] + o, (chosen ? 1.0 : 0.0) - p, mark);
}

/* P(answer v | c): option v of a one-of finding, or option o of a multi one
   chosen (v == 0) or not (v == 1). */
static double S_answer_p(const S_state *s, const symcheck_finding *f, size_t o, size_t v,
                         size_t c) {
  if (f->type != SYMCHECK_ANSWER_MULTI) {
    return differential_option_p(&s->iv->pack->model, f, v, c);
  }
  const double p = differential_option_p(&s->iv->pack->model, f, o, c);
  return v == 0 ? p : 1.0 - p;
}

static void S_delta(S_state *s, const symcheck_finding *f, size_t o, size_t v, size_t c,
                    bool mark) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    S_delta_option(s, f, o, v == 0, c, mark);
  } else {
    S_delta_one_of(s, f, v, c, mark);
  }
}

/* The gain of the question (f, or option o of a multi f) with one
   diagnosis: only the conditions it moves change. */
static double S_gain_single(S_state *s, const symcheck_finding *f, size_t o, size_t values) {
  const size_t c = s->diagnosis[0];
  double gain = 0.0;
  for (size_t v = 0; v < values; v++) {
    const double pv = S_answer_p(s, f, o, v, c);
    S_delta(s, f, o, v, c, v == 0);
    for (size_t i = 0; pv > 0.0 && i < s->touched_count; i++) {
      const size_t k = s->touched[i];
      gain -= pv * S_entropy_of_log_odds(s->d, s->z[k] + s->delta[k]);
    }
  }
  for (size_t i = 0; i < s->touched_count; i++) {
    gain += S_entropy_of_log_odds(s->d, s->z[s->touched[i]]);
  }
  return gain;
}

/* S_gain_single for option o of a multi finding, straight from the token's
   weights: the answer moves k by w (1 - p) or -w p. */
static double S_gain_single_option(const S_state *s, const symcheck_finding *f, size_t o) {
  const model_differential *d = s->d;
  const size_t token = d->token_start[f->index] + o;
  const double p = differential_option_p(&s->iv->pack->model, f, o, s->diagnosis[0]);
  double gain = 0.0;
  for (size_t n = d->nonzero_start[token]; n < d->nonzero_start[token + 1]; n++) {
    const size_t k = d->nonzero_k[n];
    const double z = s->z[k], w = d->nonzero_w[n];
    if (S_in_complaint(s, k)) {
      gain += S_entropy_of_log_odds(d, z) - p * S_entropy_of_log_odds(d, z + w * (1.0 - p)) -
              (1.0 - p) * S_entropy_of_log_odds(d, z - w * p);
    }
  }
  return gain;
}

/* The gain of the question with several diagnoses mixed, over the
   conditions it moves (the first pass over the diagnoses notes them). */
static double S_gain_mixed(S_state *s, const symcheck_finding *f, size_t o, size_t values) {
  double gain = 0.0;
  for (size_t v = 0; v < values; v++) {
    double pv = 0.0;
    for (size_t i = 0; i < s->active; i++) {
      const size_t c = s->diagnosis[i];
      const double w = s->weight[i] * S_answer_p(s, f, o, v, c);
      S_delta(s, f, o, v, c, v == 0);
      for (size_t j = 0; j < s->touched_count; j++) {
        const size_t k = s->touched[j];
        const double m = w / (1.0 + exp(-(s->z[i * s->nc + k] + s->delta[k])));
        s->mixed[k] = i == 0 ? m : s->mixed[k] + m;
      }
      pv += w;
    }
    for (size_t j = 0; pv > 0.0 && j < s->touched_count; j++) {
      gain -= pv * S_entropy(s->mixed[s->touched[j]] / pv);
    }
  }
  for (size_t j = 0; j < s->touched_count; j++) {
    gain += S_entropy(s->now[s->touched[j]]);
  }
  return gain;
}

/* An upper bound of the gain of the question with one diagnosis, cheap to
   compute: |U(z) - U(z')| <= S_SLOPE |z - z'|, so the gain is at most
   S_SLOPE sum_v P(v) sum_k |delta_vk|, and each token moved by x adds at
   most |x| times the sum of its weights' magnitudes. */
static double S_bound(const S_state *s, const symcheck_finding *f, size_t o) {
  const symcheck_pack *pack = s->iv->pack;
  const model_differential *d = s->d;
  const size_t c = s->diagnosis[0], first = d->token_start[f->index];
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    const double p = differential_option_p(&pack->model, f, o, c);
    return S_SLOPE * 2.0 * p * (1.0 - p) * d->weight_norm[first + o];
  }
  double spread = 0.0; /* sum_o P(o) W_o */
  for (size_t v = 0; v < f->option_count; v++) {
    spread += differential_option_p(&pack->model, f, v, c) * d->weight_norm[first + v];
  }
  double bound = 0.0;
  for (size_t v = 0; v < f->option_count; v++) {
    const double pv = differential_option_p(&pack->model, f, v, c);
    double moved = spread + (1.0 - 2.0 * pv) * d->weight_norm[first + v];
    for (size_t i = d->follow_up_start[f->index]; i < d->follow_up_start[f->index + 1]; i++) {
      const symcheck_finding *g = &pack->findings[d->follow_ups[i]];
      const double x = (S_allows(g, v) ? 1.0 : 0.0) - d->follow_up_allowed[i * s->nc + c];
      moved += fabs(x) * d->follow_up_norm[i * s->nc + c];
    }
    bound += pv * moved;
  }
  return S_SLOPE * bound;
}

/* The gain of the question (f, or option o of a multi f). */
static double S_gain_question(S_state *s, const symcheck_finding *f, size_t o, double beat) {
  if (s->active == 1 && S_bound(s, f, o) <= beat) {
    return 0.0;
  }
  if (s->active == 1 && f->type == SYMCHECK_ANSWER_MULTI) {
    return S_gain_single_option(s, f, o);
  }
  const size_t values = f->type == SYMCHECK_ANSWER_MULTI ? 2 : f->option_count;
  for (size_t i = 0; i < s->touched_count; i++) {
    s->is_touched[s->touched[i]] = false;
    s->delta[s->touched[i]] = 0.0;
  }
  s->touched_count = 0;
  return s->active == 1 ? S_gain_single(s, f, o, values) : S_gain_mixed(s, f, o, values);
}

/* The gain of f, or 0 when it surely does not exceed beat. A multi f's
   options are computed while the gain so far plus the bounds of the options
   left could still exceed it. */
static double S_gain(S_state *s, const symcheck_finding *f, double beat) {
  if (f->type != SYMCHECK_ANSWER_MULTI) {
    return S_gain_question(s, f, 0, beat);
  }
  double left = 0.0;
  for (size_t o = 0; s->active == 1 && o < f->option_count; o++) {
    left += S_bound(s, f, o);
  }
  double gain = 0.0;
  for (size_t o = 0; o < f->option_count; o++) {
    if (s->active == 1) {
      const double bound = S_bound(s, f, o);
      left -= bound;
      if (gain + bound + left <= beat) {
        return 0.0;
      }
    }
    gain += S_gain_question(s, f, o, 0.0);
  }
  return gain;
}

/* Fills the active diagnoses, their log-odds and the membership now. */
static void S_prepare(S_state *s, symcheck_interview *iv) {
  interview_refresh(iv);
  double total = 0.0;
  for (size_t c = 0; c < s->nc; c++) {
    if (iv->posterior[c] >= S_MIN_WEIGHT) {
      s->diagnosis[s->active] = c;
      s->weight[s->active] = iv->posterior[c];
      differential_log_odds(iv, c, s->z + s->active * s->nc);
      total += iv->posterior[c];
      s->active++;
    }
  }
  for (size_t i = 0; i < s->active; i++) {
    s->weight[i] /= total;
    for (size_t k = 0; k < s->nc; k++) {
      s->now[k] += s->weight[i] / (1.0 + exp(-s->z[i * s->nc + k]));
    }
  }
}

/* The best question for the state; NULL when none gains min_gain. */
static const symcheck_finding *S_best(S_state *s, symcheck_interview *iv, double min_gain,
                                      double *gain_out) {
  const symcheck_finding *best = NULL;
  double best_gain = 0.0;
  S_prepare(s, iv);
  for (size_t i = 0; s->active > 0 && i < iv->pack->finding_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[i];
    if (iv->slots[i].answered || !interview_allows(iv, f)) {
      continue;
    }
    double gain = S_gain(s, f, best_gain > min_gain ? best_gain : min_gain);
    if (gain > best_gain && gain >= min_gain) {
      best_gain = gain;
      best = f;
    }
  }
  *gain_out = best_gain;
  return best;
}

const symcheck_finding *differential_best_question(symcheck_interview *iv, double min_gain,
                                                   double *gain_out) {
  const symcheck_pack *pack = iv->pack;
  const size_t nc = pack->condition_count;
  S_state s = {.iv = iv, .d = pack->model.differential, .nc = nc};
  s.diagnosis = calloc(nc + 1, sizeof *s.diagnosis);
  s.weight = calloc(nc + 1, sizeof *s.weight);
  s.z = calloc(nc * nc + 1, sizeof *s.z);
  s.delta = calloc(nc + 1, sizeof *s.delta);
  s.mixed = calloc(nc + 1, sizeof *s.mixed);
  s.now = calloc(nc + 1, sizeof *s.now);
  s.touched = calloc(nc + 1, sizeof *s.touched);
  s.is_touched = calloc(nc + 1, sizeof *s.is_touched);
  const symcheck_finding *best = NULL;
  *gain_out = 0.0;
  if (s.d != NULL && s.diagnosis != NULL && s.weight != NULL && s.z != NULL && s.delta != NULL &&
      s.mixed != NULL && s.now != NULL && s.touched != NULL && s.is_touched != NULL) {
    best = S_best(&s, iv, min_gain, gain_out);
  }
  free(s.diagnosis);
  free(s.weight);
  free(s.z);
  free(s.delta);
  free(s.mixed);
  free(s.now);
  free(s.touched);
  free(s.is_touched);
  return best;
}
