/*
 * cmd_quiz.c - `symcheck quiz`: the interactive quiz on stdin/stdout. Loads
 * every pack (as `symcheck serve` does) or the ones given, asks the profile
 * and the complaint when not given (a numbered list or a search across the
 * packs, "My symptom is not listed" always last), then one question at a
 * time on the pack holding the complaint, and ends with the result. Replies
 * are numbers or words (cli_reply.h); b goes back through every step, age
 * and symptom included; w says why we ask; q quits. An answer that means
 * an emergency is confirmed before the quiz ends. Text is wrapped to the
 * terminal (cli_wrap.h). End of input ends the quiz cleanly.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_print.h"
#include "cli_reply.h"
#include "cli_util.h"
#include "cli_wrap.h"
#include "commands.h"
#include "server_packs.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char S_USAGE[] =
    "usage: symcheck quiz [--pack DIR]... [--complaint ID] [--age N] [--sex female|male]\n"
    "options:\n"
    "  --pack DIR          a pack folder to offer; repeat for more\n"
    "                      (default: every folder under packs/ with a pack.yaml)\n"
    "  --complaint ID      start with this complaint, from whichever pack holds it\n"
    "                      (`symcheck pack show DIR` lists a pack's ids)\n"
    "  --age N             age in years, 0 to 120, instead of asking\n"
    "  --sex female|male   sex, instead of asking\n"
    "choosing the symptom: a number from the list, or words to search every pack;\n"
    "\"My symptom is not listed\" (id symptom-not-listed) is always the last choice\n"
    "while answering: a number (several for \"choose all\") or words: yes, no,\n"
    "none, don't know (or ?), an answer's first letters; b to go back (to the\n"
    "age, sex and symptom too), w for why we ask, q to quit\n"
    "\"choose all\": \"1 3\" ticks 1 and 3, the rest no; item by item, \"1 3 no 2 ? 4\"\n"
    "is 1 and 3 yes, 2 no, 4 (and any not named) don't know\n"
    "examples:\n"
    "  symcheck quiz --complaint anal-mucus-discharge --age 34 --sex female\n"
    "  symcheck quiz --complaint symptom-not-listed\n"
    "  symcheck quiz --pack packs/anorectal --pack packs/general\n";

/* Most search matches offered at once when choosing a complaint. */
#define S_MAX_CHOICES 20
/* Most --pack folders. */
#define S_MAX_PACKS 64
#define S_LINE_SIZE 256
#define S_VALUE_SIZE 1024
#define S_TEXT_SIZE 2048

/* What reading a reply gave. */
typedef enum S_read {
  S_READ_OK,
  S_READ_BACK,
  S_READ_AGAIN, /* the reply was refused; ask again */
  S_READ_QUIT,
  S_READ_END,
  S_READ_FAIL
} S_read;

/* The steps of a quiz, in order; b goes back to the previous one asked. */
typedef enum S_stage { S_AGE, S_SEX, S_COMPLAINT, S_QUESTIONS, S_STAGES } S_stage;

/* A complaint offered in the chooser: its pack and its index there. */
typedef struct S_choice {
  const symcheck_pack *pack;
  size_t index;
} S_choice;

typedef struct S_quiz {
  srv_pack_set packs;
  const symcheck_pack *pack; /* the pack holding the chosen complaint */
  const char *complaint;
  symcheck_profile profile;
  bool have_age, have_sex;
  bool asked[S_STAGES]; /* the steps asked here (not given as options) */
  symcheck_interview *interview;
  int width; /* of the terminal, for wrapping */
  size_t pack_dir_count;
  const char *pack_dirs[S_MAX_PACKS];
} S_quiz;

