/*
 * evaluate.c - replays DDXPlus patients through the real interview and
 * measures the result, as the DDXPlus papers do.
 *
 * Each patient starts the complaint of its initial evidence with its age and
 * sex; every question the engine asks is answered from the record (an
 * evidence not in it takes its default; a categorical or multi-choice
 * evidence gives its whole value in one answer) until the engine stops or
 * max_questions were asked. The ceiling replays the same patient with every
 * evidence given. With folds, each fold is diagnosed by a pack fitted on the
 * other folds, written to a temporary folder and loaded by the real loader,
 * so no patient's record shapes the model that diagnoses it. Patients are
 * shared among threads; the loaded pack is read-only and shared.
 *
 * Per case: PER is the share of the patient's positive evidences (those
 * that differ from their default, the initial one excluded) that were
 * asked; PEP the share of questions asked that hit one. The differential is
 * the set of conditions with probability >= 0.01, compared with the
 * patient's differential at the same threshold (DDR recall, DDP precision,
 * DDF1 their harmonic mean per case). Severe rule-in: the share of severe
 * pathologies (severity <= 2) in the patient's differential that ours
 * keeps; rule-out: the share of the other severe ones that ours leaves out.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddxplus.h"
#include "differential.h"
#include "evaluate_internal.h"

#define S_DIFFERENTIAL_THRESHOLD 0.01

symcheck_eval_options symcheck_eval_defaults(void) {
  symcheck_eval_options o;
  memset(&o, 0, sizeof o);
  o.max_questions = 30;
  o.threads = 1;
  o.fit = symcheck_fit_defaults();
  return o;
}

/* How the data set's codes map onto a loaded pack. */
typedef struct S_map {
  const symcheck_finding **finding;     /* per evidence, or NULL */
  size_t *option;                       /* per evidence value (slot-like) */
  size_t *option_start;                 /* per evidence: first entry in option */
  long *evidence_of;                    /* per pack finding: evidence, or -1 */
  long *condition;                      /* per data condition: pack index, or -1 */
  const symcheck_complaint **complaint; /* per evidence, or NULL */
} S_map;

static void S_map_free(S_map *m) {
  free(m->finding);
  free(m->option);
  free(m->option_start);
  free(m->evidence_of);
  free(m->condition);
  free(m->complaint);
}

static int S_map_evidence(const symcheck_ddxplus *data, const symcheck_pack *pack, S_map *m,
                          size_t e, size_t *next) {
  const ddx_evidence *ev = &data->evidences[e];
  char slug[64];
  ddx_slug(ev->code, '-', slug, sizeof slug);
  m->complaint[e] = symcheck_pack_find_complaint(pack, slug);
  m->option_start[e] = *next;
  const symcheck_finding *f = symcheck_pack_find_finding(pack, ev->id);
  if (f == NULL) {
    return 0;
  }
  m->finding[e] = f;
  m->evidence_of[f->index] = (long)e;
  for (size_t v = 0; v < ev->value_count; v++) {
    int o = symcheck_finding_option(f, ev->values[v].id);
    if (o < 0) {
      return -1;
    }
    m->option[(*next)++] = (size_t)o;
  }
  return 0;
}

static int S_map_build(const symcheck_ddxplus *data, const symcheck_pack *pack, S_map *m,
                       symcheck_error *err) {
  size_t values = 0;
  for (size_t e = 0; e < data->evidence_count; e++) {
    values += data->evidences[e].value_count;
  }
  size_t nf = symcheck_pack_finding_count(pack);
  m->finding = calloc(data->evidence_count + 1, sizeof *m->finding);
  m->option = calloc(values + 1, sizeof *m->option);
  m->option_start = calloc(data->evidence_count + 1, sizeof *m->option_start);
  m->evidence_of = calloc(nf + 1, sizeof *m->evidence_of);
  m->condition = calloc(data->condition_count + 1, sizeof *m->condition);
  m->complaint = calloc(data->evidence_count + 1, sizeof *m->complaint);
  if (m->finding == NULL || m->option == NULL || m->option_start == NULL ||
      m->evidence_of == NULL || m->condition == NULL || m->complaint == NULL) {
    error_set(err, NULL, 0, "", "out of memory");
    return -1;
  }
  for (size_t i = 0; i < nf; i++) {
    m->evidence_of[i] = -1;
  }
  size_t next = 0;
  for (size_t e = 0; e < data->evidence_count; e++) {
    if (S_map_evidence(data, pack, m, e, &next) != 0) {
      error_set(err, "findings.yaml", 0, data->evidences[e].id,
                "the pack's finding %s lacks an option of DDXPlus evidence %s",
                data->evidences[e].id, data->evidences[e].code);
      return -1;
    }
  }
  for (size_t c = 0; c < data->condition_count; c++) {
    const symcheck_condition *cond = symcheck_pack_find_condition(pack, data->conditions[c].id);
    m->condition[c] = cond != NULL ? (long)cond->index : -1;
  }
  return 0;
}

