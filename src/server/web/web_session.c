/*
 * web_session.c - argon2id password hashes and hashed session tokens (see
 * web_session.h), all with libsodium.
 */
#define _POSIX_C_SOURCE 200809L

#include "web_session.h"
#include "web_token.h"

#include <string.h>

int web_password_hash(const char *password, char out[WEB_PASSWORD_HASH_SIZE]) {
  out[0] = '\0';
  if (sodium_init() < 0) {
    return -1;
  }
  return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
             ? 0
             : -1;
}

bool web_password_verify(const char *hash, const char *password) {
  if (hash == NULL || password == NULL || strlen(password) > WEB_PASSWORD_MAX ||
      strnlen(hash, WEB_PASSWORD_HASH_SIZE) == WEB_PASSWORD_HASH_SIZE || sodium_init() < 0) {
    return false;
  }
  return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int web_session_new(char token[WEB_SESSION_HEX + 1], char token_hash[WEB_SESSION_HEX + 1]) {
  token_hash[0] = '\0';
  if (web_token_new(token) != 0) {
    return -1;
  }
  web_token_hash(token, token_hash);
  return 0;
}

bool web_session_hash(const char *token, char out[WEB_SESSION_HEX + 1]) {
  out[0] = '\0';
  if (!web_token_well_formed(token)) {
    return false;
  }
  web_token_hash(token, out);
  return true;
}
