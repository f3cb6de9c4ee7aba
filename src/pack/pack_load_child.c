/*
 * pack_load_child.c - option labels that fit a child (issue 9). An option
 * may carry `label_child`, shown for ages 0-11 with "{child}" replaced by
 * "your child" or "your baby". An option that can be asked about someone
 * aged 0-11 and whose label speaks to the person ("you", "my") must carry
 * one, so that a parent answering for a baby is not asked about themself.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pack_load.h"

enum { S_WORD_MAX = 16 }; /* longer words are never pronouns */

/* Words that speak to or as the person answering. */
static const char *const S_PERSON_WORDS[] = {"you", "your", "yourself", "i", "my", "me", NULL};

/* True when the word text[0..n) is one of S_PERSON_WORDS. A word of two
   or more capitals is an abbreviation ("ME"), not a pronoun. */
static bool S_person_word(const char *text, size_t n) {
  if (n == 0 || n >= S_WORD_MAX) {
    return false;
  }
  char word[S_WORD_MAX];
  size_t capitals = 0;
  for (size_t i = 0; i < n; i++) {
    capitals += isupper((unsigned char)text[i]) != 0;
    word[i] = (char)tolower((unsigned char)text[i]);
  }
  word[n] = '\0';
  if (n > 1 && capitals == n) {
    return false;
  }
  for (size_t i = 0; S_PERSON_WORDS[i] != NULL; i++) {
    if (strcmp(word, S_PERSON_WORDS[i]) == 0) {
      return true;
    }
  }
  return false;
}

/* The first word of `text` outside round or square brackets that speaks
   to the person, written into word[size]; false when there is none. */
static bool S_find_person_word(const char *text, char *word, size_t size) {
  int depth = 0;
  for (const char *s = text; *s != '\0';) {
    if (!isalpha((unsigned char)*s)) {
      depth += (*s == '(' || *s == '[') - (*s == ')' || *s == ']');
      s++;
      continue;
    }
    const char *end = s;
    while (isalpha((unsigned char)*end)) {
      end++;
    }
    if (depth <= 0 && S_person_word(s, (size_t)(end - s))) {
      snprintf(word, size, "%.*s", (int)(end - s), s);
      return true;
    }
    s = end;
  }
  return false;
}

/* True when some age from 0 to 11 is allowed by both the finding and the
   option. */
static bool S_asked_of_child(const symcheck_finding *f, const symcheck_option *o) {
  int low = 0, high = 120;
  const symcheck_applies *both[2] = {&f->applies, &o->applies};
  for (size_t i = 0; i < 2; i++) {
    if (both[i]->has_ages) {
      low = both[i]->min_age > low ? both[i]->min_age : low;
      high = both[i]->max_age < high ? both[i]->max_age : high;
    }
  }
  return low <= high && symcheck_age_is_child(low);
}

void loader_read_label_child(loader *ld, const symcheck_finding *f, symcheck_option *o, ynode *item,
                             const char *path) {
  char field[160], word[S_WORD_MAX];
  o->label_child =
      yaml_read_child_text(ld, item, path, "label_child", "Blood clots in {child}'s pee");
  if (o->label_child != NULL || yaml_get(item, "label_child") != NULL || o->label == NULL ||
      !S_asked_of_child(f, o) || !S_find_person_word(o->label, word, sizeof word)) {
    return;
  }
  yaml_path_key(field, sizeof field, path, "label");
  loader_error(ld, yaml_key_line(item, "label"), field,
               "says \"%s\" but can be asked about a child aged 0-11; add label_child: with "
               "{child} (\"your child\", \"your baby\"), or ages: that leave out children",
               word);
}
