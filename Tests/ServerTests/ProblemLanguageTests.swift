import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// API problems speak the client's language (`Accept-Language`): the title, and the detail where it is worded for
/// translation; a hidden object and a missing one still answer byte for byte alike in every language.
@Suite("API problems in the client's language")
struct ProblemLanguageTests {
    @Test("a 404 in French and Arabic: title, detail and Content-Language; English without a header")
    func notFoundSpeaksTheClientsLanguage() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/series/999999"
        let french = try await networks.client.request(.get, path, headers: ["Accept-Language": "fr-SN, en;q=0.5"])
        #expect(french.status == 404)
        #expect(french.headers[.contentLanguage] == "fr")
        #expect(french.json["title"] as? String == "Introuvable")
        #expect((french.json["detail"] as? String)?.hasPrefix("Aucun") == true)
        let arabic = try await networks.client.request(.get, path, headers: ["Accept-Language": "ar-EG"])
        #expect(arabic.headers[.contentLanguage] == "ar")
        #expect(arabic.json["title"] as? String == "غير موجود")
        let english = try await networks.client.get(path)
        #expect(english.headers[.contentLanguage] == "en")
        #expect(english.json["title"] as? String == "Not Found")
        #expect(english.json["detail"] as? String == "No series with id 999999 exists here.")
    }

    @Test("hidden and missing stay alike in every language", arguments: ["pt", "sw", "ar"])
    func hiddenEqualsMissing(_ language: String) async throws {
        let networks = try await TwoNetworks()
        // Another network's draft series is hidden from an anonymous caller; an id past the end is missing.
        try await networks.hideForeignSeries()
        let hidden = try await networks.client.request(
            .get, "/api/v1/series/\(networks.foreign.series)", headers: ["Accept-Language": language])
        let missing = try await networks.client.request(
            .get, "/api/v1/series/\(networks.foreign.series + 1_000)", headers: ["Accept-Language": language])
        #expect(hidden.status == 404 && missing.status == 404)
        let normalise = { (reply: TestClient.Reply, id: Int64) in
            String(decoding: reply.body, as: UTF8.self).replacingOccurrences(of: "\(id)", with: "ID")
        }
        #expect(normalise(hidden, networks.foreign.series) == normalise(missing, networks.foreign.series + 1_000))
    }

    @Test("a bad token and a 422 summary are worded in Swahili; a plural follows the count")
    func authenticationAndValidation() async throws {
        let networks = try await TwoNetworks()
        let refused = try await networks.client.request(
            .get, "/api/v1/organizations", token: "not-a-token", headers: ["Accept-Language": "sw"])
        #expect(refused.status == 401)
        #expect(refused.json["title"] as? String != "Unauthorized")
        #expect(refused.json["detail"] as? String != "The token is unknown, revoked or expired; ask for a new one.")
        let invalid = try await networks.client.request(
            .patch, "/api/v1/series/\(networks.own.series)", token: networks.token(.coordinator),
            headers: ["Accept-Language": "fr"], json: #"{"title": "", "timeZone": "Mars/Olympus"}"#)
        #expect(invalid.status == 422)
        #expect(invalid.json["detail"] as? String == "2 champs ne sont pas valides.")
    }

    @Test("a field the kernel's rules refuse is named in French; without a header the 422 is English as before")
    func fieldProblemsSpeakTheClientsLanguage() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/series/\(networks.own.series)"
        let token = networks.token(.coordinator)
        let french = try await networks.client.request(
            .patch, path, token: token, headers: ["Accept-Language": "fr"], json: #"{"title": " "}"#)
        #expect(french.status == 422)
        #expect(french.headers[.contentLanguage] == "fr")
        #expect(french.json["detail"] as? String == "title: ce champ ne doit pas être vide")
        #expect(Self.errors(french) == ["title": "ce champ ne doit pas être vide"])
        let english = try await networks.client.request(.patch, path, token: token, json: #"{"title": " "}"#)
        #expect(english.status == 422)
        #expect(english.headers[.contentLanguage] == "en")
        #expect(english.json["detail"] as? String == "title: must not be empty")
        #expect(Self.errors(english) == ["title": "must not be empty"])
        let two = #"{"title": "", "timeZone": "Mars/Olympus", "slug": "Not A Slug"}"#
        let portuguese = try await networks.client.request(
            .patch, path, token: token, headers: ["Accept-Language": "pt-BR"], json: two)
        #expect(
            Self.errors(portuguese) == [
                "title": "este campo não pode ficar vazio",
                "timeZone": "«Mars/Olympus» não é um fuso horário IANA; use um nome como Africa/Harare ou Africa/Lagos",
                "slug": "não é um nome curto válido; use de 1 a 63 letras minúsculas, algarismos e hífenes simples, "
                    + "por exemplo inclusive-spaces",
            ])
        let plain = try await networks.client.request(.patch, path, token: token, json: two)
        #expect(
            Self.errors(plain) == [
                "title": "must not be empty",
                "timeZone": "'Mars/Olympus' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos",
                "slug": "is not a valid slug; use 1-63 lowercase letters, digits and single hyphens, such as "
                    + "inclusive-spaces",
            ])
    }

    @Test("routing, preconditions and unreadable bodies speak French too; a missing record is named in French")
    func routingAndPreconditions() async throws {
        let networks = try await TwoNetworks()
        let french = ["Accept-Language": "fr"]
        let token = networks.token(.coordinator)
        let badId = try await networks.client.request(.get, "/api/v1/series/abc", headers: french)
        #expect(badId.status == 400)
        #expect(
            badId.json["detail"] as? String == "La requête n’a pas pu être lue ; vérifiez l’adresse et ses paramètres.")
        let nowhere = try await networks.client.request(.get, "/api/v1/nowhere", headers: french)
        #expect(nowhere.status == 404)
        #expect(
            nowhere.json["detail"] as? String
                == "Il n’y a rien à cette adresse ; vérifiez-la dans la description de l’API.")
        let missing = try await networks.client.request(.get, "/api/v1/series/999999", headers: french)
        #expect((missing.json["detail"] as? String)?.contains("série") == true, "\(missing.json)")
        let path = "/api/v1/series/\(networks.own.series)"
        let unconditional = try await networks.client.request(
            .patch, path, token: token, headers: french, json: #"{"title": "A"}"#)
        #expect(unconditional.status == 428)
        #expect(unconditional.json["title"] as? String == "Précondition requise")
        #expect((unconditional.json["detail"] as? String)?.hasPrefix("Envoyez If-Match") == true)
        let stale = try await networks.client.request(
            .patch, path, token: token, headers: french.merging(["If-Match": "\"x0\""]) { $1 },
            json: #"{"title": "A"}"#)
        #expect(stale.status == 412)
        #expect((stale.json["detail"] as? String)?.hasPrefix("La ressource a changé") == true, "\(stale.json)")
        let broken = try await networks.client.request(
            .post, "/api/v1/people", token: token, headers: french, json: "{not json")
        #expect(broken.status == 400)
        #expect((broken.json["detail"] as? String)?.hasPrefix("Le corps n’est pas du JSON valide") == true)
        #expect((broken.json["detail"] as? String)?.contains("The given data") == false, "\(broken.json)")
        // In English, Hummingbird's own sentence as before.
        let english = try await networks.client.get("/api/v1/series/abc")
        #expect((english.json["detail"] as? String)?.contains("abc") == true)
    }

    @Test("the API's own shape checks speak French: a field of the wrong kind, an unknown field, a key given twice")
    func shapeProblems() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/series/\(networks.own.series)"
        let token = networks.token(.coordinator)
        let french = ["Accept-Language": "fr"]
        let wrongKind = try await networks.client.request(
            .patch, path, token: token, headers: french, json: #"{"title": 7, "colour": "teal"}"#)
        #expect(wrongKind.status == 422)
        #expect(Self.errors(wrongKind)["title"] == "doit être une chaîne de caractères")
        #expect(
            Self.errors(wrongKind)["colour"]?.hasPrefix("n’est pas un champ connu ; les champs connus sont ") == true)
        let twice = try await networks.client.request(
            .patch, path, token: token, headers: french, json: #"{"title": "A", "title": "B"}"#)
        #expect(twice.status == 400)
        #expect(
            twice.json["detail"] as? String
                == "Le corps JSON nomme le champ « title » deux fois dans un même objet ; envoyez-le une seule fois.")
        // Without a header the same problems read as they always did.
        let english = try await networks.client.request(
            .patch, path, token: token, json: #"{"title": 7, "colour": "teal"}"#)
        #expect(Self.errors(english)["title"] == "must be a string")
        #expect(Self.errors(english)["colour"]?.hasPrefix("is not a known field; known fields are ") == true)
    }

    @Test("a field the kernel refuses inside a write is explained in French; in English as before")
    func kernelRefusal() async throws {
        let networks = try await TwoNetworks()
        let body = """
            {"seriesId": \(networks.own.series), "personId": \(networks.own.participantOne), "channel": "website",
             "enrolledAt": "2999-01-01T00:00:00Z"}
            """
        let french = try await networks.client.request(
            .post, "/api/v1/enrolments", token: networks.token(.coordinator), headers: ["Accept-Language": "fr"],
            json: body)
        #expect(french.status == 422)
        #expect(Self.errors(french)["enrolledAt"] == "est dans le futur")
        let english = try await networks.client.request(
            .post, "/api/v1/enrolments", token: networks.token(.coordinator), json: body)
        #expect(Self.errors(english)["enrolledAt"] == "is in the future")
    }

    @Test("a refusal for lack of rights reads in Portuguese as a general sentence; in English with its reason")
    func forbidden() async throws {
        let networks = try await TwoNetworks()
        let body =
            #"{"name": "New member", "slug": "new-member", "country": "KE", "timeZone": "Africa/Nairobi", "parentId": \#(networks.own.network)}"#
        let portuguese = try await networks.client.request(
            .post, "/api/v1/organizations", token: networks.token(.admin), headers: ["Accept-Language": "pt"],
            json: body)
        #expect(portuguese.status == 403)
        #expect(
            portuguese.json["detail"] as? String
                == "O seu acesso não o permite; peça a um/a administrador/a da organização.")
        let english = try await networks.client.request(
            .post, "/api/v1/organizations", token: networks.token(.admin), json: body)
        #expect(english.status == 403)
        #expect(english.json["detail"] as? String == "Only a coordinator of the network may add member organizations.")
    }

    @Test("a query string problem is worded in Swahili and in English as before")
    func queryProblems() async throws {
        let networks = try await TwoNetworks()
        let swahili = try await networks.client.request(
            .get, "/api/v1/sessions?seriesId=abc&limit=0", headers: ["Accept-Language": "sw"])
        #expect(swahili.status == 400)
        #expect(swahili.json["detail"] as? String == "Mfuatano wa hoja si sahihi.")
        #expect(Self.errors(swahili)["limit"]?.hasPrefix("lazima iwe namba kamili kuanzia 1 hadi ") == true)
        let english = try await networks.client.get("/api/v1/sessions?startsFrom=yesterday")
        #expect(english.json["detail"] as? String == "The query string is invalid.")
        #expect(
            Self.errors(english)["startsFrom"]
                == "'yesterday' is not a date and time; write it as 2023-06-10T08:00:00Z")
        let arabic = try await networks.client.request(
            .get, "/api/v1/sessions?startsFrom=yesterday", headers: ["Accept-Language": "ar"])
        #expect(Self.errors(arabic)["startsFrom"]?.contains("2023-06-10T08:00:00Z") == true)
        #expect(Self.errors(arabic)["startsFrom"]?.contains("is not") == false)
    }

    @Test("a refused field on a hidden series and on a missing one answer alike in French")
    func hiddenEqualsMissingWithFieldProblems() async throws {
        let networks = try await TwoNetworks()
        try await networks.hideForeignSeries()
        let token = networks.token(.coordinator)
        let body = #"{"title": ""}"#
        var replies: [String] = []
        for id in [networks.foreign.series, networks.foreign.series + 1_000] {
            for json in [body, #"{"title": "Fine"}"#] {
                let reply = try await networks.client.request(
                    .patch, "/api/v1/series/\(id)", token: token, headers: ["Accept-Language": "fr"], json: json)
                // The id stands alone in the path and in a 404's detail; a status such as 404 is not touched.
                replies.append(
                    String(decoding: reply.body, as: UTF8.self).replacingOccurrences(
                        of: "(?<![0-9])\(id)(?![0-9])", with: "ID", options: .regularExpression))
            }
        }
        #expect(replies[0] == replies[2])
        #expect(replies[1] == replies[3])
        #expect(replies[0].contains(#""detail":"title: ce champ ne doit pas être vide""#))
    }

    /// The per-field details of a problem, by field.
    static func errors(_ reply: TestClient.Reply) -> [String: String] {
        let errors = reply.json["errors"] as? [[String: Any]] ?? []
        return Dictionary(
            errors.compactMap { error in (error["field"] as? String).map { ($0, error["detail"] as? String ?? "") } }
        ) { first, _ in first }
    }
}
