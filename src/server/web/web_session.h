/*
 * web_session.h - editors' passwords and sessions, without HTTP or SQL:
 * passwords hashed with libsodium's crypto_pwhash_str (argon2id, the
 * interactive limits), session tokens of 32 random bytes sent to the
 * browser as hex while only their SHA-256 (hex) is stored, so a copy of
 * the database yields no live session.
 */
#ifndef SYMCHECK_SERVER_WEB_SESSION_H
#define SYMCHECK_SERVER_WEB_SESSION_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#include "web_token.h"

#define WEB_SESSION_COOKIE "symcheck_session"
#define WEB_SESSION_SECONDS (8 * 3600) /* a session lasts 8 hours */
#define WEB_SESSION_HEX WEB_TOKEN_HEX  /* a token or its hash as hex */
#define WEB_PASSWORD_MIN 10            /* characters (bytes) an editor's password needs */
#define WEB_PASSWORD_MAX 1024          /* longer ones are refused before hashing */
#define WEB_PASSWORD_HASH_SIZE crypto_pwhash_STRBYTES

/* Hashes `password` into `out` (argon2id, a NUL-terminated string). Returns
   0, or -1 when libsodium cannot start or memory runs out. */
int web_password_hash(const char *password, char out[WEB_PASSWORD_HASH_SIZE]);

/* Whether `password` matches `hash` (crypto_pwhash_str output). False for
   NULL, an over-long password or a malformed hash. */
bool web_password_verify(const char *hash, const char *password);

/* A new session: the token for the cookie and the hash to store, each 64
   hex digits and a NUL. Returns 0, or -1 when libsodium cannot start. */
int web_session_new(char token[WEB_SESSION_HEX + 1], char token_hash[WEB_SESSION_HEX + 1]);

/* The stored form of a cookie's token. False (out "") when `token` is not
   64 lowercase hex digits: such a cookie is no session. */
bool web_session_hash(const char *token, char out[WEB_SESSION_HEX + 1]);

#endif /* SYMCHECK_SERVER_WEB_SESSION_H */
