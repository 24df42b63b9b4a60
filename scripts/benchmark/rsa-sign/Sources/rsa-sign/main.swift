import Crypto
import CryptoExtras
import Foundation

// Usage: rsa-sign PEM SECONDS — signs SHA-256 digests with RSA PKCS#1 v1.5 (RS256) on every core and prints signatures/s.
let arguments = CommandLine.arguments
let pem = try String(contentsOfFile: arguments[1], encoding: .utf8)
let seconds = Double(arguments.count > 2 ? arguments[2] : "5") ?? 5
let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
let cores = ProcessInfo.processInfo.activeProcessorCount

let total = await withTaskGroup(of: Int.self) { group in
    for core in 0..<cores {
        group.addTask {
            let digest = SHA256.hash(data: Data("xena-mock \(core)".utf8))
            let deadline = Date().addingTimeInterval(seconds)
            var count = 0
            while Date() < deadline {
                _ = try? key.signature(for: digest, padding: .insecurePKCS1v1_5)
                count += 1
            }
            return count
        }
    }
    var total = 0
    for await count in group { total += count }
    return total
}
print(String(format: "%.1f", Double(total) / seconds))
