/*
 * differential.h - the differential model of a pack (differential.yaml,
 * model.h): which conditions belong in the differential given the answers,
 * and the probabilities a result shows. Used by result.c and evaluate.c;
 * the model is compiled at load by src/pack/differential_build.c.
 */
#ifndef SYMCHECK_DIFFERENTIAL_H
#define SYMCHECK_DIFFERENTIAL_H

#include "interview_internal.h"

/* The log-odds that each condition k is in the differential when c is the
   diagnosis, given the answers, into z (condition_count entries). The pack
   must have a differential model. */
void differential_log_odds(const symcheck_interview *iv, size_t c, double *z);

/* P(condition k is in the differential | answers), for every condition of
   the pack in pack order (0 outside the complaint), into out; computed
   once per set of answers (cached in the interview). The pack must have a
   differential model. */
void differential_membership(symcheck_interview *iv, double *out);

/*
 * The probability shown for each hypothesis (conditions in pack order, then
 * "something else"; model.hypotheses entries), owned by the interview and
 * valid until its answers change; computed once per set of answers.
 * Without a differential model it is the diagnosis posterior. With one, every kept
 * condition (membership >= keep) is shown at least shown_floor likely and
 * the others keep the posterior's proportions: out = max(s * posterior,
 * floor) for kept conditions, s * posterior for the rest, with s <= 1 such
 * that the total is 1. The order of the posterior is kept above the floor.
 */
const double *differential_shown(symcheck_interview *iv);

/* True when a shown probability is at or below the floor of the pack's
   differential model (shown_floor, where every kept condition is raised
   to, within the rounding of the normalisation): a result does not list
   such a condition nor name it in a reason. Always false for a pack
   without a differential model, whose posterior has no floor. Never
   fails. */
bool differential_at_floor(const symcheck_pack *pack, double shown);

/* The unanswered, askable finding whose answer is expected to reduce most
   the uncertainty of the differential (differential_question.c), and that
   reduction in bits into gain; NULL (gain 0) when none reduces it by
   min_gain bits or more, the pack has no differential model or memory runs
   out. */
const symcheck_finding *differential_best_question(symcheck_interview *iv, double min_gain,
                                                   double *gain);

#endif
