/*
 * evaluate_report.c - turns measured cases into the report's figures, and
 * the report into JSON and a reliability diagram (SVG).
 *
 * Each figure is the mean of the per-case values that apply (NaN ones are
 * skipped); calibration is the expected calibration error of the top-1
 * probability over ten equal-width bins, and the Brier score is the mean of
 * sum over conditions of (p - truth)^2.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate_internal.h"

eval_sample eval_sample_empty(void) {
  eval_sample s;
  s.condition = SIZE_MAX;
  s.top1 = s.top3 = s.top5 = s.gtpa = s.il = s.per = s.pep = NAN;
  s.ddr = s.ddp = s.ddf1 = s.rule_in = s.rule_out = NAN;
  s.confidence = s.correct = s.brier = s.safe = s.screen = NAN;
  s.under = s.over = s.emergency_missed = NAN;
  return s;
}

void eval_sample_triage(eval_sample *s, symcheck_level given, symcheck_level truth) {
  s->under = given < truth ? 1 : 0;
  s->over = given > truth ? 1 : 0;
  s->emergency_missed = truth < SYMCHECK_LEVEL_EMERGENCY   ? NAN
                        : given < SYMCHECK_LEVEL_EMERGENCY ? 1
                                                           : 0;
}

/* Running mean that ignores NaN. */
typedef struct S_mean {
  double sum;
  size_t n;
} S_mean;

static void S_add(S_mean *m, double x) {
  if (!isnan(x)) {
    m->sum += x;
    m->n++;
  }
}

static double S_value(const S_mean *m) {
  return m->n > 0 ? m->sum / (double)m->n : NAN;
}

enum {
  F_TOP1,
  F_TOP3,
  F_TOP5,
  F_GTPA,
  F_IL,
  F_PER,
  F_PEP,
  F_DDR,
  F_DDP,
  F_DDF1,
  F_RULE_IN,
  F_RULE_OUT,
  F_BRIER,
  F_SAFE,
  F_SCREEN,
  F_UNDER,
  F_OVER,
  F_EMERGENCY_MISSED,
  F_COUNT
};

static void S_add_sample(S_mean *m, const eval_sample *s) {
  const double values[F_COUNT] = {
      s->top1,  s->top3, s->top5,   s->gtpa,  s->il,      s->per,
      s->pep,   s->ddr,  s->ddp,    s->ddf1,  s->rule_in, s->rule_out,
      s->brier, s->safe, s->screen, s->under, s->over,    s->emergency_missed};
  for (size_t f = 0; f < F_COUNT; f++) {
    S_add(&m[f], values[f]);
  }
}

static size_t S_bin(double confidence) {
  size_t b = (size_t)(confidence * SYMCHECK_EVAL_BINS);
  return b >= SYMCHECK_EVAL_BINS ? SYMCHECK_EVAL_BINS - 1 : b;
}

void eval_aggregate(const eval_sample *samples, size_t n, size_t condition, double seconds,
                    symcheck_eval_metrics *out, symcheck_eval_reliability *rel) {
  S_mean m[F_COUNT];
  memset(m, 0, sizeof m);
  symcheck_eval_reliability r;
  memset(&r, 0, sizeof r);
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    const eval_sample *s = &samples[i];
    if (condition != SIZE_MAX && s->condition != condition) {
      continue;
    }
    count++;
    S_add_sample(m, s);
    if (!isnan(s->confidence) && !isnan(s->correct)) {
      size_t b = S_bin(s->confidence);
      r.count[b]++;
      r.confidence[b] += s->confidence;
      r.accuracy[b] += s->correct;
    }
  }
  double ece = 0;
  size_t calibrated = 0;
  for (size_t b = 0; b < SYMCHECK_EVAL_BINS; b++) {
    calibrated += r.count[b];
    ece += fabs(r.accuracy[b] - r.confidence[b]);
    if (r.count[b] > 0) {
      r.confidence[b] /= (double)r.count[b];
      r.accuracy[b] /= (double)r.count[b];
    }
  }
  out->n = count;
  out->gtpa_at_1 = S_value(&m[F_TOP1]);
  out->gtpa_at_3 = S_value(&m[F_TOP3]);
  out->gtpa_at_5 = S_value(&m[F_TOP5]);
  out->gtpa = S_value(&m[F_GTPA]);
  out->il = S_value(&m[F_IL]);
  out->screen_questions = S_value(&m[F_SCREEN]);
  out->per = S_value(&m[F_PER]);
  out->pep = S_value(&m[F_PEP]);
  out->ddr = S_value(&m[F_DDR]);
  out->ddp = S_value(&m[F_DDP]);
  out->ddf1 = S_value(&m[F_DDF1]);
  out->severe_rule_in = S_value(&m[F_RULE_IN]);
  out->severe_rule_out = S_value(&m[F_RULE_OUT]);
  out->brier = S_value(&m[F_BRIER]);
  out->safe_triage = S_value(&m[F_SAFE]);
  out->under_triage = S_value(&m[F_UNDER]);
  out->over_triage = S_value(&m[F_OVER]);
  out->emergency_missed = S_value(&m[F_EMERGENCY_MISSED]);
  out->emergencies = m[F_EMERGENCY_MISSED].n;
  out->ece = calibrated > 0 ? ece / (double)calibrated : NAN;
  out->interviews_per_second = seconds > 0 ? (double)count / seconds : NAN;
  if (rel != NULL) {
    *rel = r;
  }
}

