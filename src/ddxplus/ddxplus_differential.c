/*
 * ddxplus_differential.c - fits the differential model of a DDXPlus pack and
 * writes it as differential.yaml (docs/pack-format.md).
 *
 * DDXPlus gives every patient a differential: the pathologies a rule-based
 * system found plausible from all of the patient's evidences. Our diagnosis
 * posterior, trained on the pathology alone, is far too peaked to stand for
 * it. This file fits, for every pathology k, a logistic model of "k is in
 * the patient's differential (probability >= 0.01)" from the patient's
 * pathology, age band, sex and evidences (one 0/1 input per yes answer,
 * categorical value and multi-choice option; a follow-up whose parent is not
 * yes has all its inputs 0), by stochastic gradient descent on the training
 * patients.
 *
 * The interview only learns a few answers, so the pack stores the model in
 * a form the engine can use with the rest unknown: for each diagnosis c,
 * `base` is the log-odds of k with every evidence input at its expected
 * value under c (the fitted likelihoods, follow-ups times their parent's
 * P(yes)); `age` and `sex` are added as they are (always known); and
 * `weights` are k's input weights, applied to (answer - expected value).
 * The file also sets how many questions the interview asks for the
 * differential once the diagnosis is settled (question_min_gain,
 * question_limit).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddxplus.h"

#define S_EPOCHS 15
#define S_RATE 0.3
#define S_DECAY 0.3
#define S_MIN_WEIGHT 0.005 /* smaller weights are not written */
#define S_INNER_FOLDS 3    /* to choose keep within the training patients */
#define S_KEEP_FIRST 0.2   /* keep tried: 0.2, 0.25, ..., 0.7 */
#define S_KEEP_STEP 0.05
#define S_KEEP_STEPS 11
#define S_FLOOR 0.0101           /* a kept condition is shown at least this likely */
#define S_QUESTION_MIN_GAIN 0.17 /* bits: ask for the differential while a question gains this */
#define S_QUESTION_LIMIT 15      /* ...and fewer questions than this were asked */

/* The model: inputs are [bias, pathology one-hot, age band one-hot, sex
   one-hot, tokens]. */
#define S_PEOPLE (DDX_BAND_COUNT + 2) /* age band and sex inputs */

typedef struct S_model {
  size_t nc, tokens, inputs;
  size_t *token_start; /* per evidence: its first token */
  double *w;           /* inputs * nc: w[input * nc + k] */
} S_model;

static size_t S_width(const ddx_evidence *ev) {
  return ev->kind == DDX_YES_NO ? 1 : ev->value_count;
}

/* The active inputs of a patient (indexes into the model's inputs). */
static size_t S_inputs(const symcheck_ddxplus *data, const S_model *m, const ddx_patient *pt,
                       size_t *out) {
  size_t n = 0;
  out[n++] = 0;
  out[n++] = 1 + pt->pathology;
  out[n++] = 1 + m->nc + ddx_band(pt->age);
  out[n++] = 1 + m->nc + DDX_BAND_COUNT + (size_t)pt->sex;
  for (size_t e = 0; e < data->evidence_count; e++) {
    const ddx_evidence *ev = &data->evidences[e];
    const size_t first = 1 + m->nc + S_PEOPLE + m->token_start[e];
    if (ev->parent >= 0 && pt->choice[ev->parent] != 0) {
      continue;
    }
    if (ev->kind == DDX_YES_NO) {
      if (pt->choice[e] == 0) {
        out[n++] = first;
      }
    } else if (ev->kind == DDX_SINGLE) {
      out[n++] = first + pt->choice[e];
    } else {
      for (size_t v = 0; v < ev->value_count; v++) {
        if (pt->selected[ev->slot + v]) {
          out[n++] = first + v;
        }
      }
    }
  }
  return n;
}

static bool S_in_differential(const ddx_patient *pt, size_t k) {
  for (size_t d = 0; d < pt->differential_count; d++) {
    if (pt->differential[d] == k) {
      return true;
    }
  }
  return false;
}