/* Everything a worker needs; results go into samples[i] / ceiling[i]. */
typedef struct S_job {
  const symcheck_ddxplus *data;
  const symcheck_pack *pack;
  const S_map *map;
  const size_t *patients; /* indexes into data->patients */
  size_t count;
  size_t thread, threads;
  int max_questions;
  void (*observe)(symcheck_interview *, void *);
  void *observe_context;
  eval_sample *samples, *ceiling;
  double seconds; /* CPU time spent replaying interviews */
  int failed;
} S_job;

/* The patient's answer to finding f (of evidence e). */
/* The patient's answer to evidence e. The synthetic patients do not always
   fit the pack's rules of who is asked what (a child who smokes, a body site
   of the other sex): what the person could not be asked is left out, so an
   option that does not apply to them is not chosen, and a finding or a
   one-of answer that does not apply becomes "don't know". */
static void S_answer(const S_job *job, const ddx_patient *pt, size_t e, bool *selected,
                     symcheck_value *value) {
  const ddx_evidence *ev = &job->data->evidences[e];
  const symcheck_finding *f = job->map->finding[e];
  const size_t *options = job->map->option + job->map->option_start[e];
  const int age = pt->age > 120 ? 120 : pt->age;
  const symcheck_sex sex = pt->sex;
  memset(value, 0, sizeof *value);
  if (!symcheck_finding_applies(f, age, sex)) {
    value->unknown = true;
  } else if (ev->kind == DDX_YES_NO) {
    value->option = pt->choice[e];
  } else if (ev->kind == DDX_SINGLE) {
    value->option = options[pt->choice[e]];
    value->unknown = !symcheck_option_applies(f, value->option, age, sex);
  } else {
    memset(selected, 0, f->option_count * sizeof *selected);
    for (size_t v = 0; v < ev->value_count; v++) {
      selected[options[v]] =
          pt->selected[ev->slot + v] != 0 && symcheck_option_applies(f, options[v], age, sex);
    }
    value->selected = selected;
  }
}

static double S_cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Figures of one case from the posterior over the pack's conditions. */
static void S_score(const S_job *job, const ddx_patient *pt, const double *posterior, double other,
                    eval_sample *s) {
  const symcheck_ddxplus *data = job->data;
  const long truth = job->map->condition[pt->pathology];
  const size_t nc = data->condition_count;
  s->condition = truth >= 0 ? (size_t)truth : SIZE_MAX;
  double p_true = truth >= 0 ? posterior[truth] : 0;
  size_t above = 0, hit = 0, predicted = 0, severe_in = 0, severe_kept = 0, severe_out = 0,
         severe_left = 0;
  double brier = other * other, top = -1;
  long best = -1;
  for (size_t c = 0; c < nc; c++) {
    long k = job->map->condition[c];
    double p = k >= 0 ? posterior[k] : 0;
    bool in_truth = false;
    for (size_t d = 0; d < pt->differential_count; d++) {
      in_truth = in_truth || pt->differential[d] == c;
    }
    bool in_ours = p >= S_DIFFERENTIAL_THRESHOLD;
    above += (c != pt->pathology && (p > p_true || (p == p_true && c < pt->pathology))) ? 1 : 0;
    predicted += in_ours ? 1 : 0;
    hit += in_ours && in_truth ? 1 : 0;
    if (data->conditions[c].severity <= 2) {
      severe_in += in_truth ? 1 : 0;
      severe_kept += in_truth && in_ours ? 1 : 0;
      severe_out += in_truth ? 0 : 1;
      severe_left += !in_truth && !in_ours ? 1 : 0;
    }
    double y = c == pt->pathology ? 1 : 0;
    brier += (p - y) * (p - y);
    if (p > top) {
      top = p;
      best = (long)c;
    }
  }
  s->top1 = above < 1 ? 1 : 0;
  s->top3 = above < 3 ? 1 : 0;
  s->top5 = above < 5 ? 1 : 0;
  s->gtpa = p_true;
  if (pt->differential_count > 0) {
    s->ddr = (double)hit / (double)pt->differential_count;
    s->ddp = predicted > 0 ? (double)hit / (double)predicted : 0;
    s->ddf1 = s->ddr + s->ddp > 0 ? 2 * s->ddr * s->ddp / (s->ddr + s->ddp) : 0;
  }
  s->rule_in = severe_in > 0 ? (double)severe_kept / (double)severe_in : NAN;
  s->rule_out = severe_out > 0 ? (double)severe_left / (double)severe_out : NAN;
  s->confidence = top;
  s->correct = best == (long)pt->pathology ? 1 : 0;
  s->brier = brier;
}

