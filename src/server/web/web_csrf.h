/*
 * web_csrf.h - the forms' CSRF tokens, as a double-submit cookie: the
 * server gives each browser a random token in the cookie `symcheck_csrf`
 * (HttpOnly, SameSite=Strict, Path=/) and writes the same value into every
 * form as the hidden field `csrf`. A POST is genuine when the field equals
 * the cookie: another site can make a browser send the cookie but cannot
 * read it to put it in the form. Nothing is stored on the server, so any
 * number of servers accept each other's tokens.
 *
 * This file knows no HTTP: the routes read the cookie's value and set the
 * cookie when web_csrf_token says so.
 */
#ifndef SYMCHECK_SERVER_WEB_CSRF_H
#define SYMCHECK_SERVER_WEB_CSRF_H

#include <stdbool.h>

#include "web_token.h"

#define WEB_CSRF_COOKIE "symcheck_csrf" /* the cookie's name */
#define WEB_CSRF_FIELD "csrf"           /* the forms' hidden field */
#define WEB_CSRF_HEX WEB_TOKEN_HEX      /* a token: 32 random bytes as lowercase hex */

/*
 * The token for a response: the browser's own when `cookie` (the value of
 * its symcheck_csrf cookie, or NULL) is a well-formed token, with
 * *set_cookie false; else a fresh random one, with *set_cookie true (the
 * caller sends it as the cookie). `out` receives 64 hex digits and a NUL.
 * Returns 0, or -1 when libsodium cannot start (out is then "").
 */
int web_csrf_token(const char *cookie, char out[WEB_CSRF_HEX + 1], bool *set_cookie);

/*
 * Whether a form's `field` matches the browser's `cookie`: both present,
 * well formed and equal (compared in constant time). NULL never matches.
 */
bool web_csrf_valid(const char *cookie, const char *field);

#endif /* SYMCHECK_SERVER_WEB_CSRF_H */
