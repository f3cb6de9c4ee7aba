/*
 * cli_db.c - opens the server's database for a command (cli_db.h).
 */
#include "cli_db.h"

#include <stdio.h>

srv_db *cli_open_db(const char *command, const char *url) {
  char why[512];
  srv_db *db = NULL;
  if (srv_db_open(url, &db, why, sizeof why) != SRV_DB_OK) {
    fprintf(stderr, "symcheck %s: %s\n", command, why);
    return NULL;
  }
  return db;
}
