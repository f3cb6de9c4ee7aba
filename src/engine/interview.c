/*
 * interview.c - an interview's answers and the posterior they imply.
 *
 * The model is naive Bayes over the complaint's conditions plus "something
 * else": log P(h | answers) = log prior(h | age band, sex) + sum of
 * log P(answer | h) over the answers that count, normalised, computed from
 * the sparse model (model.h): only hypotheses that deviate from an answer's
 * background are touched. "Don't know" and follow-ups whose parent no
 * longer allows them add nothing; answers implied by others (implied.c)
 * count like given ones. The posterior is recomputed from scratch
 * when answers change: cheaper and safer than undoing evidence
 * incrementally.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "interview_internal.h"

/* The prior weight of c for this person: 0 when c's `ages` or `sex` leave
   them out, so that it is never ranked, listed or ruled out. */
static double S_prior_weight(const symcheck_interview *iv, const symcheck_condition *c,
                             size_t band) {
  if (!symcheck_applies_to(&c->applies, iv->profile.age, iv->profile.sex)) {
    return 0.0;
  }
  return c->prior * c->age_factor[band] * c->sex_factor[iv->profile.sex];
}

static void S_compute_prior(symcheck_interview *iv) {
  const symcheck_pack *pack = iv->pack;
  const symcheck_complaint *complaint = iv->complaint;
  const size_t hyp = pack->model.hypotheses;
  const size_t band = symcheck_pack_age_band(pack, iv->profile.age);
  for (size_t h = 0; h < hyp; h++) {
    iv->log_prior[h] = -INFINITY;
  }
  double total = 0.0;
  for (size_t i = 0; i < complaint->condition_count; i++) {
    total += S_prior_weight(iv, complaint->conditions[i], band);
  }
  const double other = complaint->other_prior;
  for (size_t i = 0; i < complaint->condition_count && total > 0.0; i++) {
    const symcheck_condition *c = complaint->conditions[i];
    double w = S_prior_weight(iv, c, band);
    iv->log_prior[c->index] = w > 0.0 ? log((1.0 - other) * w / total) : -INFINITY;
  }
  /* nothing to rank (a triage-only complaint, or no condition applies to
     this person): "something else" is certain */
  iv->log_prior[hyp - 1] = total <= 0.0 ? 0.0 : other > 0.0 ? log(other) : -INFINITY;
  for (size_t h = 0; h < hyp; h++) {
    iv->sums.prior[h] = exp(iv->log_prior[h]);
  }
}

static int S_allocate_sums(gain_sums *sums, const model *m) {
  const size_t count = m->sum_start[m->variable_count];
  sums->touched = calloc(m->hypotheses, sizeof *sums->touched);
  sums->touched_list = calloc(m->hypotheses, sizeof *sums->touched_list);
  sums->prior = calloc(m->hypotheses, sizeof *sums->prior);
  sums->prior_sums = calloc(count + 1, sizeof *sums->prior_sums);
  sums->step_sums = calloc(count + 1, sizeof *sums->step_sums);
  return sums->touched == NULL || sums->touched_list == NULL || sums->prior == NULL ||
                 sums->prior_sums == NULL || sums->step_sums == NULL
             ? -1
             : 0;
}

