// swift-tools-version:6.1
// The RSA-2048 signing ceiling of the library xena-mock signs with (swift-crypto's BoringSSL), beside
// `openssl speed`, so the benchmark can tell the server's overhead from the library's speed.
import PackageDescription

let package = Package(
    name: "rsa-sign",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0")],
    targets: [
        .executableTarget(
            name: "rsa-sign",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "CryptoExtras", package: "swift-crypto")]
        )
    ]
)
