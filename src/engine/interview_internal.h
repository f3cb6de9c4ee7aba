/*
 * interview_internal.h - the private state of an interview, shared by the
 * files that implement it: interview.c (answers and posterior),
 * question.c (what to ask, when to stop), implied.c (answers other
 * answers imply), triage.c, result.c, answers_codec.c and json.c.
 */
#ifndef SYMCHECK_INTERVIEW_INTERNAL_H
#define SYMCHECK_INTERVIEW_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "pack_internal.h"

/* One finding's answer. */
typedef struct answer_slot {
  bool answered;                /* has an answer (possibly "unknown") */
  bool given;                   /* answered by the complaint itself */
  bool unknown;                 /* "don't know" */
  bool implied;                 /* implied by another answer (implied.c), never asked */
  size_t by_finding, by_option; /* when implied: the answer given (by the
                                   person or the complaint) that implied it */
  size_t option;                /* one-of answers */
  double number;                /* number answers: the raw number */
  bool *selected;               /* multi answers: option_count flags (into selected_pool) */
  bool *dont_know;              /* multi answers: items answered "don't know" (same pool) */
} answer_slot;

/* What question.c needs to score every candidate from sums instead of
   walking each one's deviations. A hypothesis is touched when it deviates
   for an answer that counts; every untouched one keeps its prior times
   one common factor (untouched_scale), so a variable's posterior sums are
   that factor times its prior sums plus corrections from the touched
   hypotheses alone. interview.c fills the first five fields. */
typedef struct gain_sums {
  bool *touched;        /* per hypothesis */
  size_t *touched_list; /* the touched hypotheses */
  size_t touched_count;
  double untouched_scale; /* posterior / prior of an untouched hypothesis */
  double *prior;          /* per hypothesis: the prior, exp(log_prior) */
  double *prior_sums;     /* per variable, at model sum_start: its sums under the prior */
  double *step_sums;      /* the same under the posterior */
  bool prior_ready;       /* prior_sums are computed */
  bool step_ready;        /* step_sums (or the decision not to use them) is current */
  bool usable;            /* step_sums are used at this step */
} gain_sums;

struct symcheck_interview {
  const symcheck_pack *pack;
  const symcheck_complaint *complaint;
  symcheck_profile profile;
  int max_questions;
  answer_slot *slots;  /* one per finding */
  bool *selected_pool; /* storage for every multi finding's flags */
  size_t *order;       /* answered findings (not given), in answer order */
  size_t order_count;
  size_t *implied; /* findings whose answer is implied (implied.c) */
  size_t implied_count;
  symcheck_stop_reason stop_reason; /* why the cached choice is NULL (question.c) */
  double *log_prior;                /* per hypothesis; -INFINITY outside the complaint */
  double *posterior;                /* per hypothesis, normalised; valid when !dirty */
  double *scratch;                  /* per hypothesis, scratch space (differential.c) */
  double *membership;               /* per condition: P(in the differential), differential.c;
                                       valid when membership_valid */
  bool membership_valid;
  double *shown; /* per hypothesis: what a result shows (differential.c);
                    valid when shown_valid */
  bool shown_valid;
  bool dirty;        /* answers changed since the posterior was computed */
  bool choice_valid; /* the cached next-question choice is current */
  const symcheck_finding *choice;
  double choice_gain;
  double *gain_bound;    /* per finding: question.c's bound on its gain */
  double *variable_mass; /* per model variable: question.c's bound on the
                            posterior mass that deviates for it */
  gain_sums sums;
};

/* Recomputes the posterior if answers changed. */
void interview_refresh(symcheck_interview *iv);
/* True when finding f may be asked or answered now: it applies to the
   person's age and sex, and its parent, if any, is answered with an option
   that allows it. */
bool interview_allows(const symcheck_interview *iv, const symcheck_finding *f);
/* True when the answer to f carries evidence (answered, not unknown, and its
   follow-up condition holds). */
bool interview_counts(const symcheck_interview *iv, const symcheck_finding *f);
/* True when item k of the multi finding f is answered "don't know": it
   carries no evidence (neither ticked nor denied). */
bool interview_item_unknown(const symcheck_interview *iv, const symcheck_finding *f, size_t k);
/* Empties slot s, keeping its multi flag storage. */
void interview_slot_reset(answer_slot *s);
/* Value index of variable k of finding f as answered (only when counted). */
size_t interview_variable_value(const symcheck_interview *iv, const symcheck_finding *f, size_t k);
/* Number of questions asked (answers not given by the complaint), the
   universal screen's excluded: what max_questions limits. */
size_t interview_questions_asked(const symcheck_interview *iv);
/* True when option k of f applies to the person (and f does). */
bool interview_option_applies(const symcheck_interview *iv, const symcheck_finding *f, size_t k);
/* True when red flag rf fires on the answers: its finding's answer is one
   of its options, its `also` finding's (if any) one of those, both
   findings apply to the person and the age is within min_age..max_age. */
bool interview_red_flag_fired(const symcheck_interview *iv, const symcheck_red_flag *rf);
/* The option of rf's finding that the person chose among rf's options (the
   one to name in a reason); rf->option when none is chosen. */
size_t interview_red_flag_answer(const symcheck_interview *iv, const symcheck_red_flag *rf);
/* Writes the answer to f in words ("yes", an option label, "a, b"). */
void interview_describe_answer(const symcheck_interview *iv, const symcheck_finding *f, char *buf,
                               size_t size);
/* The result without the answers for and against each condition (the
   costly part), for a step in the middle of an interview. Freed with
   symcheck_result_free; NULL only when out of memory. */
symcheck_result *interview_ranking(symcheck_interview *iv);
/* The askable finding with the largest information gain (ties: pack
   order), as the choice of the next question scores it, or NULL when none
   is askable; *gain receives its gain (-1 when none) and *scored how many
   candidates were scored rather than ruled out by their bound
   (question.c). */
const symcheck_finding *interview_best_question(symcheck_interview *iv, double *gain,
                                                size_t *scored);
/* Records an already-validated answer, then the answers it implies; marks
   state dirty. */
void interview_store(symcheck_interview *iv, const symcheck_finding *f, const symcheck_value *value,
                     bool given);
/* Clears finding i's answer and takes it out of the answer order. */
void interview_clear(symcheck_interview *iv, size_t i);
/* The band of a number answer x; -1 when it lies outside every band. */
int interview_number_band(const symcheck_finding *f, double x);

/* ---- implied answers (implied.c) ---- */

/* Recomputes every implied answer from the answers given (the complaint's
   and the person's), transitively; a "don't know" the person gave to a
   finding that another answer implies gives way to the implied answer. */
void interview_derive_implied(symcheck_interview *iv);
/* Whether answering f with v agrees with the implied answers: 0 when it
   does, 1 when f's answer is already implied as v (nothing to store), -1
   when it contradicts one (f's own implied answer, or an answer v would
   imply); then, when why is not NULL, a sentence naming the answer that
   implied it is written there. */
int interview_check_implied(const symcheck_interview *iv, const symcheck_finding *f,
                            const symcheck_value *v, char *why, size_t size);

#endif
