/*
 * evaluate_internal.h - what the evaluation files share: one measured case
 * (a sample), and turning samples into the report's figures. Used by
 * evaluate.c (DDXPlus replay), vignette.c (vignette replay) and
 * evaluate_report.c (aggregation, JSON, SVG).
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

#endif
