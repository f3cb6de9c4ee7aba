/*
 * question.c - what to ask next, and when to stop.
 *
 * The complaint's red-flag screen comes first, in pack order, then its
 * defining features (`ask_first`), the questions a clinician would ask
 * first about that complaint, in pack order. After them, each
 * turn asks the unanswered, askable finding with the largest expected
 * information gain about the hypothesis: the mutual information between the
 * answer and the condition under the current posterior,
 *   I(V; H) = H(V) - sum_h P(h) H(V | h),
 * where H(V | h) is precomputed per variable at load. Only the hypotheses
 * that deviate from a variable's background (model.h) are visited; the rest
 * are one block, so one question costs (values + 1) multiply-adds per
 * deviating hypothesis. Two shortcuts that cannot change the choice: while
 * few conditions are touched by the answers, every question's sums come
 * from per-interview sums under the prior plus the touched conditions'
 * corrections (block sums, O(values) per question); otherwise candidates
 * whose upper bound cannot beat the best so far are not scored at all
 * (S_most_informative). A multi finding's options are
 * independent given the hypothesis; its gain is the sum of its options'
 * gains (an upper bound on the joint gain, exact when options are rare).
 *
 * The interview stops once the top condition reaches the pack's
 * stop_confidence or no question gains min_information_gain bits, unless the
 * pack's differential model asks questions for the differential
 * (question_min_gain, question_limit): those are chosen by
 * differential_question.c, and a question about the diagnosis comes first
 * again whenever an answer unsettles it. Before stopping (and before the
 * differential's questions), the interview asks what would rule in or out
 * an emergency condition still between the pack's rule_out_floor and its
 * escalation threshold (rule_out.c). The maximum number of questions and an
 * emergency red flag end it whatever remains.
 */
#include <math.h>
#include <string.h>

#include "differential.h"
#include "interview_internal.h"
#include "rule_out.h"

static double S_entropy_term(double q) {
  return q > 0.0 ? -q * log2(q) : 0.0;
}

/* S_variable_gain (below) for a yes/no variable or a multi option, in one
   pass over its deviations. */
static double S_binary_gain(const model_variable *v, const double *post) {
  double listed_mass = 0.0, conditional = 0.0, q0 = 0.0, q1 = 0.0;
  const double *p0 = v->p, *p1 = v->p + v->listed;
  for (size_t i = 0; i < v->listed; i++) {
    const double w = post[v->hypothesis[i]];
    listed_mass += w;
    conditional += w * v->entropy[i];
    q0 += w * p0[i];
    q1 += w * p1[i];
  }
  const double rest = listed_mass < 1.0 ? 1.0 - listed_mass : 0.0;
  conditional += rest * v->background_entropy;
  q0 += rest * v->background[0];
  q1 += rest * v->background[1];
  double gain = S_entropy_term(q0) + S_entropy_term(q1) - conditional;
  return gain > 0.0 ? gain : 0.0;
}

/* I(V; H) from the sparse model: hypotheses that deviate for V are summed
   one by one; everyone else shares the background, so their posterior mass
   (1 minus the deviating mass) weighs the background as one block, both in
   P(V = value) and in sum_h P(h) H(V | h). */
static double S_variable_gain(const model_variable *v, const double *post) {
  if (v->values == 2) {
    return S_binary_gain(v, post);
  }
  double listed_mass = 0.0, conditional = 0.0;
  for (size_t i = 0; i < v->listed; i++) {
    const double w = post[v->hypothesis[i]];
    listed_mass += w;
    conditional += w * v->entropy[i];
  }
  const double rest = listed_mass < 1.0 ? 1.0 - listed_mass : 0.0;
  conditional += rest * v->background_entropy;
  double answer_entropy = 0.0;
  for (size_t value = 0; value < v->values; value++) {
    const double *p = v->p + value * v->listed;
    double q = 0.0;
    for (size_t i = 0; i < v->listed; i++) {
      q += post[v->hypothesis[i]] * p[i];
    }
    answer_entropy += S_entropy_term(q + rest * v->background[value]);
  }
  double gain = answer_entropy - conditional;
  return gain > 0.0 ? gain : 0.0;
}

