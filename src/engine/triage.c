/*
 * triage.c - how urgently to seek care.
 *
 * The overall level is the highest of every red flag that fired and of
 * every condition whose probability reached the escalation threshold of its
 * urgency (thresholds live in the pack and fall as urgency rises, so a
 * dangerous condition escalates while still unlikely). When nothing sets a
 * level, the pack's default applies. The reason says which of these won.
 */
#include <stdio.h>
#include <string.h>

#include "differential.h"
#include "interview_internal.h"

static bool S_fired(const symcheck_interview *iv, const symcheck_red_flag *rf) {
  return interview_red_flag_fired(iv, rf);
}

static void S_lowercase_first(char *text) {
  if (text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = (char)(text[0] - 'A' + 'a');
  }
}

static void S_red_flag_reason(const symcheck_red_flag *rf, char *buf, size_t size) {
  const symcheck_finding *f = rf->finding;
  const char *label = f->options[rf->option].label;
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(buf, size, "You reported a warning sign (%s). %s", f->name, rf->message);
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(buf, size, "You reported a warning sign (%s). %s", label, rf->message);
  } else { /* "How long it has been going on: More than 6 weeks" */
    snprintf(buf, size, "You reported a warning sign (%s: %s). %s", f->name, label, rf->message);
  }
}

static void S_condition_reason(const symcheck_condition *c, double p, char *buf, size_t size) {
  char words[64];
  char advice[128];
  symcheck_probability_words(p, words, sizeof words);
  snprintf(advice, sizeof advice, "%s", symcheck_level_advice(c->urgency));
  S_lowercase_first(advice);
  snprintf(buf, size, "%s could explain your symptoms (%s), and it should not be missed: %s.",
           c->name, words, advice);
}

symcheck_triage symcheck_interview_triage(symcheck_interview *iv) {
  interview_refresh(iv);
  symcheck_triage t = {.level = iv->pack->info.settings.default_level};
  const symcheck_red_flag *flag = NULL;
  for (size_t i = 0; i < iv->pack->red_flag_count; i++) {
    const symcheck_red_flag *rf = &iv->pack->red_flags[i];
    if (S_fired(iv, rf) && (flag == NULL || rf->level > flag->level)) {
      flag = rf;
    }
  }
  const symcheck_condition *cond = NULL;
  const double *escalation = iv->pack->info.settings.escalation;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    const symcheck_condition *c = iv->complaint->conditions[i];
    double p = iv->posterior[c->index];
    if (p < escalation[c->urgency]) {
      continue;
    }
    if (cond == NULL || c->urgency > cond->urgency ||
        (c->urgency == cond->urgency && p > iv->posterior[cond->index])) {
      cond = c;
    }
  }
  t.red_flag = flag;
  if (flag != NULL && (cond == NULL || flag->level >= cond->urgency)) {
    t.level = flag->level;
    S_red_flag_reason(flag, t.reason, sizeof t.reason);
  } else if (cond != NULL) {
    t.level = cond->urgency;
    /* the words quote what the list shows; the level follows the posterior */
    S_condition_reason(cond, differential_shown(iv)[cond->index], t.reason, sizeof t.reason);
  } else {
    char advice[128];
    snprintf(advice, sizeof advice, "%s", symcheck_level_advice(t.level));
    S_lowercase_first(advice);
    snprintf(t.reason, sizeof t.reason,
             "No single cause stands out from your answers, so the safe next step is to %s.",
             advice);
  }
  return t;
}
