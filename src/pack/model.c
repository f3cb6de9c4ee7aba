/*
 * model.c - compiles a loaded pack into the sparse model of model.h.
 *
 * Each variable gets its finding's default as the background, then one
 * deviation per condition whose listed likelihood differs from it (a
 * condition that lists the default itself adds nothing: it behaves like one
 * that does not list the finding). Two passes over what the pack lists:
 * count the deviations, then fill them, by ascending condition. Logs,
 * log-ratios to the background and conditional entropies are precomputed.
 */
#include "model.h"

#include <math.h>

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

static model_variable *S_variable(const model *m, size_t finding, size_t k) {
  return &m->variables[m->first_variable[finding] + k];
}

/* True when a condition's likelihood row gives variable v other
   probabilities than the background. */
static bool S_deviates(const symcheck_finding *f, const double *row, const model_variable *v) {
  for (size_t value = 0; value < v->values; value++) {
    if (S_row_value(f, row, v->option, value) != v->background[value]) {
      return true;
    }
  }
  return false;
}

static int S_set_background(symcheck_pack *pack, model_variable *v) {
  const symcheck_finding *f = &pack->findings[v->finding];
  v->background = arena_calloc(&pack->arena, v->values, sizeof *v->background);
  v->background_log = arena_calloc(&pack->arena, v->values, sizeof *v->background_log);
  if (v->background == NULL || v->background_log == NULL) {
    return -1;
  }
  for (size_t value = 0; value < v->values; value++) {
    v->background[value] = S_row_value(f, f->default_p, v->option, value);
    v->background_log[value] = log(v->background[value]);
  }
  v->background_entropy = S_entropy_bits(v->background, 1, v->values);
  return 0;
}

/* Counts the deviations of every variable into `listed` (filled == NULL),
   or writes them, by ascending condition, with filled[v] counting those
   written so far. */
static void S_walk_deviations(symcheck_pack *pack, size_t *filled) {
  const model *m = &pack->model;
  for (size_t c = 0; c < pack->condition_count; c++) {
    const symcheck_condition *cond = &pack->conditions[c];
    for (size_t j = 0; j < cond->likelihood_count; j++) {
      const symcheck_likelihood *l = &cond->likelihoods[j];
      const symcheck_finding *f = l->finding;
      for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
        model_variable *v = S_variable(m, f->index, k);
        if (!S_deviates(f, l->p, v)) {
          continue;
        }
        if (filled == NULL) {
          v->listed++;
          continue;
        }
        size_t i = filled[m->first_variable[f->index] + k]++;
        v->hypothesis[i] = c;
        for (size_t value = 0; value < v->values; value++) {
          v->p[value * v->listed + i] = S_row_value(f, l->p, v->option, value);
        }
      }
    }
  }
}

/* The deviation tables, allocated even when empty (a finding no condition
   lists, such as most of the safety screen's), so that every pointer the
   engine offsets is a valid one. */
static int S_allocate_deviations(symcheck_pack *pack, model_variable *v) {
  const size_t cells = v->values * v->listed;
  v->hypothesis = arena_calloc(&pack->arena, v->listed, sizeof *v->hypothesis);
  v->p = arena_calloc(&pack->arena, cells, sizeof *v->p);
  v->log_ratio = arena_calloc(&pack->arena, cells, sizeof *v->log_ratio);
  v->entropy = arena_calloc(&pack->arena, v->listed, sizeof *v->entropy);
  return v->hypothesis == NULL || v->p == NULL || v->log_ratio == NULL || v->entropy == NULL ? -1
                                                                                             : 0;
}

static void S_finish_deviations(model_variable *v) {
  for (size_t value = 0; value < v->values; value++) {
    for (size_t i = 0; i < v->listed; i++) {
      size_t cell = value * v->listed + i;
      v->log_ratio[cell] = log(v->p[cell]) - v->background_log[value];
    }
  }
  for (size_t i = 0; i < v->listed; i++) {
    v->entropy[i] = S_entropy_bits(v->p + i, v->listed, v->values);
  }
}

/* The same deviations listed by condition, for question.c's bounds. */
static int S_index_by_condition(symcheck_pack *pack) {
  model *m = &pack->model;
  const size_t conditions = pack->condition_count;
  m->deviating_start = arena_calloc(&pack->arena, conditions + 1, sizeof(size_t));
  size_t *cursor = arena_calloc(&pack->arena, conditions + 1, sizeof(size_t));
  if (m->deviating_start == NULL || cursor == NULL) {
    return -1;
  }
  for (size_t v = 0; v < m->variable_count; v++) {
    for (size_t i = 0; i < m->variables[v].listed; i++) {
      m->deviating_start[m->variables[v].hypothesis[i] + 1]++;
    }
  }
  for (size_t c = 0; c < conditions; c++) {
    m->deviating_start[c + 1] += m->deviating_start[c];
    cursor[c] = m->deviating_start[c];
  }
  const size_t total = m->deviating_start[conditions];
  m->deviating_variable = arena_calloc(&pack->arena, total + 1, sizeof(size_t));
  m->deviating_position = arena_calloc(&pack->arena, total + 1, sizeof(size_t));
  m->sum_start = arena_calloc(&pack->arena, m->variable_count + 1, sizeof(size_t));
  if (m->deviating_variable == NULL || m->deviating_position == NULL || m->sum_start == NULL) {
    return -1;
  }
  for (size_t v = 0; v < m->variable_count; v++) {
    for (size_t i = 0; i < m->variables[v].listed; i++) {
      size_t j = cursor[m->variables[v].hypothesis[i]]++;
      m->deviating_variable[j] = v;
      m->deviating_position[j] = i;
    }
    m->sum_start[v + 1] = m->sum_start[v] + m->variables[v].values + 2;
  }
  return 0;
}

/* Backgrounds, then the deviations: counted, allocated, written. */
static int S_fill_variables(symcheck_pack *pack) {
  model *m = &pack->model;
  for (size_t i = 0; i < m->variable_count; i++) {
    if (S_set_background(pack, &m->variables[i]) != 0) {
      return -1;
    }
  }
  S_walk_deviations(pack, NULL);
  size_t *filled = arena_calloc(&pack->arena, m->variable_count + 1, sizeof *filled);
  if (filled == NULL) {
    return -1;
  }
  for (size_t i = 0; i < m->variable_count; i++) {
    if (S_allocate_deviations(pack, &m->variables[i]) != 0) {
      return -1;
    }
  }
  S_walk_deviations(pack, filled);
  for (size_t i = 0; i < m->variable_count; i++) {
    S_finish_deviations(&m->variables[i]);
  }
  return S_index_by_condition(pack);
}

double model_p(const model *m, const model_variable *v, size_t value, size_t h) {
  const size_t conditions = m->hypotheses - 1;
  if (v->listed == conditions && h < conditions) {
    return v->p[value * v->listed + h];
  }
  size_t lo = 0, hi = v->listed;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v->hypothesis[mid] < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < v->listed && v->hypothesis[lo] == h ? v->p[value * v->listed + lo]
                                                  : v->background[value];
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
      model_variable *v = S_variable(m, i, k);
      v->finding = i;
      v->option = f->type == SYMCHECK_ANSWER_MULTI ? k : 0;
      v->values = f->type == SYMCHECK_ANSWER_MULTI ? 2 : f->option_count;
    }
  }
  if (S_fill_variables(pack) != 0 || differential_build(pack) != 0) {
    return -1;
  }
  for (size_t c = 0; c < pack->condition_count; c++) {
    if (condition_summarise(&pack->arena, &pack->conditions[c]) != 0) {
      return -1;
    }
  }
  return 0;
}
