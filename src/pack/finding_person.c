/*
 * finding_person.c - what fits the person: whether a finding or an option
 * applies to someone of a given age and sex (pack fields `ages` and `sex`),
 * the question worded for them ("your child", "your baby" in
 * question_child for ages 0-11), and a condition's urgency at their age
 * (condition field `urgency_by_age`).
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

const char *symcheck_finding_question_for(const symcheck_finding *f, int age, char *buf,
                                          size_t size) {
  if (size == 0) {
    return buf;
  }
  const char *mark = f->question_child != NULL ? strstr(f->question_child, "{child}") : NULL;
  if (!symcheck_age_is_child(age) || mark == NULL) {
    snprintf(buf, size, "%s", f->question);
    return buf;
  }
  const char *who = age <= S_BABY_MAX_AGE ? "your baby" : "your child";
  const char *text = f->question_child;
  /* "{child}" at the start of a sentence reads "Your child" */
  bool capital = mark == text || (mark >= text + 2 && strchr(".?!", mark[-2]) != NULL);
  snprintf(buf, size, "%.*s%c%s%s", (int)(mark - text), text, capital ? 'Y' : 'y', who + 1,
           mark + strlen("{child}"));
  return buf;
}