/* The log-odds of every k for a patient's active inputs, into z. */
static void S_log_odds(const S_model *m, const size_t *in, size_t n, double *z) {
  const size_t nc = m->nc;
  memset(z, 0, nc * sizeof *z);
  for (size_t j = 0; j < n; j++) {
    const double *w = m->w + in[j] * nc;
    for (size_t k = 0; k < nc; k++) {
      z[k] += w[k];
    }
  }
}

/* One SGD step on one patient. */
static void S_step(S_model *m, const size_t *in, size_t n, const ddx_patient *pt, double rate,
                   double *z) {
  const size_t nc = m->nc;
  S_log_odds(m, in, n, z);
  for (size_t k = 0; k < nc; k++) {
    double zk = z[k] < -30 ? -30 : z[k] > 30 ? 30 : z[k];
    z[k] = (1 / (1 + exp(-zk)) - (S_in_differential(pt, k) ? 1 : 0)) * rate;
  }
  for (size_t j = 0; j < n; j++) {
    double *w = m->w + in[j] * nc;
    for (size_t k = 0; k < nc; k++) {
      w[k] -= z[k];
    }
  }
}

/* A deterministic shuffle (xorshift), so a refit gives the same pack. */
static void S_shuffle(size_t *a, size_t n, uint64_t *state) {
  for (size_t i = n; i > 1; i--) {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    size_t j = (size_t)(*state % i);
    size_t t = a[i - 1];
    a[i - 1] = a[j];
    a[j] = t;
  }
}

/* Fits m (its weights start at 0) on the patients marked in use. */
static int S_train(const symcheck_ddxplus *data, const bool *use, S_model *m) {
  size_t *order = calloc(data->patient_count + 1, sizeof *order);
  size_t *in = calloc(m->inputs + 2, sizeof *in);
  double *z = calloc(m->nc, sizeof *z);
  size_t n = 0;
  if (order == NULL || in == NULL || z == NULL) {
    free(order);
    free(in);
    free(z);
    return -1;
  }
  for (size_t i = 0; i < data->patient_count; i++) {
    if (use[i] && data->patients[i].differential_count > 0) {
      order[n++] = i;
    }
  }
  uint64_t state = 88172645463325252u;
  for (int epoch = 0; epoch < S_EPOCHS; epoch++) {
    S_shuffle(order, n, &state);
    const double rate = S_RATE / (1 + epoch * S_DECAY);
    for (size_t i = 0; i < n; i++) {
      const ddx_patient *pt = &data->patients[order[i]];
      size_t count = S_inputs(data, m, pt, in);
      S_step(m, in, count, pt, rate, z);
    }
  }
  free(order);
  free(in);
  free(z);
  return 0;
}

/* F1 of the differential kept at each keep tried (the patient's pathology
   always kept, as the diagnosis shows it), added to score[]. */
static void S_score(const symcheck_ddxplus *data, const S_model *m, const ddx_patient *pt,
                    size_t *in, double *z, double *score) {
  S_log_odds(m, in, S_inputs(data, m, pt, in), z);
  for (size_t s = 0; s < S_KEEP_STEPS; s++) {
    const double keep = S_KEEP_FIRST + S_KEEP_STEP * (double)s;
    const double threshold = log(keep / (1.0 - keep));
    size_t kept = 0, hit = 0;
    for (size_t k = 0; k < m->nc; k++) {
      if (k == pt->pathology || z[k] >= threshold) {
        kept++;
        hit += S_in_differential(pt, k);
      }
    }
    const double recall = (double)hit / (double)pt->differential_count;
    const double precision = (double)hit / (double)kept;
    score[s] += hit > 0 ? 2 * recall * precision / (recall + precision) : 0.0;
  }
}

/* The inner fold of each patient in use: within each pathology, in file
   order, dealt round-robin as the outer folds are. */
static void S_inner_folds(const symcheck_ddxplus *data, const bool *use, size_t *fold) {
  size_t *seen = calloc(data->condition_count + 1, sizeof *seen);
  for (size_t i = 0; seen != NULL && i < data->patient_count; i++) {
    const size_t c = data->patients[i].pathology;
    fold[i] = use[i] ? (seen[c]++ + c) % S_INNER_FOLDS : S_INNER_FOLDS;
  }
  free(seen);
}

