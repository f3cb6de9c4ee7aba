/*
 * model.c - compiles a loaded pack into dense probability tables (model.h).
 *
 * Inference and question choice read these tables in tight loops, so the
 * per-condition likelihood lists of the pack are expanded once, at load, into
 * one table per variable covering every hypothesis: the pack's conditions
 * (listed likelihood or the finding's default) and "something else" (the
 * finding's default). Logs and conditional entropies are precomputed too.
 */
#include "model.h"

#include <math.h>

#include "differential.h"
#include "pack_internal.h"

/* P(value | hypothesis) for a one-of finding's option or a multi option
   (value 0: chosen, 1: not chosen), from a probability row. */
static double S_row_value(const symcheck_finding *f, const double *row, size_t option,
                          size_t value) {
  if (f->type != SYMCHECK_ANSWER_MULTI) {
    return row[value];
  }
  return value == 0 ? row[option] : 1.0 - row[option];
}

static double S_entropy_bits(const double *p, size_t stride, size_t n) {
  double h = 0.0;
  for (size_t i = 0; i < n; i++) {
    double q = p[i * stride];
    if (q > 0.0) {
      h -= q * log2(q);
    }
  }
  return h;
}

/* Writes one hypothesis's column of every variable of finding f from a
   probability row (a condition's likelihood or the finding's default). */
static void S_set_column(model *m, const symcheck_finding *f, const double *row, size_t h) {
  const size_t hyp = m->hypotheses;
  for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
    model_variable *v = &m->variables[m->first_variable[f->index] + k];
    for (size_t value = 0; value < v->values; value++) {
      v->p[value * hyp + h] = S_row_value(f, row, v->option, value);
    }
  }
}

static int S_allocate_variable(symcheck_pack *pack, model_variable *v) {
  const size_t hyp = pack->model.hypotheses;
  size_t cells = v->values * hyp;
  v->p = arena_calloc(&pack->arena, cells, sizeof *v->p);
  v->log_p = arena_calloc(&pack->arena, cells, sizeof *v->log_p);
  v->entropy = arena_calloc(&pack->arena, hyp, sizeof *v->entropy);
  return v->p == NULL || v->log_p == NULL || v->entropy == NULL ? -1 : 0;
}

static void S_finish_variable(const model *m, model_variable *v) {
  const size_t hyp = m->hypotheses;
  for (size_t i = 0; i < v->values * hyp; i++) {
    v->log_p[i] = log(v->p[i]);
  }
  for (size_t h = 0; h < hyp; h++) {
    v->entropy[h] = S_entropy_bits(v->p + h, hyp, v->values);
  }
}

/* Defaults everywhere first, then each condition's listed likelihoods:
   one pass over what the pack lists, never a search per cell. */
static void S_fill_tables(symcheck_pack *pack) {
  model *m = &pack->model;
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    for (size_t h = 0; h < m->hypotheses; h++) {
      S_set_column(m, f, f->default_p, h);
    }
  }
  for (size_t c = 0; c < pack->condition_count; c++) {
    const symcheck_condition *cond = &pack->conditions[c];
    for (size_t j = 0; j < cond->likelihood_count; j++) {
      const symcheck_likelihood *l = &cond->likelihoods[j];
      S_set_column(m, l->finding, l->p, c);
    }
  }
  for (size_t i = 0; i < m->variable_count; i++) {
    S_finish_variable(m, &m->variables[i]);
  }
}

int model_build(symcheck_pack *pack) {
  model *m = &pack->model;
  m->hypotheses = pack->condition_count + 1;
  m->first_variable = arena_calloc(&pack->arena, pack->finding_count, sizeof(size_t));
  m->variable_count_of = arena_calloc(&pack->arena, pack->finding_count, sizeof(size_t));
  if (pack->finding_count > 0 && (m->first_variable == NULL || m->variable_count_of == NULL)) {
    return -1;
  }
  size_t total = 0;
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    m->first_variable[i] = total;
    m->variable_count_of[i] = f->type == SYMCHECK_ANSWER_MULTI ? f->option_count : 1;
    total += m->variable_count_of[i];
  }
  m->variable_count = total;
  m->variables = arena_calloc(&pack->arena, total, sizeof *m->variables);
  if (total > 0 && m->variables == NULL) {
    return -1;
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    for (size_t k = 0; k < m->variable_count_of[i]; k++) {
      model_variable *v = &m->variables[m->first_variable[i] + k];
      v->finding = i;
      v->option = f->type == SYMCHECK_ANSWER_MULTI ? k : 0;
      v->values = f->type == SYMCHECK_ANSWER_MULTI ? 2 : f->option_count;
      if (S_allocate_variable(pack, v) != 0) {
        return -1;
      }
    }
  }
  S_fill_tables(pack);
  if (differential_build(pack) != 0) {
    return -1;
  }
  for (size_t c = 0; c < pack->condition_count; c++) {
    if (condition_summarise(&pack->arena, &pack->conditions[c]) != 0) {
      return -1;
    }
  }
  return 0;
}
