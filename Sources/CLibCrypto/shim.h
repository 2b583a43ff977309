#ifndef CLIBCRYPTO_SHIM_H
#define CLIBCRYPTO_SHIM_H
// Only SHA-256's low-level context functions, for the log's hash chain
// (Sources/EventLog/ChainHashing.swift). OpenSSL 3 marks them deprecated in favour
// of EVP, whose contexts are allocated on the heap: the chain hashes one short
// record at a time, where that allocation cost as much as the hashing.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#endif
