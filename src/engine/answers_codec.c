/*
 * answers_codec.c - answers as text: the values people and programs type
 * ("yes", "watery", "fever,blood", "4"), their description in words, and the
 * short URL-safe form an interview travels in between stateless requests:
 *
 *   finding.VALUE~finding.VALUE...
 *
 * where VALUE is Y, N or U (yes, no, don't know), an option id, option ids
 * joined by '-', X for a multi answer with no option, or a number. Ids are
 * [a-z0-9_]+, so '.', '~', '-' and capitals never clash with them.
 * A multi answer "a,b" (encoded "a-b") ticks a and b and denies the rest:
 * it is what someone shown the whole list says. The per-item form, where
 * some item carries a mark, answers item by item: "a,!b,?c" (encoded
 * "a-Nb-Uc"; "+a" or "Ya" is a marked yes) is a yes, b no, c don't know,
 * and every item not named is don't know; only ticked and denied items
 * are evidence.
 * A number for a finding in °C may be typed in Fahrenheit ("101.3F").
 * Findings and options that do not apply to the person are refused, and so
 * is an answer that contradicts one another answer implied (implied.c).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "interview_internal.h"

enum { S_MAX_TEXT = 4096 };

static const char S_CELSIUS[] = "\xc2\xb0"
                                "C"; /* "°C" */

static bool S_is_celsius(const symcheck_finding *f) {
  return f->unit != NULL && strcmp(f->unit, S_CELSIUS) == 0;
}

/* "yes, no, unknown" or "a, b, c, unknown" (multi: "..., none, unknown"),
   the options that apply to the person only. */
static void S_allowed(const symcheck_interview *iv, const symcheck_finding *f, char *buf,
                      size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < f->option_count && used < size; i++) {
    if (interview_option_applies(iv, f, i)) {
      used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", f->options[i].id);
    }
  }
  if (used < size) {
    const char *tail = f->type == SYMCHECK_ANSWER_MULTI
                           ? ", none (or several joined by commas; per item, a,!b,?c means a yes, "
                             "b no, c don't know)"
                       : S_is_celsius(f)                   ? " (or a number in \xc2\xb0"
                                                             "C such as 38.5, or in "
                                                             "\xc2\xb0"
                                                             "F with a trailing F such as 101.3F)"
                       : f->type == SYMCHECK_ANSWER_NUMBER ? " (or a number)"
                                                           : "";
    snprintf(buf + used, size - used, "%s, unknown", tail);
  }
}

static bool S_is_unknown(const char *v) {
  return strcmp(v, "unknown") == 0 || strcmp(v, "U") == 0 || strcmp(v, "dont_know") == 0;
}

/* The mark an item of a per-item multi answer starts with: 'y', 'n' or 'u'
   (typed +, ! or ?; encoded Y, N or U), or 0 for a plain item. */
static char S_item_mark(char c) {
  switch (c) {
  case '+':
  case 'Y':
    return 'y';
  case '!':
  case 'N':
    return 'n';
  case '?':
  case 'U':
    return 'u';
  default:
    return 0;
  }
}

/* Copies the item of text at *p (up to sep) into item and moves *p past
   it; -1 when it is empty or too long. */
static int S_next_item(const char **p, char sep, char *item, size_t size) {
  const char *end = strchr(*p, sep);
  size_t n = end != NULL ? (size_t)(end - *p) : strlen(*p);
  if (n == 0 || n >= size) {
    return -1;
  }
  memcpy(item, *p, n);
  item[n] = '\0';
  *p += n;
  if (**p == sep) {
    (*p)++;
    if (**p == '\0') {
      return -1;
    }
  }
  return 0;
}

/* True when some item of "a,b" text carries a mark: the per-item form. */
static bool S_is_per_item(const char *text, char sep) {
  for (const char *p = text; *p != '\0'; p++) {
    if ((p == text || p[-1] == sep) && S_item_mark(*p) != 0) {
      return true;
    }
  }
  return false;
}

/* Parses "a,b" (or "a-b" when sep is '-'): the items ticked, the rest no;
   or the per-item form "a,!b,?c" (encoded "a-Nb-Uc"): a yes, b no, c and
   every item not named don't know. Fills selected and dont_know. */
static int S_parse_options(const symcheck_finding *f, const char *text, char sep, bool *selected,
                           bool *dont_know) {
  memset(selected, 0, f->option_count * sizeof *selected);
  memset(dont_know, 0, f->option_count * sizeof *dont_know);
  if (strcmp(text, "none") == 0 || strcmp(text, "X") == 0) {
    return 0;
  }
  if (S_is_per_item(text, sep)) {
    for (size_t k = 0; k < f->option_count; k++) {
      dont_know[k] = true;
    }
  }
  char item[128];
  const char *p = text;
  while (*p != '\0') {
    if (S_next_item(&p, sep, item, sizeof item) != 0) {
      return -1;
    }
    char mark = S_item_mark(item[0]);
    int o = symcheck_finding_option(f, item + (mark != 0));
    if (o < 0) {
      return -1;
    }
    selected[o] = mark == 0 || mark == 'y';
    dont_know[o] = mark == 'u';
  }
  return 0;
}

