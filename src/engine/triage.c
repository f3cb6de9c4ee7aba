/*
 * triage.c - how urgently to seek care.
 *
 * The overall level is the highest of every red flag that fired and of
 * every condition whose probability reached the escalation threshold of its
 * urgency for the person (symcheck_condition_urgency: a condition may be
 * more urgent at some ages; thresholds live in the pack and fall as urgency
 * rises, so a dangerous condition escalates while still unlikely). When nothing sets a
 * level, the pack's default applies. The reason says which of these won,
 * in words that explain and never instruct: the advice is always the
 * level's own, so the two cannot disagree.
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

/* The level's advice as the end of a sentence: "call an ambulance now". */
static void S_advice_words(symcheck_level level, char *buf, size_t size) {
  snprintf(buf, size, "%s", symcheck_level_advice(level));
  S_lowercase_first(buf);
}

/* One answer in words, labelled for someone of `age`: "Heavy bleeding
   that will not stop" (a multi option), "Temperature: 39 to 39.9" (any
   other finding). */
static void S_answer_words(const symcheck_finding *f, size_t option, int age, char *buf,
                           size_t size) {
  int n = f->type == SYMCHECK_ANSWER_MULTI ? 0 : snprintf(buf, size, "%s: ", f->name);
  if (n >= 0 && (size_t)n < size) {
    symcheck_option_label_for(f, option, age, buf + n, size - (size_t)n);
  }
}

/* "You said: <the answer given>[; <the second answer it needs>]. <why it
   matters>" */
static void S_red_flag_reason(const symcheck_interview *iv, const symcheck_red_flag *rf, char *buf,
                              size_t size) {
  char said[256], also[256] = "";
  S_answer_words(rf->finding, interview_red_flag_answer(iv, rf), iv->profile.age, said,
                 sizeof said);
  if (rf->also != NULL) {
    char words[200];
    S_answer_words(rf->also, iv->slots[rf->also->index].option, iv->profile.age, words,
                   sizeof words);
    if (rf->also->type != SYMCHECK_ANSWER_MULTI) {
      snprintf(also, sizeof also, "; %s", words);
    }
  }
  snprintf(buf, size, "You said: %s%s. %s", said, also, rf->message);
}

/* A serious condition (urgent care or more) sets the level while still
   unlikely; a milder one only as the likely cause, never as "serious".
   "at your age" when the level is the condition's urgency for the
   person's age rather than its usual one. */
static void S_condition_reason(const symcheck_interview *iv, const symcheck_condition *c,
                               symcheck_level urgency, double p, char *buf, size_t size) {
  char words[64];
  char advice[128];
  const char *age = urgency != c->urgency ? " at your age" : "";
  symcheck_probability_words(p, words, sizeof words);
  S_advice_words(urgency, advice, sizeof advice);
  if (differential_at_floor(iv->pack, p)) { /* not listed, so not named */
    snprintf(buf, size, "Your answers leave a small chance of a cause that can be serious, so %s.",
             advice);
  } else if (urgency >= SYMCHECK_LEVEL_URGENT_CARE) {
    snprintf(buf, size, "%s could explain your symptoms (%s); it can be serious%s, so %s.", c->name,
             words, age, advice);
  } else {
    snprintf(buf, size, "%s could explain your symptoms (%s); the usual advice for it%s is to %s.",
             c->name, words, age, advice);
  }
}

static void S_default_reason(symcheck_interview *iv, symcheck_level level, char *buf, size_t size) {
  char advice[128];
  S_advice_words(level, advice, sizeof advice);
  if (interview_questions_asked(iv) == 0) {
    snprintf(buf, size,
             "Until you answer the questions, the usual advice for this symptom is to %s.", advice);
  } else {
    snprintf(buf, size,
             "None of your answers is a warning sign or points to a cause that needs help "
             "sooner, so the usual advice is to %s.",
             advice);
  }
}

const char *symcheck_triage_cause_id(symcheck_triage_cause cause) {
  static const char *const ids[] = {"default", "red_flag", "condition"};
  return (unsigned)cause < sizeof ids / sizeof ids[0] ? ids[cause] : NULL;
}

/* The most urgent red flag that fired; the first in pack order on a tie. */
static const symcheck_red_flag *S_top_red_flag(const symcheck_interview *iv) {
  const symcheck_red_flag *flag = NULL;
  for (size_t i = 0; i < iv->pack->red_flag_count; i++) {
    const symcheck_red_flag *rf = &iv->pack->red_flags[i];
    if (S_fired(iv, rf) && (flag == NULL || rf->level > flag->level)) {
      flag = rf;
    }
  }
  return flag;
}

/* The most urgent condition for the person past its escalation threshold
   (the likelier on a tie), or NULL; *urgency gets its urgency. */
static const symcheck_condition *S_top_condition(const symcheck_interview *iv,
                                                 symcheck_level *urgency) {
  const symcheck_condition *cond = NULL;
  const double *escalation = iv->pack->info.settings.escalation;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    const symcheck_condition *c = iv->complaint->conditions[i];
    symcheck_level level = symcheck_condition_urgency(c, &iv->profile, NULL);
    double p = iv->posterior[c->index];
    if (p < escalation[level]) {
      continue;
    }
    if (cond == NULL || level > *urgency || (level == *urgency && p > iv->posterior[cond->index])) {
      cond = c;
      *urgency = level;
    }
  }
  return cond;
}

symcheck_triage symcheck_interview_triage(symcheck_interview *iv) {
  interview_refresh(iv);
  symcheck_triage t = {.level = iv->pack->info.settings.default_level,
                       .set_by = SYMCHECK_SET_BY_DEFAULT};
  const symcheck_red_flag *flag = S_top_red_flag(iv);
  symcheck_level urgency = SYMCHECK_LEVEL_SELF_CARE;
  const symcheck_condition *cond = S_top_condition(iv, &urgency);
  t.red_flag = flag;
  if (flag != NULL && (cond == NULL || flag->level >= urgency)) {
    t.level = flag->level;
    t.set_by = SYMCHECK_SET_BY_RED_FLAG;
    S_red_flag_reason(iv, flag, t.reason, sizeof t.reason);
  } else if (cond != NULL) {
    t.level = urgency;
    t.set_by = SYMCHECK_SET_BY_CONDITION;
    t.condition = cond;
    /* the words quote what the list shows; the level follows the posterior */
    S_condition_reason(iv, cond, urgency, differential_shown(iv)[cond->index], t.reason,
                       sizeof t.reason);
  } else {
    S_default_reason(iv, t.level, t.reason, sizeof t.reason);
  }
  t.advice = symcheck_level_advice(t.level);
  return t;
}
