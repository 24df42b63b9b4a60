// The parts of the system's OpenSSL 3 libcrypto that xena-mock signs tokens with (libssl-dev on Debian).
#ifndef XENA_MOCK_COPENSSL_SHIM_H
#define XENA_MOCK_COPENSSL_SHIM_H

#if !__has_include(<openssl/evp.h>)
#error "xena-mock signs tokens with the system's OpenSSL 3; install its headers: apt-get install libssl-dev"
#endif

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "xena-mock needs OpenSSL 3 or newer (libssl-dev on Debian 12)"
#endif

#endif