/* Prints text for people, wrapped to the terminal. */
static void S_say(const S_quiz *quiz, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void S_say(const S_quiz *quiz, const char *format, ...) {
  char text[S_TEXT_SIZE];
  va_list args;
  va_start(args, format);
  vsnprintf(text, sizeof text, format, args);
  va_end(args);
  cli_wrap(stdout, text, quiz->width);
}

/* A block printed by the shared printers (cli_print.h), kept in memory
   and then written wrapped; straight to stdout if memory runs out. */
typedef struct S_block {
  FILE *file;
  char *text;
  size_t size;
} S_block;

static FILE *S_block_open(S_block *block) {
  *block = (S_block){0};
  block->file = open_memstream(&block->text, &block->size);
  return block->file != NULL ? block->file : stdout;
}

static void S_block_close(const S_quiz *quiz, S_block *block) {
  if (block->file != NULL && fclose(block->file) == 0) {
    cli_wrap(stdout, block->text, quiz->width);
  }
  free(block->text);
}

static void S_trim(char *line) {
  size_t length = strlen(line);
  while (length > 0 && isspace((unsigned char)line[length - 1])) {
    line[--length] = '\0';
  }
  size_t start = 0;
  while (isspace((unsigned char)line[start])) {
    start++;
  }
  memmove(line, line + start, length - start + 1);
}

/* Prints the prompt and reads one trimmed line: "q" quits, "b" goes back.
   When the replies come from a file or pipe they are echoed, so the
   transcript reads like a terminal session. */
static S_read S_ask(const S_quiz *quiz, const char *prompt, char *line) {
  cli_wrap(stdout, prompt, quiz->width);
  fflush(stdout);
  if (fgets(line, S_LINE_SIZE, stdin) == NULL) {
    putchar('\n');
    return S_READ_END;
  }
  if (strchr(line, '\n') == NULL) {
    int c;
    while ((c = getchar()) != '\n' && c != EOF) {
    }
  }
  S_trim(line);
  if (isatty(fileno(stdin)) != 1) {
    printf("%s\n", line);
  }
  if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0) {
    return S_READ_QUIT;
  }
  return strcmp(line, "b") == 0 || strcmp(line, "B") == 0 ? S_READ_BACK : S_READ_OK;
}

static S_read S_ask_age(S_quiz *quiz) {
  char line[S_LINE_SIZE];
  for (;;) {
    S_read read = S_ask(quiz, "How old are you, in years? ", line);
    if (read != S_READ_OK) {
      return read;
    }
    if (cli_parse_int(line, 0, 120, &quiz->profile.age)) {
      return S_READ_OK;
    }
    S_say(quiz, "Please type your age as a whole number from 0 to 120 (b goes back, q quits).\n");
  }
}

static S_read S_ask_sex(S_quiz *quiz) {
  static const char *const labels[] = {"Female", "Male"};
  char line[S_LINE_SIZE];
  for (;;) {
    S_say(quiz, "What sex were you assigned at birth?\n  1. Female\n  2. Male\n");
    S_read read = S_ask(quiz, "> ", line);
    if (read != S_READ_OK) {
      return read;
    }
    int number = 0;
    int sex = cli_parse_int(line, 1, 2, &number) ? number - 1 : cli_match_label(line, labels, 2);
    if (sex >= 0) {
      quiz->profile.sex = sex == 0 ? SYMCHECK_SEX_FEMALE : SYMCHECK_SEX_MALE;
      return S_READ_OK;
    }
    S_say(quiz, "Please answer 1-2, female or male (b goes back, q quits).\n");
  }
}

/* The general entry's complaint id: offered last in every list. */
#define S_GENERAL_ENTRY "symptom-not-listed"

/* The general entry from the first loaded pack that has it; false when
   none has. */
static bool S_general(const S_quiz *quiz, S_choice *general) {
  for (size_t p = 0; p < quiz->packs.count; p++) {
    const symcheck_complaint *c =
        symcheck_pack_find_complaint(quiz->packs.packs[p], S_GENERAL_ENTRY);
    if (c != NULL) {
      *general = (S_choice){quiz->packs.packs[p], c->index};
      return true;
    }
  }
  return false;
}

static bool S_is_general(const S_choice *choice) {
  return strcmp(symcheck_pack_complaint(choice->pack, choice->index)->id, S_GENERAL_ENTRY) == 0;
}