/* Block sums: scoring every candidate in O(values).

   For a variable V, the gain needs, under the posterior, the deviating
   mass M, sum P(h) H(V | h) and sum P(h) P(value | h), each over V's
   deviating hypotheses. An untouched hypothesis (it deviates for no
   counted answer) has P(h) = s prior(h) with one common s; a touched one
   differs from that by d(h) = P(h) - s prior(h). So each sum is s times
   its value under the prior (computed once per interview) plus d(h) times
   the term of each touched h that deviates for V: one walk over the
   touched hypotheses' deviations (model.h's list by condition), not over
   every variable's.

   Used only when it is both cheaper and accurate: the touched hypotheses'
   deviations are at most half of all, and the untouched ones hold at least
   S_UNTOUCHED_MIN of the prior, so s <= 1 / S_UNTOUCHED_MIN and the
   rounding of s times a prior sum stays near 1e-14. Otherwise the gains
   walk each candidate's deviations (S_variable_gain). */
#define S_UNTOUCHED_MIN 0.01

static void S_prior_sums(symcheck_interview *iv) {
  const model *m = &iv->pack->model;
  gain_sums *sums = &iv->sums;
  for (size_t v = 0; v < m->variable_count; v++) {
    const model_variable *var = &m->variables[v];
    double *slot = sums->prior_sums + m->sum_start[v];
    for (size_t i = 0; i < var->listed; i++) {
      const double w = sums->prior[var->hypothesis[i]];
      slot[0] += w;
      slot[1] += w * var->entropy[i];
      for (size_t value = 0; value < var->values; value++) {
        slot[2 + value] += w * var->p[value * var->listed + i];
      }
    }
  }
  sums->prior_ready = true;
}

/* Adds d times touched condition c's terms to the sums of every variable
   it deviates for. */
static void S_add_touched(const model *m, size_t c, double d, double *step) {
  for (size_t j = m->deviating_start[c]; j < m->deviating_start[c + 1]; j++) {
    const model_variable *var = &m->variables[m->deviating_variable[j]];
    const size_t i = m->deviating_position[j];
    double *slot = step + m->sum_start[m->deviating_variable[j]];
    slot[0] += d;
    slot[1] += d * var->entropy[i];
    for (size_t value = 0; value < var->values; value++) {
      slot[2 + value] += d * var->p[value * var->listed + i];
    }
  }
}

/* Decides whether the block sums serve this step, and computes them if so. */
static void S_prepare_sums(symcheck_interview *iv) {
  gain_sums *sums = &iv->sums;
  if (sums->step_ready) {
    return;
  }
  const model *m = &iv->pack->model;
  const size_t conditions = iv->pack->condition_count;
  double touched_prior = 0.0;
  size_t walk = 0;
  for (size_t k = 0; k < sums->touched_count; k++) {
    const size_t c = sums->touched_list[k];
    touched_prior += sums->prior[c];
    walk += m->deviating_start[c + 1] - m->deviating_start[c];
  }
  const double s = sums->untouched_scale;
  sums->step_ready = true;
  sums->usable = walk <= m->deviating_start[conditions] / 2 &&
                 1.0 - touched_prior >= S_UNTOUCHED_MIN && isfinite(s);
  if (!sums->usable) {
    return;
  }
  if (!sums->prior_ready) {
    S_prior_sums(iv);
  }
  const size_t count = m->sum_start[m->variable_count];
  for (size_t k = 0; k < count; k++) {
    sums->step_sums[k] = s * sums->prior_sums[k];
  }
  for (size_t k = 0; k < sums->touched_count; k++) {
    const size_t c = sums->touched_list[k];
    const double d = iv->posterior[c] - s * sums->prior[c];
    if (d != 0.0) {
      S_add_touched(m, c, d, sums->step_sums);
    }
  }
}

