/*
 * cmd_serve.c - `symcheck serve`: parses the options into a srv_config
 * and hands over to the HTTP server (src/server/). Wrong options: one
 * line, the usage, exit 2.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_db.h"
#include "cli_util.h"
#include "commands.h"
#include "server.h"

static const char S_USAGE[] =
    "usage: symcheck serve [--listen ADDR:PORT] [--packs DIR]... [--db URL]\n"
    "                      [--threads N] [--rate-limit N]\n"
    "                      [--story-limit N] [--login-limit N] [--vote-limit N]\n"
    "                      [--behind-proxy]\n"
    "options:\n"
    "  --listen ADDR:PORT  IPv4 address and port (default 127.0.0.1:8080; port 0 = any free)\n"
    "  --packs DIR         a pack folder to serve; repeat for more\n"
    "                      (default: every folder under packs/ with a pack.yaml)\n"
    "  --db URL            sqlite:PATH (default " CLI_DEFAULT_DB ") or\n"
    "                      postgresql://USER@HOST:PORT/DB (shared by several servers)\n"
    "  --threads N         worker threads, 1 to 256 (default: the number of CPUs)\n"
    "  --rate-limit N      requests per second per client, bursts of 2N; 0 = off (default 50)\n"
    "  --story-limit N     readers' stories per client per hour; 0 = off (default 5)\n"
    "  --login-limit N     editor login attempts per client per 15 minutes; 0 = off (default 10)\n"
    "  --vote-limit N      helpful votes per client per hour; 0 = off (default 30)\n"
    "  --behind-proxy      a trusted reverse proxy sets X-Real-IP (the client, for the\n"
    "                      limits) and X-Forwarded-Proto (https: Secure cookies)\n"
    "Stops cleanly on SIGTERM or SIGINT.\n";

#define S_MAX_PACKS 64

typedef struct S_options {
  srv_config config;
  const char *packs[S_MAX_PACKS];
} S_options;

/* "ADDR:PORT" into config; false when it is not that. */
static bool S_parse_listen(const char *text, srv_config *config) {
  const char *colon = strrchr(text, ':');
  int port = 0;
  if (colon == NULL || colon == text || (size_t)(colon - text) >= sizeof config->host ||
      !cli_parse_int(colon + 1, 0, 65535, &port)) {
    return false;
  }
  memcpy(config->host, text, (size_t)(colon - text));
  config->host[colon - text] = '\0';
  config->port = (unsigned)port;
  return true;
}

/* A per-client limit (0 = off) into *out; 0, or the usage error. */
static int S_parse_limit(const char *option, const char *value, unsigned *out) {
  int number = 0;
  if (!cli_parse_int(value, 0, 1000000, &number)) {
    return cli_usage_error("serve", S_USAGE, "%s needs a number from 0 to 1000000", option);
  }
  *out = (unsigned)number;
  return 0;
}

static int S_parse_one(int argc, char **argv, int *i, S_options *o) {
  const char *v = NULL;
  int number = 0;
  if (cli_option_value(argc, argv, i, "--listen", &v) == 1) {
    return S_parse_listen(v, &o->config)
               ? 0
               : cli_usage_error("serve", S_USAGE, "--listen needs ADDR:PORT, not \"%s\"", v);
  }
  if (cli_option_value(argc, argv, i, "--packs", &v) == 1) {
    if (o->config.pack_dir_count == S_MAX_PACKS) {
      return cli_usage_error("serve", S_USAGE, "at most %d --packs", S_MAX_PACKS);
    }
    o->packs[o->config.pack_dir_count++] = v;
    return 0;
  }
  if (cli_option_value(argc, argv, i, "--db", &v) == 1) {
    o->config.db_url = v;
    return 0;
  }
  if (cli_option_value(argc, argv, i, "--threads", &v) == 1) {
    if (!cli_parse_int(v, 1, 256, &number)) {
      return cli_usage_error("serve", S_USAGE, "--threads needs a number from 1 to 256");
    }
    o->config.threads = (unsigned)number;
    return 0;
  }
  if (cli_option_value(argc, argv, i, "--rate-limit", &v) == 1) {
    if (!cli_parse_int(v, 0, 1000000, &number)) {
      return cli_usage_error("serve", S_USAGE, "--rate-limit needs a number from 0 to 1000000");
    }
    o->config.rate = number;
    return 0;
  }
  if (cli_option_value(argc, argv, i, "--story-limit", &v) == 1) {
    return S_parse_limit("--story-limit", v, &o->config.story_limit);
  }
  if (cli_option_value(argc, argv, i, "--login-limit", &v) == 1) {
    return S_parse_limit("--login-limit", v, &o->config.login_limit);
  }
  if (cli_option_value(argc, argv, i, "--vote-limit", &v) == 1) {
    return S_parse_limit("--vote-limit", v, &o->config.vote_limit);
  }
  if (strcmp(argv[*i], "--behind-proxy") == 0) {
    o->config.behind_proxy = true;
    return 0;
  }
  for (const char *const *name =
           (const char *const[]){"--listen", "--packs", "--db", "--threads", "--rate-limit",
                                 "--story-limit", "--login-limit", "--vote-limit", NULL};
       *name != NULL; name++) {
    if (strcmp(argv[*i], *name) == 0) {
      return cli_usage_error("serve", S_USAGE, "%s needs a value", *name);
    }
  }
  return cli_usage_error("serve", S_USAGE, "unknown argument \"%s\"", argv[*i]);
}

static void S_defaults(S_options *o) {
  memset(o, 0, sizeof *o);
  snprintf(o->config.host, sizeof o->config.host, "127.0.0.1");
  o->config.port = 8080;
  o->config.db_url = CLI_DEFAULT_DB;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o->config.threads = cpus > 0 && cpus <= 256 ? (unsigned)cpus : 4;
  o->config.rate = 50;
  o->config.story_limit = 5;
  o->config.login_limit = 10;
  o->config.vote_limit = 30;
}

int cmd_serve(int argc, char **argv) {
  S_options o;
  S_defaults(&o);
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
    int status = S_parse_one(argc, argv, &i, &o);
    if (status != 0) {
      return status;
    }
  }
  char *resolved[S_MAX_PACKS] = {0};
  for (size_t i = 0; i < o.config.pack_dir_count; i++) {
    resolved[i] = cli_resolve_pack_dir(o.packs[i]);
    o.packs[i] = resolved[i] != NULL ? resolved[i] : o.packs[i];
  }
  o.config.pack_dirs = o.packs;
  int status = srv_run(&o.config);
  for (size_t i = 0; i < o.config.pack_dir_count; i++) {
    free(resolved[i]);
  }
  return status;
}
