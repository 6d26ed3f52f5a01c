// Package update1 holds the wire structs of the update binding v1
// (shared/spec/update-binding.md): the XML that the SDK's update clients send
// and the fake Lantmäteriet in bal/baltest answers, for service-based
// updating (tjänstebaserad uppdatering) of BAL, the change feed
// (förändringar), deficiencies (brister) and cases (ärenden).
//
// The binding is MODELLED. Lantmäteriet hands the data-exchange schemas of
// these services only to connected municipalities and vendors; they are not
// public. This package is not Lantmäteriet's published schema: it follows
// the public information model (IUM class and attribute names, ASCII-folded,
// classes PascalCase and attributes camelCase) and the conventions of the
// public Direkt read services (GML 3.2, objektidentitet/objektversion/
// versionGiltigFran, and faults in Lantmäteriet's fault v1 shape). Adopting Lantmäteriet's real schema
// later replaces this package, not the SDK's public API.
//
// Both sides share these structs, so the golden files in testdata/golden
// (the package's own encodings, rewritten with -update) cannot show drift
// from the binding; the documents written by hand from the binding in
// internal/conformance/testdata/update1 do: the client's requests and the
// fake's answers are compared with them. A server decodes requests with
// UnmarshalStrict, which refuses what the binding does not define.
//
// Every document is in the default namespace Namespace; GML geometry is
// written with the gml: prefix, which the document's root declares
// (xmlns:gml). Objects answered on their own (GET /byggnad/{id}) are
// wrapped with Root, which writes the namespace and the declaration; inside
// an Uppdatering they are plain children. Decode documents with Unmarshal,
// which bounds the input and checks the root element.
//
// Byggnad and Adressplats use the child element names of Byggnad Direkt v3
// and Belägenhetsadress Direkt v4.2 (Byggnadsattribut, the Bostad …
// substitution group, Byggnadsdel, LiggerPa/Registerenhetsreferens;
// Adressplatsattribut, Adressplatsbeteckning, Adressplatspunkt), but they are
// structs of this package, not the read side's (internal/wire/direkt): here
// the BAU_Utbytesobjekt fields come first on the object itself, optional
// booleans are pointers so that "not given" differs from false, and a
// lägesnoggrannhet is flat {utvarderingsmetod, statistiskMetod, varde,
// vardeenhet} as the binding writes it. The read side nests the version in
// Byggnadsattribut/Adressplatsattribut and the result in <Resultat>, as
// Lantmäteriet's read services do. Making the two share structs would change
// this package's XML and every mapping to it at once.
//
// Code-list values are plain strings spelled exactly as Lantmäteriet writes
// them in XML ("Gällande", "Gatuadressplats", "Takkant"); checking them is
// the business of the model packages (client side) and the server's rules,
// not of the wire.
package update1
