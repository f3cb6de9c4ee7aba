/*
 * cli_util.h - helpers shared by the subcommands: option parsing, usage
 * errors, pack folder resolution and loading (printing the pack's
 * diagnostics), and whether to use terminal colour.
 *
 * Everything here prints to stderr on failure; results go to stdout.
 */
#ifndef SYMCHECK_CLI_UTIL_H
#define SYMCHECK_CLI_UTIL_H

#include "symcheck.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes of every subcommand. */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAILURE 1
#define CLI_EXIT_USAGE 2

/* The pack quiz and diagnose use when --pack is not given. */
#define CLI_DEFAULT_PACK "packs/anorectal"

/* Prints "symcheck COMMAND: MESSAGE" and then the usage text to stderr;
   returns CLI_EXIT_USAGE so callers can `return cli_usage_error(...)`. */
int cli_usage_error(const char *command, const char *usage, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* True when argv[i] is `--help` or `-h`. */
bool cli_is_help(const char *arg);

/*
 * Matches the option `name` (e.g. "--age") at argv[*i], in the forms
 * "--age 30" and "--age=30". Returns 0 when argv[*i] is another argument,
 * 1 with *value pointing into argv (and *i advanced past a separate value),
 * or -1 when the value is missing.
 */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* Parses a whole decimal number in [min, max]. False on anything else. */
bool cli_parse_int(const char *text, long min, long max, int *out);

/* Parses a finite decimal number. False on anything else. */
bool cli_parse_double(const char *text, double *out);

/*
 * The folder to load for `dir`: `dir` itself when it exists (relative to
 * the current folder), else `dir` under SYMCHECK_DATA_DIR (the source
 * tree). Returns a string the caller frees with free(); NULL when out of
 * memory.
 */
char *cli_resolve_pack_dir(const char *dir);

/*
 * Loads the pack in `dir` (resolved as above) for `command`. A folder
 * without a pack.yaml is one line, "symcheck COMMAND: no pack in 'DIR' ...",
 * naming `fix` (e.g. "--pack DIR"); any other failure prints every
 * diagnostic as FILE:LINE: FIELD: MESSAGE to stderr. Returns NULL on
 * failure; the caller frees the pack with symcheck_pack_free.
 */
symcheck_pack *cli_load_pack(const char *command, const char *dir, const char *fix);

/* True (after printing the one line cli_load_pack prints) when the resolved
   folder `path` holds no readable pack.yaml. */
bool cli_pack_missing(const char *command, const char *path, const char *fix);

/* Prints one pack error as "FILE:LINE: FIELD: MESSAGE" (parts that are not
   known are left out); FILE is shown under `dir`. */
void cli_print_error(FILE *out, const char *dir, const symcheck_error *error);

/* When `id` is not a complaint of the pack, prints "COMMAND: unknown
   complaint 'ID'; known: a, b, ..." to stderr and returns false. */
bool cli_check_complaint(const char *command, const symcheck_pack *pack, const char *id);

/* True when `out` is a terminal and NO_COLOR is not set. */
bool cli_use_colour(FILE *out);

#endif /* SYMCHECK_CLI_UTIL_H */
