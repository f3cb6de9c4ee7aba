/*
 * cli_reply.c - typed quiz replies to answer values (see cli_reply.h).
 * Words are compared after folding case, dropping apostrophes and joining
 * blanks, so "Don't know", "dont  know" and "DONT KNOW" are one reply.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_reply.h"

#include "cli_print.h"
#include "cli_util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_WORDS 256
/* What an answer's words may stand for besides an option. */
#define S_DONT_KNOW (-3)
#define S_NONE_OF (-4)

/* Folds `in` into out: lower case, no apostrophes, single blanks, no
   blanks or full stop at either end. */
static void S_norm(const char *in, char *out, size_t size) {
  size_t n = 0;
  bool blank = false;
  for (const unsigned char *p = (const unsigned char *)in; *p != '\0' && n + 1 < size; p++) {
    if (*p == '\'' || *p == '`') {
      continue;
    }
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) { /* ’ */
      p += 2;
      continue;
    }
    if (isspace(*p) || *p == '_') {
      blank = n > 0;
      continue;
    }
    if (blank && n + 2 < size) {
      out[n++] = ' ';
    }
    blank = false;
    out[n++] = (char)tolower(*p);
  }
  while (n > 0 && (out[n - 1] == '.' || out[n - 1] == '!')) {
    n--;
  }
  out[n] = '\0';
}

static bool S_is(const char *reply, const char *const *words) {
  char norm[S_WORDS];
  S_norm(reply, norm, sizeof norm);
  for (const char *const *w = words; *w != NULL; w++) {
    if (strcmp(norm, *w) == 0) {
      return true;
    }
  }
  return false;
}

bool cli_reply_dont_know(const char *reply) {
  static const char *const words[] = {"dont know", "unknown", "?",           "not sure", "idk",
                                      "dk",        "dunno",   "i dont know", NULL};
  return S_is(reply, words);
}

static bool S_none(const char *reply) {
  static const char *const words[] = {"0",       "none", "no", "nothing", "none of these",
                                      "neither", NULL};
  return S_is(reply, words);
}

int cli_match_label(const char *reply, const char *const *labels, size_t count) {
  char want[S_WORDS], label[S_WORDS];
  S_norm(reply, want, sizeof want);
  size_t length = strlen(want);
  if (length == 0) {
    return CLI_MATCH_NONE;
  }
  int found = CLI_MATCH_NONE;
  for (size_t i = 0; i < count; i++) {
    S_norm(labels[i], label, sizeof label);
    if (strcmp(label, want) == 0) {
      return (int)i;
    }
    if (strncmp(label, want, length) == 0) {
      found = found == CLI_MATCH_NONE ? (int)i : CLI_MATCH_AMBIGUOUS;
    }
  }
  return found;
}

/* The option of `finding` that `reply` names (its label, id or a unique
   start of its label, among the options shown, "Don't know" and, for
   multi, "None of these"): an option index, S_DONT_KNOW, S_NONE_OF,
   CLI_MATCH_NONE or CLI_MATCH_AMBIGUOUS. */
static int S_option(const symcheck_finding *finding, const symcheck_profile *person,
                    const char *reply) {
  size_t shown = cli_shown_count(finding, person);
  const char **labels = calloc(shown + 2, sizeof *labels);
  int *options = calloc(shown + 2, sizeof *options);
  char(*texts)[S_WORDS] = calloc(shown + 1, sizeof *texts); /* labels worded for the person */
  int found = CLI_MATCH_NONE;
  if (labels != NULL && options != NULL && texts != NULL) {
    char want[S_WORDS], id[S_WORDS];
    S_norm(reply, want, sizeof want);
    size_t n = 0;
    for (size_t i = 0; i < finding->option_count; i++) {
      if (symcheck_option_applies(finding, i, person->age, person->sex)) {
        S_norm(finding->options[i].id, id, sizeof id);
        found = found == CLI_MATCH_NONE && strcmp(id, want) == 0 ? (int)i : found;
        options[n] = (int)i;
        labels[n] = symcheck_option_label_for(finding, i, person->age, texts[n], sizeof texts[n]);
        n++;
      }
    }
    options[n] = S_DONT_KNOW;
    labels[n++] = "Don't know";
    if (finding->type == SYMCHECK_ANSWER_MULTI) {
      options[n] = S_NONE_OF;
      labels[n++] = "None of these";
    }
    if (found == CLI_MATCH_NONE) {
      int match = cli_match_label(reply, labels, n);
      found = match >= 0 ? options[match] : match;
    }
  }
  free(labels);
  free(options);
  free(texts);
  return found;
}

