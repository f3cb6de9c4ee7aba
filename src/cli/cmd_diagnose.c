/*
 * cmd_diagnose.c - `symcheck diagnose`: one interview step without a
 * terminal session. Applies the answers given on the command line and
 * prints the next question, or the result when the interview should stop.
 * With --json it prints exactly symcheck_interview_json().
 */
#include "cli_print.h"
#include "cli_util.h"
#include "commands.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char S_USAGE[] =
    "usage: symcheck diagnose --complaint ID --age N --sex female|male\n"
    "                         [--pack DIR] [--answer FINDING=VALUE]... [--answers ENCODED]\n"
    "                         [--json]\n"
    "options:\n"
    "  --pack DIR              pack folder (default " CLI_DEFAULT_PACK ")\n"
    "  --complaint ID          the complaint, e.g. anal-mucus-discharge\n"
    "  --age N                 age in years, 0 to 120\n"
    "  --sex female|male       sex\n"
    "  --answer FINDING=VALUE  an answer; VALUE is yes, no, unknown, an option id,\n"
    "                          option ids joined by commas (or none), or a number;\n"
    "                          item by item, a,!b,?c is a yes, b no, c (and any item\n"
    "                          not named) don't know\n"
    "  --answers ENCODED       earlier answers as printed by a previous step\n"
    "  --json                  print the step as JSON\n"
    "example:\n"
    "  symcheck diagnose --complaint anal-mucus-discharge --age 34 --sex female \\\n"
    "      --answer blood_in_stool=no --json\n";

typedef struct S_options {
  const char *pack;
  const char *complaint;
  const char *encoded;
  symcheck_profile profile;
  bool have_age, have_sex, json;
  size_t answer_count;
  const char **answers; /* FINDING=VALUE texts, borrowed from argv */
} S_options;

__attribute__((format(printf, 1, 2))) static int S_error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fprintf(stderr, "symcheck diagnose: ");
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  return CLI_EXIT_USAGE;
}

/* Parses one option at argv[*i]. Returns 0, or an exit code on error. */
static int S_parse_one(int argc, char **argv, int *i, S_options *options) {
  const char *value = NULL;
  const char *names[] = {"--pack", "--complaint", "--age", "--sex", "--answer", "--answers"};
  for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
    int matched = cli_option_value(argc, argv, i, names[n], &value);
    if (matched < 0) {
      return cli_usage_error("diagnose", S_USAGE, "%s needs a value", names[n]);
    }
    if (matched == 0) {
      continue;
    }
    switch (n) {
    case 0:
      options->pack = value;
      break;
    case 1:
      options->complaint = value;
      break;
    case 2:
      if (!cli_parse_int(value, 0, 120, &options->profile.age)) {
        return cli_usage_error("diagnose", S_USAGE,
                               "--age must be a whole number from 0 to 120, not '%s'", value);
      }
      options->have_age = true;
      break;
    case 3: {
      int sex = symcheck_sex_parse(value);
      if (sex < 0) {
        return cli_usage_error("diagnose", S_USAGE, "--sex must be female or male, not '%s'",
                               value);
      }
      options->profile.sex = (symcheck_sex)sex;
      options->have_sex = true;
      break;
    }
    case 4:
      options->answers[options->answer_count++] = value;
      break;
    default:
      options->encoded = value;
      break;
    }
    return 0;
  }
  if (strcmp(argv[*i], "--json") == 0) {
    options->json = true;
    return 0;
  }
  return cli_usage_error("diagnose", S_USAGE, "unknown argument '%s'", argv[*i]);
}

static int S_parse(int argc, char **argv, S_options *options) {
  for (int i = 1; i < argc; i++) {
    int status = S_parse_one(argc, argv, &i, options);
    if (status != 0) {
      return status;
    }
  }
  if (options->complaint == NULL) {
    return cli_usage_error("diagnose", S_USAGE, "missing --complaint");
  }
  if (!options->have_age) {
    return cli_usage_error("diagnose", S_USAGE, "missing --age");
  }
  if (!options->have_sex) {
    return cli_usage_error("diagnose", S_USAGE, "missing --sex");
  }
  return 0;
}

/* True when an --answer before the i-th names the same finding (the first
   `length` characters of the i-th, up to its '='). */
static bool S_answered_before(const S_options *options, size_t i, size_t length) {
  for (size_t j = 0; j < i; j++) {
    const char *earlier = options->answers[j];
    if (strncmp(earlier, options->answers[i], length) == 0 && earlier[length] == '=') {
      return true;
    }
  }
  return false;
}

/* Applies --answers and then each --answer. Returns 0 or an exit code. */
static int S_apply_answers(symcheck_interview *interview, const S_options *options) {
  symcheck_error error = {0};
  if (options->encoded != NULL && symcheck_interview_decode(interview, options->encoded, &error)) {
    return S_error("--answers: %s", error.message);
  }
  for (size_t i = 0; i < options->answer_count; i++) {
    const char *text = options->answers[i];
    const char *equals = strchr(text, '=');
    if (equals == NULL || equals == text) {
      return S_error("--answer must look like FINDING=VALUE, not '%s'", text);
    }
    char finding[128];
    size_t length = (size_t)(equals - text);
    if (length >= sizeof finding) {
      return S_error("--answer: the finding id in '%s' is too long", text);
    }
    memcpy(finding, text, length);
    finding[length] = '\0';
    if (S_answered_before(options, i, length)) {
      return S_error("--answer: '%s' is answered twice; give one --answer %s=VALUE", finding,
                     finding);
    }
    if (symcheck_interview_answer(interview, finding, equals + 1, &error) != 0) {
      return S_error("--answer: %s", error.message);
    }
  }
  return 0;
}