/* Every complaint of every pack but the general entry, by body area (the
   order of the home page: symcheck_list_complaints). */
static size_t S_all_choices(const S_quiz *quiz, S_choice *choices) {
  size_t total = 0;
  for (size_t p = 0; p < quiz->packs.count; p++) {
    total += symcheck_pack_complaint_count(quiz->packs.packs[p]);
  }
  symcheck_search_hit *list = calloc(total + 1, sizeof *list);
  if (list == NULL) {
    return 0;
  }
  size_t n = symcheck_list_complaints((const symcheck_pack *const *)quiz->packs.packs,
                                      quiz->packs.count, list, total);
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    choices[count] = (S_choice){quiz->packs.packs[list[i].pack], list[i].complaint};
    count += !S_is_general(&choices[count]);
  }
  free(list);
  return count;
}

/* The complaints of every pack for `text` (matches, or the closest ones),
   best first, at most S_MAX_CHOICES, without the general entry: the
   search the web pages use, across the quiz's packs. */
static size_t S_search(const S_quiz *quiz, const char *text, symcheck_search_mode mode,
                       S_choice *choices) {
  symcheck_search_hit hits[S_MAX_CHOICES];
  size_t n = symcheck_search_complaints((const symcheck_pack *const *)quiz->packs.packs,
                                        quiz->packs.count, text, mode, hits, S_MAX_CHOICES);
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    choices[count] = (S_choice){quiz->packs.packs[hits[i].pack], hits[i].complaint};
    count += !S_is_general(&choices[count]);
  }
  return count;
}

/* The body area of choice i. */
static const char *S_area(const S_choice *choice) {
  return symcheck_complaint_area(symcheck_pack_complaint(choice->pack, choice->index));
}

/* Lists the choices (under their body area when `titled`, as the home page
   does), then the general entry when a pack has it (added to choices,
   which has room for one more). Returns how many are listed. */
static size_t S_list_choices(const S_quiz *quiz, S_choice *choices, size_t count, bool titled) {
  for (size_t i = 0; i < count; i++) {
    if (titled && (i == 0 || strcmp(S_area(&choices[i]), S_area(&choices[i - 1])) != 0)) {
      S_say(quiz, "%s:\n", S_area(&choices[i]));
    }
    S_say(quiz, "  %zu. %s\n", i + 1,
          symcheck_pack_complaint(choices[i].pack, choices[i].index)->name);
  }
  if (S_general(quiz, &choices[count])) {
    count++;
    S_say(quiz, "  %zu. %s\n", count,
          symcheck_pack_complaint(choices[count - 1].pack, choices[count - 1].index)->name);
  }
  return count;
}

/* After a reply that is not a number in the list: the matches of a
   search; when nothing matched, the general entry alone (or, when no pack
   has it, every complaint again). Returns how many are listed. */
static size_t S_narrow(const S_quiz *quiz, const char *line, S_choice *choices) {
  if (line[0] == '\0') {
    return S_list_choices(quiz, choices, S_all_choices(quiz, choices), true);
  }
  size_t found = S_search(quiz, line, SYMCHECK_SEARCH_MATCHES, choices);
  if (found > 0) {
    S_say(quiz, "These match \"%s\":\n", line);
    return S_list_choices(quiz, choices, found, false);
  }
  S_choice general;
  if (S_general(quiz, &general)) {
    size_t closest = S_search(quiz, line, SYMCHECK_SEARCH_CLOSEST, choices);
    S_say(quiz,
          "Nothing matched \"%s\". Choose %zu if your symptom is not listed%s, or try other "
          "words:\n",
          line, closest + 1, closest > 0 ? " (the closest others first)" : "");
    return S_list_choices(quiz, choices, closest, false);
  }
  size_t closest = S_search(quiz, line, SYMCHECK_SEARCH_CLOSEST, choices);
  if (closest > 0) {
    S_say(quiz, "Nothing matched \"%s\". Try other words, or pick a number (the closest first):\n",
          line);
    return S_list_choices(quiz, choices, closest, false);
  }
  S_say(quiz, "Nothing matched \"%s\". Try other words, or pick a number:\n", line);
  return S_list_choices(quiz, choices, S_all_choices(quiz, choices), true);
}