/* True when every item is flagged don't know. */
static bool S_all_unknown(const symcheck_finding *f, const bool *dont_know) {
  for (size_t k = 0; k < f->option_count; k++) {
    if (!dont_know[k]) {
      return false;
    }
  }
  return true;
}

/* A number; for a °C finding it may end in C, °C, F or °F (then it is
   converted from Fahrenheit), with a space before. */
static int S_parse_number(const symcheck_finding *f, const char *text, double *out) {
  char *end = NULL;
  double x = strtod(text, &end);
  if (end == text || !isfinite(x)) {
    return -1;
  }
  if (S_is_celsius(f)) {
    end += *end == ' ';
    end += strncmp(end, "\xc2\xb0", 2) == 0 ? 2 : 0;
    if (*end == 'F' || *end == 'f') {
      /* to hundredths of a degree, so the answer reads "38.61" and never
         crosses a band edge a tenth of a degree Fahrenheit could not */
      x = round((x - 32.0) * 5.0 / 9.0 * 100.0) / 100.0;
      end++;
    } else if (*end == 'C' || *end == 'c') {
      end++;
    }
  }
  if (*end != '\0') {
    return -1;
  }
  *out = x;
  return 0;
}

/* Parses a value in either the typed or the encoded form. */
static int S_parse_value(const symcheck_finding *f, const char *text, char sep, bool *selected,
                         bool *dont_know, symcheck_value *v) {
  memset(v, 0, sizeof *v);
  if (text[0] == '\0') {
    return -1; /* "none" must be said; an empty answer is a slip, as in the API */
  }
  if (S_is_unknown(text)) {
    v->unknown = true;
    return 0;
  }
  switch (f->type) {
  case SYMCHECK_ANSWER_YES_NO:
    if (strcmp(text, "yes") == 0 || strcmp(text, "Y") == 0) {
      v->option = 0;
      return 0;
    }
    if (strcmp(text, "no") == 0 || strcmp(text, "N") == 0) {
      v->option = 1;
      return 0;
    }
    return -1;
  case SYMCHECK_ANSWER_MULTI:
    v->selected = selected;
    v->dont_know = dont_know;
    if (S_parse_options(f, text, sep, selected, dont_know) != 0) {
      return -1;
    }
    v->unknown = S_all_unknown(f, dont_know);
    return 0;
  case SYMCHECK_ANSWER_NUMBER: {
    int o = symcheck_finding_option(f, text);
    if (o >= 0) {
      v->number = f->options[o].min;
      return 0;
    }
    return S_parse_number(f, text, &v->number);
  }
  default: {
    int o = symcheck_finding_option(f, text);
    v->option = o < 0 ? 0 : (size_t)o;
    return o < 0 ? -1 : 0;
  }
  }
}

/* Why a finding or option (`a`) leaves the person out, for a one-line
   refusal: "someone aged 7 (it is for ages 12 to 120)" or "a male (it is
   for females only)". Writes to buf. */
static const char *S_left_out(const symcheck_interview *iv, const symcheck_applies *a, char *buf,
                              size_t size) {
  int age = iv->profile.age;
  if (a->has_ages && (age < a->min_age || age > a->max_age)) {
    snprintf(buf, size, "someone aged %d (it is for ages %d to %d)", age, a->min_age, a->max_age);
  } else {
    bool male = iv->profile.sex == SYMCHECK_SEX_MALE;
    snprintf(buf, size, "a %s (it is for %s only)", male ? "male" : "female",
             male ? "females" : "males");
  }
  return buf;
}

/* The first option a parsed answer chooses that does not apply to the
   person, or -1. */
static int S_refused_option(const symcheck_interview *iv, const symcheck_finding *f,
                            const symcheck_value *v) {
  if (v->unknown) {
    return -1;
  }
  if (f->type == SYMCHECK_ANSWER_SINGLE) {
    return interview_option_applies(iv, f, v->option) ? -1 : (int)v->option;
  }
  for (size_t k = 0; f->type == SYMCHECK_ANSWER_MULTI && k < f->option_count; k++) {
    if (v->selected[k] && !interview_option_applies(iv, f, k)) {
      return (int)k;
    }
  }
  return -1;
}

