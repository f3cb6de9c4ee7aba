/*
 * web_session.c - argon2id password hashes and hashed session tokens (see
 * web_session.h), all with libsodium.
 */
#define _POSIX_C_SOURCE 200809L

#include "web_session.h"

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

/* SHA-256 of the token's text, as hex. */
static void S_sha256_hex(const char *text, char out[WEB_SESSION_HEX + 1]) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
  sodium_bin2hex(out, WEB_SESSION_HEX + 1, digest, sizeof digest);
}

int web_session_new(char token[WEB_SESSION_HEX + 1], char token_hash[WEB_SESSION_HEX + 1]) {
  token[0] = token_hash[0] = '\0';
  if (sodium_init() < 0) {
    return -1;
  }
  unsigned char random[WEB_SESSION_HEX / 2];
  randombytes_buf(random, sizeof random);
  sodium_bin2hex(token, WEB_SESSION_HEX + 1, random, sizeof random);
  S_sha256_hex(token, token_hash);
  return 0;
}

bool web_session_hash(const char *token, char out[WEB_SESSION_HEX + 1]) {
  out[0] = '\0';
  if (token == NULL || strlen(token) != WEB_SESSION_HEX) {
    return false;
  }
  for (size_t i = 0; i < WEB_SESSION_HEX; i++) {
    if (strchr("0123456789abcdef", token[i]) == NULL) {
      return false;
    }
  }
  if (sodium_init() < 0) {
    return false;
  }
  S_sha256_hex(token, out);
  return true;
}