/* The interview as the papers replay it. Returns 0 or -1. */
static int S_replay(S_job *job, const ddx_patient *pt, symcheck_interview *iv, bool *selected,
                    eval_sample *s) {
  size_t asked = 0, screen = 0, hits = 0, positives = 0;
  const size_t limit = symcheck_pack_finding_count(job->pack);
  while (!symcheck_interview_should_stop(iv) && asked + screen < limit) {
    const symcheck_finding *f = symcheck_interview_next(iv);
    if (f == NULL) {
      break;
    }
    if (job->observe != NULL) {
      job->observe(iv, job->observe_context);
    }
    long e = job->map->evidence_of[f->index];
    symcheck_value value = {.unknown = true};
    if (e >= 0) {
      S_answer(job, pt, (size_t)e, selected, &value);
      hits += pt->positive[e] ? 1 : 0;
    }
    if (symcheck_interview_answer_value(iv, f->index, &value) != 0) {
      return -1;
    }
    /* the universal screen is reported apart, so IL stays comparable with
       the papers' (which have no screen) */
    screen += f->universal_screen ? 1 : 0;
    asked += f->universal_screen ? 0 : 1;
  }
  if (job->observe != NULL) {
    job->observe(iv, job->observe_context);
  }
  for (size_t e = 0; e < job->data->evidence_count; e++) {
    positives += pt->positive[e] && e != pt->initial ? 1 : 0;
  }
  s->il = (double)asked;
  s->screen = (double)screen;
  s->per = positives > 0 ? (double)hits / (double)positives : NAN;
  s->pep = asked > 0 ? (double)hits / (double)asked : NAN;
  return 0;
}

/* Every evidence given: roots first, then follow-ups their parent allows. */
static int S_give_all(S_job *job, const ddx_patient *pt, symcheck_interview *iv, bool *selected) {
  for (int pass = 0; pass < 2; pass++) {
    for (size_t e = 0; e < job->data->evidence_count; e++) {
      const ddx_evidence *ev = &job->data->evidences[e];
      if (job->map->finding[e] == NULL || e == pt->initial || (ev->parent >= 0) != (pass == 1) ||
          (ev->parent >= 0 && pt->choice[ev->parent] != 0)) {
        continue;
      }
      symcheck_value value;
      S_answer(job, pt, e, selected, &value);
      const symcheck_finding *f = job->map->finding[e];
      if (value.unknown || (f->parent != NULL && !symcheck_interview_is_answered(iv, f->parent)) ||
          symcheck_interview_implied_by(iv, f, NULL, NULL)) {
        continue; /* not asked of this person, its parent was not, or implied */
      }
      if (symcheck_interview_answer_value(iv, job->map->finding[e]->index, &value) != 0) {
        return -1;
      }
    }
  }
  return 0;
}

/* A patient the pack cannot interview (no complaint for its initial
   evidence) counts as a miss, not as absent. */
static void S_missed(const S_job *job, const ddx_patient *pt, eval_sample *s) {
  const long truth = job->map->condition[pt->pathology];
  s->condition = truth >= 0 ? (size_t)truth : SIZE_MAX;
  s->top1 = s->top3 = s->top5 = s->gtpa = s->correct = 0;
}

