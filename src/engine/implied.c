/*
 * implied.c - answers that other answers imply (pack fields `implies` and
 * `excludes`, docs/pack-format.md): ticking "Diarrhoea with blood in it"
 * answers "diarrhoea: yes" and "blood in stool: yes". Implied answers are
 * derived again from the answers given (the complaint's and the person's)
 * whenever an answer changes, so changing or forgetting the answer that
 * implied them takes them back. They are never asked, count as evidence
 * like given answers and are not part of the encoded answers (decoding
 * derives them again). An answer that contradicts an implied one, or that
 * would imply something other than an answer already given, is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview_internal.h"

/* True when the answer in slot s to f chooses option o (a multi: ticks it). */
static bool S_slot_chooses(const symcheck_finding *f, const answer_slot *s, size_t o) {
  if (!s->answered || s->unknown) {
    return false;
  }
  return f->type == SYMCHECK_ANSWER_MULTI ? s->selected[o] : s->option == o;
}

/* True when value v for f chooses option o. */
static bool S_value_chooses(const symcheck_finding *f, const symcheck_value *v, size_t o) {
  if (v->unknown) {
    return false;
  }
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    return v->selected != NULL && v->selected[o];
  }
  if (f->type == SYMCHECK_ANSWER_NUMBER) {
    return interview_number_band(f, v->number) == (int)o;
  }
  return v->option == o;
}

/* Answers finding t with option o, implied by (root, root_option), and
   then what that implies. A finding answered already keeps its answer
   (checks at answer time keep them consistent), but for a "don't know"
   the person gave, which gives way. */
static void S_imply(symcheck_interview *iv, size_t root, size_t root_option,
                    const symcheck_option *option) {
  for (size_t i = 0; i < option->implies_count; i++) {
    const symcheck_finding *t = option->implies[i].finding;
    const size_t o = option->implies[i].option;
    answer_slot *s = &iv->slots[t->index];
    if (!symcheck_finding_applies(t, iv->profile.age, iv->profile.sex)) {
      continue; /* never asked of this person: nothing to imply */
    }
    if (s->answered && s->unknown && !s->given && !s->implied) {
      interview_clear(iv, t->index);
    }
    if (s->answered) {
      continue;
    }
    s->answered = true;
    s->implied = true;
    s->option = o;
    s->number = t->type == SYMCHECK_ANSWER_NUMBER ? t->options[o].min : 0.0;
    s->by_finding = root;
    s->by_option = root_option;
    iv->implied[iv->implied_count++] = t->index;
    S_imply(iv, root, root_option, &t->options[o]);
  }
}

/* Applies what the answer to finding index i implies. */
static void S_imply_from(symcheck_interview *iv, size_t i) {
  const symcheck_finding *f = &iv->pack->findings[i];
  for (size_t o = 0; o < f->option_count; o++) {
    if (f->options[o].implies_count > 0 && S_slot_chooses(f, &iv->slots[i], o)) {
      S_imply(iv, i, o, &f->options[o]);
    }
  }
}

/* One pass of interview_derive_implied. */
static void S_derive(symcheck_interview *iv) {
  for (size_t k = 0; k < iv->implied_count; k++) {
    answer_slot *s = &iv->slots[iv->implied[k]];
    if (s->implied) { /* not answered since by the complaint */
      interview_slot_reset(s);
    }
  }
  iv->implied_count = 0;
  const symcheck_complaint *c = iv->complaint;
  for (size_t k = 0; k < c->given_count; k++) {
    S_imply_from(iv, c->given_findings[k]->index);
  }
  for (size_t k = 0; k < iv->order_count; k++) {
    S_imply_from(iv, iv->order[k]);
  }
  /* an implied follow-up whose parent does not ask it (a parent that does
     not apply to the person) is no answer; parents come first in pack
     order, so one pass settles chains */
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    answer_slot *s = &iv->slots[i];
    if (s->implied && !interview_allows(iv, &iv->pack->findings[i])) {
      interview_slot_reset(s);
    }
  }
}

void interview_derive_implied(symcheck_interview *iv) {
  if (iv->pack->implication_count == 0) {
    return; /* nothing is ever implied (most fitted packs) */
  }
  /* a "don't know" that gives way leaves the answer order while it is
     walked: derive again until the order stays (each pass shortens it) */
  size_t count = 0;
  do {
    count = iv->order_count;
    S_derive(iv);
  } while (iv->order_count != count);
  iv->dirty = true;
  iv->choice_valid = false;
}

enum { S_WORDS_SIZE = 256 };

/* Option `option` of f in words for a refusal ("yes", a label worded for
   the person's age), in buf. */
static const char *S_words(const symcheck_interview *iv, const symcheck_finding *f, size_t option,
                           char *buf) {
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    return f->options[option].id;
  }
  return symcheck_option_label_for(f, option, iv->profile.age, buf, S_WORDS_SIZE);
}