/* Writes "REASON HINT" to error; the hint states every valid reply. */
static bool S_refuse(const symcheck_finding *finding, const symcheck_profile *person, char *error,
                     size_t size, const char *format, ...) __attribute__((format(printf, 5, 6)));

static bool S_refuse(const symcheck_finding *finding, const symcheck_profile *person, char *error,
                     size_t size, const char *format, ...) {
  char reason[512] = "";
  if (format != NULL) {
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
  }
  size_t shown = cli_shown_count(finding, person);
  const char *space = reason[0] != '\0' ? " " : "";
  if (finding->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(error, size, "%s%sPlease answer 1-%zu, yes, no or don't know.", reason, space,
             shown + 1);
  } else if (finding->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(error, size,
             "%s%sPlease answer 0-%zu (several such as \"1 3\", or item by item such as \"1 no "
             "2 ? 3\"), the first letters of answers, none or don't know.",
             reason, space, shown + 1);
  } else if (finding->type == SYMCHECK_ANSWER_NUMBER) {
    if (finding->option_count > 0) {
      snprintf(error, size, "%s%sPlease type a number from %g to %g, or d if you don't know.",
               reason, space, finding->options[0].min,
               finding->options[finding->option_count - 1].max);
    } else {
      snprintf(error, size, "%s%sPlease type a number, or d if you don't know.", reason, space);
    }
  } else {
    snprintf(error, size, "%s%sPlease answer 1-%zu, an answer's first letters, or don't know.",
             reason, space, shown + 1);
  }
  return false;
}

/* The reason a word fits no answer, or several. */
static bool S_refuse_word(const symcheck_finding *finding, const symcheck_profile *person,
                          const char *word, int match, char *error, size_t size) {
  return S_refuse(finding, person, error, size,
                  match == CLI_MATCH_AMBIGUOUS ? "\"%s\" fits several answers; type more of it."
                                               : "\"%s\" is not one of the answers.",
                  word);
}

static bool S_number_value(const symcheck_finding *finding, const symcheck_profile *person,
                           const char *reply, char *value, size_t value_size, char *error,
                           size_t error_size) {
  if (strcmp(reply, "d") == 0 || strcmp(reply, "D") == 0 || cli_reply_dont_know(reply)) {
    snprintf(value, value_size, "unknown");
    return true;
  }
  double number = 0.0;
  bool parsed = cli_parse_double(reply, &number);
  bool celsius = finding->unit != NULL && strcmp(finding->unit, "\xc2\xb0"
                                                                "C") == 0;
  bool fahrenheit = celsius && (isdigit((unsigned char)reply[0]) || reply[0] == '.') &&
                    (strchr(reply, 'F') != NULL || strchr(reply, 'f') != NULL);
  if (!parsed && !fahrenheit) { /* the library reads 102F for a °C finding */
    return S_refuse(finding, person, error, error_size, NULL);
  }
  if (parsed && finding->option_count > 0 &&
      (number < finding->options[0].min ||
       number >= finding->options[finding->option_count - 1].max)) {
    return S_refuse(finding, person, error, error_size, NULL);
  }
  snprintf(value, value_size, "%s", reply);
  return true;
}

