/*
 * web_csrf.c - double-submit CSRF tokens (see web_csrf.h): random tokens
 * from web_token.h, compared with sodium_memcmp so the time taken says
 * nothing about how much matched.
 */
#include "web_csrf.h"
#include "web_token.h"

#include <sodium.h>
#include <string.h>

int web_csrf_token(const char *cookie, char out[WEB_CSRF_HEX + 1], bool *set_cookie) {
  if (web_token_well_formed(cookie)) {
    memcpy(out, cookie, WEB_CSRF_HEX + 1);
    *set_cookie = false;
    return 0;
  }
  *set_cookie = true;
  return web_token_new(out);
}

bool web_csrf_valid(const char *cookie, const char *field) {
  return web_token_well_formed(cookie) && web_token_well_formed(field) &&
         sodium_memcmp(cookie, field, WEB_CSRF_HEX) == 0;
}
