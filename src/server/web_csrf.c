/*
 * web_csrf.c - double-submit CSRF tokens (see web_csrf.h): 32 bytes from
 * libsodium's randombytes_buf as hex, checked for shape, compared with
 * sodium_memcmp so the time taken says nothing about how much matched.
 */
#include "web_csrf.h"

#include <sodium.h>
#include <string.h>

/* 64 lowercase hex digits and nothing else. */
static bool S_well_formed(const char *token) {
  if (token == NULL || strlen(token) != WEB_CSRF_HEX) {
    return false;
  }
  for (size_t i = 0; i < WEB_CSRF_HEX; i++) {
    char c = token[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

int web_csrf_token(const char *cookie, char out[WEB_CSRF_HEX + 1], bool *set_cookie) {
  if (S_well_formed(cookie)) {
    memcpy(out, cookie, WEB_CSRF_HEX + 1);
    *set_cookie = false;
    return 0;
  }
  *set_cookie = true;
  out[0] = '\0';
  if (sodium_init() < 0) {
    return -1;
  }
  unsigned char random[WEB_CSRF_HEX / 2];
  randombytes_buf(random, sizeof random);
  sodium_bin2hex(out, WEB_CSRF_HEX + 1, random, sizeof random);
  return 0;
}

bool web_csrf_valid(const char *cookie, const char *field) {
  return S_well_formed(cookie) && S_well_formed(field) &&
         sodium_memcmp(cookie, field, WEB_CSRF_HEX) == 0;
}
