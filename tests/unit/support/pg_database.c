/*
 * pg_database.c - see pg_database.h. Fixed SQL with the name spliced in:
 * test-only, and names come from the tests themselves.
 */
#define _POSIX_C_SOURCE 200809L

#include "pg_database.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

static void S_quiet(void *arg, const char *message) {
  (void)arg;
  (void)message;
}

static bool S_exec(const char *url, const char *sql) {
  PGconn *conn = PQconnectdb(url);
  PQsetNoticeProcessor(conn, S_quiet, NULL);
  PGresult *r = PQexec(conn, sql);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) {
    fprintf(stderr, "pg_database: %s: %s", sql, PQerrorMessage(conn));
  }
  PQclear(r);
  PQfinish(conn);
  return ok;
}

/* `url` with its database name replaced by `name` (query kept). */
static void S_url_with_database(const char *url, const char *name, char *out, size_t size) {
  const char *host = strstr(url, "://");
  const char *slash = host != NULL ? strchr(host + 3, '/') : NULL;
  int prefix = slash != NULL ? (int)(slash - url) : (int)strlen(url);
  const char *query = slash != NULL ? strchr(slash, '?') : NULL;
  snprintf(out, size, "%.*s/%s%s", prefix, url, name, query != NULL ? query : "");
}

bool pg_database_create(const char *server_url, const char *name, char *url, size_t url_size) {
  char sql[256];
  snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  S_exec(server_url, sql);
  snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
  S_url_with_database(server_url, name, url, url_size);
  return S_exec(server_url, sql);
}

bool pg_database_drop(const char *server_url, const char *name) {
  char sql[256];
  snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  return S_exec(server_url, sql);
}

bool pg_database_reset(const char *url) {
  return S_exec(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
}
