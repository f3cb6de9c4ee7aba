/*
 * cmd_quiz.c - `symcheck quiz`: the interactive quiz on stdin/stdout. Loads
 * every pack (as `symcheck serve` does) or the ones given, asks the profile
 * and the complaint when not given (a numbered list or a search across the
 * packs, "My symptom is not listed" always last), then one question at a
 * time with numbered answers (b goes back, ? says why we ask, q quits) on
 * the pack holding the complaint, and ends with the result. End of input
 * ends the quiz cleanly.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_print.h"
#include "cli_util.h"
#include "commands.h"
#include "server_packs.h"

#include <ctype.h>
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
    "while answering: a number (several for \"choose all\"), b to go back,\n"
    "? for why we ask, q to quit\n"
    "examples:\n"
    "  symcheck quiz --complaint anal-mucus-discharge --age 34 --sex female\n"
    "  symcheck quiz --complaint symptom-not-listed\n"
    "  symcheck quiz --pack packs/anorectal --pack packs/general\n";

/* Most search matches offered at once when choosing a complaint. */
#define S_MAX_CHOICES 20
/* Search scores from here matched every word of the text (symcheck.h);
   lower ones matched only some and are offered when nothing better is. */
/* Most --pack folders. */
#define S_MAX_PACKS 64
#define S_LINE_SIZE 256
#define S_VALUE_SIZE 1024

/* What reading a reply gave. */
typedef enum S_read { S_READ_OK, S_READ_QUIT, S_READ_END, S_READ_FAIL } S_read;

/* A complaint offered in the chooser: its pack, its index there and (for
   a search match) how well it matched. */
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
  size_t pack_dir_count;
  const char *pack_dirs[S_MAX_PACKS];
} S_quiz;

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

/* Prints the prompt and reads one trimmed line. "q" means quit. When the
   replies come from a file or pipe they are echoed, so the transcript reads
   like a terminal session. */
static S_read S_ask(const char *prompt, char *line) {
  printf("%s", prompt);
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
  return strcmp(line, "q") == 0 ? S_READ_QUIT : S_READ_OK;
}

static S_read S_ask_age(S_quiz *quiz) {
  char line[S_LINE_SIZE];
  for (;;) {
    S_read read = S_ask("How old are you, in years? ", line);
    if (read != S_READ_OK) {
      return read;
    }
    if (cli_parse_int(line, 0, 120, &quiz->profile.age)) {
      return S_READ_OK;
    }
    printf("Please type your age as a whole number from 0 to 120.\n");
  }
}

