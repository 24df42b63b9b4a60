import COpenSSL

/// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures by the system's OpenSSL 3 libcrypto, which signs 2048-bit RSA
/// about twice as fast as swift-crypto's BoringSSL on CPUs with AVX-512 IFMA. PKCS#1 v1.5 signatures are
/// deterministic, so its signatures are byte for byte those of any other implementation.
///
/// The key is parsed once. Each signature copies a context that was initialised once for the key and SHA-256, so no
/// provider lookup or key setup happens per token, and signing runs in parallel on every core without a lock.
final class OpenSSLRSASigner: @unchecked Sendable {
    // @unchecked: after init, `key` and `template` are only read — OpenSSL 3 allows concurrent use of an EVP_PKEY,
    // and EVP_MD_CTX_copy_ex only reads its source — and both are freed once, in deinit.
    private let key: OpaquePointer
    private let template: OpaquePointer

    /// A signing failure inside libcrypto, with OpenSSL's own reason.
    struct Failure: Error, CustomStringConvertible {
        let step: String
        let reason: String
        var description: String { "OpenSSL \(self.step) failed: \(self.reason)" }
    }

    /// Loads a PEM private key (PKCS#1 or PKCS#8) and prepares RS256 signing with it.
    init(privateKeyPEM pem: String) throws {
        let bytes = Array(pem.utf8)
        let parsed: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key = parsed else { throw Self.failure("reading the private key") }
        guard let template = EVP_MD_CTX_new() else {
            EVP_PKEY_free(key)
            throw Self.failure("allocating a digest context")
        }
        guard EVP_DigestSignInit_ex(template, nil, "SHA256", nil, nil, key, nil) == 1 else {
            EVP_MD_CTX_free(template)
            EVP_PKEY_free(key)
            throw Self.failure("preparing RS256 signing")
        }
        self.key = key
        self.template = template
    }

    deinit {
        EVP_MD_CTX_free(self.template)
        EVP_PKEY_free(self.key)
    }

    /// The RS256 signature of `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw Self.failure("allocating a digest context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_MD_CTX_copy_ex(context, self.template) == 1 else { throw Self.failure("copying the signing context") }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else { throw Self.failure("sizing the signature") }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else { throw Self.failure("signing") }
        return Array(signature.prefix(length))
    }

    /// The reason OpenSSL gives for its last error on this thread (and clears the thread's error queue).
    private static func failure(_ step: String) -> Failure {
        var reason = "unknown error"
        var buffer = [CChar](repeating: 0, count: 256)
        let code = ERR_get_error()
        if code != 0 {
            ERR_error_string_n(code, &buffer, buffer.count)
            reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        ERR_clear_error()
        return Failure(step: step, reason: reason)
    }
}
