/*
 * cmd_editor.c - `symcheck editor add NAME [--db URL]`: creates an editor
 * account for the moderation pages. The password is asked twice on a
 * terminal with echo off, or read from the first line of standard input
 * when that is not a terminal (scripts, tests); only its argon2id hash
 * (web_session.h) is stored.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli_db.h"
#include "cli_util.h"
#include "commands.h"
#include "server_store.h"
#include "web_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char S_USAGE[] =
    "usage: symcheck editor add NAME [--db URL]\n"
    "  add      create an editor who may log in at /editor/login to approve,\n"
    "           reject or correct readers' stories; asks for the password twice\n"
    "           (or reads the first line of standard input when it is not a terminal)\n"
    "  NAME     1 to 64 letters, digits, '.', '_' or '-'\n"
    "  --db URL the server's database (default " CLI_DEFAULT_DB ")\n"
    "The password needs at least 10 characters.\n";

/* Letters, digits, '.', '_', '-'; at most SRV_EDITOR_NAME_MAX; not "cli"
   (the audit trail's name for the command line). */
static bool S_name_ok(const char *name) {
  size_t length = strlen(name);
  if (length == 0 || length > SRV_EDITOR_NAME_MAX || strcmp(name, "cli") == 0) {
    return false;
  }
  for (const char *p = name; *p != '\0'; p++) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          strchr("._-", *p) != NULL)) {
      return false;
    }
  }
  return true;
}

/* One line of standard input without its line end, echo off when `quiet`
   and stdin is a terminal. Malloc'd; NULL at end of input. */
static char *S_read_line(const char *prompt, bool quiet) {
  struct termios saved, silent;
  bool terminal = quiet && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    fputs(prompt, stderr);
    silent = saved;
    silent.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  char *line = NULL;
  size_t size = 0;
  ssize_t length = getline(&line, &size, stdin);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fputc('\n', stderr);
  }
  if (length < 0) {
    free(line);
    return NULL;
  }
  line[strcspn(line, "\r\n")] = '\0';
  return line;
}

/* The password, asked twice on a terminal; NULL after printing why. */
static char *S_password(const char *name) {
  char prompt[128];
  snprintf(prompt, sizeof prompt, "Password for %s: ", name);
  char *password = S_read_line(prompt, true);
  if (password == NULL) {
    fprintf(stderr, "symcheck editor: no password given\n");
    return NULL;
  }
  size_t length = strlen(password);
  const char *problem = length < WEB_PASSWORD_MIN   ? "the password needs at least 10 characters"
                        : length > WEB_PASSWORD_MAX ? "the password is too long"
                                                    : NULL;
  if (problem == NULL && isatty(STDIN_FILENO)) {
    char *again = S_read_line("The same password again: ", true);
    problem = again == NULL || strcmp(again, password) != 0 ? "the two passwords differ" : NULL;
    if (again != NULL) {
      sodium_memzero(again, strlen(again));
    }
    free(again);
  }
  if (problem != NULL) {
    fprintf(stderr, "symcheck editor: %s\n", problem);
    sodium_memzero(password, length);
    free(password);
    return NULL;
  }
  return password;
}

static int S_add(const char *name, const char *db_url) {
  if (!S_name_ok(name)) {
    return cli_usage_error("editor add", S_USAGE,
                           strcmp(name, "cli") == 0
                               ? "the name \"%s\" is taken by the command line; choose another"
                               : "the name \"%s\" may hold only 1 to 64 letters, digits, '.', "
                                 "'_' or '-'",
                           name);
  }
  char *password = S_password(name);
  if (password == NULL) {
    return CLI_EXIT_FAILURE;
  }
  char hash[WEB_PASSWORD_HASH_SIZE];
  int hashed = web_password_hash(password, hash);
  sodium_memzero(password, strlen(password));
  free(password);
  if (hashed != 0) {
    fprintf(stderr, "symcheck editor: the password could not be hashed (out of memory?)\n");
    return CLI_EXIT_FAILURE;
  }
  srv_db *db = cli_open_db("editor", db_url);
  if (db == NULL) {
    return CLI_EXIT_FAILURE;
  }
  srv_store_result r = srv_store_editor_add(db, name, hash);
  srv_db_close(db);
  if (r == SRV_STORE_CONFLICT) {
    fprintf(stderr, "symcheck editor: an editor named '%s' already exists\n", name);
  } else if (r != SRV_STORE_OK) {
    fprintf(stderr, "symcheck editor: the editor could not be saved (%s)\n",
            r == SRV_STORE_UNAVAILABLE ? "the database is not answering" : "refused");
  } else {
    printf("editor %s added\n", name);
  }
  return r == SRV_STORE_OK ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

int cmd_editor(int argc, char **argv) {
  const char *db_url = CLI_DEFAULT_DB, *name = NULL, *value = NULL;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
  }
  if (argc < 2 || strcmp(argv[1], "add") != 0) {
    return cli_usage_error("editor", S_USAGE,
                           argc < 2 || argv[1][0] == '-' ? "missing the action: add"
                                                         : "unknown action; use add");
  }
  for (int i = 2; i < argc; i++) {
    int found = cli_option_value(argc, argv, &i, "--db", &value);
    if (found == 1) {
      db_url = value;
    } else if (found < 0) {
      return cli_usage_error("editor add", S_USAGE, "--db needs a URL");
    } else if (argv[i][0] == '-' || name != NULL) {
      return cli_usage_error("editor add", S_USAGE, "unexpected argument \"%s\"", argv[i]);
    } else {
      name = argv[i];
    }
  }
  if (name == NULL) {
    return cli_usage_error("editor add", S_USAGE, "missing the editor's NAME");
  }
  return S_add(name, db_url);
}