static bool S_one_value(const symcheck_finding *finding, const symcheck_profile *person,
                        const char *reply, char *value, size_t value_size, char *error,
                        size_t error_size) {
  size_t shown = cli_shown_count(finding, person);
  int number = 0;
  int option =
      cli_reply_dont_know(reply) ? S_DONT_KNOW
      : cli_parse_int(reply, 1, (long)shown + 1, &number)
          ? ((size_t)number > shown ? S_DONT_KNOW : cli_shown_option(finding, person, number))
          : S_option(finding, person, reply);
  if (option == CLI_MATCH_NONE || option == CLI_MATCH_AMBIGUOUS) {
    return cli_parse_int(reply, -1000000, 1000000, &number)
               ? S_refuse(finding, person, error, error_size, "There is no answer %d.", number)
               : S_refuse_word(finding, person, reply, option, error, error_size);
  }
  snprintf(value, value_size, "%s",
           option == S_DONT_KNOW ? "unknown" : finding->options[option].id);
  return true;
}

/* The option one word or number of a multi reply names (as S_option). */
static int S_multi_token(const symcheck_finding *finding, const symcheck_profile *person,
                         const char *token) {
  size_t shown = cli_shown_count(finding, person);
  int number = 0;
  if (!cli_parse_int(token, 0, (long)shown + 1, &number)) {
    return S_option(finding, person, token);
  }
  return number == 0              ? S_NONE_OF
         : (size_t)number > shown ? S_DONT_KNOW
                                  : cli_shown_option(finding, person, number);
}

/* A multi reply being read: each option's mark ('y' yes, 'n' no, 'u'
   don't know; 0 not named), the mark the next items get, and whether a
   mark word made it a reply item by item. */
typedef struct S_items {
  char *marks;
  char mark;
  bool per_item;
} S_items;

/* The mark a word of a multi reply sets for the items after it: 'y' for
   yes, 'n' for no, 'u' for ? or dk; 0 when it is no such word. */
static char S_mark_word(const char *token) {
  static const char *const yes[] = {"yes", NULL}, *const no[] = {"no", NULL},
                           *const unsure[] = {"?", "dk", NULL};
  return S_is(token, yes) ? 'y' : S_is(token, no) ? 'n' : S_is(token, unsure) ? 'u' : 0;
}

/* Marks one named option; false with the error for a bad or repeated one. */
static bool S_choose(const symcheck_finding *finding, const symcheck_profile *person,
                     const char *token, int option, S_items *items, char *error, size_t size) {
  if (option == S_NONE_OF || option == S_DONT_KNOW) {
    return S_refuse(finding, person, error, size, "\"%s\" goes alone, without other answers.",
                    token);
  }
  if (option < 0) {
    return S_refuse_word(finding, person, token, option, error, size);
  }
  if (items->marks[option] != 0) {
    char label[S_WORDS];
    return S_refuse(
        finding, person, error, size, "You chose \"%s\" twice; choose each answer once.",
        symcheck_option_label_for(finding, (size_t)option, person->age, label, sizeof label));
  }
  items->marks[option] = items->mark;
  return true;
}

/* Reads one comma-separated part of a multi reply: an answer's words, or
   numbers, words and the marks yes, no and ? separated by blanks. */
static bool S_multi_part(const symcheck_finding *finding, const symcheck_profile *person,
                         char *part, S_items *items, char *error, size_t size) {
  int number = 0;
  int whole = cli_parse_int(part, -1000000, 1000000, &number) || S_mark_word(part) != 0
                  ? CLI_MATCH_NONE
                  : S_option(finding, person, part);
  if (whole >= 0 || whole == S_NONE_OF || whole == S_DONT_KNOW) {
    return S_choose(finding, person, part, whole, items, error, size);
  }
  for (char *save = NULL, *token = strtok_r(part, " \t", &save); token != NULL;
       token = strtok_r(NULL, " \t", &save)) {
    char mark = S_mark_word(token);
    if (mark != 0) {
      items->mark = mark;
      items->per_item = true;
    } else if (!S_choose(finding, person, token, S_multi_token(finding, person, token), items,
                         error, size)) {
      return false;
    }
  }
  return true;
}