static symcheck_eval_metrics S_nan_metrics(void) {
  symcheck_eval_metrics m;
  eval_aggregate(NULL, 0, SIZE_MAX, 0, &m, NULL);
  return m;
}

symcheck_eval_report *eval_report_new(const char *const *ids, size_t n) {
  symcheck_eval_report *report = calloc(1, sizeof *report);
  if (report == NULL) {
    return NULL;
  }
  report->condition_ids = calloc(n + 1, sizeof *report->condition_ids);
  report->per_condition = calloc(n + 1, sizeof *report->per_condition);
  if (report->condition_ids == NULL || report->per_condition == NULL) {
    symcheck_eval_report_free(report);
    return NULL;
  }
  report->condition_count = n;
  report->overall = report->ceiling = S_nan_metrics();
  for (size_t c = 0; c < n; c++) {
    const char *id = ids[c];
    report->condition_ids[c] = malloc(strlen(id) + 1);
    if (report->condition_ids[c] == NULL) {
      symcheck_eval_report_free(report);
      return NULL;
    }
    memcpy(report->condition_ids[c], id, strlen(id) + 1);
    report->per_condition[c] = S_nan_metrics();
  }
  return report;
}

symcheck_eval_report *eval_report_for_pack(const symcheck_pack *pack) {
  size_t n = symcheck_pack_condition_count(pack);
  const char **ids = calloc(n + 1, sizeof *ids);
  if (ids == NULL) {
    return NULL;
  }
  for (size_t c = 0; c < n; c++) {
    ids[c] = symcheck_pack_condition(pack, c)->id;
  }
  symcheck_eval_report *report = eval_report_new(ids, n);
  free(ids);
  return report;
}

void eval_report_fill(symcheck_eval_report *report, const eval_sample *samples, size_t n,
                      double seconds) {
  eval_aggregate(samples, n, SIZE_MAX, seconds, &report->overall, &report->reliability);
  for (size_t c = 0; c < report->condition_count; c++) {
    eval_aggregate(samples, n, c, 0, &report->per_condition[c], NULL);
  }
}

void symcheck_eval_report_free(symcheck_eval_report *report) {
  if (report == NULL) {
    return;
  }
  for (size_t c = 0; report->condition_ids != NULL && c < report->condition_count; c++) {
    free(report->condition_ids[c]);
  }
  free(report->condition_ids);
  free(report->per_condition);
  free(report->cases);
  free(report->sets);
  free(report);
}

static int S_set_number(json_t *object, const char *key, double value) {
  return json_object_set_new(object, key,
                             isnan(value) || isinf(value) ? json_null() : json_real(value));
}