/* The values the person may give: only options that apply to them. */
static void S_print_allowed(const symcheck_finding *finding, const symcheck_profile *person) {
  printf("Answer with --answer %s=VALUE, where VALUE is ", finding->id);
  if (finding->type == SYMCHECK_ANSWER_NUMBER) {
    bool celsius = finding->unit != NULL && strcmp(finding->unit, "\xc2\xb0"
                                                                  "C") == 0;
    printf("a number%s%s%s, or unknown.\n", finding->unit ? " in " : "",
           finding->unit ? finding->unit : "",
           celsius ? " (or in \xc2\xb0"
                     "F with a trailing F, e.g. 101.3F)"
                   : "");
    return;
  }
  printf(finding->type == SYMCHECK_ANSWER_MULTI ? "option ids joined by commas from: "
                                                : "one of: ");
  for (size_t i = 0; i < finding->option_count; i++) {
    if (symcheck_option_applies(finding, i, person->age, person->sex)) {
      const char *end = i == 0                           ? finding->scale_low
                        : i + 1 == finding->option_count ? finding->scale_high
                                                         : NULL;
      char label[512];
      printf("%s (%s%s%s), ", finding->options[i].id,
             symcheck_option_label_for(finding, i, person->age, label, sizeof label),
             end != NULL ? ": " : "", end != NULL ? end : "");
    }
  }
  printf(finding->type == SYMCHECK_ANSWER_MULTI ? "none, or unknown.\n" : "or unknown.\n");
}

static void S_print_question(symcheck_interview *interview, const symcheck_finding *next) {
  const symcheck_pack_info *info = symcheck_pack_get_info(symcheck_interview_pack(interview));
  const symcheck_profile *person = symcheck_interview_profile(interview);
  size_t screen = symcheck_interview_screen_asked(interview);
  printf("Next question (%zu answered, at most %d",
         symcheck_interview_answer_count(interview) - screen, info->settings.max_questions);
  if (screen > 0) {
    printf("; the safety check's %zu not counted", screen);
  }
  printf("):\n");
  if (next->red_flag) {
    printf("(!) Safety question: this answer can change how urgently you need care.\n");
  }
  if (symcheck_age_is_child(person->age) && next->question_child == NULL) {
    printf("Answer for your child:\n");
  }
  char question[1024];
  printf("%s\n", symcheck_finding_question_for(next, person->age, question, sizeof question));
  cli_print_why(stdout, next);
  S_print_allowed(next, person);
}

static int S_print_step(symcheck_interview *interview, bool json) {
  if (json) {
    json_t *step = symcheck_interview_json(interview);
    char *text = step != NULL ? json_dumps(step, JSON_INDENT(2)) : NULL;
    json_decref(step);
    if (text == NULL) {
      fprintf(stderr, "symcheck diagnose: out of memory\n");
      return CLI_EXIT_FAILURE;
    }
    printf("%s\n", text);
    free(text);
    return CLI_EXIT_OK;
  }
  char *encoded = symcheck_interview_encode(interview);
  if (encoded != NULL && encoded[0] != '\0') {
    printf("Answers so far (for --answers): %s\n\n", encoded);
  }
  free(encoded);
  const symcheck_finding *next = symcheck_interview_next(interview);
  if (next != NULL && !symcheck_interview_should_stop(interview)) {
    S_print_question(interview, next);
    printf("\n%s\n", SYMCHECK_NOTICE);
    return CLI_EXIT_OK;
  }
  symcheck_result *result = symcheck_interview_result(interview);
  if (result == NULL) {
    fprintf(stderr, "symcheck diagnose: out of memory\n");
    return CLI_EXIT_FAILURE;
  }
  cli_print_result(stdout, symcheck_interview_pack(interview),
                   symcheck_interview_complaint(interview), result, cli_use_colour(stdout));
  symcheck_result_free(result);
  return CLI_EXIT_OK;
}

static int S_run(const S_options *options) {
  symcheck_pack *pack =
      cli_load_pack("diagnose", options->pack, "--pack DIR, e.g. --pack " CLI_DEFAULT_PACK);
  if (pack == NULL) {
    return CLI_EXIT_FAILURE;
  }
  symcheck_error error = {0};
  symcheck_interview *interview =
      cli_check_complaint("diagnose", pack, options->complaint)
          ? symcheck_interview_new(pack, options->complaint, &options->profile, &error)
          : NULL;
  int status = CLI_EXIT_USAGE;
  if (interview != NULL) {
    status = S_apply_answers(interview, options);
    if (status == 0) {
      status = S_print_step(interview, options->json);
    }
  } else if (error.message[0] != '\0') {
    S_error("%s", error.message);
  }
  symcheck_interview_free(interview);
  symcheck_pack_free(pack);
  return status;
}

int cmd_diagnose(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
  }
  S_options options = {.pack = CLI_DEFAULT_PACK};
  options.answers = calloc((size_t)argc, sizeof *options.answers);
  if (options.answers == NULL) {
    fprintf(stderr, "symcheck diagnose: out of memory\n");
    return CLI_EXIT_FAILURE;
  }
  int status = S_parse(argc, argv, &options);
  if (status == 0) {
    status = S_run(&options);
  }
  free(options.answers);
  return status;
}
