/*
 * ddxplus_sha256.c - SHA-256 of a file, so that a fitted pack records
 * exactly which input files it was made from. The hashing itself is
 * libsodium's (crypto_hash_sha256), a well-kept implementation; this file
 * only streams the file through it.
 */
#include <sodium.h>
#include <stdio.h>

#include "ddxplus.h"

int ddx_sha256_file(const char *path, char hex[65]) {
  if (sodium_init() < 0) {
    return -1;
  }
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    return -1;
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  unsigned char block[65536];
  size_t n;
  while ((n = fread(block, 1, sizeof block, file)) > 0) {
    crypto_hash_sha256_update(&state, block, n);
  }
  int failed = ferror(file);
  fclose(file);
  if (failed) {
    return -1;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  sodium_bin2hex(hex, 65, digest, sizeof digest);
  return 0;
}