static json_t *S_metrics_json(const symcheck_eval_metrics *m) {
  json_t *o = json_object();
  if (o == NULL) {
    return NULL;
  }
  int rc = json_object_set_new(o, "n", json_integer((json_int_t)m->n));
  rc |= json_object_set_new(o, "emergencies", json_integer((json_int_t)m->emergencies));
  const struct {
    const char *key;
    double value;
  } fields[] = {{"gtpa_at_1", m->gtpa_at_1},
                {"gtpa_at_3", m->gtpa_at_3},
                {"gtpa_at_5", m->gtpa_at_5},
                {"gtpa", m->gtpa},
                {"il", m->il},
                {"screen_questions", m->screen_questions},
                {"per", m->per},
                {"pep", m->pep},
                {"ddr", m->ddr},
                {"ddp", m->ddp},
                {"ddf1", m->ddf1},
                {"severe_rule_in", m->severe_rule_in},
                {"severe_rule_out", m->severe_rule_out},
                {"ece", m->ece},
                {"brier", m->brier},
                {"safe_triage", m->safe_triage},
                {"under_triage", m->under_triage},
                {"over_triage", m->over_triage},
                {"emergency_missed", m->emergency_missed},
                {"interviews_per_second", m->interviews_per_second}};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    rc |= S_set_number(o, fields[i].key, fields[i].value);
  }
  if (rc != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static json_t *S_reliability_json(const symcheck_eval_reliability *r) {
  json_t *a = json_array();
  for (size_t b = 0; a != NULL && b < SYMCHECK_EVAL_BINS; b++) {
    json_t *bin = json_object();
    json_object_set_new(bin, "from", json_real((double)b / SYMCHECK_EVAL_BINS));
    json_object_set_new(bin, "to", json_real((double)(b + 1) / SYMCHECK_EVAL_BINS));
    json_object_set_new(bin, "n", json_integer((json_int_t)r->count[b]));
    S_set_number(bin, "confidence", r->count[b] > 0 ? r->confidence[b] : NAN);
    S_set_number(bin, "accuracy", r->count[b] > 0 ? r->accuracy[b] : NAN);
    json_array_append_new(a, bin);
  }
  return a;
}

static json_t *S_case_json(const symcheck_eval_case *c) {
  json_t *top = json_array();
  for (size_t k = 0; k < 3 && c->top[k][0] != '\0'; k++) {
    json_array_append_new(top, json_string(c->top[k]));
  }
  json_t *o = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b, s:I, s:I}", "id", c->id, "set", c->set, "pack",
      c->pack, "complaint", c->complaint, "expected", c->expected, "diagnosis", c->diagnosis, "top",
      top, "level", symcheck_level_id(c->level), "general", c->general, "questions",
      (json_int_t)c->questions, "screen_questions", (json_int_t)c->screen_questions);
  if (o == NULL) {
    return NULL;
  }
  json_object_set_new(o, "rank", c->rank >= 0 ? json_integer(c->rank) : json_null());
  json_object_set_new(o, "complaint_fits", json_boolean(c->complaint_fits));
  if (c->search[0] != '\0') {
    json_object_set_new(o, "search", json_string(c->search));
    json_object_set_new(o, "search_rank",
                        c->search_rank >= 0 ? json_integer(c->search_rank) : json_null());
  }
  if (c->triage >= 0) {
    json_object_set_new(o, "triage",
                        json_string(symcheck_triage_class_id((symcheck_triage_class)c->triage)));
    json_object_set_new(o, "level_class",
                        json_string(symcheck_triage_class_id(symcheck_level_class(c->level))));
  } else {
    json_object_set_new(o, "min_level", json_string(symcheck_level_id(c->min_level)));
  }
  return o;
}

static json_t *S_cases_json(const symcheck_eval_report *report) {
  json_t *a = json_array();
  for (size_t i = 0; a != NULL && i < report->case_count; i++) {
    json_array_append_new(a, S_case_json(&report->cases[i]));
  }
  return a;
}

/* The per-set figures, the total and the unused packs (vignettes only). */
static int S_sets_json(json_t *root, const symcheck_eval_report *report) {
  json_t *sets = json_array();
  json_t *unused = json_array();
  for (size_t k = 0; sets != NULL && k < report->set_count; k++) {
    json_array_append_new(sets, eval_set_json(&report->sets[k]));
  }
  for (size_t k = 0; unused != NULL && k < report->unused_pack_count; k++) {
    json_array_append_new(unused, json_string(report->unused_packs[k]));
  }
  int rc = json_object_set_new(root, "sets", sets);
  rc |= json_object_set_new(root, "all",
                            report->set_count > 0 ? eval_set_json(&report->all) : json_null());
  rc |= json_object_set_new(root, "unused_packs", unused);
  return rc;
}

json_t *symcheck_eval_report_json(const symcheck_eval_report *report) {
  json_t *root = json_object();
  json_t *per = json_object();
  if (root == NULL || per == NULL) {
    json_decref(root);
    json_decref(per);
    return NULL;
  }
  for (size_t c = 0; c < report->condition_count; c++) {
    if (report->per_condition[c].n > 0) {
      json_object_set_new(per, report->condition_ids[c], S_metrics_json(&report->per_condition[c]));
    }
  }
  int rc = json_object_set_new(root, "overall", S_metrics_json(&report->overall));
  rc |= json_object_set_new(root, "per_condition", per);
  rc |= json_object_set_new(root, "ceiling", S_metrics_json(&report->ceiling));
  rc |= json_object_set_new(root, "reliability", S_reliability_json(&report->reliability));
  rc |= json_object_set_new(root, "cases", S_cases_json(report));
  rc |= S_sets_json(root, report);
  rc |= json_object_set_new(root, "folds", json_integer((json_int_t)report->folds));
  rc |= json_object_set_new(root, "threads", json_integer((json_int_t)report->threads));
  rc |= json_object_set_new(root, "max_questions", json_integer(report->max_questions));
  rc |= json_object_set_new(root, "notice", json_string(SYMCHECK_NOTICE));
  if (rc != 0) {
    json_decref(root);
    return NULL;
  }
  return root;
}