/* I(V; H) from V's block sums (see above) and its background. */
static double S_block_gain(const model *m, size_t v, const double *step) {
  const model_variable *var = &m->variables[v];
  const double *slot = step + m->sum_start[v];
  const double rest = slot[0] < 1.0 ? 1.0 - slot[0] : 0.0;
  const double conditional = slot[1] + rest * var->background_entropy;
  double answer_entropy = 0.0;
  for (size_t value = 0; value < var->values; value++) {
    answer_entropy += S_entropy_term(slot[2 + value] + rest * var->background[value]);
  }
  double gain = answer_entropy - conditional;
  return gain > 0.0 ? gain : 0.0;
}

static bool S_askable(const symcheck_interview *iv, const symcheck_finding *f) {
  return !iv->slots[f->index].answered && interview_allows(iv, f);
}

double symcheck_interview_information_gain(symcheck_interview *iv,
                                           const symcheck_finding *finding) {
  if (finding == NULL || !S_askable(iv, finding)) {
    return 0.0;
  }
  interview_refresh(iv);
  S_prepare_sums(iv);
  const model *m = &iv->pack->model;
  double gain = 0.0;
  bool multi = finding->type == SYMCHECK_ANSWER_MULTI;
  for (size_t k = 0; k < m->variable_count_of[finding->index]; k++) {
    if (!multi || interview_option_applies(iv, finding, k)) { /* options shown only */
      const size_t v = m->first_variable[finding->index] + k;
      gain += iv->sums.usable ? S_block_gain(m, v, iv->sums.step_sums)
                              : S_variable_gain(&m->variables[v], iv->posterior);
    }
  }
  return gain;
}

/* Exact pruning: an upper bound on a question's gain, cheap enough to skip
   most candidates without scoring them.

   Claim: for a variable V whose deviating hypotheses L hold posterior mass
   M, I(V; H) <= H2(min(M, 1/2)) + M log2(values), H2 the binary entropy.
   Proof: Z = [h in L] is a function of H, so I(V; H) = I(V; H, Z)
   = I(V; Z) + I(V; H | Z). I(V; Z) <= H(Z) = H2(M) <= H2(min(M, 1/2))
   (H2 <= 1 = H2(1/2)). Given Z = 0 every hypothesis gives V the
   background, so I(V; H | Z = 0) = 0, and I(V; H | Z = 1) <= H(V | Z = 1)
   <= log2(values); hence I(V; H | Z) <= M log2(values). The right-hand
   side grows with M, so any upper bound on M gives a bound too (with H2
   replaced by an upper bound of it, S_binary_entropy_bound), and a
   finding's gain (the sum over its variables) is bounded by the sum.

   Bounding M cheaply: the conditions with posterior >= S_SIGNIFICANT add
   their mass to every variable they deviate for (model.h's list by
   condition); every other condition holds less than S_SIGNIFICANT, so a
   variable's remaining deviating mass is at most min(the mass of those
   conditions, listed x S_SIGNIFICANT). Cost: the conditions, plus the
   significant ones' deviations, plus the variables. When the significant
   conditions hold more than half of all deviations, the bounds would
   rule out little and cost a good part of scoring everything: then every
   candidate is scored (S_mass_bounds returns false). */
#define S_SIGNIFICANT 1e-5
#define S_LOG2_E 1.4426950408889634

static bool S_mass_bounds(const symcheck_interview *iv, double *mass) {
  const model *m = &iv->pack->model;
  const size_t conditions = iv->pack->condition_count;
  const double *post = iv->posterior;
  double small = 0.0;
  size_t walk = 0;
  for (size_t c = 0; c < conditions; c++) {
    if (post[c] < S_SIGNIFICANT) {
      small += post[c];
    } else {
      walk += m->deviating_start[c + 1] - m->deviating_start[c];
    }
  }
  if (walk > m->deviating_start[conditions] / 2) {
    return false;
  }
  memset(mass, 0, m->variable_count * sizeof *mass);
  for (size_t c = 0; c < conditions; c++) {
    if (post[c] >= S_SIGNIFICANT) {
      for (size_t j = m->deviating_start[c]; j < m->deviating_start[c + 1]; j++) {
        mass[m->deviating_variable[j]] += post[c];
      }
    }
  }
  for (size_t i = 0; i < m->variable_count; i++) {
    const double rest = (double)m->variables[i].listed * S_SIGNIFICANT;
    mass[i] += rest < small ? rest : small;
  }
  return true;
}

