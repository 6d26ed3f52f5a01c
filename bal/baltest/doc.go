// Package baltest is an in-memory Lantmäteriet for tests, examples and
// demos: a real HTTP server on loopback (http, or https with WithTLS) that
// serves what the SDK talks to, from one store, safe for concurrent use.
//
//	s := baltest.NewServer()           // a generated municipality, 100 buildings
//	defer s.Close()
//	c := s.Client()                    // a *bal.Client with working credentials
//
// It serves:
//
//   - the token endpoint (POST /oauth2/token): OAuth2 client credentials
//     with HTTP Basic, expires_in, and, as Lantmäteriet's API Manager does,
//     a new token revokes the application's previous one; a wrong secret
//     answers 401 invalid_client;
//   - the Direkt read services Byggnad Direkt v3, Belägenhetsadress Direkt
//     v4.2 and Registerbeteckning Direkt v5 under /distribution/produkter,
//     XML or JSON by Accept, with includeData, srid (geometry reprojected
//     with package geometry), batches of at most 250 ids, geometry search
//     with a buffer, free text, nearest point and lookups by registerenhet;
//   - the modelled update binding (shared/spec/update-binding.md) under the
//     update path (bal.DefaultUpdatePath unless WithUpdatePath): get,
//     search, create, change and retire for the seven BAL object types,
//     entrances of a building and apartments of an entrance, transactions
//     (all or nothing), Idempotency-Key (24 hours), the change feed with
//     gap-free sequence numbers and a retention window, deficiencies and
//     cases;
//   - Geotorget Nedladdning v1 under GeotorgetBase: orders seeded with
//     AddOrder and bound to an application (any other gets the gateway's
//     403 "Scope validation failed"), BAS and FORANDRING deliveries built
//     from the store (FORANDRING from the change feed since the previous
//     delivery), PÅGÅENDE → LYCKAD on the Clock, EndDelivery for MISSLYCKAD
//     and MAKULERAD, 404 for latest before the first delivery, recursive
//     file listings with signed paths that expire on the Clock
//     (ExpireSignedPaths ends them at once), Range (206, 416), 14 days of
//     availability, and optionally a 303 to a same-host file host or files
//     that ignore Range; DeliveryFiles gives the digests a download must
//     match;
//   - faults as Lantmäteriet's services and gateway write them: lmfault XML
//     (or JSON when JSON was asked for) from the services, WSO2 JSON or XML
//     from the gateway (401, 403, 429, 503).
//
// # Rules
//
// Writes go through the BAL rules the SDK validates (package
// internal/rules: the same checks, the same rule ids), and the rules only
// the server can check. Each violation is a 400 or 409 fault whose code is
// the rule id and whose details list every violation as "path: message
// (rule)". Rule ids:
//
//   - Lantmäteriet's public ids: BAL-3015 (a retired object cannot change
//     status, nor be retired again), B-0035 (taxeringsenhet or
//     värderingsenhet, not both), B-0084 (the part a client can see);
//   - the SDK's generic rule names for rules without a public id:
//     required, range, format, length, code-list, geometry, relation
//     (e.g. the 60-character name + designation rule is "length", the point
//     type ↔ area type rule "relation");
//   - the binding's codes: BAL-0400 (not a valid document), BAL-0404,
//     BAL-0409 (stale objektversion, with detail aktuellObjektversion=N; or
//     an identity that exists), BAL-0409-IDEM, BAL-0410-GAP;
//   - the fake's own ids for server-only rules, modelled like the binding:
//     BAL-2001 adressplatsbeteckning unique within its area, BAL-2002
//     lägenhetsnummer unique within its entrance and address, BAL-2003
//     references must name existing, not retired objects and registerenheter,
//     BAL-2004 åtgärdstyp valid for the object type, BAL-2005
//     gårdsadressområde name unique within its byadressområde, BAL-2006 a
//     closed deficiency or case cannot be handled again.
//
// # Test hooks
//
// Inject makes requests fail by rule (a status with Retry-After, a delay, a
// connection reset before or after the write was applied, a truncated body,
// a body cut at a given or random byte offset, an HTML error page), on
// every Nth matching request or with a seeded
// probability, per method and path; InjectChaos mixes them at a given share.
//
// The hooks that make Lantmäteriet act take and return the SDK's own types
// (packages bal, building, address, deficiency and casefile):
// EditBuilding changes a building (so a client's next change meets a
// version conflict); RaiseDeficiency, RunQualityCheck and
// SetDeficiencyStatus raise and move brister (deficiency.Deficiency);
// RaiseCase, SetCaseStatus and FormProperty open and move ärenden
// (casefile.Case), FormProperty registering a property formation that moves
// objects to a new registerenhet (gen.Property).
//
// # Inspecting and seeding
//
// Get, Objects and Put work on any of the seven BAL object types
// (building.Building, Entrance, Apartment; address.Point, Area,
// CourtyardArea, District):
//
//	b, ok := baltest.Get[building.Building](srv, id)  // what the code under test wrote
//	points := baltest.Objects[address.Point](srv)     // every one, in creation order
//	r, err := baltest.Put(srv, &area, action)         // Lantmäteriet holds it, through the rules
//
// Meta and Count answer for a type known only at run time (a bal.ObjectRef,
// a bal.ObjectType); Changes, Deficiencies, Deficiency, Cases, Case,
// Properties and PropertyByDesignation return copies of the rest of the
// state in the SDK's types, Requests the request log; Clock sets the time
// that token expiry, versionGiltigFran, the feed's retention and the
// idempotency window follow.
//
// The data comes from package gen: a fictional municipality generated
// deterministically from a seed and a size, in the SDK's types too
// (Dataset). Inside, the fake stores the modelled binding's structs
// (internal/wire/update1) and maps them with the model packages' own
// mappings, so that it shows an object exactly as a client reads it; the
// conformance tests hold its answers to the binding's hand-written
// documents.
package baltest