/* A growable text buffer for the SVG. */
typedef struct S_text {
  char *data;
  size_t length, capacity;
  bool failed;
} S_text;

static void S_printf(S_text *t, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void S_printf(S_text *t, const char *format, ...) {
  if (t->failed) {
    return;
  }
  for (;;) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(t->data + t->length, t->capacity - t->length, format, args);
    va_end(args);
    if (n < 0) {
      t->failed = true;
      return;
    }
    if ((size_t)n < t->capacity - t->length) {
      t->length += (size_t)n;
      return;
    }
    size_t capacity = (t->capacity + (size_t)n + 1) * 2;
    char *data = realloc(t->data, capacity);
    if (data == NULL) {
      t->failed = true;
      return;
    }
    t->data = data;
    t->capacity = capacity;
  }
}

/* Plot coordinates: a 400 x 400 square at (60, 20). */
static double S_x(double v) {
  return 60 + 400 * v;
}

static double S_y(double v) {
  return 420 - 400 * v;
}

static void S_svg_axes(S_text *t) {
  S_printf(t, "<rect x=\"60\" y=\"20\" width=\"400\" height=\"400\" fill=\"#fff\" "
              "stroke=\"#333\"/>\n");
  for (int i = 0; i <= 10; i += 2) {
    double v = i / 10.0;
    S_printf(t,
             "<text x=\"%.1f\" y=\"440\" font-size=\"12\" text-anchor=\"middle\">%.1f</text>\n"
             "<text x=\"52\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%.1f</text>\n",
             S_x(v), v, S_y(v) + 4, v);
  }
  S_printf(t,
           "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
           "stroke-dasharray=\"4 4\"/>\n"
           "<text x=\"260\" y=\"470\" font-size=\"14\" text-anchor=\"middle\">Top-1 probability "
           "given</text>\n<text x=\"16\" y=\"220\" font-size=\"14\" text-anchor=\"middle\" "
           "transform=\"rotate(-90 16 220)\">Fraction where top-1 was right</text>\n",
           S_x(0), S_y(0), S_x(1), S_y(1));
}

char *symcheck_eval_reliability_svg(const symcheck_eval_report *report) {
  const symcheck_eval_reliability *r = &report->reliability;
  S_text t = {.data = malloc(8192), .capacity = 8192};
  t.failed = t.data == NULL;
  S_printf(&t, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"520\" "
               "viewBox=\"0 0 500 520\" font-family=\"sans-serif\">\n<title>Reliability "
               "diagram</title>\n");
  S_svg_axes(&t);
  size_t total = 0;
  for (size_t b = 0; b < SYMCHECK_EVAL_BINS; b++) {
    total += r->count[b];
  }
  for (size_t b = 0; b < SYMCHECK_EVAL_BINS; b++) {
    if (r->count[b] == 0) {
      continue;
    }
    double from = (double)b / SYMCHECK_EVAL_BINS;
    S_printf(&t,
             "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab7\" "
             "fill-opacity=\"0.7\" stroke=\"#234\"><title>%zu cases: mean probability %.3f, "
             "right %.3f</title></rect>\n",
             S_x(from) + 2, S_y(r->accuracy[b]), 400.0 / SYMCHECK_EVAL_BINS - 4,
             400 * r->accuracy[b], r->count[b], r->confidence[b], r->accuracy[b]);
    S_printf(&t, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c33\"/>\n", S_x(r->confidence[b]),
             S_y(r->accuracy[b]));
  }
  S_printf(&t,
           "<text x=\"260\" y=\"495\" font-size=\"12\" text-anchor=\"middle\">%zu cases; "
           "bars: fraction right per bin; dots at the bin's mean probability; ECE %.4f</text>\n"
           "<text x=\"260\" y=\"512\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n</svg>\n",
           total, report->overall.ece, "Diagonal: perfect calibration.");
  if (t.failed) {
    free(t.data);
    return NULL;
  }
  return t.data;
}