/* An upper bound on H2(p) for p in [0, 1/2] without a logarithm:
   H2(p) = p log2(1/p) + (1 - p) log2(1/(1 - p)). With p = f 2^e,
   f in [1/2, 1) (frexp), log2(1/p) <= 1 - e; and -(1 - p) ln(1 - p) <= p,
   so the second term is at most p log2(e). H2 <= 1 besides. */
static double S_binary_entropy_bound(double p) {
  if (p <= 0.0) {
    return 0.0;
  }
  int e = 0;
  (void)frexp(p, &e);
  const double b = p * ((double)(1 - e) + S_LOG2_E);
  return b < 1.0 ? b : 1.0;
}

static double S_gain_bound(const model *m, const symcheck_finding *f, const double *mass) {
  double bound = 0.0;
  for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
    const size_t i = m->first_variable[f->index] + k;
    const size_t values = m->variables[i].values;
    const double most = values == 2 ? 1.0 : log2((double)values);
    const double mi = mass[i] < 1.0 ? mass[i] : 1.0;
    const double b = S_binary_entropy_bound(mi < 0.5 ? mi : 0.5) + mi * most;
    bound += b < most ? b : most;
  }
  return bound;
}

/* True when a candidate bounded by `bound` cannot beat best_gain, with a
   margin for rounding in the gains as computed. */
static bool S_cannot_win(double bound, double best_gain) {
  return bound * (1.0 + 1e-9) + 1e-12 < best_gain;
}

/* True once a red flag that ends the quiz (emergency or ambulance) fired.
   Asked of the red flags directly: the whole triage would also word a
   reason, which can cost the differential model's work at every step. */
static bool S_emergency(const symcheck_interview *iv) {
  for (size_t i = 0; i < iv->pack->red_flag_count; i++) {
    const symcheck_red_flag *rf = &iv->pack->red_flags[i];
    if (rf->level >= SYMCHECK_LEVEL_EMERGENCY && interview_red_flag_fired(iv, rf)) {
      return true;
    }
  }
  return false;
}

static const symcheck_finding *S_next_screen(const symcheck_interview *iv) {
  const symcheck_complaint *c = iv->complaint;
  for (size_t i = 0; i < c->screen_count; i++) {
    if (S_askable(iv, c->screen[i])) {
      return c->screen[i];
    }
  }
  return NULL;
}

/* The complaint's defining features (ask_first), in order, after the screen. */
static const symcheck_finding *S_next_ask_first(const symcheck_interview *iv) {
  const symcheck_complaint *c = iv->complaint;
  for (size_t i = 0; i < c->ask_first_count; i++) {
    if (S_askable(iv, c->ask_first[i])) {
      return c->ask_first[i];
    }
  }
  return NULL;
}

static double S_top_condition(const symcheck_interview *iv) {
  double top = 0.0;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    double p = iv->posterior[iv->complaint->conditions[i]->index];
    top = p > top ? p : top;
  }
  return top;
}

/* Scores candidate f and keeps it when it beats the best so far: a larger
   gain, or an equal gain earlier in pack order. */
static void S_consider(symcheck_interview *iv, const symcheck_finding *f,
                       const symcheck_finding **best, double *best_gain, size_t *scored) {
  double gain = symcheck_interview_information_gain(iv, f);
  (*scored)++;
  if (gain > *best_gain || (gain == *best_gain && *best != NULL && f->index < (*best)->index)) {
    *best_gain = gain;
    *best = f;
  }
}