/* Asks for the complaint: a number from the list, or words to search. */
static S_read S_ask_complaint(S_quiz *quiz) {
  size_t total = 0;
  for (size_t p = 0; p < quiz->packs.count; p++) {
    total += symcheck_pack_complaint_count(quiz->packs.packs[p]);
  }
  /* room for every complaint (a pack matches at most all of its own) and
     the general entry */
  S_choice *choices = calloc(total + 1, sizeof *choices);
  if (choices == NULL) {
    fprintf(stderr, "symcheck quiz: out of memory\n");
    return S_READ_FAIL;
  }
  S_say(quiz, "What is your main symptom?\n");
  size_t listed = S_list_choices(quiz, choices, S_all_choices(quiz, choices), true);
  char line[S_LINE_SIZE];
  S_read read;
  int chosen = 0;
  while ((read = S_ask(quiz, "Type a number, or describe it in a few words: ", line)) ==
             S_READ_OK &&
         !cli_parse_int(line, 1, (long)listed, &chosen)) {
    listed = S_narrow(quiz, line, choices);
  }
  if (read == S_READ_OK) {
    quiz->pack = choices[chosen - 1].pack;
    quiz->complaint = symcheck_pack_complaint(quiz->pack, choices[chosen - 1].index)->id;
  }
  free(choices);
  return read;
}

/* "Question 3 of at most 12"; the safety screen's questions are not
   counted (the pack's maximum does not limit them). */
static void S_print_progress(const S_quiz *quiz, const symcheck_finding *next) {
  if (next->universal_screen) {
    S_say(quiz, "\nSafety check (asked of everyone first)\n");
    return;
  }
  symcheck_interview *interview = quiz->interview;
  const symcheck_pack_info *info = symcheck_pack_get_info(symcheck_interview_pack(interview));
  size_t number =
      symcheck_interview_answer_count(interview) - symcheck_interview_screen_asked(interview) + 1;
  int most = info->settings.max_questions;
  S_block block;
  FILE *out = S_block_open(&block);
  fprintf(out, "\nQuestion %zu of at most %d ", number, most);
  cli_print_bar(out, most > 0 ? (double)number / most : 1.0, most > 0 ? most : 1);
  fputc('\n', out);
  S_block_close(quiz, &block);
}

/* Forgets the last answer, saying which; false when there is none. */
static bool S_go_back(const S_quiz *quiz) {
  size_t count = symcheck_interview_answer_count(quiz->interview);
  char value[S_VALUE_SIZE], words[S_VALUE_SIZE];
  const symcheck_finding *last =
      count > 0 ? symcheck_interview_answer_at(quiz->interview, count - 1, value, sizeof value)
                : NULL;
  if (last == NULL) {
    return false;
  }
  int age = symcheck_interview_profile(quiz->interview)->age;
  char question[1024];
  cli_reply_words(last, age, value, words, sizeof words);
  symcheck_interview_forget(quiz->interview, last->id);
  S_say(quiz, "Going back: your answer %s to \"%s\" is forgotten.\n", words,
        symcheck_finding_question_for(last, age, question, sizeof question));
  return true;
}

/* After an answer that raised the level to an emergency: asks whether it
   is right. S_READ_OK when confirmed, S_READ_BACK when not (the answer is
   then forgotten), or quit/end. */
