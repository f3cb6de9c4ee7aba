/*
 * differential.c - the differential model at work (differential.h).
 *
 * For a diagnosis c, the log-odds that condition k is in the differential
 * is base[c][k] plus the age band's and the sex's terms plus, for every
 * answer that tells something, weight[token][k]
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

/* How the answers know finding f: answered (its options 1 or 0), only its
   parent answered (options P(o | c) when allowed, else 0), or not at all. */
typedef enum S_knowledge { S_UNKNOWN, S_ANSWERED, S_ALLOWED, S_RULED_OUT } S_knowledge;

static S_knowledge S_known(const symcheck_interview *iv, const symcheck_finding *f) {
  if (interview_counts(iv, f)) {
    return S_ANSWERED;
  }
  if (f->parent == NULL || !interview_counts(iv, f->parent)) {
    return S_UNKNOWN;
  }
  return interview_allows(iv, f) ? S_ALLOWED : S_RULED_OUT;
}

/* The value of option o of f under c as the answers know it (f known). */
static double S_value(const symcheck_interview *iv, const symcheck_finding *f, S_knowledge known,
                      size_t o, size_t c) {
  const answer_slot *s = &iv->slots[f->index];
  switch (known) {
  case S_ANSWERED:
    return (f->type == SYMCHECK_ANSWER_MULTI ? s->selected[o] : s->option == o) ? 1.0 : 0.0;
  case S_ALLOWED:
    return differential_option_p(&iv->pack->model, f, o, c);
  default:
    return 0.0;
  }
}

void differential_log_odds(const symcheck_interview *iv, size_t c, double *z) {
  const symcheck_pack *pack = iv->pack;
  const model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count;
  const size_t band = symcheck_pack_age_band(pack, iv->profile.age);
  const double *age = d->age + band * nc, *sex = d->sex + (size_t)iv->profile.sex * nc;
  for (size_t k = 0; k < nc; k++) {
    z[k] = d->base[c * nc + k] + age[k] + sex[k];
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    const S_knowledge known = S_known(iv, f);
    for (size_t o = 0; known != S_UNKNOWN && o < f->option_count; o++) {
      if (known == S_ANSWERED && interview_item_unknown(iv, f, o)) {
        continue; /* "don't know": as if not asked */
      }
      const size_t token = d->token_start[i] + o;
      const double delta = S_value(iv, f, known, o, c) - d->expected[token * nc + c];
      for (size_t n = d->nonzero_start[token]; delta != 0.0 && n < d->nonzero_start[token + 1];
           n++) {
        z[d->nonzero_k[n]] += d->nonzero_w[n] * delta;
      }
    }
  }
}

/* Fills iv->membership from the answers. */
static void S_membership(symcheck_interview *iv) {
  const size_t nc = iv->pack->condition_count;
  double *z = iv->scratch, *out = iv->membership;
  double total = 0.0;
  memset(out, 0, nc * sizeof *out);
  for (size_t c = 0; c < nc; c++) {
    const double weight = iv->posterior[c];
    if (weight < S_MIN_WEIGHT) {
      continue;
    }
    differential_log_odds(iv, c, z);
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

/* iv->membership for the current answers, computed once per set. */
static const double *S_current_membership(symcheck_interview *iv) {
  interview_refresh(iv);
  if (!iv->membership_valid) {
    S_membership(iv);
    iv->membership_valid = true;
  }
  return iv->membership;
}

void differential_membership(symcheck_interview *iv, double *out) {
  memcpy(out, S_current_membership(iv), iv->pack->condition_count * sizeof *out);
}

/* The shown probabilities for scale s; returns their total. A condition
   is kept (shown at least `floor`) when its membership reaches `keep`; the
   last hypothesis, "something else", never is. */
static double S_scaled(const double *posterior, const double *membership, double keep, size_t n,
                       double floor, double s, double *out) {
  double total = 0.0;
  for (size_t h = 0; h < n; h++) {
    out[h] = s * posterior[h];
    if (h + 1 < n && membership[h] >= keep && out[h] < floor) {
      out[h] = floor;
    }
    total += out[h];
  }
  return total;
}

bool differential_at_floor(const symcheck_pack *pack, double shown) {
  const model_differential *d = pack->model.differential;
  return d != NULL && shown <= d->shown_floor * (1 + 1e-3);
}

const double *differential_shown(symcheck_interview *iv) {
  interview_refresh(iv);
  const model_differential *d = iv->pack->model.differential;
  if (d == NULL) {
    return iv->posterior;
  }
  if (iv->shown_valid) {
    return iv->shown;
  }
  const size_t hyp = iv->pack->model.hypotheses;
  const double *m = S_current_membership(iv);
  double *out = iv->shown;
  double low = 0.0, high = 1.0;
  for (int i = 0; i < S_BISECTIONS; i++) {
    double mid = (low + high) / 2;
    if (S_scaled(iv->posterior, m, d->keep, hyp, d->shown_floor, mid, out) > 1.0) {
      high = mid;
    } else {
      low = mid;
    }
  }
  double total = S_scaled(iv->posterior, m, d->keep, hyp, d->shown_floor, low, out);
  for (size_t h = 0; h < hyp; h++) {
    out[h] /= total;
  }
  iv->shown_valid = true;
  return out;
}
