/*
 * rule_out.h - ruling out the dangerous conditions before the interview
 * stops: which question to ask for them (question.c), and afterwards which
 * answers ruled which of them out (result.c).
 */
#ifndef SYMCHECK_RULE_OUT_H
#define SYMCHECK_RULE_OUT_H

#include "interview_internal.h"

/* The askable finding with the largest expected information about "is it
   condition c or not" for a condition c of urgency emergency or ambulance
   for the person (symcheck_condition_urgency) that sits between the pack's rule_out_floor and its
   escalation threshold, among findings with an answer that would move c above the threshold or
   below the floor. NULL when there is none; *gain gets its information
   (bits). The finding lives as long as the pack. */
const symcheck_finding *rule_out_question(symcheck_interview *iv, double *gain);

/* Fills r->ruled_out: every emergency or ambulance condition of the
   complaint now below its escalation threshold that the questions asked
   at least halved from at least the floor, with the answered findings that
   lowered it most. The list is malloc'd and freed by symcheck_result_free.
   Returns 0, or -1 when out of memory. */
int rule_out_list(symcheck_interview *iv, symcheck_result *r);

#endif
