/*
 * cmd_stories.c - readers' stories from the command line, the same
 * moderation the editors' pages offer: `stories list` prints one story
 * per line (id first), `stories approve ID` and `stories reject ID
 * --reason TEXT` decide, with "cli" as the editor in the audit trail.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli_db.h"
#include "cli_util.h"
#include "commands.h"
#include "server_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_USAGE[] =
    "usage: symcheck stories list [--status pending|approved|rejected] [--db URL]\n"
    "       symcheck stories approve ID [--db URL]\n"
    "       symcheck stories reject ID --reason TEXT [--db URL]\n"
    "  list      every story (or those with the status), newest first, one per line:\n"
    "            ID STATUS SENT COMPLAINT INITIAL TITLE, separated by tabs\n"
    "  approve   show the story under its article\n"
    "  reject    keep it hidden; the reason (up to 280 characters) goes to the audit trail\n"
    "  --db URL  the server's database (default " CLI_DEFAULT_DB ")\n";

#define S_PAGE 500

/* Text on one line: tabs, line breaks and other controls become spaces. */
static void S_put_field(const char *text) {
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
    putchar(*p < 0x20 || *p == 0x7F ? ' ' : *p);
  }
}

static int S_list(srv_db *db, int status) {
  for (size_t offset = 0;; offset += S_PAGE) {
    srv_story_list list = {0};
    if (srv_store_story_list(db, NULL, status, S_PAGE, offset, &list) != SRV_STORE_OK) {
      fprintf(stderr, "symcheck stories: the database is not answering\n");
      return CLI_EXIT_FAILURE;
    }
    for (size_t i = 0; i < list.count; i++) {
      const srv_story *s = &list.items[i];
      printf("%lld\t%s\t%s\t%s\t", (long long)s->id, srv_story_status_name(s->status),
             s->created_at, s->complaint);
      S_put_field(s->initial);
      putchar('\t');
      S_put_field(s->title);
      putchar('\n');
    }
    size_t count = list.count;
    srv_story_list_free(&list);
    if (count < S_PAGE) {
      return CLI_EXIT_OK;
    }
  }
}

static int S_decide(srv_db *db, long long id, const char *reason) {
  srv_store_result r =
      srv_store_story_decide(db, id, reason != NULL ? SRV_STORY_REJECTED : SRV_STORY_APPROVED,
                             reason != NULL ? reason : "", "cli");
  if (r == SRV_STORE_OK) {
    printf("story %lld %s\n", id, reason != NULL ? "rejected" : "approved");
    return CLI_EXIT_OK;
  }
  fprintf(stderr, "symcheck stories: %s\n",
          r == SRV_STORE_NOT_FOUND
              ? "there is no story with this ID in this database (symcheck stories list shows "
                "the IDs; --db names the server's database)"
          : r == SRV_STORE_INVALID ? "the reason must be 1 to 280 characters"
                                   : "the database is not answering");
  return CLI_EXIT_FAILURE;
}

typedef struct S_args {
  const char *action, *id, *status, *reason, *db_url;
} S_args;

/* The options after the action; 0, or a usage error's exit code. */
static int S_parse(int argc, char **argv, S_args *a) {
  for (int i = 2; i < argc; i++) {
    const char *value = NULL;
    const char *names[] = {"--db", "--status", "--reason"};
    const char **slots[] = {&a->db_url, &a->status, &a->reason};
    bool matched = false;
    for (size_t k = 0; k < 3 && !matched; k++) {
      int found = cli_option_value(argc, argv, &i, names[k], &value);
      if (found < 0) {
        return cli_usage_error("stories", S_USAGE, "%s needs a value", names[k]);
      }
      if (found == 1) {
        *slots[k] = value;
        matched = true;
      }
    }
    if (!matched && (argv[i][0] == '-' || a->id != NULL || strcmp(a->action, "list") == 0)) {
      return cli_usage_error("stories", S_USAGE, "unexpected argument \"%s\"", argv[i]);
    }
    if (!matched) {
      a->id = argv[i];
    }
  }
  return 0;
}

/* The checks between the options and the action; 0 or a usage error. */
static int S_check(const S_args *a, int *status, long long *id) {
  bool list = strcmp(a->action, "list") == 0, reject = strcmp(a->action, "reject") == 0;
  if (!list && !reject && strcmp(a->action, "approve") != 0) {
    return cli_usage_error("stories", S_USAGE, "unknown action '%s'; use list, approve or reject",
                           a->action);
  }
  if (a->status != NULL && (!list || (*status = srv_story_status_parse(a->status)) < 0)) {
    return cli_usage_error("stories", S_USAGE,
                           "--status is pending, approved or rejected, for list only");
  }
  if ((a->reason != NULL) != reject) {
    return cli_usage_error("stories", S_USAGE,
                           reject ? "reject needs --reason TEXT"
                                  : "--reason goes with reject only");
  }
  char *end = NULL;
  *id = a->id != NULL ? strtoll(a->id, &end, 10) : 0;
  if (!list && (a->id == NULL || a->id[0] < '1' || a->id[0] > '9' || *end != '\0' || *id <= 0)) {
    return cli_usage_error("stories", S_USAGE, "%s needs the story's ID, a whole number from 1",
                           a->action);
  }
  return 0;
}

int cmd_stories(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
  }
  if (argc < 2 || argv[1][0] == '-') {
    return cli_usage_error("stories", S_USAGE, "missing the action: list, approve or reject");
  }
  S_args a = {.action = argv[1], .db_url = CLI_DEFAULT_DB};
  int status = -1;
  long long id = 0;
  int problem = S_parse(argc, argv, &a);
  if (problem == 0) {
    problem = S_check(&a, &status, &id);
  }
  if (problem != 0) {
    return problem;
  }
  srv_db *db = cli_open_existing_db("stories", a.db_url);
  if (db == NULL) {
    return CLI_EXIT_FAILURE;
  }
  int rc = strcmp(a.action, "list") == 0 ? S_list(db, status) : S_decide(db, id, a.reason);
  srv_db_close(db);
  return rc;
}
