// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Indaba",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "indaba", targets: ["indaba"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "PluginKit", targets: ["PluginKit"]),
        .library(name: "KernelTesting", targets: ["KernelTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Already in the graph through Hummingbird: its HTTP part types, which the server's fast answers use.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Compiles each module's translation catalogues (Locales/*.po) into the binary.
        .executableTarget(name: "CatalogueEmbedder", path: "BuildTools/CatalogueEmbedder"),
        .plugin(
            name: "EmbedCatalogues", capability: .buildTool(), dependencies: ["CatalogueEmbedder"],
            path: "BuildTools/EmbedCatalogues"),
        .target(
            name: "Kernel",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The series report's catalogues (Locales/*.po) are embedded; the template is for translators.
            exclude: ["Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        // What plugins (and the surfaces that host them) use to speak HTTP, pages and commands. The kernel knows
        // nothing of it.
        .target(
            name: "PluginKit",
            dependencies: [
                "Kernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "Web",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The template translators start a new language from; the .po files are embedded.
            exclude: ["Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "KernelTesting",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CLI",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Feeds",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/Feeds",
            exclude: ["README.md", "Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "Retention",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/Retention",
            exclude: ["README.md", "Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            path: "Plugins/Certificates/CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            path: "Plugins/Certificates/CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(
            name: "Certificates",
            dependencies: [
                "Kernel", "PluginKit", "CPangoCairo", "CQREncode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/Certificates",
            exclude: ["README.md", "CPangoCairo", "CQREncode", "Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "Messages",
            dependencies: [
                "Kernel", "PluginKit", "Feeds",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Plugins/Messages",
            exclude: ["README.md", "Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        .target(
            name: "CaseStudies",
            dependencies: [
                "Kernel", "PluginKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Plugins/CaseStudies",
            exclude: ["README.md", "Locales/messages.pot"],
            swiftSettings: strictSettings,
            plugins: ["EmbedCatalogues"]
        ),
        // The executable's composition: the API beside the web interface, neither importing the other.
        .target(
            name: "App",
            dependencies: [
                "Server", "Web", "Kernel", "PluginKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ServerTesting",
            dependencies: [
                "App", "Server", "Kernel", "PluginKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "indaba",
            dependencies: [
                "CLI", "Kernel", "PluginKit", "App", "Server", "Feeds", "Retention", "CaseStudies", "Certificates",
                "Messages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KernelTests",
            dependencies: [
                "Kernel", "PluginKit", "KernelTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedsTests",
            dependencies: [
                "Feeds", "Kernel", "PluginKit", "KernelTesting", "Server", "ServerTesting",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RetentionTests",
            dependencies: [
                "Retention", "Kernel", "PluginKit", "KernelTesting", "Server", "ServerTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Exports")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CaseStudiesTests",
            dependencies: [
                "CaseStudies", "Kernel", "PluginKit", "KernelTesting", "Server", "ServerTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CertificatesTests",
            dependencies: [
                "Certificates", "Kernel", "PluginKit", "KernelTesting", "Server", "ServerTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Kernel", "PluginKit", "KernelTesting", "ServerTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MessagesTests",
            dependencies: [
                "Messages", "Feeds", "Kernel", "PluginKit", "KernelTesting", "App", "Server", "ServerTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "App", "Web", "Server", "Kernel", "PluginKit", "KernelTesting", "ServerTesting", "Feeds", "Retention",
                "CaseStudies",
                "Certificates", "Messages",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CLI", "Kernel", "PluginKit", "KernelTesting", "ServerTesting", "indaba",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