/* keep, chosen by S_INNER_FOLDS-fold cross-validation within the patients in
   use (never those of an excluded fold): the value whose kept set, with
   every evidence known, gives the best mean F1 against the patients'
   differentials. Returns 0, or -1 when out of memory. */
static int S_fit_keep(const symcheck_ddxplus *data, const bool *use, S_model m, double *keep) {
  const size_t n = data->patient_count;
  size_t *fold = calloc(n + 1, sizeof *fold), *in = calloc(m.inputs + 2, sizeof *in);
  bool *inner = calloc(n + 1, sizeof *inner);
  double *z = calloc(m.nc, sizeof *z), score[S_KEEP_STEPS] = {0};
  m.w = calloc(m.inputs * m.nc, sizeof *m.w);
  int rc = fold != NULL && in != NULL && inner != NULL && z != NULL && m.w != NULL ? 0 : -1;
  if (rc == 0) {
    S_inner_folds(data, use, fold);
  }
  for (size_t j = 0; rc == 0 && j < S_INNER_FOLDS; j++) {
    for (size_t i = 0; i < n; i++) {
      inner[i] = use[i] && fold[i] != j;
    }
    memset(m.w, 0, m.inputs * m.nc * sizeof *m.w);
    rc = S_train(data, inner, &m);
    for (size_t i = 0; rc == 0 && i < n; i++) {
      if (use[i] && fold[i] == j && data->patients[i].differential_count > 0) {
        S_score(data, &m, &data->patients[i], in, z, score);
      }
    }
  }
  size_t best = 0;
  for (size_t s = 1; s < S_KEEP_STEPS; s++) {
    best = score[s] > score[best] ? s : best;
  }
  *keep = S_KEEP_FIRST + S_KEEP_STEP * (double)best;
  free(fold);
  free(in);
  free(inner);
  free(z);
  free(m.w);
  return rc;
}

/* Expected value of evidence e's token v under condition c, as the pack's
   likelihoods give it (a follow-up times its parent's chance of yes). */
static double S_expected(const symcheck_ddxplus *data, const ddx_fit *fit, size_t c, size_t e,
                         size_t v) {
  const ddx_evidence *ev = &data->evidences[e];
  const size_t k = fit->options[e];
  double p = fit->p[e][c * k + v];
  return ev->parent < 0 ? p : p * S_expected(data, fit, c, (size_t)ev->parent, 0);
}

static double S_weight(const S_model *m, size_t e, size_t v, size_t k) {
  return m->w[(1 + m->nc + S_PEOPLE + m->token_start[e] + v) * m->nc + k];
}

/* log-odds of k being in the differential when c is the diagnosis, age
   band and sex aside. */
static double S_base(const symcheck_ddxplus *data, const ddx_fit *fit, const S_model *m, size_t c,
                     size_t k) {
  const size_t nc = m->nc;
  double z = m->w[k] + m->w[(1 + c) * nc + k];
  for (size_t e = 0; e < data->evidence_count; e++) {
    for (size_t v = 0; v < S_width(&data->evidences[e]); v++) {
      z += S_weight(m, e, v, k) * S_expected(data, fit, c, e, v);
    }
  }
  return z;
}

static const char *S_token_id(const ddx_evidence *ev, size_t v) {
  return ev->kind == DDX_YES_NO ? "yes" : ev->values[v].id;
}

/* k's weights, finding by finding, leaving out the negligible ones. */
static void S_write_weights(FILE *f, const symcheck_ddxplus *data, const S_model *m, size_t k) {
  fputs("    weights:\n", f);
  for (size_t e = 0; e < data->evidence_count; e++) {
    const ddx_evidence *ev = &data->evidences[e];
    size_t written = 0;
    for (size_t v = 0; v < S_width(ev); v++) {
      double w = S_weight(m, e, v, k);
      if (fabs(w) < S_MIN_WEIGHT) {
        continue;
      }
      if (written++ == 0) {
        fprintf(f, "      %s: {", ev->id);
      } else {
        fputs(", ", f);
      }
      fprintf(f, "%s: %.3g", S_token_id(ev, v), w);
    }
    if (written > 0) {
      fputs("}\n", f);
    }
  }
}