/* Writes the value of a multi reply read into items: the ticked ids ("a,b"),
   or item by item ("a,!b,?c"); returns its length (0: nothing named). */
static size_t S_multi_write(const symcheck_finding *finding, const S_items *items, char *value,
                            size_t value_size) {
  size_t length = 0;
  value[0] = '\0';
  for (size_t i = 0; i < finding->option_count; i++) {
    char mark = items->marks[i];
    const char *prefix = mark == 'n' ? "!" : mark == 'u' ? "?" : "";
    if (mark != 0 && (mark == 'y' || items->per_item) &&
        length + strlen(finding->options[i].id) + 3 < value_size) {
      length += (size_t)snprintf(value + length, value_size - length, "%s%s%s", length ? "," : "",
                                 prefix, finding->options[i].id);
    }
  }
  return length;
}

static bool S_multi_value(const symcheck_finding *finding, const symcheck_profile *person,
                          const char *reply, char *value, size_t value_size, char *error,
                          size_t error_size) {
  if (S_none(reply) || cli_reply_dont_know(reply)) {
    snprintf(value, value_size, "%s", S_none(reply) ? "none" : "unknown");
    return true;
  }
  S_items items = {.marks = calloc(finding->option_count + 1, 1), .mark = 'y'};
  char *copy = strdup(reply);
  bool ok = items.marks != NULL && copy != NULL;
  for (char *save = NULL, *part = ok ? strtok_r(copy, ",;", &save) : NULL; ok && part != NULL;
       part = strtok_r(NULL, ",;", &save)) {
    while (isspace((unsigned char)*part)) {
      part++;
    }
    ok = *part == '\0' || S_multi_part(finding, person, part, &items, error, error_size);
  }
  if (ok && S_multi_write(finding, &items, value, value_size) == 0) {
    ok = S_refuse(finding, person, error, error_size, NULL);
  }
  free(items.marks);
  free(copy);
  return ok;
}

bool cli_reply_value(const symcheck_finding *finding, const symcheck_profile *person,
                     const char *reply, char *value, size_t value_size, char *error,
                     size_t error_size) {
  if (finding->type == SYMCHECK_ANSWER_NUMBER) {
    return S_number_value(finding, person, reply, value, value_size, error, error_size);
  }
  if (finding->type == SYMCHECK_ANSWER_MULTI) {
    return S_multi_value(finding, person, reply, value, value_size, error, error_size);
  }
  return S_one_value(finding, person, reply, value, value_size, error, error_size);
}

void cli_reply_words(const symcheck_finding *finding, int age, const char *value, char *words,
                     size_t size) {
  if (finding->type == SYMCHECK_ANSWER_NUMBER && strcmp(value, "unknown") != 0) {
    snprintf(words, size, "\"%s%s%s\"", value, finding->unit != NULL ? " " : "",
             finding->unit != NULL ? finding->unit : "");
    return;
  }
  size_t length = 0;
  words[0] = '\0';
  const char *at = value;
  while (*at != '\0' && length + 1 < size) {
    const char *item = *at == '!' ? " (no)" : *at == '?' ? " (don't know)" : "";
    at += *item != '\0';
    size_t n = strcspn(at, ",");
    char text[S_WORDS];
    const char *label = strncmp(at, "unknown", n) == 0 && n == 7 ? "Don't know"
                        : strncmp(at, "none", n) == 0 && n == 4  ? "None of these"
                                                                 : NULL;
    for (size_t i = 0; i < finding->option_count && label == NULL; i++) {
      if (strlen(finding->options[i].id) == n && strncmp(finding->options[i].id, at, n) == 0) {
        label = symcheck_option_label_for(finding, i, age, text, sizeof text);
      }
    }
    int written =
        snprintf(words + length, size - length, "%s\"%.*s\"%s", length ? " and " : "",
                 label != NULL ? (int)strlen(label) : (int)n, label != NULL ? label : at, item);
    length += written > 0 ? (size_t)written : 0;
    length = length < size ? length : size - 1;
    at += n + (at[n] == ',');
  }
}