static int S_allocate(symcheck_interview *iv) {
  const symcheck_pack *pack = iv->pack;
  const size_t hyp = pack->model.hypotheses;
  size_t multi_options = 0;
  for (size_t i = 0; i < pack->finding_count; i++) {
    if (pack->findings[i].type == SYMCHECK_ANSWER_MULTI) {
      multi_options += pack->findings[i].option_count;
    }
  }
  iv->slots = calloc(pack->finding_count + 1, sizeof *iv->slots);
  iv->selected_pool = calloc(2 * multi_options + 1, sizeof *iv->selected_pool);
  iv->order = calloc(pack->finding_count + 1, sizeof *iv->order);
  iv->implied = calloc(pack->finding_count + 1, sizeof *iv->implied);
  iv->log_prior = calloc(hyp, sizeof *iv->log_prior);
  iv->posterior = calloc(hyp, sizeof *iv->posterior);
  iv->scratch = calloc(hyp, sizeof *iv->scratch);
  iv->membership = calloc(hyp, sizeof *iv->membership);
  iv->shown = calloc(hyp, sizeof *iv->shown);
  iv->gain_bound = calloc(pack->finding_count + 1, sizeof *iv->gain_bound);
  iv->variable_mass = calloc(pack->model.variable_count + 1, sizeof *iv->variable_mass);
  if (iv->slots == NULL || iv->selected_pool == NULL || iv->order == NULL || iv->implied == NULL ||
      iv->log_prior == NULL || iv->posterior == NULL || iv->scratch == NULL ||
      iv->membership == NULL || iv->shown == NULL || iv->gain_bound == NULL ||
      iv->variable_mass == NULL || S_allocate_sums(&iv->sums, &pack->model) != 0) {
    return -1;
  }
  bool *next = iv->selected_pool;
  for (size_t i = 0; i < pack->finding_count; i++) {
    if (pack->findings[i].type == SYMCHECK_ANSWER_MULTI) {
      iv->slots[i].selected = next;
      iv->slots[i].dont_know = next + pack->findings[i].option_count;
      next += 2 * pack->findings[i].option_count;
    }
  }
  return 0;
}

symcheck_interview *symcheck_interview_new(const symcheck_pack *pack, const char *complaint_id,
                                           const symcheck_profile *profile, symcheck_error *err) {
  const symcheck_complaint *complaint =
      complaint_id == NULL ? NULL : symcheck_pack_find_complaint(pack, complaint_id);
  if (complaint == NULL) {
    error_set(err, NULL, 0, "complaint",
              "unknown complaint; see `symcheck pack show` for the list");
    return NULL;
  }
  if (profile == NULL || profile->age < 0 || profile->age > 120) {
    error_set(err, NULL, 0, "age", "age must be a whole number of years from 0 to 120");
    return NULL;
  }
  if (profile->sex != SYMCHECK_SEX_FEMALE && profile->sex != SYMCHECK_SEX_MALE) {
    error_set(err, NULL, 0, "sex", "sex must be female or male");
    return NULL;
  }
  symcheck_interview *iv = calloc(1, sizeof *iv);
  if (iv == NULL) {
    error_set(err, NULL, 0, "", "out of memory");
    return NULL;
  }
  iv->pack = pack;
  iv->complaint = complaint;
  iv->profile = *profile;
  iv->max_questions = pack->info.settings.max_questions;
  if (S_allocate(iv) != 0) {
    symcheck_interview_free(iv);
    error_set(err, NULL, 0, "", "out of memory");
    return NULL;
  }
  S_compute_prior(iv);
  for (size_t i = 0; i < complaint->given_count; i++) {
    const symcheck_finding *f = complaint->given_findings[i];
    symcheck_value v = {.option = complaint->given_options[i]};
    interview_store(iv, f, &v, true);
    if (f->type == SYMCHECK_ANSWER_MULTI) { /* a multi given: that one option chosen */
      iv->slots[f->index].selected[v.option] = true;
    }
  }
  iv->dirty = true;
  return iv;
}

void symcheck_interview_free(symcheck_interview *iv) {
  if (iv == NULL) {
    return;
  }
  free(iv->slots);
  free(iv->selected_pool);
  free(iv->order);
  free(iv->implied);
  free(iv->log_prior);
  free(iv->posterior);
  free(iv->scratch);
  free(iv->membership);
  free(iv->shown);
  free(iv->gain_bound);
  free(iv->variable_mass);
  free(iv->sums.touched);
  free(iv->sums.touched_list);
  free(iv->sums.prior);
  free(iv->sums.prior_sums);
  free(iv->sums.step_sums);
  free(iv);
}

const symcheck_pack *symcheck_interview_pack(const symcheck_interview *iv) {
  return iv->pack;
}

const symcheck_complaint *symcheck_interview_complaint(const symcheck_interview *iv) {
  return iv->complaint;
}

const symcheck_profile *symcheck_interview_profile(const symcheck_interview *iv) {
  return &iv->profile;
}

void symcheck_interview_set_max_questions(symcheck_interview *iv, int n) {
  iv->max_questions = n < 1 ? 1 : n;
  iv->choice_valid = false;
}