/* The pack's condition for the patient's pathology, or NULL. */
static const symcheck_condition *S_true_condition(const S_job *job, const ddx_patient *pt) {
  long truth = job->map->condition[pt->pathology];
  return truth >= 0 ? symcheck_pack_condition(job->pack, (size_t)truth) : NULL;
}

static int S_run_case(S_job *job, size_t i, double *posterior, bool *selected) {
  const ddx_patient *pt = &job->data->patients[job->patients[i]];
  const symcheck_complaint *complaint = job->map->complaint[pt->initial];
  symcheck_profile profile = {.age = pt->age > 120 ? 120 : pt->age, .sex = pt->sex};
  eval_sample *s = &job->samples[i], *ceiling = &job->ceiling[i];
  *s = *ceiling = eval_sample_empty();
  if (complaint == NULL) {
    S_missed(job, pt, s);
    S_missed(job, pt, ceiling);
    return 0;
  }
  double start = S_cpu_seconds();
  symcheck_interview *iv = symcheck_interview_new(job->pack, complaint->id, &profile, NULL);
  if (iv == NULL) {
    return -1;
  }
  symcheck_interview_set_max_questions(iv, job->max_questions);
  int rc = S_replay(job, pt, iv, selected, s);
  const symcheck_condition *truth = S_true_condition(job, pt);
  if (truth != NULL) {
    eval_sample_triage(s, symcheck_interview_triage(iv).level, truth->urgency);
  }
  memcpy(posterior, differential_shown(iv), job->pack->model.hypotheses * sizeof *posterior);
  double other = posterior[symcheck_pack_condition_count(job->pack)];
  symcheck_interview_free(iv);
  iv = NULL;
  job->seconds += S_cpu_seconds() - start;
  if (rc == 0) {
    S_score(job, pt, posterior, other, s);
    iv = symcheck_interview_new(job->pack, complaint->id, &profile, NULL);
    rc = iv != NULL ? S_give_all(job, pt, iv, selected) : -1;
  }
  if (rc == 0) {
    memcpy(posterior, differential_shown(iv), job->pack->model.hypotheses * sizeof *posterior);
    other = posterior[symcheck_pack_condition_count(job->pack)];
    S_score(job, pt, posterior, other, ceiling);
    ceiling->il =
        (double)(symcheck_interview_answer_count(iv) - symcheck_interview_screen_asked(iv));
  }
  symcheck_interview_free(iv);
  return rc;
}

static void *S_worker(void *arg) {
  S_job *job = arg;
  double *posterior = calloc(symcheck_pack_condition_count(job->pack) + 1, sizeof *posterior);
  size_t max_options = 1;
  for (size_t f = 0; f < symcheck_pack_finding_count(job->pack); f++) {
    size_t n = symcheck_pack_finding(job->pack, f)->option_count;
    max_options = n > max_options ? n : max_options;
  }
  bool *selected = calloc(max_options, sizeof *selected);
  job->failed = posterior == NULL || selected == NULL;
  for (size_t i = job->thread; !job->failed && i < job->count; i += job->threads) {
    job->failed = S_run_case(job, i, posterior, selected) != 0;
  }
  free(posterior);
  free(selected);
  return NULL;
}

/* True when the pack has the complaint of at least one of the patients;
   else false with err saying the pack does not fit the data (a report of
   zeros would look like a measurement). */
static bool S_fits_any(const symcheck_ddxplus *data, const symcheck_pack *pack, const S_map *map,
                       const size_t *patients, size_t count, symcheck_error *err) {
  for (size_t i = 0; i < count; i++) {
    if (map->complaint[data->patients[patients[i]].initial] != NULL) {
      return true;
    }
  }
  error_set(err, NULL, 0, "",
            "the pack '%s' fits none of the %zu patients: none of their complaints (initial "
            "evidence) is a complaint of the pack; give the pack fitted from this data set, "
            "e.g. --pack packs/ddxplus, or --folds K to fit one",
            symcheck_pack_get_info(pack)->id, count);
  return false;
}

