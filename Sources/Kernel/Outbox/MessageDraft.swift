public import Foundation

/// A message to queue with ``WriteTransaction/queue(_:)``: what to say, to whom, and when.
public struct MessageDraft: Sendable {
    public var organizationId: Organization.ID
    /// The person written to, when the message is about one (their unsubscribe choice is honoured, and the
    /// message goes when they are erased).
    public var personId: Person.ID?
    public var recipient: MailAddress
    public var sender: MailAddress
    public var category: MessageCategory
    public var kind: String
    /// Names the message for good: queueing a draft whose key is already in the outbox does nothing, so a
    /// scheduler may run as often as it likes. Include whatever makes it a different message (the session's
    /// revision for an update, the start time for a reminder).
    public var idempotencyKey: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    /// An iMIP calendar object and its METHOD (`REQUEST`, `CANCEL`).
    public var calendar: (method: String, object: String)?
    /// One file to send with the message.
    public var attachment: MailAttachment?
    /// When the message may go; `nil` for at once.
    public var dueAt: Date?

    public init(
        organizationId: Organization.ID, personId: Person.ID?, recipient: MailAddress, sender: MailAddress,
        category: MessageCategory, kind: String, idempotencyKey: String, subject: String, textBody: String,
        htmlBody: String? = nil, calendar: (method: String, object: String)? = nil, attachment: MailAttachment? = nil,
        dueAt: Date? = nil
    ) {
        self.attachment = attachment
        self.organizationId = organizationId
        self.personId = personId
        self.recipient = recipient
        self.sender = sender
        self.category = category
        self.kind = kind
        self.idempotencyKey = idempotencyKey
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.calendar = calendar
        self.dueAt = dueAt
    }
}

/// A file sent with a message.
public struct MailAttachment: Sendable, Equatable {
    /// The file name the recipient sees (ASCII letters, digits, `.`, `-`, `_`).
    public var filename: String
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// An e-mail address with an optional display name.
public struct MailAddress: Sendable, Hashable {
    public var address: String
    public var name: String

    public init(_ address: String, name: String = "") {
        self.address = address
        self.name = name
    }

    /// `indaba@` the domain name of the server's public address, the sender when none is configured; without a
    /// domain name (an IP address, `localhost`) `indaba@localhost`: `indaba@127.0.0.1` is no address.
    public static func indaba(at baseURL: String, name: String = "") -> MailAddress {
        MailAddress("indaba@\(InstallationIdentity.authority(of: baseURL) ?? "localhost")", name: name)
    }
}
