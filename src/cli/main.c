/*
 * main.c - the `symcheck` command: dispatches argv[1] to a subcommand
 * through a table (commands.h). Each subcommand lives in its own file.
 */
#include "cli_util.h"
#include "commands.h"

#include <stdio.h>
#include <string.h>

typedef struct S_command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} S_command;

static const S_command S_commands[] = {
    {"quiz", cmd_quiz, "answer questions one at a time in the terminal"},
    {"diagnose", cmd_diagnose, "one interview step: the next question or the result"},
    {"pack", cmd_pack, "check a pack or show its content (pack check|show)"},
    {"fit", cmd_fit, "build a pack from a data set (fit ddxplus)"},
    {"eval", cmd_eval, "measure a pack on DDXPlus patients or vignettes"},
    {"serve", cmd_serve, "the HTTP server: JSON API, health, metrics"},
    {"editor", cmd_editor, "add an editor of readers' stories (editor add)"},
    {"stories", cmd_stories, "list, approve or reject readers' stories"},
};

static void S_usage(FILE *out) {
  fprintf(out, "usage: symcheck COMMAND [OPTIONS]\n"
               "       symcheck --help | --version\n\ncommands:\n");
  for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++) {
    fprintf(out, "  %-10s %s\n", S_commands[i].name, S_commands[i].summary);
  }
  fprintf(out, "\n'symcheck COMMAND --help' describes a command. Example:\n"
               "  symcheck quiz --pack packs/anorectal\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "symcheck: no command given\n");
    S_usage(stderr);
    return CLI_EXIT_USAGE;
  }
  if (cli_is_help(argv[1])) {
    S_usage(stdout);
    return CLI_EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("symcheck %s\n", SYMCHECK_VERSION);
    return CLI_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++) {
    if (strcmp(argv[1], S_commands[i].name) == 0) {
      return S_commands[i].run(argc - 1, argv + 1);
    }
  }
  fprintf(stderr, "symcheck: unknown command '%s'\n", argv[1]);
  S_usage(stderr);
  return CLI_EXIT_USAGE;
}
