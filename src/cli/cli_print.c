/*
 * cli_print.c - questions and results as text for people (see cli_print.h).
 * Probabilities are shown as bars and as "about 4 in 10"; the urgency is
 * always written out, colour only adds to it.
 */
#include "cli_print.h"

#include <math.h>
#include <string.h>

/* How many conditions a result lists at least, and at most. */
#define S_MIN_SHOWN 3
#define S_MAX_SHOWN 8
/* Conditions below this probability are left out after the first few. */
#define S_SHOWN_FLOOR 0.01
/* How many answers for and against each condition are listed. */
#define S_MAX_EVIDENCE 3
#define S_BAR_WIDTH 20

#define S_RESET "\033[0m"

const char *cli_level_words(symcheck_level level) {
  static const char *const words[SYMCHECK_LEVEL_COUNT] = {
      "Self-care",   "See a doctor",         "See a doctor soon",
      "Urgent care", "Emergency department", "Call an ambulance"};
  if ((int)level < 0 || (int)level >= SYMCHECK_LEVEL_COUNT) {
    return "Unknown";
  }
  return words[level];
}

static const char *S_level_colour(symcheck_level level) {
  if (level >= SYMCHECK_LEVEL_EMERGENCY) {
    return "\033[1;31m";
  }
  if (level >= SYMCHECK_LEVEL_PRIMARY_CARE_SOON) {
    return "\033[1;33m";
  }
  return "\033[1;32m";
}

void cli_print_bar(FILE *out, double fraction, int width) {
  double clamped = fraction < 0.0 ? 0.0 : (fraction > 1.0 ? 1.0 : fraction);
  int filled = (int)lround(clamped * width);
  fputc('[', out);
  for (int i = 0; i < width; i++) {
    fputc(i < filled ? '#' : '.', out);
  }
  fputc(']', out);
}

static bool S_shown(const symcheck_finding *f, const symcheck_profile *person, size_t i) {
  return symcheck_option_applies(f, i, person->age, person->sex);
}

size_t cli_shown_count(const symcheck_finding *finding, const symcheck_profile *person) {
  size_t n = 0;
  for (size_t i = 0; i < finding->option_count; i++) {
    n += S_shown(finding, person, i);
  }
  return n;
}

int cli_shown_option(const symcheck_finding *finding, const symcheck_profile *person, long number) {
  long seen = 0;
  for (size_t i = 0; i < finding->option_count; i++) {
    if (S_shown(finding, person, i) && ++seen == number) {
      return (int)i;
    }
  }
  return -1;
}

void cli_print_question(FILE *out, const symcheck_finding *finding,
                        const symcheck_profile *person) {
  char question[1024];
  if (finding->red_flag) {
    fprintf(out, "(!) Safety question: this answer can change how urgently you need care.\n");
  }
  if (symcheck_age_is_child(person->age) && finding->question_child == NULL) {
    fprintf(out, "Answer for your child:\n");
  }
  fprintf(out, "%s\n",
          symcheck_finding_question_for(finding, person->age, question, sizeof question));
  if (finding->type == SYMCHECK_ANSWER_NUMBER) {
    fprintf(out, "  Type a number%s%s, or d if you don't know.\n", finding->unit ? " in " : "",
            finding->unit ? finding->unit : "");
    return;
  }
  if (finding->type == SYMCHECK_ANSWER_MULTI) {
    fprintf(out, "  Choose all that apply, e.g. \"1 3\" (the rest are no), or item by item, e.g.\n"
                 "  \"1 no 2 ? 3\" (1 yes, 2 no, 3 don't know).\n  0. None of these\n");
  }
  size_t number = 0;
  for (size_t i = 0; i < finding->option_count; i++) {
    if (S_shown(finding, person, i)) {
      const char *end = i == 0                           ? finding->scale_low
                        : i + 1 == finding->option_count ? finding->scale_high
                                                         : NULL;
      char label[512];
      fprintf(out, "  %zu. %s%s%s\n", ++number,
              symcheck_option_label_for(finding, i, person->age, label, sizeof label),
              end ? ": " : "", end ? end : "");
    }
  }
  fprintf(out, "  %zu. Don't know\n", number + 1);
}

void cli_print_why(FILE *out, const symcheck_finding *finding) {
  fprintf(out, "Why we ask: %s\n", finding->why);
  if (finding->explain != NULL) {
    fprintf(out, "What it means: %s\n", finding->explain);
  }
}

