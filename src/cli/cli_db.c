/*
 * cli_db.c - opens the server's database for a command (cli_db.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_db.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

srv_db *cli_open_db(const char *command, const char *url) {
  char why[512];
  srv_db *db = NULL;
  if (srv_db_open(url, &db, why, sizeof why) != SRV_DB_OK) {
    fprintf(stderr, "symcheck %s: %s\n", command, why);
    return NULL;
  }
  return db;
}

srv_db *cli_open_existing_db(const char *command, const char *url) {
  static const char sqlite[] = "sqlite:";
  if (strncmp(url, sqlite, sizeof sqlite - 1) == 0) {
    const char *path = url + sizeof sqlite - 1;
    if (access(path, F_OK) != 0) {
      char here[1024];
      fprintf(stderr,
              "symcheck %s: no database at '%s' (looked from %s); give the server's with "
              "--db sqlite:PATH (`symcheck serve --db sqlite:PATH` creates one)\n",
              command, path, getcwd(here, sizeof here) != NULL ? here : "this folder");
      return NULL;
    }
  }
  return cli_open_db(command, url);
}