static S_read S_confirm(const S_quiz *quiz, const symcheck_finding *finding, const char *value,
                        const symcheck_triage *triage) {
  char words[S_VALUE_SIZE], advice[256], line[S_LINE_SIZE], question[1024];
  const int age = symcheck_interview_profile(quiz->interview)->age;
  cli_reply_words(finding, age, value, words, sizeof words);
  snprintf(advice, sizeof advice, "%s", triage->advice);
  advice[0] = (char)tolower((unsigned char)advice[0]);
  bool per_item = strpbrk(value, "!?") != NULL; /* a multi answered item by item */
  bool ticked = (finding->type == SYMCHECK_ANSWER_MULTI && !per_item) ||
                finding->type == SYMCHECK_ANSWER_SINGLE;
  for (;;) {
    if (ticked) {
      S_say(quiz, "You ticked %s: this means %s. Is that right? (yes/no)\n", words, advice);
    } else {
      S_say(quiz, "You answered %s to \"%s\": this means %s. Is that right? (yes/no)\n", words,
            symcheck_finding_question_for(finding, age, question, sizeof question), advice);
    }
    S_read read = S_ask(quiz, "> ", line);
    static const char *const labels[] = {"yes", "no"};
    int match = read == S_READ_OK ? cli_match_label(line, labels, 2) : -1;
    if (read == S_READ_BACK || match == 1) {
      symcheck_interview_forget(quiz->interview, finding->id);
      S_say(quiz, "Your answer is taken back; please answer the question again.\n");
      return S_READ_BACK;
    }
    if (read != S_READ_OK || match == 0) {
      return read;
    }
    S_say(quiz, "Please answer yes or no (no takes the answer back).\n");
  }
}

/* Records the reply's value; asks to confirm an answer that makes the
   level an emergency. S_READ_OK when recorded, S_READ_BACK when taken
   back, S_READ_AGAIN (after saying why) when the library refused it. */
static S_read S_record(const S_quiz *quiz, const symcheck_finding *finding, const char *value) {
  symcheck_level before = symcheck_interview_triage(quiz->interview).level;
  symcheck_error error = {0};
  if (symcheck_interview_answer(quiz->interview, finding->id, value, &error) != 0) {
    S_say(quiz, "%s\n", error.message);
    return S_READ_AGAIN;
  }
  symcheck_triage after = symcheck_interview_triage(quiz->interview);
  if (after.level >= SYMCHECK_LEVEL_EMERGENCY && after.level > before) {
    return S_confirm(quiz, finding, value, &after);
  }
  return S_READ_OK;
}

static void S_print_question(const S_quiz *quiz, const symcheck_finding *finding) {
  S_block block;
  cli_print_question(S_block_open(&block), finding, symcheck_interview_profile(quiz->interview));
  S_block_close(quiz, &block);
}

/* Asks one question until it is answered, or b or q. */
static S_read S_ask_question(const S_quiz *quiz, const symcheck_finding *finding) {
  const symcheck_profile *person = symcheck_interview_profile(quiz->interview);
  S_print_question(quiz, finding);
  char line[S_LINE_SIZE], value[S_VALUE_SIZE], error[S_TEXT_SIZE];
  for (;;) {
    S_read read = S_ask(quiz, "(b back, w why we ask, q quit) > ", line);
    if (read != S_READ_OK) {
      return read;
    }
    if (strcmp(line, "w") == 0 || strcmp(line, "why") == 0) {
      S_block block;
      cli_print_why(S_block_open(&block), finding);
      S_block_close(quiz, &block);
      continue;
    }
    if (!cli_reply_value(finding, person, line, value, sizeof value, error, sizeof error)) {
      S_say(quiz, "%s\n", error);
      continue;
    }
    read = S_record(quiz, finding, value);
    if (read == S_READ_BACK) {
      S_print_question(quiz, finding);
    } else if (read != S_READ_AGAIN) {
      return read;
    }
  }
}

/* The questions, on a new interview unless one is under way. S_READ_BACK
   when b is typed before any answer. */
static S_read S_questions(S_quiz *quiz) {
  if (quiz->interview == NULL) {
    symcheck_error error = {0};
    quiz->interview = symcheck_interview_new(quiz->pack, quiz->complaint, &quiz->profile, &error);
    if (quiz->interview == NULL) {
      fprintf(stderr, "symcheck quiz: %s\n", error.message);
      return S_READ_FAIL;
    }
    S_say(quiz, "\n%s: a few questions follow.\n",
          symcheck_interview_complaint(quiz->interview)->name);
  }
  for (;;) {
    const symcheck_finding *next = symcheck_interview_next(quiz->interview);
    if (next == NULL || symcheck_interview_should_stop(quiz->interview)) {
      return S_READ_OK;
    }
    S_print_progress(quiz, next);
    S_read read = S_ask_question(quiz, next);
    if (read == S_READ_BACK && S_go_back(quiz)) {
      continue;
    }
    if (read != S_READ_OK) {
      return read;
    }
  }
}

