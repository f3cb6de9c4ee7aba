/*
 * explain.c - why a condition is on the list.
 *
 * Each answer's weight for condition c is its log-likelihood ratio
 *   log P(answer | c) - log P(answer | not c),
 * where "not c" is the other hypotheses of the complaint weighted by their
 * priors. It says how strongly that answer alone moves c against the rest,
 * independent of the other answers. The marginal sum over all hypotheses is
 * computed once per answer from the sparse model (the background times the
 * prior mass, corrected by the hypotheses that deviate), so explaining
 * costs O(answers x (deviations + conditions explained)), not
 * O(answers x hypotheses x conditions). A result explains its first
 * SYMCHECK_RESULT_EXPLAINED conditions; symcheck_result_explain any other.
 *
 * Only answers count that the person gave or that an answer implied
 * (interview_counts: never a finding not asked); the complaint's own
 * answers (and what they imply) may argue for a condition, never against
 * it: everyone who chose the complaint has them. Each reason carries how
 * strongly it points (symcheck_strength_word) and, when implied, the
 * answer that implied it. A condition the differential model shows only
 * at its floor is not explained (its lists stay empty): nothing names it
 * as a reason.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "differential.h"
#include "explain.h"
#include "interview_internal.h"

enum { S_MAX_LISTED = 8 };
static const double S_MIN_WEIGHT = 0.05;
/* Likelihood ratios from which an answer points "strongly" (5, or 1/5)
   and "somewhat" (2, or 1/2) one way; below, "slightly". Jaeschke R,
   Guyatt GH, Sackett DL. Users' guides to the medical literature III B.
   JAMA 1994;271(9):703-7, doi:10.1001/jama.1994.03510330081039: ratios
   above 10 or below 0.1 cause large changes, 5-10 and 0.1-0.2 moderate
   ones, 2-5 and 0.2-0.5 small ones; 1-2 and 0.5-1 rarely matter. */
static const double S_STRONG_RATIO = 5.0;
static const double S_SOMEWHAT_RATIO = 2.0;

const char *symcheck_strength_word(double weight) {
  const double w = fabs(weight);
  return w >= log(S_STRONG_RATIO)     ? "strongly"
         : w >= log(S_SOMEWHAT_RATIO) ? "somewhat"
                                      : "slightly";
}

void symcheck_evidence_words(const symcheck_evidence *e, char *buf, size_t size) {
  int n = snprintf(buf, size, "Points %s %s it", symcheck_strength_word(e->weight),
                   e->weight >= 0.0 ? "towards" : "away from");
  if (e->implied_by != NULL && n >= 0 && (size_t)n < size) {
    const symcheck_finding *by = e->implied_by;
    char label[512];
    snprintf(buf + n, size - (size_t)n, "; implied by your answer to \"%s\": %s", by->name,
             by->type == SYMCHECK_ANSWER_YES_NO
                 ? (e->implied_option == 0 ? "yes" : "no")
                 : symcheck_option_label_for(by, e->implied_option, e->age, label, sizeof label));
  }
}

/* One answered variable, P(its answer) summed over all hypotheses, and
   the answer in words (described once, not once per condition). */
typedef struct answered_variable {
  const symcheck_finding *finding;
  const model_variable *variable;
  size_t value;
  bool complaint;          /* the complaint's own answer, or implied by one */
  double marginal;         /* sum over h of prior(h) P(value | h) */
  symcheck_evidence shown; /* finding and value filled; weight set per condition */
} answered_variable;

/* sum over h of prior(h) P(value | h): the background weighs the whole
   prior mass, and each deviating hypothesis corrects its own share. */
static double S_marginal(const model_variable *v, size_t value, const double *prior,
                         double prior_mass) {
  const double background = v->background[value];
  const double *p = v->p + value * v->listed;
  double sum = background * prior_mass;
  for (size_t i = 0; i < v->listed; i++) {
    sum += prior[v->hypothesis[i]] * (p[i] - background);
  }
  return sum;
}

static void S_describe(symcheck_interview *iv, const answered_variable *a, char *buf, size_t size) {
  const symcheck_finding *f = a->finding;
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    char label[512];
    snprintf(
        buf, size, "%s: %s",
        symcheck_option_label_for(f, a->variable->option, iv->profile.age, label, sizeof label),
        a->value == 0 ? "yes" : "no");
  } else {
    interview_describe_answer(iv, f, buf, size);
  }
}

/* The number of answered variables that count. */
static size_t S_count_answered(const symcheck_interview *iv) {
  size_t n = 0;
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    if (interview_counts(iv, &iv->pack->findings[i])) {
      n += iv->pack->model.variable_count_of[i];
    }
  }
  return n;
}

/* True when f's answer is the complaint's, or implied by one of them. */
static bool S_from_complaint(const symcheck_interview *iv, const symcheck_finding *f) {
  const answer_slot *s = &iv->slots[f->index];
  return s->given || (s->implied && iv->slots[s->by_finding].given);
}

