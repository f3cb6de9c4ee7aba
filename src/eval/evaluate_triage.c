/*
 * evaluate_triage.c - triage and coverage of replayed vignettes, counted per
 * set (folder) as the symptom-checker studies count them (Semigran 2015,
 * Gilbert 2020), and their JSON.
 *
 * A case's correct level is its Semigran class (em, ne, sc; the result's
 * level is mapped onto the three classes) or, for the project's own
 * vignettes, its min_level on the six product levels. Emergencies missed:
 * an emergency case sent below emergency. Safe: at or above the correct
 * level; for a non-emergency also one level below. Appropriate: the same
 * three-level class (Semigran's "correct triage").
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "evaluate_internal.h"

symcheck_triage_class symcheck_level_class(symcheck_level level) {
  return level >= SYMCHECK_LEVEL_EMERGENCY      ? SYMCHECK_CLASS_EMERGENCY
         : level >= SYMCHECK_LEVEL_PRIMARY_CARE ? SYMCHECK_CLASS_NON_EMERGENT
                                                : SYMCHECK_CLASS_SELF_CARE;
}

static const char *const S_class_ids[] = {"sc", "ne", "em"};

int symcheck_triage_class_parse(const char *id) {
  for (int c = 0; id != NULL && c < 3; c++) {
    if (strcmp(id, S_class_ids[c]) == 0) {
      return c;
    }
  }
  return -1;
}

const char *symcheck_triage_class_id(symcheck_triage_class c) {
  return S_class_ids[c <= SYMCHECK_CLASS_EMERGENCY ? c : SYMCHECK_CLASS_EMERGENCY];
}

void eval_set_add(symcheck_eval_set *set, const symcheck_eval_case *c) {
  const bool three = c->triage >= 0;
  const int got = three ? (int)symcheck_level_class(c->level) : (int)c->level;
  const int want = three ? c->triage : (int)c->min_level;
  const int want_class = three ? c->triage : (int)symcheck_level_class(c->min_level);
  const bool emergency = want_class == SYMCHECK_CLASS_EMERGENCY;
  set->cases++;
  set->emergencies += emergency ? 1 : 0;
  set->emergencies_missed += emergency && c->level < SYMCHECK_LEVEL_EMERGENCY ? 1 : 0;
  set->under += got < want ? 1 : 0;
  set->over += got > want ? 1 : 0;
  set->exact += got == want ? 1 : 0;
  set->safe += got >= want || (!emergency && got + 1 >= want) ? 1 : 0;
  set->appropriate += (int)symcheck_level_class(c->level) == want_class ? 1 : 0;
  set->self_care += want == 0 ? 1 : 0;
  set->self_care_kept += want == 0 && c->level == SYMCHECK_LEVEL_SELF_CARE ? 1 : 0;
  const bool known = c->expected[0] != '\0';
  set->known += known ? 1 : 0;
  set->top1 += known && c->rank == 0 ? 1 : 0;
  set->top3 += known && c->rank >= 0 && c->rank < 3 ? 1 : 0;
  set->complaint_fits += c->complaint_fits ? 1 : 0;
  set->questions += (double)c->questions;
  set->screen_questions += (double)c->screen_questions;
}

/* Turns the question sums of eval_set_add into means. */
static void S_finish(symcheck_eval_set *set) {
  if (set->cases > 0) {
    set->questions /= (double)set->cases;
    set->screen_questions /= (double)set->cases;
  }
}

int eval_sets_build(symcheck_eval_report *report) {
  memset(&report->all, 0, sizeof report->all);
  snprintf(report->all.name, sizeof report->all.name, "all");
  report->set_count = 0;
  for (size_t i = 0; i < report->case_count; i++) {
    const symcheck_eval_case *c = &report->cases[i];
    size_t k = 0;
    while (k < report->set_count && strcmp(report->sets[k].name, c->set) != 0) {
      k++;
    }
    if (k == report->set_count) {
      memset(&report->sets[k], 0, sizeof report->sets[k]);
      snprintf(report->sets[k].name, sizeof report->sets[k].name, "%s", c->set);
      report->set_count++;
    }
    eval_set_add(&report->sets[k], c);
    eval_set_add(&report->all, c);
  }
  for (size_t k = 0; k < report->set_count; k++) {
    S_finish(&report->sets[k]);
  }
  S_finish(&report->all);
  return 0;
}

double eval_share(size_t part, size_t whole) {
  return whole > 0 ? (double)part / (double)whole : NAN;
}

static json_t *S_number(double x) {
  return isnan(x) || isinf(x) ? json_null() : json_real(x);
}

json_t *eval_set_json(const symcheck_eval_set *s) {
  json_t *rates = json_pack(
      "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "emergencies_caught",
      S_number(eval_share(s->emergencies - s->emergencies_missed, s->emergencies)), "under_triaged",
      S_number(eval_share(s->under, s->cases)), "over_triaged",
      S_number(eval_share(s->over, s->cases)), "exact", S_number(eval_share(s->exact, s->cases)),
      "safe", S_number(eval_share(s->safe, s->cases)), "appropriate",
      S_number(eval_share(s->appropriate, s->cases)), "self_care_to_self_care",
      S_number(eval_share(s->self_care_kept, s->self_care)), "top1_known",
      S_number(eval_share(s->top1, s->known)), "top3_known",
      S_number(eval_share(s->top3, s->known)), "top1_all", S_number(eval_share(s->top1, s->cases)),
      "top3_all", S_number(eval_share(s->top3, s->cases)), "complaint_fits",
      S_number(eval_share(s->complaint_fits, s->cases)), "diagnosis_known",
      S_number(eval_share(s->known, s->cases)));
  return json_pack(
      "{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
      "s:o, s:o, s:o}",
      "name", s->name, "cases", (json_int_t)s->cases, "emergencies", (json_int_t)s->emergencies,
      "emergencies_missed", (json_int_t)s->emergencies_missed, "under_triaged",
      (json_int_t)s->under, "over_triaged", (json_int_t)s->over, "exact", (json_int_t)s->exact,
      "safe", (json_int_t)s->safe, "appropriate", (json_int_t)s->appropriate, "self_care",
      (json_int_t)s->self_care, "self_care_to_self_care", (json_int_t)s->self_care_kept,
      "known_diagnosis", (json_int_t)s->known, "top1", (json_int_t)s->top1, "top3",
      (json_int_t)s->top3, "complaint_fits", (json_int_t)s->complaint_fits, "questions_mean",
      S_number(s->cases > 0 ? s->questions : NAN), "screen_questions_mean",
      S_number(s->cases > 0 ? s->screen_questions : NAN), "rates", rates);
}