static S_read S_stage_run(S_quiz *quiz, S_stage stage) {
  switch (stage) {
  case S_AGE:
    return S_ask_age(quiz);
  case S_SEX:
    return S_ask_sex(quiz);
  case S_COMPLAINT:
    return S_ask_complaint(quiz);
  default:
    return S_questions(quiz);
  }
}

/* The step asked before `stage`, or S_STAGES when there is none. */
static S_stage S_previous(const S_quiz *quiz, S_stage stage) {
  for (int s = (int)stage - 1; s >= 0; s--) {
    if (quiz->asked[s]) {
      return (S_stage)s;
    }
  }
  return S_STAGES;
}

/* Runs the steps in order; b goes back to the previous one asked. */
static S_read S_steps(S_quiz *quiz) {
  S_stage stage = S_AGE;
  while (stage < S_STAGES) {
    if (!quiz->asked[stage]) {
      stage++;
      continue;
    }
    S_read read = S_stage_run(quiz, stage);
    if (read == S_READ_OK) {
      stage++;
    } else if (read != S_READ_BACK) {
      return read;
    } else if (S_previous(quiz, stage) == S_STAGES) {
      S_say(quiz, "This is the first question; there is nothing to go back to.\n");
    } else {
      stage = S_previous(quiz, stage);
      symcheck_interview_free(quiz->interview); /* the answers were for another start */
      quiz->interview = NULL;
    }
  }
  return S_READ_OK;
}

static int S_finish(const S_quiz *quiz, S_read read) {
  if (read == S_READ_FAIL) {
    return CLI_EXIT_FAILURE;
  }
  if (read == S_READ_OK) {
    symcheck_result *result = symcheck_interview_result(quiz->interview);
    if (result == NULL) {
      fprintf(stderr, "symcheck quiz: out of memory\n");
      return CLI_EXIT_FAILURE;
    }
    printf("\n");
    S_block block;
    FILE *out = S_block_open(&block);
    cli_print_result(out, symcheck_interview_pack(quiz->interview),
                     symcheck_interview_complaint(quiz->interview), result, cli_use_colour(stdout));
    S_block_close(quiz, &block);
    symcheck_result_free(result);
    return CLI_EXIT_OK;
  }
  S_say(quiz, "The quiz %s before a result.\n", read == S_READ_QUIT ? "stopped" : "ended");
  symcheck_triage triage =
      quiz->interview != NULL ? symcheck_interview_triage(quiz->interview) : (symcheck_triage){0};
  if (quiz->interview != NULL && triage.level >= SYMCHECK_LEVEL_EMERGENCY) {
    S_say(quiz, "Your answers so far mean: %s.\n", triage.advice);
  }
  S_say(quiz, "%s\n", SYMCHECK_NOTICE);
  return CLI_EXIT_OK;
}

static int S_run(S_quiz *quiz) {
  quiz->width = cli_terminal_width(stdout);
  quiz->asked[S_AGE] = !quiz->have_age;
  quiz->asked[S_SEX] = !quiz->have_sex;
  quiz->asked[S_COMPLAINT] = quiz->complaint == NULL;
  quiz->asked[S_QUESTIONS] = true;
  S_say(quiz,
        "symcheck %s. %s\nAnswer with a number or words (yes, no, don't know, an answer's first "
        "letters); b goes back, q quits.\n\n",
        SYMCHECK_VERSION, SYMCHECK_NOTICE);
  int status = S_finish(quiz, S_steps(quiz));
  symcheck_interview_free(quiz->interview);
  quiz->interview = NULL;
  return status;
}

