/*
 * evaluate_internal.h - what the evaluation files share: one measured case
 * (a sample), and turning samples into the report's figures. Used by
 * evaluate.c (DDXPlus replay), vignette.c and vignette_files.c (vignette replay),
 * evaluate_triage.c (per-set triage and coverage) and evaluate_report.c
 * (aggregation, JSON, SVG).
 */
#ifndef SYMCHECK_EVALUATE_INTERNAL_H
#define SYMCHECK_EVALUATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "symcheck_eval.h"

/* One replayed case. A figure that does not apply to it is NaN. */
typedef struct eval_sample {
  size_t condition; /* pack index of the true condition */
  double top1, top3, top5, gtpa, il, per, pep, ddr, ddp, ddf1;
  double rule_in, rule_out;
  double confidence; /* top-1 probability */
  double correct;    /* 1 when top-1 is the true condition */
  double brier;
  double safe;
  double screen; /* questions of the universal screen asked (not in il) */
  /* triage against the true level (DDXPlus: the true condition's urgency;
     vignettes: the lowest safe level): 1 or 0 */
  double under, over;
  double emergency_missed; /* true level emergency or more, given less; NaN otherwise */
} eval_sample;

/* Sets the triage figures of s from the level given and the true one. */
void eval_sample_triage(eval_sample *s, symcheck_level given, symcheck_level truth);

/* A sample with every figure NaN. */
eval_sample eval_sample_empty(void);

/* Figures over the samples whose condition is `condition` (all samples
   when condition is SIZE_MAX); `seconds` is the replay CPU time, 0 when
   not measured. Fills rel when not NULL. */
void eval_aggregate(const eval_sample *samples, size_t n, size_t condition, double seconds,
                    symcheck_eval_metrics *out, symcheck_eval_reliability *rel);

/* A report with per-condition slots for conditions ids[0..n), all figures
   NaN. NULL when out of memory. */
symcheck_eval_report *eval_report_new(const char *const *ids, size_t n);
/* The same for every condition of a pack, in pack order. */
symcheck_eval_report *eval_report_for_pack(const symcheck_pack *pack);

/* Fills overall, per-condition and reliability from samples. */
void eval_report_fill(symcheck_eval_report *report, const eval_sample *samples, size_t n,
                      double seconds);

/* The vignette files of an evaluation, each with its set (folder). */
typedef struct eval_files {
  char **path;
  char **set;
  size_t count, capacity;
  bool failed; /* out of memory: the list is incomplete */
} eval_files;

/* Adds the *.yaml files of dir (set `top`) and, down to `depth` levels, of
   its sub-folders (set: their path below dir), each folder's files in name
   order before its sub-folders. An unreadable folder adds nothing. The
   caller frees the list with eval_files_free. */
void eval_files_walk(eval_files *files, const char *dir, const char *top, int depth);
void eval_files_free(eval_files *files);

/* The last component of path dir (trailing slashes ignored), into out. */
void eval_files_top_name(const char *dir, char *out, size_t size);

/* Counts one replayed vignette into a set's triage and coverage figures
   (questions are summed; eval_sets_build turns them into means). */
void eval_set_add(symcheck_eval_set *set, const symcheck_eval_case *c);

/* Fills report->sets (one per distinct case set, in case order; the array
   must hold case_count entries) and report->all from report->cases. */
int eval_sets_build(symcheck_eval_report *report);

/* part / whole, NaN when whole is 0. */
double eval_share(size_t part, size_t whole);

/* A set as JSON: its counts and a "rates" object (null where no case). New
   reference; NULL when out of memory. */
json_t *eval_set_json(const symcheck_eval_set *set);

#endif