bool interview_allows(const symcheck_interview *iv, const symcheck_finding *f) {
  if (!symcheck_finding_applies(f, iv->profile.age, iv->profile.sex)) {
    return false;
  }
  const symcheck_finding *parent = f->parent;
  if (parent == NULL) {
    return true;
  }
  const answer_slot *s = &iv->slots[parent->index];
  if (!s->answered || s->unknown || !interview_allows(iv, parent)) {
    return false;
  }
  for (size_t i = 0; i < f->parent_option_count; i++) {
    size_t o = f->parent_options[i];
    bool chosen = parent->type == SYMCHECK_ANSWER_MULTI ? s->selected[o] : s->option == o;
    if (chosen) {
      return true;
    }
  }
  return false;
}

bool interview_counts(const symcheck_interview *iv, const symcheck_finding *f) {
  const answer_slot *s = &iv->slots[f->index];
  return s->answered && !s->unknown && interview_allows(iv, f);
}

bool interview_item_unknown(const symcheck_interview *iv, const symcheck_finding *f, size_t k) {
  return f->type == SYMCHECK_ANSWER_MULTI && iv->slots[f->index].dont_know[k];
}

void interview_slot_reset(answer_slot *s) {
  bool *selected = s->selected, *dont_know = s->dont_know;
  memset(s, 0, sizeof *s);
  s->selected = selected;
  s->dont_know = dont_know;
}

size_t interview_variable_value(const symcheck_interview *iv, const symcheck_finding *f, size_t k) {
  const answer_slot *s = &iv->slots[f->index];
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    return s->selected[k] ? 0 : 1;
  }
  return s->option;
}

size_t symcheck_interview_screen_asked(const symcheck_interview *iv) {
  size_t n = 0;
  for (size_t k = 0; k < iv->order_count; k++) {
    n += iv->pack->findings[iv->order[k]].universal_screen;
  }
  return n;
}

size_t interview_questions_asked(const symcheck_interview *iv) {
  return iv->order_count - symcheck_interview_screen_asked(iv);
}

bool interview_option_applies(const symcheck_interview *iv, const symcheck_finding *f, size_t k) {
  return symcheck_option_applies(f, k, iv->profile.age, iv->profile.sex);
}

/* The first of the n options that the answer to f chooses, or -1. */
static long S_chosen(const symcheck_interview *iv, const symcheck_finding *f, size_t n,
                     const size_t *options) {
  if (!interview_counts(iv, f)) {
    return -1;
  }
  const answer_slot *s = &iv->slots[f->index];
  for (size_t k = 0; k < n; k++) {
    size_t o = options[k];
    bool chosen = f->type == SYMCHECK_ANSWER_MULTI ? s->selected[o] : s->option == o;
    if (chosen && interview_option_applies(iv, f, o)) {
      return (long)o;
    }
  }
  return -1;
}

static bool S_holds(const symcheck_interview *iv, const symcheck_finding *f, size_t n,
                    const size_t *options) {
  return S_chosen(iv, f, n, options) >= 0;
}

size_t interview_red_flag_answer(const symcheck_interview *iv, const symcheck_red_flag *rf) {
  long o = S_chosen(iv, rf->finding, rf->option_count, rf->options);
  return o >= 0 ? (size_t)o : rf->option;
}

bool interview_red_flag_fired(const symcheck_interview *iv, const symcheck_red_flag *rf) {
  int age = iv->profile.age;
  if (age < rf->min_age || age > rf->max_age) {
    return false;
  }
  return S_holds(iv, rf->finding, rf->option_count, rf->options) &&
         (rf->also == NULL || S_holds(iv, rf->also, rf->also_count, rf->also_options));
}

void interview_clear(symcheck_interview *iv, size_t i) {
  interview_slot_reset(&iv->slots[i]);
  size_t w = 0;
  for (size_t k = 0; k < iv->order_count; k++) {
    if (iv->order[k] != i) {
      iv->order[w++] = iv->order[k];
    }
  }
  iv->order_count = w;
  iv->dirty = true;
  iv->choice_valid = false;
}

