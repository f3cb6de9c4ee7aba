/*
 * differential_build.c - compiling a pack's differential model at load
 * (differential.yaml, read by pack_load_differential.c): the expected value
 * of every token under every diagnosis, the lists of non-zero weights, the
 * follow-ups' effects and the entropy table that make choosing questions
 * for the differential cheap (src/engine/differential_question.c). Part of
 * building the model (model.c), so the pack is complete and immutable once
 * loaded; the engine only reads what this writes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"

double differential_option_p(const model *m, const symcheck_finding *f, size_t o, size_t h) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    return model_p(m, &m->variables[m->first_variable[f->index] + o], 0, h);
  }
  return model_p(m, &m->variables[m->first_variable[f->index]], o, h);
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

/* The expected value of every token under every condition. */
static void S_build_expected(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count;
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    for (size_t c = 0; c < nc; c++) {
      double allowed = S_allowed(d, f, nc, c);
      for (size_t o = 0; o < f->option_count; o++) {
        d->expected[(d->token_start[i] + o) * nc + c] =
            allowed * differential_option_p(&pack->model, f, o, c);
      }
    }
  }
}

/* Every token's nonzero weights as a list, so a question's effect costs
   what it touches, and their sum of magnitudes. */
static int S_build_nonzero(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count;
  size_t n = 0;
  for (size_t i = 0; i < d->tokens * nc; i++) {
    n += d->weight[i] != 0.0;
  }
  d->nonzero_start = arena_calloc(&pack->arena, d->tokens + 1, sizeof *d->nonzero_start);
  d->nonzero_k = arena_calloc(&pack->arena, n + 1, sizeof *d->nonzero_k);
  d->nonzero_w = arena_calloc(&pack->arena, n + 1, sizeof *d->nonzero_w);
  d->weight_norm = arena_calloc(&pack->arena, d->tokens + 1, sizeof *d->weight_norm);
  if (d->nonzero_start == NULL || d->nonzero_k == NULL || d->nonzero_w == NULL ||
      d->weight_norm == NULL) {
    return -1;
  }
  n = 0;
  for (size_t t = 0; t < d->tokens; t++) {
    d->nonzero_start[t] = n;
    for (size_t k = 0; k < nc; k++) {
      d->weight_norm[t] += fabs(d->weight[t * nc + k]);
      if (d->weight[t * nc + k] != 0.0) {
        d->nonzero_k[n] = k;
        d->nonzero_w[n++] = d->weight[t * nc + k];
      }
    }
  }
  d->nonzero_start[d->tokens] = n;
  return 0;
}

/* Every finding's follow-ups (findings whose parent it is), in pack order. */
static int S_build_follow_ups(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t n = pack->finding_count;
  d->follow_up_start = arena_calloc(&pack->arena, n + 1, sizeof *d->follow_up_start);
  d->follow_ups = arena_calloc(&pack->arena, n + 1, sizeof *d->follow_ups);
  if (d->follow_up_start == NULL || d->follow_ups == NULL) {
    return -1;
  }
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    d->follow_up_start[i] = w;
    for (size_t j = i + 1; j < n; j++) {
      if (pack->findings[j].parent == &pack->findings[i]) {
        d->follow_ups[w++] = j;
      }
    }
  }
  d->follow_up_start[n] = w;
  return 0;
}

/* The binary entropy in bits of the probability with log-odds z, tabulated
   for |z| from 0 to MODEL_ENTROPY_MAX_Z: choosing a question reads it tens
   of thousands of times. */
static int S_build_entropy_table(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t n = MODEL_ENTROPY_STEPS * MODEL_ENTROPY_MAX_Z + 2;
  d->entropy_table = arena_calloc(&pack->arena, n, sizeof *d->entropy_table);
  if (d->entropy_table == NULL) {
    return -1;
  }
  for (size_t i = 0; i + 1 < n; i++) {
    const double e = exp(-(double)i / MODEL_ENTROPY_STEPS);
    d->entropy_table[i] = (log1p(e) + (double)i / MODEL_ENTROPY_STEPS * e / (1.0 + e)) / log(2.0);
  }
  return 0;
}

/* What a follow-up's options weigh under each diagnosis once it may be
   asked, and the chance its parent allows it: answering the parent moves
   the log-odds by (allowed - that chance) times the effect. */
static int S_build_follow_up_effects(symcheck_pack *pack) {
  model_differential *d = pack->model.differential;
  const size_t nc = pack->condition_count, n = d->follow_up_start[pack->finding_count];
  d->follow_up_effect = arena_calloc(&pack->arena, n * nc * nc + 1, sizeof *d->follow_up_effect);
  d->follow_up_norm = arena_calloc(&pack->arena, n * nc + 1, sizeof *d->follow_up_norm);
  d->follow_up_allowed = arena_calloc(&pack->arena, n * nc + 1, sizeof *d->follow_up_allowed);
  if (d->follow_up_effect == NULL || d->follow_up_norm == NULL || d->follow_up_allowed == NULL) {
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    const symcheck_finding *g = &pack->findings[d->follow_ups[i]];
    for (size_t c = 0; c < nc; c++) {
      double *effect = d->follow_up_effect + (i * nc + c) * nc;
      for (size_t o = 0; o < g->option_count; o++) {
        const size_t token = d->token_start[g->index] + o;
        const double p = differential_option_p(&pack->model, g, o, c);
        for (size_t z = d->nonzero_start[token]; z < d->nonzero_start[token + 1]; z++) {
          effect[d->nonzero_k[z]] += d->nonzero_w[z] * p;
        }
      }
      for (size_t k = 0; k < nc; k++) {
        d->follow_up_norm[i * nc + c] += fabs(effect[k]);
      }
      d->follow_up_allowed[i * nc + c] = S_allowed(d, g, nc, c);
    }
  }
  return 0;
}

int differential_build(symcheck_pack *pack) {
  if (pack->model.differential == NULL) {
    return 0;
  }
  S_build_expected(pack);
  return S_build_nonzero(pack) == 0 && S_build_follow_ups(pack) == 0 &&
                 S_build_follow_up_effects(pack) == 0 && S_build_entropy_table(pack) == 0
             ? 0
             : -1;
}