/* Replays patients[0..count) through pack with `threads` threads. */
static int S_replay_all(const symcheck_ddxplus *data, const symcheck_pack *pack,
                        const size_t *patients, size_t count, const symcheck_eval_options *o,
                        eval_sample *samples, eval_sample *ceiling, double *seconds,
                        symcheck_error *err) {
  S_map map;
  memset(&map, 0, sizeof map);
  if (S_map_build(data, pack, &map, err) != 0) {
    S_map_free(&map);
    return -1;
  }
  if (!S_fits_any(data, pack, &map, patients, count, err)) {
    S_map_free(&map);
    return -1;
  }
  size_t threads = o->threads < 1 ? 1 : o->threads > 256 ? 256 : o->threads;
  S_job jobs[256];
  pthread_t ids[256];
  bool started[256] = {false};
  for (size_t t = 0; t < threads; t++) {
    jobs[t] = (S_job){.data = data,
                      .pack = pack,
                      .map = &map,
                      .patients = patients,
                      .count = count,
                      .thread = t,
                      .threads = threads,
                      .max_questions = o->max_questions,
                      .observe = o->observe,
                      .observe_context = o->observe_context,
                      .samples = samples,
                      .ceiling = ceiling};
    if (threads == 1) {
      S_worker(&jobs[t]);
    } else {
      started[t] = pthread_create(&ids[t], NULL, S_worker, &jobs[t]) == 0;
      jobs[t].failed = !started[t];
    }
  }
  int failed = 0;
  for (size_t t = 0; t < threads; t++) {
    if (started[t]) {
      pthread_join(ids[t], NULL);
    }
    failed |= jobs[t].failed;
    *seconds += jobs[t].seconds;
  }
  S_map_free(&map);
  if (failed) {
    error_set(err, NULL, 0, "",
              "an interview could not be replayed (out of memory or a "
              "pack that does not match the data)");
    return -1;
  }
  return 0;
}

/* Removes a temporary pack folder written by the fit, with every file in
   it: whatever the fitter writes (pack files, sources.yaml, README), no
   list here has to follow it. The fit writes no sub-folder. */
static void S_remove_pack(const char *dir) {
  DIR *d = opendir(dir);
  if (d != NULL) {
    char path[1024 + 2 + 256]; /* the folder (S_fold_pack), a slash, a name */
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
      if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        unlink(path);
      }
    }
    closedir(d);
  }
  rmdir(dir);
}

/* Fits a pack without fold `fold` and loads it. */
static symcheck_pack *S_fold_pack(const symcheck_ddxplus *data, const symcheck_eval_options *o,
                                  size_t fold, symcheck_error *err) {
  const char *tmp = getenv("TMPDIR");
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/symcheck-fold-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    error_set(err, dir, 0, "", "cannot create a temporary folder for the fold's pack");
    return NULL;
  }
  symcheck_fit_options fit = o->fit;
  fit.folds = o->folds;
  fit.exclude_fold = fold;
  symcheck_pack *pack = NULL;
  if (symcheck_ddxplus_write_pack(data, &fit, dir, err) == 0) {
    symcheck_diagnostics diagnostics = {0};
    pack = symcheck_pack_load(dir, &diagnostics);
    if (pack == NULL) {
      if (diagnostics.count > 0) {
        *err = diagnostics.items[0];
      } else {
        error_set(err, dir, 0, "", "the fitted pack does not load");
      }
    }
    symcheck_diagnostics_free(&diagnostics);
  }
  S_remove_pack(dir);
  return pack;
}

/* The patients to evaluate in `fold` (all when folds < 2), up to limit. */
static size_t S_select(const symcheck_ddxplus *data, const symcheck_eval_options *o, size_t fold,
                       size_t *out) {
  size_t n = 0;
  size_t total = o->limit > 0 && o->limit < data->patient_count ? o->limit : data->patient_count;
  for (size_t i = 0; i < total; i++) {
    if (o->folds < 2 || symcheck_ddxplus_fold(data, i, o->folds) == fold) {
      out[n++] = i;
    }
  }
  return n;
}

static int S_run_folds(const symcheck_ddxplus *data, const symcheck_pack *pack,
                       const symcheck_eval_options *o, size_t *patients, eval_sample *samples,
                       eval_sample *ceiling, double *seconds, symcheck_error *err) {
  size_t done = 0;
  size_t folds = o->folds < 2 ? 1 : o->folds;
  for (size_t k = 0; k < folds; k++) {
    size_t n = S_select(data, o, k, patients + done);
    if (n == 0) {
      continue;
    }
    symcheck_pack *fold_pack = o->folds < 2 ? (symcheck_pack *)pack : S_fold_pack(data, o, k, err);
    if (fold_pack == NULL) {
      return -1;
    }
    int rc = S_replay_all(data, fold_pack, patients + done, n, o, samples + done, ceiling + done,
                          seconds, err);
    if (fold_pack != pack) {
      symcheck_pack_free(fold_pack);
    }
    if (rc != 0) {
      return -1;
    }
    done += n;
  }
  return (int)done;
}