/* Drops answers whose parent no longer allows them. Findings come after
   their parents in pack order, so one forward pass settles chains.
   Returns true when it dropped any. */
static bool S_drop_orphans(symcheck_interview *iv) {
  bool dropped = false;
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[i];
    if (iv->slots[i].answered && f->parent != NULL && !interview_allows(iv, f)) {
      interview_clear(iv, i);
      dropped = true;
    }
  }
  return dropped;
}

/* Derives the implied answers again and drops the answers left without a
   parent, until neither changes anything (a dropped answer may have
   implied others). */
static void S_settle(symcheck_interview *iv) {
  do {
    interview_derive_implied(iv);
  } while (S_drop_orphans(iv));
}

void interview_store(symcheck_interview *iv, const symcheck_finding *f, const symcheck_value *value,
                     bool given) {
  answer_slot *s = &iv->slots[f->index];
  if (!s->answered && !given) {
    iv->order[iv->order_count++] = f->index;
  }
  s->answered = true;
  s->given = given;
  s->implied = false;
  s->unknown = value->unknown;
  s->option = value->option;
  s->number = value->number;
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    for (size_t k = 0; k < f->option_count; k++) {
      s->dont_know[k] = !value->unknown && value->dont_know != NULL && value->dont_know[k];
      s->selected[k] =
          !value->unknown && !s->dont_know[k] && value->selected != NULL && value->selected[k];
    }
  }
  iv->dirty = true;
  iv->choice_valid = false;
  S_settle(iv);
}

int interview_number_band(const symcheck_finding *f, double x) {
  for (size_t i = 0; i < f->option_count; i++) {
    if (x >= f->options[i].min && x < f->options[i].max) {
      return (int)i;
    }
  }
  return -1;
}

/* False when the answer chooses an option that does not apply to the
   person (a single option, or a selected multi option). */
static bool S_options_apply(const symcheck_interview *iv, const symcheck_finding *f,
                            const symcheck_value *v) {
  if (f->type == SYMCHECK_ANSWER_SINGLE) {
    return v->option >= f->option_count || interview_option_applies(iv, f, v->option);
  }
  for (size_t k = 0; f->type == SYMCHECK_ANSWER_MULTI && v->selected != NULL && k < f->option_count;
       k++) {
    if (v->selected[k] && !interview_option_applies(iv, f, k)) {
      return false;
    }
  }
  return true;
}

int symcheck_interview_answer_value(symcheck_interview *iv, size_t finding_index,
                                    const symcheck_value *value) {
  if (finding_index >= iv->pack->finding_count || value == NULL) {
    return -1;
  }
  const symcheck_finding *f = &iv->pack->findings[finding_index];
  if (iv->slots[finding_index].given || !interview_allows(iv, f)) {
    return -1;
  }
  symcheck_value v = *value;
  if (!v.unknown && !S_options_apply(iv, f, &v)) {
    return -1;
  }
  if (!v.unknown && f->type == SYMCHECK_ANSWER_NUMBER) {
    int band = interview_number_band(f, v.number);
    if (band < 0) {
      return -1;
    }
    v.option = (size_t)band;
  } else if (!v.unknown && f->type != SYMCHECK_ANSWER_MULTI && v.option >= f->option_count) {
    return -1;
  }
  int implied = interview_check_implied(iv, f, &v, NULL, 0);
  if (implied != 0) {
    return implied > 0 ? 0 : -1; /* implied as given already, or contradicting */
  }
  interview_store(iv, f, &v, false);
  return 0;
}

int symcheck_interview_forget(symcheck_interview *iv, const char *finding_id) {
  const symcheck_finding *f = symcheck_pack_find_finding(iv->pack, finding_id);
  const answer_slot *s = f != NULL ? &iv->slots[f->index] : NULL;
  if (s == NULL || !s->answered || s->given || s->implied) {
    return -1;
  }
  interview_clear(iv, f->index);
  S_settle(iv);
  return 0;
}

size_t symcheck_interview_answer_count(const symcheck_interview *iv) {
  return iv->order_count;
}

bool symcheck_interview_is_answered(const symcheck_interview *iv, const symcheck_finding *finding) {
  return iv->slots[finding->index].answered;
}

