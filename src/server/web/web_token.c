/*
 * web_token.c - random hex tokens and their SHA-256, with libsodium (see
 * web_token.h).
 */
#include "web_token.h"

#include <sodium.h>
#include <string.h>

int web_token_new(char out[WEB_TOKEN_HEX + 1]) {
  out[0] = '\0';
  if (sodium_init() < 0) {
    return -1;
  }
  unsigned char random[WEB_TOKEN_HEX / 2];
  randombytes_buf(random, sizeof random);
  sodium_bin2hex(out, WEB_TOKEN_HEX + 1, random, sizeof random);
  return 0;
}

bool web_token_well_formed(const char *text) {
  return text != NULL && strlen(text) == WEB_TOKEN_HEX &&
         strspn(text, "0123456789abcdef") == WEB_TOKEN_HEX;
}

void web_token_hash(const char *token, char out[WEB_TOKEN_HEX + 1]) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
  sodium_bin2hex(out, WEB_TOKEN_HEX + 1, digest, sizeof digest);
}
