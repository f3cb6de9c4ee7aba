/*
 * condition_summary.c - what a condition's card shows besides its text: the
 * symptoms it most often shows and those that always occur with it. Both
 * are derived from the pack's likelihoods once, at load, because every
 * result and every article card asks for them.
 */
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"

/* P(yes) of a yes/no symptom the condition lists, or -1 for any other row. */
static double S_symptom_yes(const symcheck_likelihood *l) {
  const symcheck_finding *f = l->finding;
  if (f->type != SYMCHECK_ANSWER_YES_NO || strcmp(f->kind, "symptom") != 0) {
    return -1.0;
  }
  return l->p[0];
}

static int S_by_frequency(const void *a, const void *b) {
  const symcheck_likelihood *x = *(const symcheck_likelihood *const *)a;
  const symcheck_likelihood *y = *(const symcheck_likelihood *const *)b;
  double px = S_symptom_yes(x), py = S_symptom_yes(y);
  if (px != py) {
    return px > py ? -1 : 1;
  }
  return x->finding->index < y->finding->index ? -1 : (x->finding->index > y->finding->index);
}

/* Symptoms with lo <= P(yes) < hi, most frequent first (ties in pack
   order), up to max; rows is scratch of likelihood_count entries. */
static size_t S_between(const symcheck_condition *c, double lo, double hi,
                        const symcheck_likelihood **rows, const symcheck_finding **out,
                        size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < c->likelihood_count; i++) {
    double p = S_symptom_yes(&c->likelihoods[i]);
    if (p >= lo && p < hi) {
      rows[n++] = &c->likelihoods[i];
    }
  }
  qsort(rows, n, sizeof *rows, S_by_frequency);
  size_t count = n < max ? n : max;
  for (size_t i = 0; i < count; i++) {
    out[i] = rows[i]->finding;
  }
  return count;
}

int condition_summarise(arena *a, symcheck_condition *c) {
  const symcheck_likelihood **rows = arena_calloc(a, c->likelihood_count + 1, sizeof *rows);
  if (rows == NULL) {
    return -1;
  }
  c->top_symptom_count = S_between(c, 0.2, 0.99, rows, c->top_symptoms, 5);
  c->always_count = S_between(c, 0.99, 2.0, rows, c->always, 8);
  return 0;
}