/* Applies one answer, with a message naming what is allowed on failure. */
static int S_apply(symcheck_interview *iv, const char *finding_id, const char *text, char sep,
                   symcheck_error *err) {
  const symcheck_finding *f = symcheck_pack_find_finding(iv->pack, finding_id);
  if (f == NULL) {
    const symcheck_finding *near = pack_closest_finding(iv->pack, finding_id);
    error_set(err, NULL, 0, "answers",
              "unknown finding '%.60s'%s%s%s; `symcheck pack show` lists all %zu", finding_id,
              near != NULL ? " (did you mean '" : "", near != NULL ? near->id : "",
              near != NULL ? "'?)" : "", iv->pack->finding_count);
    return -1;
  }
  if (iv->slots[f->index].given) {
    error_set(err, NULL, 0, f->id, "'%s' is already answered by the complaint", f->id);
    return -1;
  }
  if (!symcheck_finding_applies(f, iv->profile.age, iv->profile.sex)) {
    char why[128];
    error_set(err, NULL, 0, f->id, "'%s' is not asked of %s; leave it out", f->id,
              S_left_out(iv, &f->applies, why, sizeof why));
    return -1;
  }
  if (!interview_allows(iv, f)) {
    error_set(err, NULL, 0, f->id, "'%s' is a follow-up asked only after a matching answer to '%s'",
              f->id, f->parent->id);
    return -1;
  }
  bool *selected = malloc((2 * f->option_count + 1) * sizeof *selected);
  symcheck_value v;
  if (selected == NULL) {
    error_set(err, NULL, 0, f->id, "out of memory");
    return -1;
  }
  int status = S_parse_value(f, text, sep, selected, selected + f->option_count, &v);
  int refused = status == 0 ? S_refused_option(iv, f, &v) : -1;
  if (refused >= 0) {
    char why[128];
    error_set(err, NULL, 0, f->id, "'%s' of '%s' is not offered to %s; leave it out",
              f->options[refused].id, f->id,
              S_left_out(iv, &f->options[refused].applies, why, sizeof why));
    free(selected);
    return -1;
  }
  char why[512];
  if (status == 0 && interview_check_implied(iv, f, &v, why, sizeof why) < 0) {
    error_set(err, NULL, 0, f->id, "%s", why);
    free(selected);
    return -1;
  }
  if (status == 0) {
    status = symcheck_interview_answer_value(iv, f->index, &v);
  }
  free(selected);
  if (status != 0) {
    char allowed[1024];
    char message[256];
    S_allowed(iv, f, allowed, sizeof allowed);
    snprintf(message, sizeof message, "'%.60s' is not an answer to '%.60s'; allowed:", text, f->id);
    error_set(err, NULL, 0, f->id, "%s %s", message, allowed);
  }
  return status;
}

int symcheck_interview_answer(symcheck_interview *iv, const char *finding_id, const char *value,
                              symcheck_error *err) {
  if (finding_id == NULL || value == NULL) {
    error_set(err, NULL, 0, "answers", "an answer needs a finding and a value");
    return -1;
  }
  return S_apply(iv, finding_id, value, ',', err);
}

/* True when some item of the multi answer in slot s that applies to the
   person is "don't know": then only the per-item form says it. */
static bool S_has_unknown_item(const symcheck_interview *iv, const symcheck_finding *f,
                               const answer_slot *s) {
  for (size_t k = 0; k < f->option_count; k++) {
    if (s->dont_know[k] && interview_option_applies(iv, f, k)) {
      return true;
    }
  }
  return false;
}

/* Writes a multi answer: the ticked options' ids (or labels, worded for
   the person's age) joined by sep;
   per_item adds the denied and don't-know items that apply to the person.
   Each item starts with its mark: marks[0] ticked, [1] denied, [2] don't
   know ("", "!", "?" typed; "", "N", "U" encoded). */
static void S_join_items(const symcheck_interview *iv, const symcheck_finding *f,
                         const answer_slot *s, bool labels, bool per_item, const char *marks[3],
                         const char *sep, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < f->option_count && used < size; k++) {
    char label[512];
    const char *word = labels
                           ? symcheck_option_label_for(f, k, iv->profile.age, label, sizeof label)
                           : f->options[k].id;
    const char *mark = s->selected[k] ? marks[0] : s->dont_know[k] ? marks[2] : marks[1];
    if (s->selected[k] || (per_item && interview_option_applies(iv, f, k))) {
      used += (size_t)snprintf(buf + used, size - used, "%s%s%s", used ? sep : "", mark, word);
    }
  }
}

