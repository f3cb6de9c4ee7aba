/*
 * cli_reply.h - what a person's typed reply to a quiz question means. The
 * quiz takes the numbers it shows, and words: yes/y, no/n, none (or 0) for
 * "choose all that apply", "don't know" (dont know, unknown, ?), and an
 * answer's words, their first letters or any unique start of them, in any
 * case. A "choose all" reply "1 3" ticks 1 and 3 and denies the rest; the
 * words yes, no and ? (or dk) in it mark the items after them, item by
 * item: "1 3 no 2 ? 4" is 1 and 3 yes, 2 no, 4 don't know, and any item
 * not named don't know. A reply that means nothing gets one line stating
 * what is allowed.
 */
#ifndef SYMCHECK_CLI_REPLY_H
#define SYMCHECK_CLI_REPLY_H

#include "symcheck.h"

#include <stdbool.h>
#include <stddef.h>

/* What matching a reply against labels found. */
#define CLI_MATCH_NONE (-1)      /* no label fits */
#define CLI_MATCH_AMBIGUOUS (-2) /* several labels start like it */

/*
 * The index of the label among labels[0..count) that `reply` names: the
 * label itself, or a start of it that no other label shares (case,
 * apostrophes and repeated blanks do not matter). CLI_MATCH_NONE or
 * CLI_MATCH_AMBIGUOUS otherwise.
 */
int cli_match_label(const char *reply, const char *const *labels, size_t count);

/* True when the reply means "don't know": don't know, dont know, unknown,
   ?, not sure, idk. */
bool cli_reply_dont_know(const char *reply);

/*
 * Turns the reply to `finding` (shown to `person`) into the value
 * symcheck_interview_answer takes, written to value (value_size bytes).
 * Returns true, or false with one line for the person in `error` (e.g.
 * "Please answer 1-3, yes, no or don't know.", with the reason first when
 * there is one: an answer given twice, words that fit several answers).
 */
bool cli_reply_value(const symcheck_finding *finding, const symcheck_profile *person,
                     const char *reply, char *value, size_t value_size, char *error,
                     size_t error_size);

/* The answer words of `value` (as cli_reply_value writes it), each in
   double quotes: the labels of the chosen options joined by " and " (an
   item answered no or don't know followed by " (no)" or " (don't know)"),
   or the value itself (a number, with its unit). Labels are worded for
   someone of `age` (label_child for ages 0-11). */
void cli_reply_words(const symcheck_finding *finding, int age, const char *value, char *words,
                     size_t size);

#endif /* SYMCHECK_CLI_REPLY_H */