/* "your answer to 'x' (label)" for the answer that implied slot s. */
static void S_source_words(const symcheck_interview *iv, const answer_slot *s, char *buf,
                           size_t size) {
  const symcheck_finding *by = &iv->pack->findings[s->by_finding];
  const bool given = iv->slots[s->by_finding].given;
  char words[S_WORDS_SIZE];
  snprintf(buf, size, "%s '%s' (%s)", given ? "the complaint's answer to" : "your answer to",
           by->id, S_words(iv, by, s->by_option, words));
}

/* Walks what option `option` of f implies; returns -1 with `why` at the
   first answer held already that it contradicts. `source` is the finding
   being answered: answers it implied itself are derived again. */
static int S_contradiction(const symcheck_interview *iv, const symcheck_finding *source,
                           size_t source_option, const symcheck_finding *f, size_t option,
                           size_t *seen, char *why, size_t size) {
  const symcheck_option *o = &f->options[option];
  for (size_t i = 0; i < o->implies_count; i++) {
    const symcheck_finding *t = o->implies[i].finding;
    const size_t want = o->implies[i].option;
    const answer_slot *s = &iv->slots[t->index];
    if (!symcheck_finding_applies(t, iv->profile.age, iv->profile.sex)) {
      continue;
    }
    if (seen[t->index] != 0 && seen[t->index] != want + 1) {
      if (why != NULL) { /* two ticked items of a multi answer disagree */
        snprintf(why, size, "the items chosen for '%s' imply different answers to '%s'; choose one",
                 source->id, t->id);
      }
      return -1;
    }
    if (seen[t->index] != 0) {
      continue; /* reached before with the same answer: walked already */
    }
    seen[t->index] = want + 1;
    bool agrees = !s->answered || (s->unknown && !s->given && !s->implied) ||
                  (s->implied && s->by_finding == source->index) || s->option == want;
    if (!agrees) {
      char held[1024], words[3][S_WORDS_SIZE];
      if (s->implied) {
        char by[512];
        S_source_words(iv, s, by, sizeof by);
        snprintf(held, sizeof held, "%s implied '%s'", by, S_words(iv, t, s->option, words[0]));
      } else {
        snprintf(held, sizeof held, "%s '%s'", s->given ? "the complaint answered" : "you answered",
                 s->unknown ? "don't know" : S_words(iv, t, s->option, words[0]));
      }
      if (why != NULL) {
        snprintf(why, size, "'%s' (%s) means '%s' is '%s', but %s; change that first", source->id,
                 S_words(iv, source, source_option, words[1]), t->id,
                 S_words(iv, t, want, words[2]), held);
      }
      return -1;
    }
    if (S_contradiction(iv, source, source_option, t, want, seen, why, size) != 0) {
      return -1;
    }
  }
  return 0;
}

int interview_check_implied(const symcheck_interview *iv, const symcheck_finding *f,
                            const symcheck_value *v, char *why, size_t size) {
  const answer_slot *s = &iv->slots[f->index];
  if (s->implied) {
    if (S_value_chooses(f, v, s->option)) {
      return 1;
    }
    if (why != NULL) {
      char by[512], words[S_WORDS_SIZE];
      S_source_words(iv, s, by, sizeof by);
      snprintf(why, size, "'%s' is already answered '%s' by %s; change that answer instead", f->id,
               S_words(iv, f, s->option, words), by);
    }
    return -1;
  }
  if (iv->pack->implication_count == 0) {
    return 0;
  }
  /* per finding: the option this answer implies for it, plus 1 (0: none) */
  size_t *seen = calloc(iv->pack->finding_count + 1, sizeof *seen);
  int status = seen == NULL ? -1 : 0;
  if (seen == NULL && why != NULL) {
    snprintf(why, size, "out of memory");
  }
  for (size_t o = 0; o < f->option_count && status == 0; o++) {
    if (f->options[o].implies_count > 0 && S_value_chooses(f, v, o)) {
      status = S_contradiction(iv, f, o, f, o, seen, why, size);
    }
  }
  free(seen);
  return status;
}

bool symcheck_interview_implied_by(const symcheck_interview *iv, const symcheck_finding *finding,
                                   const symcheck_finding **by_finding, size_t *by_option) {
  const answer_slot *s = &iv->slots[finding->index];
  if (!s->implied) {
    return false;
  }
  if (by_finding != NULL) {
    *by_finding = &iv->pack->findings[s->by_finding];
  }
  if (by_option != NULL) {
    *by_option = s->by_option;
  }
  return true;
}

int symcheck_interview_implied_option(const symcheck_interview *iv,
                                      const symcheck_finding *finding) {
  const answer_slot *s = &iv->slots[finding->index];
  return s->implied ? (int)s->option : -1;
}