/* A report over the data set's conditions, in the order fitted packs use. */
static symcheck_eval_report *S_data_report(const symcheck_ddxplus *data) {
  const char **ids = calloc(data->condition_count + 1, sizeof *ids);
  if (ids == NULL) {
    return NULL;
  }
  for (size_t c = 0; c < data->condition_count; c++) {
    ids[c] = data->conditions[c].id;
  }
  symcheck_eval_report *report = eval_report_new(ids, data->condition_count);
  free(ids);
  return report;
}

/* The overlay the packs were fitted with (options->fit.clinical, else the
   pack folder's clinical.yaml when there is one), read into *clinical, and
   the lay view of the data under it, so patients answer in the pack's lay
   options. Returns 0 with both NULL when there is no overlay (the data's
   own options are used), or -1 with err saying what failed. */
static int S_view(const symcheck_ddxplus *data, const symcheck_pack *pack,
                  const symcheck_eval_options *o, ddx_clinical **clinical, symcheck_ddxplus **view,
                  symcheck_error *err) {
  char path[1100] = "";
  if (o->fit.clinical != NULL) {
    snprintf(path, sizeof path, "%s", o->fit.clinical);
  } else if (pack != NULL && o->folds < 2 && pack->info.dir != NULL) {
    snprintf(path, sizeof path, "%s/clinical.yaml", pack->info.dir);
    if (access(path, R_OK) != 0) {
      path[0] = '\0';
    }
  }
  *clinical = NULL;
  *view = NULL;
  if (path[0] == '\0') {
    return 0;
  }
  *clinical = ddx_clinical_load(data, path, err);
  *view = *clinical != NULL ? ddx_view_new(data, *clinical) : NULL;
  if (*clinical != NULL && *view == NULL) {
    error_set(err, NULL, 0, "", "out of memory applying the clinical overlay");
  }
  return *view != NULL ? 0 : -1;
}

symcheck_eval_report *symcheck_eval_ddxplus(const symcheck_ddxplus *data, const symcheck_pack *pack,
                                            const symcheck_eval_options *options,
                                            symcheck_error *err) {
  if (data->patient_count == 0 || (pack == NULL && options->folds < 2) ||
      options->max_questions < 1) {
    error_set(err, NULL, 0, "",
              "nothing to evaluate: no patients, no pack and no folds, or "
              "max_questions below 1");
    return NULL;
  }
  ddx_clinical *clinical = NULL;
  symcheck_ddxplus *view = NULL;
  if (S_view(data, pack, options, &clinical, &view, err) != 0) {
    ddx_clinical_free(clinical);
    return NULL;
  }
  data = view != NULL ? view : data;
  size_t n = data->patient_count;
  size_t *patients = calloc(n, sizeof *patients);
  eval_sample *samples = calloc(n, sizeof *samples);
  eval_sample *ceiling = calloc(n, sizeof *ceiling);
  symcheck_eval_report *report = NULL;
  double seconds = 0;
  int done = patients != NULL && samples != NULL && ceiling != NULL
                 ? S_run_folds(data, pack, options, patients, samples, ceiling, &seconds, err)
                 : -1;
  if (done >= 0) {
    report = options->folds < 2 ? eval_report_for_pack(pack) : S_data_report(data);
  }
  if (report != NULL) {
    eval_report_fill(report, samples, (size_t)done, seconds);
    eval_aggregate(ceiling, (size_t)done, SIZE_MAX, 0, &report->ceiling, NULL);
    report->folds = options->folds < 2 ? 0 : options->folds;
    report->threads = options->threads < 1 ? 1 : options->threads;
    report->max_questions = options->max_questions;
  } else if (done >= 0 && err != NULL && err->message[0] == '\0') {
    error_set(err, NULL, 0, "", "out of memory");
  }
  free(patients);
  free(samples);
  free(ceiling);
  symcheck_ddxplus_free(view);
  ddx_clinical_free(clinical);
  return report;
}
