/*
 * differential.h - the differential model of a pack (differential.yaml,
 * model.h): which conditions belong in the differential given the answers,
 * and the probabilities a result shows. Used by model.c (at load),
 * result.c and evaluate.c.
 */
#ifndef SYMCHECK_DIFFERENTIAL_H
#define SYMCHECK_DIFFERENTIAL_H

#include "interview_internal.h"

/* Fills the expected value of every token under every condition from the
   model's tables. Call after the tables are built; a pack without a
   differential model is left alone. */
void differential_build(symcheck_pack *pack);

/* P(condition k is in the differential | answers), for every condition of
   the pack in pack order (0 outside the complaint), into out. The pack
   must have a differential model. */
void differential_membership(symcheck_interview *iv, double *out);

/*
 * The probability shown for each hypothesis (conditions in pack order, then
 * "something else"), into out (model.hypotheses entries). Without a
 * differential model it is the diagnosis posterior. With one, every kept
 * condition (membership >= keep) is shown at least shown_floor likely and
 * the others keep the posterior's proportions: out = max(s * posterior,
 * floor) for kept conditions, s * posterior for the rest, with s <= 1 such
 * that the total is 1. The order of the posterior is kept above the floor.
 */
void differential_shown(symcheck_interview *iv, double *out);

#endif
