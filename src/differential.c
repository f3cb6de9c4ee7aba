/*
 * differential.c - the differential model at work (differential.h).
 *
 * For a diagnosis c, the log-odds that condition k is in the differential
 * is base[c][k] plus, for every answer that tells something, weight[token][k]
 * * (value - E[token | c]): the pack's base already counts every finding at
 * its expected value under c, so only what the answers change is added. A
 * follow-up whose parent was answered is known too: not allowed, it is 0;
 * allowed, its expectation no longer carries the parent's uncertainty.
 * Membership mixes the diagnoses by their posterior (those above
 * S_MIN_WEIGHT, renormalised).
 */
#include "differential.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define S_MIN_WEIGHT 1e-3
#define S_BISECTIONS 40

/* P(option o of f | hypothesis h) from the model's tables. */
static double S_option_p(const model *m, const symcheck_finding *f, size_t o, size_t h) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    return m->variables[m->first_variable[f->index] + o].p[h];
  }
  return m->variables[m->first_variable[f->index]].p[o * m->hypotheses + h];
}

/* The chance that f may be asked under c: 1 without a parent, else the
   expected share of the parent's allowing options (at most 1). */
static double S_allowed(const model_differential *d, const symcheck_finding *f, size_t nc,
                        size_t c) {
  if (f->parent == NULL) {
    return 1.0;
  }
  double allowed = 0.0;
  for (size_t i = 0; i < f->parent_option_count; i++) {
    size_t token = d->token_start[f->parent->index] + f->parent_options[i];
    allowed += d->expected[token * nc + c];
  }
  return allowed < 1.0 ? allowed : 1.0;
}

void differential_build(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count;
  if (d == NULL) {
    return;
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    for (size_t c = 0; c < nc; c++) {
      double allowed = S_allowed(d, f, nc, c);
      for (size_t o = 0; o < f->option_count; o++) {
        d->expected[(d->token_start[i] + o) * nc + c] = allowed * S_option_p(&pack->model, f, o, c);
      }
    }
  }
}

/* The value of option o of f as the answers know it, under c: 1 or 0 when
   answered; when only its parent is answered, 0 (not allowed) or
   P(o | c). Returns false when nothing is known beyond the expectation. */
static bool S_known(const symcheck_interview *iv, const symcheck_finding *f, size_t o, size_t c,
                    double *value) {
  if (interview_counts(iv, f)) {
    const answer_slot *s = &iv->slots[f->index];
    bool chosen = f->type == SYMCHECK_ANSWER_MULTI ? s->selected[o] : s->option == o;
    *value = chosen ? 1.0 : 0.0;
    return true;
  }
  if (f->parent == NULL || !interview_counts(iv, f->parent)) {
    return false;
  }
  *value = interview_allows(iv, f) ? S_option_p(&iv->pack->model, f, o, c) : 0.0;
  return true;
}

/* Adds to z[k] the log-odds of every k for diagnosis c. */
static void S_log_odds(const symcheck_interview *iv, size_t c, double *z) {
  const symcheck_pack *pack = iv->pack;
  const model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count;
  memcpy(z, d->base + c * nc, nc * sizeof *z);
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    for (size_t o = 0; o < f->option_count; o++) {
      double value = 0.0;
      if (!S_known(iv, f, o, c, &value)) {
        break;
      }
      const size_t token = d->token_start[i] + o;
      const double delta = value - d->expected[token * nc + c];
      const double *w = d->weight + token * nc;
      for (size_t k = 0; delta != 0.0 && k < nc; k++) {
        z[k] += w[k] * delta;
      }
    }
  }
}

void differential_membership(symcheck_interview *iv, double *out) {
  interview_refresh(iv);
  const size_t nc = iv->pack->condition_count;
  double *z = iv->scratch;
  double total = 0.0;
  memset(out, 0, nc * sizeof *out);
  for (size_t c = 0; c < nc; c++) {
    const double weight = iv->posterior[c];
    if (weight < S_MIN_WEIGHT) {
      continue;
    }
    S_log_odds(iv, c, z);
    for (size_t k = 0; k < nc; k++) {
      out[k] += weight / (1.0 + exp(-z[k]));
    }
    total += weight;
  }
  for (size_t k = 0; k < nc; k++) {
    bool in_complaint = iv->log_prior[k] != -INFINITY;
    out[k] = total > 0.0 && in_complaint ? out[k] / total : 0.0;
  }
}

/* The shown probabilities for scale s; returns their total. */
static double S_scaled(const double *posterior, const bool *kept, size_t n, double floor, double s,
                       double *out) {
  double total = 0.0;
  for (size_t h = 0; h < n; h++) {
    out[h] = s * posterior[h];
    if (kept[h] && out[h] < floor) {
      out[h] = floor;
    }
    total += out[h];
  }
  return total;
}

void differential_shown(symcheck_interview *iv, double *out) {
  interview_refresh(iv);
  const model_differential *d = iv->pack->model.differential;
  const size_t hyp = iv->pack->model.hypotheses;
  if (d == NULL) {
    memcpy(out, iv->posterior, hyp * sizeof *out);
    return;
  }
  bool *kept = calloc(hyp, sizeof *kept);
  if (kept == NULL) { /* out of memory: show the posterior as it is */
    memcpy(out, iv->posterior, hyp * sizeof *out);
    return;
  }
  differential_membership(iv, out);
  for (size_t h = 0; h < hyp; h++) {
    kept[h] = h + 1 < hyp && out[h] >= d->keep;
  }
  double low = 0.0, high = 1.0;
  for (int i = 0; i < S_BISECTIONS; i++) {
    double mid = (low + high) / 2;
    if (S_scaled(iv->posterior, kept, hyp, d->shown_floor, mid, out) > 1.0) {
      high = mid;
    } else {
      low = mid;
    }
  }
  double total = S_scaled(iv->posterior, kept, hyp, d->shown_floor, low, out);
  for (size_t h = 0; h < hyp; h++) {
    out[h] /= total;
  }
  free(kept);
}