/* Parses one option at argv[*i]. Returns 0, or an exit code on error. */
static int S_parse_one(int argc, char **argv, int *i, S_quiz *quiz) {
  const char *value = NULL;
  const char *names[] = {"--pack", "--complaint", "--age", "--sex"};
  for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
    int matched = cli_option_value(argc, argv, i, names[n], &value);
    if (matched < 0) {
      return cli_usage_error("quiz", S_USAGE, "%s needs a value", names[n]);
    }
    if (matched == 0) {
      continue;
    }
    if (n == 0) {
      if (quiz->pack_dir_count == S_MAX_PACKS) {
        return cli_usage_error("quiz", S_USAGE, "at most %d --pack", S_MAX_PACKS);
      }
      quiz->pack_dirs[quiz->pack_dir_count++] = value;
    } else if (n == 1) {
      quiz->complaint = value;
    } else if (n == 2) {
      quiz->have_age = cli_parse_int(value, 0, 120, &quiz->profile.age);
      if (!quiz->have_age) {
        return cli_usage_error("quiz", S_USAGE,
                               "--age must be a whole number from 0 to 120, not '%s'", value);
      }
    } else {
      int sex = symcheck_sex_parse(value);
      if (sex < 0) {
        return cli_usage_error("quiz", S_USAGE, "--sex must be female or male, not '%s'", value);
      }
      quiz->profile.sex = (symcheck_sex)sex;
      quiz->have_sex = true;
    }
    return 0;
  }
  return cli_usage_error("quiz", S_USAGE, "unknown argument '%s'", argv[*i]);
}

/* Loads the --pack folders (each found as cli_resolve_pack_dir finds it),
   or every pack under packs/ as `symcheck serve` does. 0, or -1 after
   printing why. */
static int S_load_packs(S_quiz *quiz) {
  char *resolved[S_MAX_PACKS] = {0};
  const char *dirs[S_MAX_PACKS];
  int status = 0;
  for (size_t i = 0; i < quiz->pack_dir_count && status == 0; i++) {
    resolved[i] = cli_resolve_pack_dir(quiz->pack_dirs[i]);
    dirs[i] = resolved[i];
    status = resolved[i] != NULL ? 0 : -1;
  }
  if (status != 0) {
    fprintf(stderr, "symcheck quiz: out of memory\n");
  } else {
    status = srv_pack_set_load(&quiz->packs, "quiz", dirs, quiz->pack_dir_count);
  }
  for (size_t i = 0; i < quiz->pack_dir_count; i++) {
    free(resolved[i]);
  }
  return status;
}

/* Finds the pack holding quiz->complaint. False after one line naming
   where the valid ids are listed. */
static bool S_find_complaint(S_quiz *quiz) {
  for (size_t p = 0; p < quiz->packs.count && quiz->pack == NULL; p++) {
    if (symcheck_pack_find_complaint(quiz->packs.packs[p], quiz->complaint) != NULL) {
      quiz->pack = quiz->packs.packs[p];
    }
  }
  if (quiz->pack != NULL) {
    return true;
  }
  fprintf(stderr,
          "symcheck quiz: no loaded pack has the complaint '%s'; `symcheck pack show DIR` "
          "lists a pack's complaint ids (DIR:",
          quiz->complaint);
  for (size_t p = 0; p < quiz->packs.count; p++) {
    fprintf(stderr, "%s %s", p > 0 ? "," : "", symcheck_pack_get_info(quiz->packs.packs[p])->dir);
  }
  fprintf(stderr, ")\n");
  return false;
}

int cmd_quiz(int argc, char **argv) {
  S_quiz quiz = {0};
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
    int status = S_parse_one(argc, argv, &i, &quiz);
    if (status != 0) {
      return status;
    }
  }
  if (S_load_packs(&quiz) != 0) {
    return CLI_EXIT_FAILURE;
  }
  int status = quiz.complaint == NULL || S_find_complaint(&quiz) ? S_run(&quiz) : CLI_EXIT_USAGE;
  srv_pack_set_free(&quiz.packs);
  return status;
}
