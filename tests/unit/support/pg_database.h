/*
 * pg_database.h - throwaway PostgreSQL databases for the tests: each test
 * program makes databases of its own on the server it was given (the
 * ctest fixture's, see scripts/pg-test-server.sh), so programs running at
 * the same time never see each other's tables.
 */
#ifndef SYMCHECK_TEST_PG_DATABASE_H
#define SYMCHECK_TEST_PG_DATABASE_H

#include <stdbool.h>
#include <stddef.h>

/* Creates database `name` (dropping one left by an earlier run) on the
   server `server_url` points at; `url` receives the URL of the new
   database. `name` is a plain identifier. Returns false and says why on
   stderr when PostgreSQL refused. */
bool pg_database_create(const char *server_url, const char *name, char *url, size_t url_size);
/* Drops it, ending any session still connected. */
bool pg_database_drop(const char *server_url, const char *name);
/* Empties the database `url` names: every table gone, as if new. */
bool pg_database_reset(const char *url);

#endif /* SYMCHECK_TEST_PG_DATABASE_H */