/* The value of an answer, typed form (encoded=false) or encoded form. */
static void S_format_value(const symcheck_interview *iv, const symcheck_finding *f, bool encoded,
                           char *buf, size_t size) {
  const answer_slot *s = &iv->slots[f->index];
  if (s->unknown) {
    snprintf(buf, size, "%s", encoded ? "U" : "unknown");
  } else if (f->type == SYMCHECK_ANSWER_YES_NO) {
    const char *word = s->option == 0 ? (encoded ? "Y" : "yes") : (encoded ? "N" : "no");
    snprintf(buf, size, "%s", word);
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    static const char *typed[3] = {"", "!", "?"}, *codes[3] = {"", "N", "U"};
    S_join_items(iv, f, s, false, S_has_unknown_item(iv, f, s), encoded ? codes : typed,
                 encoded ? "-" : ",", buf, size);
    if (buf[0] == '\0') {
      snprintf(buf, size, "%s", encoded ? "X" : "none");
    }
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(buf, size, "%.15g", s->number);
  } else {
    snprintf(buf, size, "%s", f->options[s->option].id);
  }
}

void interview_describe_answer(const symcheck_interview *iv, const symcheck_finding *f, char *buf,
                               size_t size) {
  const answer_slot *s = &iv->slots[f->index];
  if (!s->answered) {
    snprintf(buf, size, "not asked");
  } else if (s->unknown) {
    snprintf(buf, size, "don't know");
  } else if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(buf, size, "%s", s->option == 0 ? "yes" : "no");
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    static const char *none[3] = {"", "", ""};
    S_join_items(iv, f, s, true, false, none, ", ", buf, size);
    if (buf[0] == '\0') {
      snprintf(buf, size, "none of these");
    }
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(buf, size, "%g%s%s", s->number, f->unit != NULL ? " " : "",
             f->unit != NULL ? f->unit : "");
  } else {
    symcheck_option_label_for(f, s->option, iv->profile.age, buf, size);
  }
}

const symcheck_finding *symcheck_interview_answer_at(const symcheck_interview *iv, size_t i,
                                                     char *buf, size_t size) {
  if (i >= iv->order_count) {
    return NULL;
  }
  const symcheck_finding *f = &iv->pack->findings[iv->order[i]];
  if (buf != NULL && size > 0) {
    S_format_value(iv, f, false, buf, size);
  }
  return f;
}

char *symcheck_interview_encode(const symcheck_interview *iv) {
  size_t cap = 64, used = 0;
  char *out = malloc(cap);
  char value[S_MAX_TEXT];
  if (out == NULL) {
    return NULL;
  }
  out[0] = '\0';
  for (size_t i = 0; i < iv->order_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[iv->order[i]];
    S_format_value(iv, f, true, value, sizeof value);
    size_t need = strlen(f->id) + strlen(value) + 3;
    if (used + need > cap) {
      cap = (used + need) * 2;
      char *grown = realloc(out, cap);
      if (grown == NULL) {
        free(out);
        return NULL;
      }
      out = grown;
    }
    used += (size_t)snprintf(out + used, cap - used, "%s%s.%s", i ? "~" : "", f->id, value);
  }
  return out;
}

/* Removes every answer that was not given by the complaint. */
static void S_reset(symcheck_interview *iv) {
  while (iv->order_count > 0) {
    symcheck_interview_forget(iv, iv->pack->findings[iv->order[iv->order_count - 1]].id);
  }
}

/* Applies each "id.VALUE" part of text in order; stops at the first bad one. */
static int S_apply_encoded(symcheck_interview *iv, const char *text, symcheck_error *err) {
  char part[S_MAX_TEXT];
  const char *p = text;
  while (*p != '\0') {
    const char *end = strchr(p, '~');
    size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
    if (n >= sizeof part) {
      error_set(err, NULL, 0, "answers", "an answer is too long");
      return -1;
    }
    memcpy(part, p, n);
    part[n] = '\0';
    char *dot = strchr(part, '.');
    if (dot == NULL || dot == part) {
      error_set(err, NULL, 0, "answers", "'%.80s' is not of the form finding.value", part);
      return -1;
    }
    *dot = '\0';
    if (S_apply(iv, part, dot + 1, '-', err) != 0) {
      return -1;
    }
    p += n;
    if (*p == '~') {
      p++;
    }
  }
  return 0;
}

int symcheck_interview_decode(symcheck_interview *iv, const char *text, symcheck_error *err) {
  if (text == NULL) {
    error_set(err, NULL, 0, "answers", "no answers given");
    return -1;
  }
  char *before = symcheck_interview_encode(iv);
  if (before == NULL) {
    error_set(err, NULL, 0, "answers", "out of memory");
    return -1;
  }
  int status = S_apply_encoded(iv, text, err);
  if (status != 0) {
    S_reset(iv);
    S_apply_encoded(iv, before, NULL);
  }
  free(before);
  return status;
}
