/*
 * cli_util.c - option parsing, usage errors, pack loading and colour
 * detection shared by every subcommand (see cli_util.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SYMCHECK_DATA_DIR
#define SYMCHECK_DATA_DIR "."
#endif

int cli_usage_error(const char *command, const char *usage, const char *format, ...) {
  va_list args;
  va_start(args, format);
  fprintf(stderr, "symcheck %s: ", command);
  vfprintf(stderr, format, args);
  fprintf(stderr, "\n%s", usage);
  va_end(args);
  return CLI_EXIT_USAGE;
}

bool cli_is_help(const char *arg) {
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value) {
  const char *arg = argv[*i];
  size_t length = strlen(name);
  if (strncmp(arg, name, length) != 0) {
    return 0;
  }
  if (arg[length] == '=') {
    *value = arg + length + 1;
    return 1;
  }
  if (arg[length] != '\0') {
    return 0;
  }
  if (*i + 1 >= argc) {
    return -1;
  }
  *i += 1;
  *value = argv[*i];
  return 1;
}

bool cli_parse_int(const char *text, long min, long max, int *out) {
  char *end = NULL;
  errno = 0;
  long number = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || number < min || number > max) {
    return false;
  }
  *out = (int)number;
  return true;
}

bool cli_parse_double(const char *text, double *out) {
  char *end = NULL;
  errno = 0;
  double number = strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite(number)) {
    return false;
  }
  *out = number;
  return true;
}

static bool S_is_dir(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

static char *S_join(const char *a, const char *b) {
  size_t size = strlen(a) + strlen(b) + 2;
  char *path = malloc(size);
  if (path != NULL) {
    snprintf(path, size, "%s/%s", a, b);
  }
  return path;
}

char *cli_resolve_pack_dir(const char *dir) {
  if (dir[0] != '/' && !S_is_dir(dir)) {
    char *under_data = S_join(SYMCHECK_DATA_DIR, dir);
    if (under_data == NULL || S_is_dir(under_data)) {
      return under_data;
    }
    free(under_data);
  }
  return strdup(dir);
}

void cli_print_error(FILE *out, const char *dir, const symcheck_error *error) {
  if (error->file[0] != '\0') {
    fprintf(out, "%s/%s:", dir, error->file);
    if (error->line > 0) {
      fprintf(out, "%d:", error->line);
    }
  } else {
    fprintf(out, "%s:", dir);
  }
  if (error->field[0] != '\0') {
    fprintf(out, " %s:", error->field);
  }
  fprintf(out, " %s\n", error->message);
}

bool cli_pack_missing(const char *command, const char *path, const char *fix) {
  char *file = S_join(path, "pack.yaml");
  bool missing = file == NULL || access(file, R_OK) != 0;
  free(file);
  if (missing) {
    fprintf(
        stderr,
        "symcheck %s: no pack in '%s' (no readable pack.yaml there); give a pack folder with %s\n",
        command, path, fix);
  }
  return missing;
}

symcheck_pack *cli_load_pack(const char *command, const char *dir, const char *fix) {
  char *path = cli_resolve_pack_dir(dir);
  if (path == NULL) {
    fprintf(stderr, "symcheck: out of memory\n");
    return NULL;
  }
  if (cli_pack_missing(command, path, fix)) {
    free(path);
    return NULL;
  }
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(path, &diagnostics);
  if (pack == NULL) {
    for (size_t i = 0; i < diagnostics.count; i++) {
      cli_print_error(stderr, path, &diagnostics.items[i]);
    }
    if (diagnostics.count == 0) {
      fprintf(stderr, "%s: the pack could not be loaded\n", path);
    }
  }
  symcheck_diagnostics_free(&diagnostics);
  free(path);
  return pack;
}

bool cli_check_complaint(const char *command, const symcheck_pack *pack, const char *id) {
  if (symcheck_pack_find_complaint(pack, id) != NULL) {
    return true;
  }
  fprintf(stderr, "symcheck %s: unknown complaint '%s'; known:", command, id);
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    fprintf(stderr, "%s %s", i > 0 ? "," : "", symcheck_pack_complaint(pack, i)->id);
  }
  fputc('\n', stderr);
  return false;
}

bool cli_use_colour(FILE *out) {
  const char *no_colour = getenv("NO_COLOR");
  if (no_colour != NULL && no_colour[0] != '\0') {
    return false;
  }
  return isatty(fileno(out)) == 1;
}