/* k's log-odds added by the age band and by the sex. */
static void S_write_people(FILE *f, const S_model *m, size_t k) {
  const double *w = m->w + (1 + m->nc) * m->nc + k;
  fputs("    age: {", f);
  for (size_t b = 0; b < DDX_BAND_COUNT; b++) {
    fprintf(f, "%s%s: %.3g", b == 0 ? "" : ", ", ddx_bands[b].id, w[b * m->nc]);
  }
  fprintf(f, "}\n    sex: {female: %.3g, male: %.3g}\n", w[DDX_BAND_COUNT * m->nc],
          w[(DDX_BAND_COUNT + 1) * m->nc]);
}

static int S_write(const symcheck_ddxplus *data, const ddx_fit *fit, const S_model *m, double keep,
                   const char *dir, symcheck_error *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/differential.yaml", dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    error_set(err, path, 0, "", "cannot write %s", path);
    return -1;
  }
  fprintf(f,
          "# Generated by `symcheck fit ddxplus` (see pack.yaml for the command and the inputs);\n"
          "# do not edit by hand, refit instead. Fitted on the DDXPlus differentials of %zu "
          "patients.\n"
          "# For each condition k: base[c] is the log-odds that k is in the differential when c\n"
          "# is the diagnosis and nothing else is known; age[band] and sex[sex] add theirs;\n"
          "# weights[finding][option] adds weight * (answer - its expected value under c)\n"
          "# for each answer given. keep was chosen by cross-validation within these patients.\n"
          "# Once the diagnosis is settled, the interview asks for the differential while a\n"
          "# question gains question_min_gain bits and fewer than question_limit were asked.\n",
          fit->patients);
  fprintf(f,
          "source: DDXPLUS\nkeep: %g\nshown_floor: %g\nquestion_min_gain: %g\nquestion_limit: "
          "%d\nconditions:\n",
          keep, S_FLOOR, S_QUESTION_MIN_GAIN, S_QUESTION_LIMIT);
  for (size_t k = 0; k < m->nc; k++) {
    fprintf(f, "  %s:\n    base: {", data->conditions[k].id);
    for (size_t c = 0; c < m->nc; c++) {
      fprintf(f, "%s%s: %.4g", c == 0 ? "" : ", ", data->conditions[c].id,
              S_base(data, fit, m, c, k));
    }
    fputs("}\n", f);
    S_write_people(f, m, k);
    S_write_weights(f, data, m, k);
  }
  int failed = ferror(f);
  if (fclose(f) != 0 || failed) {
    error_set(err, "differential.yaml", 0, "", "writing %s failed", path);
    return -1;
  }
  return 0;
}

int ddx_write_differential(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                           const ddx_fit *fit, const char *dir, symcheck_error *err) {
  S_model m = {.nc = data->condition_count};
  m.token_start = calloc(data->evidence_count + 1, sizeof *m.token_start);
  bool *use = calloc(data->patient_count + 1, sizeof *use);
  if (m.token_start == NULL || use == NULL) {
    free(m.token_start);
    free(use);
    error_set(err, NULL, 0, "", "out of memory fitting the differential");
    return -1;
  }
  for (size_t e = 0; e < data->evidence_count; e++) {
    m.token_start[e] = m.tokens;
    m.tokens += S_width(&data->evidences[e]);
  }
  for (size_t i = 0; i < data->patient_count; i++) {
    use[i] = options->folds < 2 ||
             symcheck_ddxplus_fold(data, i, options->folds) != options->exclude_fold;
  }
  m.inputs = 1 + m.nc + S_PEOPLE + m.tokens;
  double keep = 0.5;
  int rc = S_fit_keep(data, use, m, &keep);
  m.w = rc == 0 ? calloc(m.inputs * m.nc, sizeof *m.w) : NULL;
  rc = m.w != NULL ? S_train(data, use, &m) : -1;
  if (rc != 0) {
    error_set(err, NULL, 0, "", "out of memory fitting the differential");
  } else {
    rc = S_write(data, fit, &m, keep, dir, err);
  }
  free(m.w);
  free(m.token_start);
  free(use);
  return rc;
}
