/*
 * cli_db.h - the server's database for the commands that work on it
 * (serve, editor, stories): the default URL they share and opening it
 * with a one-line error.
 */
#ifndef SYMCHECK_CLI_DB_H
#define SYMCHECK_CLI_DB_H

#include "server_db.h"

/* The database `serve`, `editor` and `stories` use without --db. */
#define CLI_DEFAULT_DB "sqlite:var/symcheck.db"

/* Opens `url` (applying migrations); NULL after printing
   "symcheck COMMAND: WHY" to stderr. Close with srv_db_close. */
srv_db *cli_open_db(const char *command, const char *url);

/* As cli_open_db, but a SQLite database that does not exist yet is not
   created: NULL after one line naming --db and the file looked for (from
   which folder). For commands that only read or change what `serve` made. */
srv_db *cli_open_existing_db(const char *command, const char *url);

#endif /* SYMCHECK_CLI_DB_H */
