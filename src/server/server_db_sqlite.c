/*
 * server_db_sqlite.c - the SQLite backend: a file (default var/symcheck.db)
 * opened in serialized mode (one connection shared by the worker
 * threads), write-ahead logging, foreign keys on, and the migrations in
 * S_MIGRATIONS applied in order inside one transaction each, recorded in
 * schema_migrations.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server_db.h"

typedef struct S_migration {
  int version;
  const char *sql;
} S_migration;

/* Append only: a released migration is never edited. */
static const S_migration S_MIGRATIONS[] = {
    {1, "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"},
};

/* Creates the folder that will hold `path`, one level at a time. */
static int S_make_parent(const char *path, char *why, size_t why_size) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash == NULL || slash == dir) {
    return 0;
  }
  *slash = '\0';
  for (char *p = dir + 1; *p != '\0'; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(dir, 0755);
      *p = '/';
    }
  }
  if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
    snprintf(why, why_size, "cannot create the folder %s: %s", dir, strerror(errno));
    return -1;
  }
  return 0;
}

static int S_exec(sqlite3 *db, const char *sql, char *why, size_t why_size) {
  char *message = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
    snprintf(why, why_size, "SQLite: %s", message != NULL ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return -1;
  }
  return 0;
}

static int S_current_version(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  if (sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_migrations", -1, &stmt,
                         NULL) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    version = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return version;
}

static int S_record(sqlite3 *db, int version) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT INTO schema_migrations (version) VALUES (?1)", -1, &stmt,
                              NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int(stmt, 1, version);
    rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_OK ? 0 : -1;
}

static int S_migrate(sqlite3 *db, char *why, size_t why_size) {
  if (S_exec(db, S_MIGRATIONS[0].sql, why, why_size) != 0) {
    return -1;
  }
  int current = S_current_version(db);
  for (size_t i = 0; i < sizeof S_MIGRATIONS / sizeof S_MIGRATIONS[0]; i++) {
    if (S_MIGRATIONS[i].version <= current) {
      continue;
    }
    if (S_exec(db, "BEGIN IMMEDIATE", why, why_size) != 0) {
      return -1;
    }
    if (S_exec(db, S_MIGRATIONS[i].sql, why, why_size) != 0 ||
        S_record(db, S_MIGRATIONS[i].version) != 0) {
      S_exec(db, "ROLLBACK", why, why_size);
      snprintf(why, why_size, "migration %d failed: %s", S_MIGRATIONS[i].version,
               sqlite3_errmsg(db));
      return -1;
    }
    if (S_exec(db, "COMMIT", why, why_size) != 0) {
      return -1;
    }
  }
  return 0;
}

static int S_ping(void *handle) {
  sqlite3_stmt *stmt = NULL;
  int ok = sqlite3_prepare_v2(handle, "SELECT 1", -1, &stmt, NULL) == SQLITE_OK &&
           sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 1;
  sqlite3_finalize(stmt);
  return ok ? 0 : -1;
}

static void S_close(void *handle) {
  sqlite3_close(handle);
}

static const srv_db_backend S_SQLITE = {"sqlite", S_ping, S_close};

/* WAL, foreign keys and a busy timeout, then the migrations. */
static int S_prepare(sqlite3 *db, char *why, size_t why_size) {
  sqlite3_busy_timeout(db, 5000);
  if (S_exec(db, "PRAGMA journal_mode=WAL", why, why_size) != 0 ||
      S_exec(db, "PRAGMA foreign_keys=ON", why, why_size) != 0) {
    return -1;
  }
  return S_migrate(db, why, why_size);
}

srv_db_status srv_db_open_sqlite(const char *path, srv_db **out, char *why, size_t why_size) {
  *out = NULL;
  if (S_make_parent(path, why, why_size) != 0) {
    return SRV_DB_FAILED;
  }
  sqlite3 *handle = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path, &handle, flags, NULL) != SQLITE_OK) {
    snprintf(why, why_size, "cannot open the database %s: %s", path,
             handle != NULL ? sqlite3_errmsg(handle) : "out of memory");
    sqlite3_close(handle);
    return SRV_DB_FAILED;
  }
  srv_db *db = calloc(1, sizeof *db);
  if (db == NULL || S_prepare(handle, why, why_size) != 0) {
    if (db == NULL) {
      snprintf(why, why_size, "out of memory");
    }
    sqlite3_close(handle);
    free(db);
    return SRV_DB_FAILED;
  }
  db->backend = &S_SQLITE;
  db->handle = handle;
  *out = db;
  return SRV_DB_OK;
}
