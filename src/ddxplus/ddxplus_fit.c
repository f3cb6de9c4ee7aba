/*
 * ddxplus_fit.c - fits a pack's numbers from DDXPlus patients.
 *
 * - Priors: the pathology's share of the training patients (add-one), with
 *   factors for age band and sex, P(band | pathology) / P(band), each
 *   smoothed towards the overall distribution.
 * - Likelihoods: for an evidence the condition file lists for a pathology,
 *   the observed frequency among that pathology's patients, pulled towards
 *   the pool of every pathology that lists it by `smoothing` pseudo-counts;
 *   for an evidence it does not list, the `floor` (the pathology never shows
 *   it). A follow-up is fitted only on patients whose parent answer allows
 *   it, since that is when the engine asks it. Every value is kept inside
 *   [floor, 1 - floor].
 * - The default row (used by "something else") is the pool of all patients.
 * - Red flags: an evidence is an alarm sign of a severe pathology (severity
 *   1 or 2) when it is a root symptom (not a follow-up, not history) that
 *   the pathology shows at least half the time and that, when present,
 *   points to a severe pathology more often than not (P(severe | yes) >=
 *   0.5 under the fitted priors). It sets "urgent care", never a level that
 *   ends the quiz: DDXPlus evidences are generic symptoms (a cough, a
 *   rash), and many are also complaints a patient presents with. Higher
 *   levels come from the conditions' own urgencies, which a clinician sets
 *   with a source in clinical.yaml (ddxplus_clinical.c) and the triage
 *   raises once a condition's probability passes the pack's escalation
 *   threshold. The flag names the most severe, then most frequent, such
 *   pathology.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ddxplus.h"

const symcheck_age_band ddx_bands[DDX_BAND_COUNT] = {
    {"infant", 0, 1},  {"child", 2, 11},  {"teen", 12, 17},    {"young_adult", 18, 34},
    {"adult", 35, 54}, {"older", 55, 74}, {"elderly", 75, 120}};

#define S_ALARM_MIN_P 0.5
#define S_ALARM_MIN_SEVERE 0.5

symcheck_fit_options symcheck_fit_defaults(void) {
  symcheck_fit_options options = {0};
  options.floor = 0.001;
  options.smoothing = 1.0;
  options.stop_confidence = 0.999;
  options.min_information_gain = 0.01;
  return options;
}

size_t ddx_band(int age) {
  for (size_t b = 0; b < DDX_BAND_COUNT; b++) {
    if (age <= ddx_bands[b].max_age) {
      return b;
    }
  }
  return DDX_BAND_COUNT - 1;
}

static bool S_in_training(const symcheck_ddxplus *data, const symcheck_fit_options *o, size_t i) {
  return o->folds < 2 || symcheck_ddxplus_fold(data, i, o->folds) != o->exclude_fold;
}

static int S_fit_priors(const symcheck_ddxplus *data, const symcheck_fit_options *o, ddx_fit *fit) {
  const size_t nc = data->condition_count;
  double n = 0, band_n[DDX_BAND_COUNT] = {0}, sex_n[2] = {0};
  double *cond_n = calloc(nc, sizeof *cond_n);
  double *cond_band = calloc(nc * DDX_BAND_COUNT, sizeof *cond_band);
  double *cond_sex = calloc(nc * 2, sizeof *cond_sex);
  int rc = cond_n != NULL && cond_band != NULL && cond_sex != NULL ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < data->patient_count; i++) {
    if (!S_in_training(data, o, i)) {
      continue;
    }
    const ddx_patient *pt = &data->patients[i];
    size_t b = ddx_band(pt->age);
    n += 1;
    band_n[b] += 1;
    sex_n[pt->sex] += 1;
    cond_n[pt->pathology] += 1;
    cond_band[pt->pathology * DDX_BAND_COUNT + b] += 1;
    cond_sex[pt->pathology * 2 + pt->sex] += 1;
  }
  for (size_t c = 0; rc == 0 && c < nc; c++) {
    fit->prior[c] = (cond_n[c] + 1) / (n + (double)nc);
    for (size_t b = 0; b < DDX_BAND_COUNT; b++) {
      double pb = (band_n[b] + 1) / (n + DDX_BAND_COUNT);
      double pbc = (cond_band[c * DDX_BAND_COUNT + b] + 2 * pb) / (cond_n[c] + 2);
      fit->age_factor[c * DDX_BAND_COUNT + b] = pbc / pb;
    }
    for (size_t s = 0; s < 2; s++) {
      double ps = (sex_n[s] + 1) / (n + 2);
      double psc = (cond_sex[c * 2 + s] + 2 * ps) / (cond_n[c] + 2);
      fit->sex_factor[c * 2 + s] = psc / ps;
    }
  }
  free(cond_n);
  free(cond_band);
  free(cond_sex);
  return rc;
}

/* Whether the evidence is asked of this patient: no parent, or parent yes. */
static bool S_eligible(const ddx_patient *pt, const ddx_evidence *ev) {
  return ev->parent < 0 || pt->choice[ev->parent] == 0;
}