static size_t S_collect(symcheck_interview *iv, const double *prior, answered_variable *out) {
  const model *m = &iv->pack->model;
  double prior_mass = 0.0;
  for (size_t h = 0; h < m->hypotheses; h++) {
    prior_mass += prior[h];
  }
  size_t n = 0;
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[i];
    if (!interview_counts(iv, f)) {
      continue;
    }
    for (size_t k = 0; k < m->variable_count_of[i]; k++) {
      if (f->type == SYMCHECK_ANSWER_MULTI &&
          (!interview_option_applies(iv, f, k) || interview_item_unknown(iv, f, k))) {
        continue; /* an option never shown, or "don't know", is no evidence (as in the
                     posterior) */
      }
      answered_variable *a = &out[n++];
      a->finding = f;
      a->variable = &m->variables[m->first_variable[i] + k];
      a->value = interview_variable_value(iv, f, k);
      a->marginal = S_marginal(a->variable, a->value, prior, prior_mass);
      a->complaint = S_from_complaint(iv, f);
      a->shown.finding = f;
      a->shown.implied_by = NULL;
      a->shown.implied_option = 0;
      a->shown.age = iv->profile.age;
      symcheck_interview_implied_by(iv, f, &a->shown.implied_by, &a->shown.implied_option);
      S_describe(iv, a, a->shown.value, sizeof a->shown.value);
    }
  }
  return n;
}

/* An answer's weight for the condition being explained. */
typedef struct scored {
  const answered_variable *answer;
  double weight;
} scored;

static int S_by_strength(const void *x, const void *y) {
  double a = fabs(((const scored *)x)->weight);
  double b = fabs(((const scored *)y)->weight);
  return a > b ? -1 : (a < b);
}

/* Keeps the strongest of the n weights (already sorted) as evidence:
   exactly as many entries as are listed, described in words. */
static symcheck_evidence *S_keep(const scored *items, size_t n, size_t *count) {
  *count = n < S_MAX_LISTED ? n : S_MAX_LISTED;
  symcheck_evidence *out = malloc((*count + 1) * sizeof *out);
  for (size_t i = 0; out != NULL && i < *count; i++) {
    out[i] = items[i].answer->shown;
    out[i].weight = items[i].weight;
    out[i].strength = symcheck_strength_word(items[i].weight);
  }
  return out;
}

/* True when the differential model shows condition c only at its floor
   (or below): a condition not worth a reason. */
static bool S_at_floor(symcheck_interview *iv, size_t c) {
  const model_differential *d = iv->pack->model.differential;
  return d != NULL && differential_shown(iv)[c] <= d->shown_floor * (1.0 + 1e-9);
}

/* Scores every answer for rc's condition into pro (w > 0) and con (w < 0),
   both of room `count`, then keeps the strongest of each (none for a
   condition at the floor). */
static int S_explain_one(symcheck_interview *iv, const double *prior, const answered_variable *av,
                         size_t count, scored *pro, scored *con, symcheck_ranked_condition *rc) {
  const model *m = &iv->pack->model;
  const size_t c = rc->condition->index;
  const double rest = 1.0 - prior[c];
  size_t npro = 0, ncon = 0;
  if (S_at_floor(iv, c)) {
    count = 0;
  }
  for (size_t i = 0; i < count; i++) {
    const answered_variable *a = &av[i];
    double p_c = model_p(m, a->variable, a->value, c);
    double p_not = rest > 0.0 ? (a->marginal - prior[c] * p_c) / rest : p_c;
    double w = p_not > 0.0 ? log(p_c / p_not) : 0.0;
    if (w >= S_MIN_WEIGHT) {
      pro[npro++] = (scored){a, w};
    } else if (w <= -S_MIN_WEIGHT && !a->complaint) {
      con[ncon++] = (scored){a, w};
    }
  }
  qsort(pro, npro, sizeof *pro, S_by_strength);
  qsort(con, ncon, sizeof *con, S_by_strength);
  rc->for_answers = S_keep(pro, npro, &rc->for_count);
  rc->against_answers = S_keep(con, ncon, &rc->against_count);
  return rc->for_answers == NULL || rc->against_answers == NULL ? -1 : 0;
}

int explain_conditions(symcheck_interview *iv, symcheck_result *r, size_t from, size_t to) {
  const double *prior = iv->sums.prior;
  const size_t answered = S_count_answered(iv);
  answered_variable *av = malloc((answered + 1) * sizeof *av);
  scored *pro = malloc((answered + 1) * sizeof *pro);
  scored *con = malloc((answered + 1) * sizeof *con);
  int status = av != NULL && pro != NULL && con != NULL ? 0 : -1;
  size_t count = status == 0 ? S_collect(iv, prior, av) : 0;
  for (size_t i = from; i < to && i < r->condition_count && status == 0; i++) {
    status = S_explain_one(iv, prior, av, count, pro, con, &r->conditions[i]);
  }
  free(av);
  free(pro);
  free(con);
  return status;
}
