/*
 * commands.h - one entry point per `symcheck` subcommand.
 *
 * main.c dispatches argv[1] to these through a table. Each takes the
 * arguments after the subcommand name (argv[0] is the subcommand itself)
 * and returns the process exit code: 0 success, 1 failure (e.g. a broken
 * pack), 2 wrong arguments.
 */
#ifndef SYMCHECK_CLI_COMMANDS_H
#define SYMCHECK_CLI_COMMANDS_H

int cmd_quiz(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_editor(int argc, char **argv);
int cmd_stories(int argc, char **argv);

#endif /* SYMCHECK_CLI_COMMANDS_H */