static S_read S_ask_sex(S_quiz *quiz) {
  char line[S_LINE_SIZE];
  for (;;) {
    printf("What sex were you assigned at birth?\n  1. Female\n  2. Male\n");
    S_read read = S_ask("> ", line);
    if (read != S_READ_OK) {
      return read;
    }
    int sex = strcmp(line, "1") == 0 ? 0 : strcmp(line, "2") == 0 ? 1 : symcheck_sex_parse(line);
    if (sex >= 0) {
      quiz->profile.sex = (symcheck_sex)sex;
      return S_READ_OK;
    }
    printf("Please type 1 or 2.\n");
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

/* Every complaint of every pack but the general entry, in pack order. */
static size_t S_all_choices(const S_quiz *quiz, S_choice *choices) {
  size_t count = 0;
  for (size_t p = 0; p < quiz->packs.count; p++) {
    const symcheck_pack *pack = quiz->packs.packs[p];
    for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
      choices[count] = (S_choice){pack, i};
      count += !S_is_general(&choices[count]);
    }
  }
  return count;
}

/* The complaints of every pack for `text` (matches, or the closest ones),
   best first, at most S_MAX_CHOICES, without the general entry: one search
   across the quiz's packs. */
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

/* Lists the choices (under their pack's title when `titled` and several
   packs are loaded), then the general entry when a pack has it (added to
   choices, which has room for one more). Returns how many are listed. */
static size_t S_list_choices(const S_quiz *quiz, S_choice *choices, size_t count, bool titled) {
  for (size_t i = 0; i < count; i++) {
    if (titled && quiz->packs.count > 1 && (i == 0 || choices[i].pack != choices[i - 1].pack)) {
      printf("%s:\n", symcheck_pack_get_info(choices[i].pack)->title);
    }
    printf("  %zu. %s\n", i + 1, symcheck_pack_complaint(choices[i].pack, choices[i].index)->name);
  }
  if (S_general(quiz, &choices[count])) {
    count++;
    printf("  %zu. %s\n", count,
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
    printf("These match \"%s\":\n", line);
    return S_list_choices(quiz, choices, found, false);
  }
  S_choice general;
  if (S_general(quiz, &general)) {
    size_t closest = S_search(quiz, line, SYMCHECK_SEARCH_CLOSEST, choices);
    printf("Nothing matched \"%s\". Choose %zu if your symptom is not listed%s, or try other "
           "words:\n",
           line, closest + 1, closest > 0 ? " (the closest others first)" : "");
    return S_list_choices(quiz, choices, closest, false);
  }
  size_t closest = S_search(quiz, line, SYMCHECK_SEARCH_CLOSEST, choices);
  if (closest > 0) {
    printf("Nothing matched \"%s\". Try other words, or pick a number (the closest first):\n",
           line);
    return S_list_choices(quiz, choices, closest, false);
  }
  printf("Nothing matched \"%s\". Try other words, or pick a number:\n", line);
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
  printf("What is your main symptom?\n");
  size_t listed = S_list_choices(quiz, choices, S_all_choices(quiz, choices), true);
  char line[S_LINE_SIZE];
  S_read read;
  int chosen = 0;
  while ((read = S_ask("Type a number, or describe it in a few words: ", line)) == S_READ_OK &&
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
static void S_print_progress(symcheck_interview *interview, const symcheck_finding *next) {
  if (next->universal_screen) {
    printf("\nSafety check (asked of everyone first)\n");
    return;
  }
  const symcheck_pack_info *info = symcheck_pack_get_info(symcheck_interview_pack(interview));
  size_t number =
      symcheck_interview_answer_count(interview) - symcheck_interview_screen_asked(interview) + 1;
  int most = info->settings.max_questions;
  printf("\nQuestion %zu of at most %d ", number, most);
  cli_print_bar(stdout, most > 0 ? (double)number / most : 1.0, most > 0 ? most : 1);
  putchar('\n');
}

/* Turns a multi reply such as "1 3" into "id1,id3" ("0" is none); the
   numbers count the options shown to the person. */
static bool S_multi_value(const symcheck_finding *finding, const symcheck_profile *person,
                          char *line, char *value) {
  size_t length = 0;
  int dont_know = (int)cli_shown_count(finding, person) + 1;
  value[0] = '\0';
  for (char *token = strtok(line, " ,"); token != NULL; token = strtok(NULL, " ,")) {
    int number = 0;
    if (!cli_parse_int(token, 0, dont_know, &number)) {
      return false;
    }
    const char *id = number == 0 ? "none"
                     : number == dont_know
                         ? "unknown"
                         : finding->options[cli_shown_option(finding, person, number)].id;
    if ((number == 0 || number == dont_know) && length > 0) {
      return false;
    }
    int written = snprintf(value + length, S_VALUE_SIZE - length, "%s%s", length ? "," : "", id);
    if (written < 0 || (size_t)written >= S_VALUE_SIZE - length) {
      return false;
    }
    length += (size_t)written;
    if (number == 0 || number == dont_know) {
      return strtok(NULL, " ,") == NULL;
    }
  }
  return length > 0;
}

/* True for a finding whose numbers the library also takes in Fahrenheit. */
static bool S_celsius(const symcheck_finding *finding) {
  return finding->unit != NULL && strcmp(finding->unit, "\xc2\xb0"
                                                        "C") == 0;
}

/* Turns the reply into an answer value the library takes. */
static bool S_value(const symcheck_finding *finding, const symcheck_profile *person, char *line,
                    char *value) {
  if (finding->type == SYMCHECK_ANSWER_MULTI) {
    return S_multi_value(finding, person, line, value);
  }
  if (finding->type == SYMCHECK_ANSWER_NUMBER) {
    double number = 0.0;
    const char *text = strcmp(line, "d") == 0 ? "unknown" : line;
    if (text == line && !S_celsius(finding) && !cli_parse_double(line, &number)) {
      return false;
    }
    snprintf(value, S_VALUE_SIZE, "%s", text);
    return true;
  }
  int number = 0;
  size_t shown = cli_shown_count(finding, person);
  if (!cli_parse_int(line, 1, (long)shown + 1, &number)) {
    return false;
  }
  snprintf(value, S_VALUE_SIZE, "%s",
           (size_t)number > shown ? "unknown"
                                  : finding->options[cli_shown_option(finding, person, number)].id);
  return true;
}

/* True for a number reply outside the finding's bands (people get the
   range in words rather than the band ids the library would list). */
static bool S_out_of_range(const symcheck_finding *finding, const char *line) {
  double number = 0.0;
  if (finding->type != SYMCHECK_ANSWER_NUMBER || finding->option_count == 0 ||
      !cli_parse_double(line, &number)) {
    return false;
  }
  return number < finding->options[0].min ||
         number >= finding->options[finding->option_count - 1].max;
}

static void S_go_back(symcheck_interview *interview) {
  size_t count = symcheck_interview_answer_count(interview);
  char value[S_VALUE_SIZE];
  const symcheck_finding *last =
      count > 0 ? symcheck_interview_answer_at(interview, count - 1, value, sizeof value) : NULL;
  if (last == NULL) {
    printf("This is the first question; there is nothing to go back to.\n");
    return;
  }
  symcheck_interview_forget(interview, last->id);
  printf("Going back: your answer \"%s\" to \"%s\" is forgotten.\n", value, last->question);
}

/* Asks one question until it gets a usable reply, `b` or `q`. */
static S_read S_ask_question(symcheck_interview *interview, const symcheck_finding *finding) {
  const symcheck_profile *person = symcheck_interview_profile(interview);
  cli_print_question(stdout, finding, person);
  char line[S_LINE_SIZE];
  char value[S_VALUE_SIZE];
  for (;;) {
    S_read read = S_ask("(b back, ? why we ask, q quit) > ", line);
    if (read != S_READ_OK) {
      return read;
    }
    if (strcmp(line, "b") == 0) {
      S_go_back(interview);
      return S_READ_OK;
    }
    if (strcmp(line, "?") == 0) {
      cli_print_why(stdout, finding);
      continue;
    }
    symcheck_error error = {0};
    if (S_out_of_range(finding, line)) {
      printf("Please type a number from %g to %g, or d if you don't know.\n",
             finding->options[0].min, finding->options[finding->option_count - 1].max);
    } else if (!S_value(finding, person, line, value)) {
      printf("Please answer with %s.\n", finding->type == SYMCHECK_ANSWER_NUMBER
                                             ? "a number, or d if you don't know"
                                             : "the number of an answer above");
    } else if (symcheck_interview_answer(interview, finding->id, value, &error) != 0) {
      printf("%s\n", error.message);
    } else {
      return S_READ_OK;
    }
  }
}

static S_read S_interview(symcheck_interview *interview) {
  for (;;) {
    const symcheck_finding *next = symcheck_interview_next(interview);
    if (next == NULL || symcheck_interview_should_stop(interview)) {
      return S_READ_OK;
    }
    S_print_progress(interview, next);
    S_read read = S_ask_question(interview, next);
    if (read != S_READ_OK) {
      return read;
    }
  }
}

static int S_finish(S_read read, symcheck_interview *interview) {
  if (read == S_READ_FAIL) {
    return CLI_EXIT_FAILURE;
  }
  if (read == S_READ_OK) {
    symcheck_result *result = symcheck_interview_result(interview);
    if (result == NULL) {
      fprintf(stderr, "symcheck quiz: out of memory\n");
      return CLI_EXIT_FAILURE;
    }
    printf("\n");
    cli_print_result(stdout, symcheck_interview_pack(interview),
                     symcheck_interview_complaint(interview), result, cli_use_colour(stdout));
    symcheck_result_free(result);
    return CLI_EXIT_OK;
  }
  printf("The quiz %s before a result.\n%s\n", read == S_READ_QUIT ? "stopped" : "ended",
         SYMCHECK_NOTICE);
  return CLI_EXIT_OK;
}

static int S_run(S_quiz *quiz) {
  printf("symcheck %s. %s\nAnswer with numbers; q quits.\n\n", SYMCHECK_VERSION, SYMCHECK_NOTICE);
  S_read read = quiz->have_age ? S_READ_OK : S_ask_age(quiz);
  if (read == S_READ_OK && !quiz->have_sex) {
    read = S_ask_sex(quiz);
  }
  if (read == S_READ_OK && quiz->complaint == NULL) {
    read = S_ask_complaint(quiz);
  }
  if (read != S_READ_OK) {
    return S_finish(read, NULL);
  }
  symcheck_error error = {0};
  symcheck_interview *interview =
      symcheck_interview_new(quiz->pack, quiz->complaint, &quiz->profile, &error);
  if (interview == NULL) {
    fprintf(stderr, "symcheck quiz: %s\n", error.message);
    return CLI_EXIT_USAGE;
  }
  printf("\n%s: a few questions follow.\n", symcheck_interview_complaint(interview)->name);
  int status = S_finish(S_interview(interview), interview);
  symcheck_interview_free(interview);
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
