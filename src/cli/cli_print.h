/*
 * cli_print.h - the readable text forms of a question and a result, shared
 * by `symcheck quiz` and `symcheck diagnose`. The JSON forms come from the
 * library (symcheck_interview_json); this is only the words for people.
 */
#ifndef SYMCHECK_CLI_PRINT_H
#define SYMCHECK_CLI_PRINT_H

#include "symcheck.h"

#include <stdbool.h>
#include <stdio.h>

/* A level as words for people, e.g. "Urgent care". Static. */
const char *cli_level_words(symcheck_level level);

/* Prints "[#####-----]" for a probability in 0..1, `width` cells wide. */
void cli_print_bar(FILE *out, double fraction, int width);

/* How many options of `finding` are shown to the person (those that apply
   to their age and sex). */
size_t cli_shown_count(const symcheck_finding *finding, const symcheck_profile *person);
/* The option index of the number-th shown option (1-based), or -1. */
int cli_shown_option(const symcheck_finding *finding, const symcheck_profile *person, long number);

/* Prints the question's text worded for the person ("your child" for ages
   0-11, or "Answer for your child" when the pack has no child wording), a
   safety marker for red-flag questions, and its numbered answers (quiz
   style; only the options that apply to the person). */
void cli_print_question(FILE *out, const symcheck_finding *finding, const symcheck_profile *person);

/* Prints "Why we ask" and the explanation of terms, if any. */
void cli_print_why(FILE *out, const symcheck_finding *finding);

/*
 * Prints a result: the urgency first (in colour when `colour`, always in
 * words), its reason and what to do, then the conditions with probability
 * bars, words, rarity and the answers for and against each, then the
 * not-a-diagnosis notice.
 */
void cli_print_result(FILE *out, const symcheck_pack *pack, const symcheck_complaint *complaint,
                      const symcheck_result *result, bool colour);

#endif /* SYMCHECK_CLI_PRINT_H */