/* Counts of each value per pathology (row condition_count: the pool of
   listing pathologies; row condition_count + 1: every pathology). */
static void S_count(const symcheck_ddxplus *data, const symcheck_fit_options *o, size_t e,
                    double *counts, double *totals) {
  const ddx_evidence *ev = &data->evidences[e];
  const size_t k = ev->kind == DDX_YES_NO ? 2 : ev->value_count;
  const size_t nc = data->condition_count;
  for (size_t i = 0; i < data->patient_count; i++) {
    const ddx_patient *pt = &data->patients[i];
    if (!S_in_training(data, o, i) || !S_eligible(pt, ev)) {
      continue;
    }
    size_t rows[3] = {pt->pathology, nc + 1, nc};
    size_t row_count = data->conditions[pt->pathology].listed[e] ? 3 : 2;
    for (size_t r = 0; r < row_count; r++) {
      totals[rows[r]] += 1;
      if (ev->kind == DDX_MULTI) {
        for (size_t v = 0; v < k; v++) {
          counts[rows[r] * k + v] += pt->selected[ev->slot + v];
        }
      } else {
        counts[rows[r] * k + pt->choice[e]] += 1;
      }
    }
  }
}

static double S_clamp(double p, double floor) {
  return p < floor ? floor : p > 1 - floor ? 1 - floor : p;
}

/* Turns counts into a table row: smoothed towards `pool`, clamped, and for
   one-of evidences normalised. */
static void S_row(const ddx_evidence *ev, size_t k, const double *count, double total,
                  const double *pool, double smoothing, double floor, double *out) {
  double sum = 0;
  for (size_t v = 0; v < k; v++) {
    out[v] = S_clamp((count[v] + smoothing * pool[v]) / (total + smoothing), floor);
    sum += out[v];
  }
  if (ev->kind != DDX_MULTI) {
    for (size_t v = 0; v < k; v++) {
      out[v] /= sum;
    }
  }
}

/* The row of a pathology that never shows the evidence. */
static void S_floor_row(const ddx_evidence *ev, size_t k, double floor, double *out) {
  for (size_t v = 0; v < k; v++) {
    out[v] = floor;
  }
  if (ev->kind != DDX_MULTI) {
    out[ddx_default_choice(ev)] = 1 - floor * (double)(k - 1);
  }
}

/* The pool of `counts` row r, with add-half smoothing so no value is 0. */
static void S_pool(const ddx_evidence *ev, size_t k, const double *count, double total,
                   double *out) {
  for (size_t v = 0; v < k; v++) {
    out[v] = ev->kind == DDX_MULTI ? (count[v] + 0.5) / (total + 1)
                                   : (count[v] + 0.5) / (total + 0.5 * (double)k);
  }
}

static int S_fit_evidence(const symcheck_ddxplus *data, const symcheck_fit_options *o, size_t e,
                          ddx_fit *fit) {
  const ddx_evidence *ev = &data->evidences[e];
  const size_t nc = data->condition_count;
  const size_t k = ev->kind == DDX_YES_NO ? 2 : ev->value_count;
  double *counts = calloc((nc + 2) * k, sizeof *counts);
  double *totals = calloc(nc + 2, sizeof *totals);
  double *pool = calloc(2 * k, sizeof *pool);
  fit->options[e] = k;
  fit->p[e] = calloc((nc + 1) * k, sizeof *fit->p[e]);
  if (counts == NULL || totals == NULL || pool == NULL || fit->p[e] == NULL) {
    free(counts);
    free(totals);
    free(pool);
    return -1;
  }
  S_count(data, o, e, counts, totals);
  S_pool(ev, k, counts + nc * k, totals[nc], pool);
  S_pool(ev, k, counts + (nc + 1) * k, totals[nc + 1], pool + k);
  for (size_t c = 0; c < nc; c++) {
    if (data->conditions[c].listed[e]) {
      S_row(ev, k, counts + c * k, totals[c], pool, o->smoothing, o->floor, fit->p[e] + c * k);
    } else {
      S_floor_row(ev, k, o->floor, fit->p[e] + c * k);
    }
  }
  S_row(ev, k, counts + (nc + 1) * k, totals[nc + 1], pool + k, 0.0, o->floor, fit->p[e] + nc * k);
  free(counts);
  free(totals);
  free(pool);
  return 0;
}