/* Adds the evidence of finding f's answer to every hypothesis that
   deviates from the background for it (see interview_refresh). */
static void S_add_deviations(symcheck_interview *iv, const symcheck_finding *f, double *lp) {
  const model *m = &iv->pack->model;
  gain_sums *sums = &iv->sums;
  bool multi = f->type == SYMCHECK_ANSWER_MULTI;
  for (size_t k = 0; k < m->variable_count_of[f->index]; k++) {
    if (multi && (!interview_option_applies(iv, f, k) || interview_item_unknown(iv, f, k))) {
      continue; /* never offered, or "don't know": it says nothing */
    }
    const model_variable *v = &m->variables[m->first_variable[f->index] + k];
    const double *ratio = v->log_ratio + interview_variable_value(iv, f, k) * v->listed;
    for (size_t i = 0; i < v->listed; i++) {
      const size_t h = v->hypothesis[i];
      lp[h] += ratio[i];
      if (!sums->touched[h]) {
        sums->touched[h] = true;
        sums->touched_list[sums->touched_count++] = h;
      }
    }
  }
}

/* Turns log-posteriors into probabilities. An untouched hypothesis (no
   deviation for any counted answer) still holds its log prior, so its
   exp(lp - top) is its prior times exp(-top): one multiplication instead
   of an exponential, for most hypotheses of a large pack. */
static void S_normalise(symcheck_interview *iv, double *lp) {
  const size_t hyp = iv->pack->model.hypotheses;
  const gain_sums *sums = &iv->sums;
  double top = -INFINITY;
  for (size_t h = 0; h < hyp; h++) {
    top = lp[h] > top ? lp[h] : top;
  }
  const double scale = exp(-top);
  const bool scaled = isfinite(scale);
  double total = 0.0;
  for (size_t h = 0; h < hyp; h++) {
    if (scaled && !sums->touched[h]) {
      lp[h] = sums->prior[h] * scale;
    } else {
      lp[h] = lp[h] == -INFINITY ? 0.0 : exp(lp[h] - top);
    }
    total += lp[h];
  }
  for (size_t h = 0; h < hyp; h++) {
    lp[h] /= total;
  }
  iv->sums.untouched_scale = scale / total;
}

/* log P(h | answers) = log prior(h) + B + sum of log-ratios of the answers
   for which h deviates, where B, the background log-likelihood of the
   answers, is the same for every hypothesis: the normalisation removes it,
   so it is never added. Cost: the hypotheses plus the answered variables'
   deviations, not hypotheses x answers. A hypothesis outside the complaint
   stays at -INFINITY (adding a finite ratio keeps it there). */
void interview_refresh(symcheck_interview *iv) {
  if (!iv->dirty) {
    return;
  }
  const size_t hyp = iv->pack->model.hypotheses;
  double *lp = iv->posterior;
  memcpy(lp, iv->log_prior, hyp * sizeof *lp);
  gain_sums *sums = &iv->sums;
  for (size_t i = 0; i < sums->touched_count; i++) {
    sums->touched[sums->touched_list[i]] = false;
  }
  sums->touched_count = 0;
  sums->step_ready = false;
  const symcheck_complaint *complaint = iv->complaint;
  for (size_t i = 0; i < complaint->given_count; i++) {
    if (interview_counts(iv, complaint->given_findings[i])) {
      S_add_deviations(iv, complaint->given_findings[i], lp);
    }
  }
  for (size_t i = 0; i < iv->order_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[iv->order[i]];
    if (interview_counts(iv, f)) {
      S_add_deviations(iv, f, lp);
    }
  }
  for (size_t i = 0; i < iv->implied_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[iv->implied[i]];
    if (interview_counts(iv, f)) {
      S_add_deviations(iv, f, lp);
    }
  }
  S_normalise(iv, lp);
  iv->dirty = false;
  iv->membership_valid = false;
  iv->shown_valid = false;
}

double symcheck_interview_posterior(symcheck_interview *iv, double *out) {
  interview_refresh(iv);
  const size_t conditions = iv->pack->condition_count;
  if (out != NULL) {
    memcpy(out, iv->posterior, conditions * sizeof *out);
  }
  return iv->posterior[conditions];
}
