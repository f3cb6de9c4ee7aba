/*
 * finding_person.c - what fits the person: whether a finding or an option
 * applies to someone of a given age and sex (pack fields `ages` and `sex`),
 * the question worded for them ("your child", "your baby" in
 * question_child for ages 0-11), the option labelled for them
 * (label_child), and a condition's urgency at their age (condition field
 * `urgency_by_age`).
 */
#include <stdio.h>
#include <string.h>

#include "pack_internal.h"

/* Oldest age at which someone else answers for the person, and at which
   {child} reads "your baby". */
enum { S_CHILD_MAX_AGE = 11, S_BABY_MAX_AGE = 1 };

bool symcheck_applies_to(const symcheck_applies *a, int age, symcheck_sex sex) {
  if (a == NULL) {
    return true;
  }
  if (a->has_ages && (age < a->min_age || age > a->max_age)) {
    return false;
  }
  return !a->has_sex || a->sex == sex;
}

symcheck_level symcheck_condition_urgency(const symcheck_condition *c,
                                          const symcheck_profile *profile,
                                          const symcheck_citation **citation) {
  for (size_t i = 0; profile != NULL && i < c->urgency_by_age_count; i++) {
    const symcheck_age_urgency *entry = &c->urgency_by_age[i];
    if (profile->age >= entry->min_age && profile->age <= entry->max_age) {
      if (citation != NULL) {
        *citation = &entry->citation;
      }
      return entry->urgency;
    }
  }
  if (citation != NULL) {
    *citation = &c->urgency_citation;
  }
  return c->urgency;
}

bool symcheck_finding_applies(const symcheck_finding *f, int age, symcheck_sex sex) {
  return symcheck_applies_to(&f->applies, age, sex);
}

bool symcheck_option_applies(const symcheck_finding *f, size_t option, int age, symcheck_sex sex) {
  return option < f->option_count && symcheck_finding_applies(f, age, sex) &&
         symcheck_applies_to(&f->options[option].applies, age, sex);
}

bool symcheck_age_is_child(int age) {
  return age >= 0 && age <= S_CHILD_MAX_AGE;
}

/* Writes `text` for someone of `age` into buf: each "{child}" replaced by
   "your baby" (0-1) or "your child" (2-11), capitalised at the start of a
   sentence; text without "{child}", or an adult, gets `plain`. */
static const char *S_for_person(const char *plain, const char *text, int age, char *buf,
                                size_t size) {
  if (size == 0) {
    return buf;
  }
  if (!symcheck_age_is_child(age) || text == NULL || strstr(text, "{child}") == NULL) {
    snprintf(buf, size, "%s", plain);
    return buf;
  }
  const char *who = age <= S_BABY_MAX_AGE ? "your baby" : "your child";
  size_t used = 0;
  buf[0] = '\0';
  for (const char *at = text; *at != '\0' && used < size;) {
    const char *mark = strstr(at, "{child}");
    if (mark == NULL) {
      snprintf(buf + used, size - used, "%s", at);
      break;
    }
    /* "{child}" at the start of a sentence reads "Your child" */
    bool capital = mark == text || (mark >= text + 2 && strchr(".?!", mark[-2]) != NULL);
    int n = snprintf(buf + used, size - used, "%.*s%c%s", (int)(mark - at), at, capital ? 'Y' : 'y',
                     who + 1);
    used += n > 0 ? (size_t)n : 0;
    at = mark + strlen("{child}");
  }
  return buf;
}

const char *symcheck_finding_question_for(const symcheck_finding *f, int age, char *buf,
                                          size_t size) {
  return S_for_person(f->question, f->question_child, age, buf, size);
}

const char *symcheck_option_label_for(const symcheck_finding *f, size_t option, int age, char *buf,
                                      size_t size) {
  if (option >= f->option_count) {
    if (size > 0) {
      buf[0] = '\0';
    }
    return buf;
  }
  const symcheck_option *o = &f->options[option];
  return S_for_person(o->label, o->label_child, age, buf, size);
}