static void S_print_urgency(FILE *out, const symcheck_pack *pack, const symcheck_triage *triage,
                            bool colour) {
  fprintf(out, "How soon to get care: %s%s%s (level %d of %d)\n",
          colour ? S_level_colour(triage->level) : "", cli_level_words(triage->level),
          colour ? S_RESET : "", (int)triage->level, SYMCHECK_LEVEL_COUNT - 1);
  fprintf(out, "Why: %s\n", triage->reason);
  fprintf(out, "What to do: %s.", triage->advice);
  const char *emergency = symcheck_pack_get_info(pack)->emergency_number;
  if (triage->level >= SYMCHECK_LEVEL_EMERGENCY && emergency != NULL) {
    fprintf(out, " Emergency number: %s.", emergency);
  }
  fputc('\n', out);
}

static void S_print_evidence(FILE *out, const char *title, const symcheck_evidence *items,
                             size_t count) {
  if (count == 0) {
    return;
  }
  fprintf(out, "     %s: ", title);
  size_t shown = count < S_MAX_EVIDENCE ? count : S_MAX_EVIDENCE;
  for (size_t i = 0; i < shown; i++) {
    /* The library keeps a bounded copy of the answer's words. */
    bool cut = strlen(items[i].value) + 1 >= sizeof items[i].value;
    char words[512];
    symcheck_evidence_words(&items[i], words, sizeof words);
    fprintf(out, "%s%s: %s%s (%s; weight %+.1f)", i > 0 ? "; " : "", items[i].finding->name,
            items[i].value, cut ? "..." : "", words, items[i].weight);
  }
  fputc('\n', out);
}

static void S_print_condition(FILE *out, size_t rank, const symcheck_ranked_condition *ranked) {
  const symcheck_condition *condition = ranked->condition;
  char words[64];
  symcheck_probability_words(ranked->probability, words, sizeof words);
  fprintf(out, "  %zu. %s ", rank, condition->name);
  cli_print_bar(out, ranked->probability, S_BAR_WIDTH);
  fprintf(out, " %s (%.0f%%)\n", words, ranked->probability * 100.0);
  fprintf(out, "     %s: %s. Usually needs: %s.\n", symcheck_rarity_label(condition->rarity),
          condition->prevalence, cli_level_words(ranked->urgency));
  S_print_evidence(out, "Why it fits", ranked->for_answers, ranked->for_count);
  S_print_evidence(out, "What argues against", ranked->against_answers, ranked->against_count);
}

void cli_print_result(FILE *out, const symcheck_pack *pack, const symcheck_complaint *complaint,
                      const symcheck_result *result, bool colour) {
  S_print_urgency(out, pack, &result->triage, colour);
  for (size_t i = 0; i < result->ruled_out_count; i++) {
    char words[512];
    symcheck_ruled_out_words(&result->ruled_out[i], words, sizeof words);
    fprintf(out, "%s\n", words);
  }
  char note[256];
  symcheck_stop_words(result->stop_reason, result->answered, note, sizeof note);
  if (note[0] != '\0') {
    fprintf(out, "\n%s\n", note);
  }
  if (result->condition_count == 0) { /* a triage-only complaint */
    if (complaint->self_care != NULL && result->triage.level <= SYMCHECK_LEVEL_PRIMARY_CARE_SOON) {
      fprintf(out, "\nAt home: %s\n", complaint->self_care);
    }
    if (complaint->see_doctor != NULL) {
      fprintf(out, "\nWhen to get help: %s\n", complaint->see_doctor);
    }
    fprintf(out, "\nThis gives advice on how soon to get help, not a list of possible causes.\n");
    fprintf(out, "\n%s\n", SYMCHECK_NOTICE);
    return;
  }
  fprintf(out, "\nConditions that could explain your symptoms (after %zu answer%s):\n",
          result->answered, result->answered == 1 ? "" : "s");
  for (size_t i = 0; i < result->condition_count && i < S_MAX_SHOWN; i++) {
    if (i >= S_MIN_SHOWN && result->conditions[i].probability < S_SHOWN_FLOOR) {
      break;
    }
    S_print_condition(out, i + 1, &result->conditions[i]);
  }
  char words[64];
  symcheck_probability_words(result->other_probability, words, sizeof words);
  fprintf(out, "  Something else: %s (%.0f%%)\n", words, result->other_probability * 100.0);
  fprintf(out, "\n%s\n", SYMCHECK_NOTICE);
}