static void S_find_red_flag(const symcheck_ddxplus *data, size_t e, ddx_fit *fit) {
  const ddx_evidence *ev = &data->evidences[e];
  const size_t nc = data->condition_count;
  fit->red_flag[e] = (symcheck_level)-1;
  fit->red_flag_condition[e] = -1;
  if (ev->kind != DDX_YES_NO || ev->antecedent || ev->parent >= 0) {
    return;
  }
  double severe = 0, total = 0;
  for (size_t c = 0; c < nc; c++) {
    double joint = fit->prior[c] * fit->p[e][c * 2];
    total += joint;
    severe += data->conditions[c].severity <= 2 ? joint : 0;
  }
  if (severe < S_ALARM_MIN_SEVERE * total) {
    return;
  }
  double best = 0;
  int best_severity = 6;
  for (size_t c = 0; c < nc; c++) {
    const ddx_condition *cond = &data->conditions[c];
    const double p = fit->p[e][c * 2];
    if (cond->severity > 2 || p < S_ALARM_MIN_P) {
      continue;
    }
    if (fit->red_flag_condition[e] < 0 || cond->severity < best_severity ||
        (cond->severity == best_severity && p > best)) {
      best_severity = cond->severity;
      best = p;
      fit->red_flag[e] = SYMCHECK_LEVEL_URGENT_CARE;
      fit->red_flag_condition[e] = (long)c;
    }
  }
}

static size_t S_training_count(const symcheck_ddxplus *data, const symcheck_fit_options *o) {
  size_t n = 0;
  for (size_t i = 0; i < data->patient_count; i++) {
    n += S_in_training(data, o, i) ? 1 : 0;
  }
  return n;
}

static ddx_fit *S_allocate(const symcheck_ddxplus *data) {
  ddx_fit *fit = calloc(1, sizeof *fit);
  if (fit == NULL) {
    return NULL;
  }
  const size_t nc = data->condition_count, ne = data->evidence_count;
  fit->condition_count = nc;
  fit->evidence_count = ne;
  fit->prior = calloc(nc + 1, sizeof *fit->prior);
  fit->age_factor = calloc(nc * DDX_BAND_COUNT + 1, sizeof *fit->age_factor);
  fit->sex_factor = calloc(nc * 2 + 1, sizeof *fit->sex_factor);
  fit->options = calloc(ne + 1, sizeof *fit->options);
  fit->p = calloc(ne + 1, sizeof *fit->p);
  fit->red_flag = calloc(ne + 1, sizeof *fit->red_flag);
  fit->red_flag_condition = calloc(ne + 1, sizeof *fit->red_flag_condition);
  if (fit->prior == NULL || fit->age_factor == NULL || fit->sex_factor == NULL ||
      fit->options == NULL || fit->p == NULL || fit->red_flag == NULL ||
      fit->red_flag_condition == NULL) {
    ddx_fit_free(fit);
    return NULL;
  }
  return fit;
}

ddx_fit *ddx_fit_new(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                     symcheck_error *err) {
  size_t n = S_training_count(data, options);
  if (n == 0) {
    error_set(err, NULL, 0, "", "no patients to fit on");
    return NULL;
  }
  if (!(options->floor > 0 && options->floor < 0.1) || !(options->smoothing >= 0)) {
    error_set(err, NULL, 0, "", "the floor must be in (0, 0.1) and the smoothing >= 0");
    return NULL;
  }
  ddx_fit *fit = S_allocate(data);
  if (fit == NULL) {
    error_set(err, NULL, 0, "", "out of memory fitting the model");
    return NULL;
  }
  fit->patients = n;
  int rc = S_fit_priors(data, options, fit);
  for (size_t e = 0; rc == 0 && e < data->evidence_count; e++) {
    rc = S_fit_evidence(data, options, e, fit);
    if (rc == 0) {
      S_find_red_flag(data, e, fit);
    }
  }
  if (rc != 0) {
    ddx_fit_free(fit);
    error_set(err, NULL, 0, "", "out of memory fitting the model");
    return NULL;
  }
  return fit;
}

void ddx_fit_free(ddx_fit *fit) {
  if (fit == NULL) {
    return;
  }
  for (size_t e = 0; fit->p != NULL && e < fit->evidence_count; e++) {
    free(fit->p[e]);
  }
  free(fit->p);
  free(fit->prior);
  free(fit->age_factor);
  free(fit->sex_factor);
  free(fit->options);
  free(fit->red_flag);
  free(fit->red_flag_condition);
  free(fit);
}
