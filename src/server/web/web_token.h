/*
 * web_token.h - the random tokens the browser carries in cookies (the CSRF
 * token, an editor's session, the helpful-vote voter id): 32 bytes from
 * libsodium as 64 lowercase hex digits, a check of that shape, and the
 * SHA-256 (hex) under which the server stores a token it must recognise
 * without being able to hand it out again.
 */
#ifndef SYMCHECK_SERVER_WEB_TOKEN_H
#define SYMCHECK_SERVER_WEB_TOKEN_H

#include <stdbool.h>

#define WEB_TOKEN_HEX 64 /* a token, or its hash, as lowercase hex */

/* A fresh random token into `out` (64 hex digits and a NUL). Returns 0, or
   -1 when libsodium cannot start (out is then ""). */
int web_token_new(char out[WEB_TOKEN_HEX + 1]);

/* True when `text` is exactly 64 lowercase hex digits; false for NULL. */
bool web_token_well_formed(const char *text);

/* The SHA-256 of the token's text, as hex, into `out`. */
void web_token_hash(const char *token, char out[WEB_TOKEN_HEX + 1]);

#endif /* SYMCHECK_SERVER_WEB_TOKEN_H */