/* The most informative askable finding; ties go to pack order. The
   candidate with the largest bound is scored first, then the others in
   pack order, skipping those whose bound cannot beat the best so far: the
   choice is the one scoring every candidate would make. With block sums
   a candidate costs less than its bound, so every one is scored. */
static const symcheck_finding *S_most_informative(symcheck_interview *iv, double *gain_out,
                                                  size_t *scored) {
  const symcheck_pack *pack = iv->pack;
  double *bound = iv->gain_bound;
  const symcheck_finding *best = NULL, *seed = NULL;
  double best_gain = -1.0, seed_bound = -1.0;
  *scored = 0;
  interview_refresh(iv);
  S_prepare_sums(iv);
  const bool pruning = !iv->sums.usable && S_mass_bounds(iv, iv->variable_mass);
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    bound[i] = !S_askable(iv, f) ? -1.0
               : pruning         ? S_gain_bound(&pack->model, f, iv->variable_mass)
                                 : INFINITY;
    if (bound[i] > seed_bound) {
      seed_bound = bound[i];
      seed = f;
    }
  }
  if (seed != NULL) {
    S_consider(iv, seed, &best, &best_gain, scored);
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    if (bound[i] >= 0.0 && f != seed && !S_cannot_win(bound[i], best_gain)) {
      S_consider(iv, f, &best, &best_gain, scored);
    }
  }
  *gain_out = best_gain;
  return best;
}

/* The most informative askable finding; ties go to pack order. */
static const symcheck_finding *S_best_question(symcheck_interview *iv, double *gain_out) {
  size_t scored = 0;
  return S_most_informative(iv, gain_out, &scored);
}

const symcheck_finding *interview_best_question(symcheck_interview *iv, double *gain,
                                                size_t *scored) {
  return S_most_informative(iv, gain, scored);
}

/* Once the diagnosis is settled: a question for the differential, if the
   pack's differential model asks for them, fewer than its question_limit
   were asked and one gains at least its question_min_gain. */
static void S_choose_for_differential(symcheck_interview *iv) {
  const model_differential *d = iv->pack->model.differential;
  if (d == NULL || d->question_min_gain <= 0.0 ||
      interview_questions_asked(iv) >= (size_t)d->question_limit) {
    return;
  }
  double gain = 0.0;
  const symcheck_finding *best = differential_best_question(iv, d->question_min_gain, &gain);
  if (best != NULL) {
    iv->choice = best;
    iv->choice_gain = gain;
  }
}

static void S_choose(symcheck_interview *iv) {
  if (iv->choice_valid) {
    return;
  }
  const symcheck_settings *settings = &iv->pack->info.settings;
  iv->choice = NULL;
  iv->choice_gain = 0.0;
  iv->choice_valid = true;
  if (S_emergency(iv) || interview_questions_asked(iv) >= (size_t)iv->max_questions) {
    return;
  }
  const symcheck_finding *screen = S_next_screen(iv);
  if (screen == NULL) {
    screen = S_next_ask_first(iv);
  }
  if (screen != NULL) {
    iv->choice = screen;
    iv->choice_gain = symcheck_interview_information_gain(iv, screen);
    return;
  }
  interview_refresh(iv);
  if (S_top_condition(iv) < settings->stop_confidence) {
    double gain = 0.0;
    const symcheck_finding *best = S_best_question(iv, &gain);
    if (best != NULL && gain >= settings->min_information_gain) {
      iv->choice = best;
      iv->choice_gain = gain;
      return;
    }
  }
  /* settled: rule out the dangerous conditions still in doubt first */
  iv->choice = rule_out_question(iv, &iv->choice_gain);
  if (iv->choice == NULL) {
    S_choose_for_differential(iv);
  }
}

const symcheck_finding *symcheck_interview_next(symcheck_interview *iv) {
  S_choose(iv);
  return iv->choice;
}

bool symcheck_interview_should_stop(symcheck_interview *iv) {
  S_choose(iv);
  return iv->choice == NULL;
}
