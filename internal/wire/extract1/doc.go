// Package extract1 reads and writes the element structure of Lantmäteriet's
// XML extracts of BAL ("xml-uttag", delivered through Geotorget
// Nedladdning) as version 1 of the SDK's modelled contract, docs/extract.md.
//
// The structure is MODELLED. What is public about the extract is its
// layout: a delivery of zip archives (or an unpacked folder) holding
// numbered part files, {mängd}_{n}.xml, with many objects each; base
// extracts (BAS) and change extracts (FORANDRING) written as "delete –
// insert"; GML 3.2 geometry. The element structure inside a part file is
// not public. This package models it on the information model (IUM) the
// way the update binding does (internal/wire/update1): each object element
// has exactly the children of the binding's object struct, so both are read
// and written through the same update1 structs, and the public extract
// package maps them to the SDK's model with the same mapping as the update
// clients. Adopting Lantmäteriet's real schema later replaces this package,
// not the public API.
//
// A part file:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<Uttagsdel xmlns="http://namespace.lantmateriet.se/distribution/produkter/baluttag/v1"
//	           xmlns:gml="http://www.opengis.net/gml/3.2"
//	           uttagstyp="BAS" mangd="byggnad" delnummer="1">
//	<Byggnad>…the children of update1.Byggnad…</Byggnad>
//	<Entre>…</Entre>
//	</Uttagsdel>
//
// In a change extract the objects are wrapped, <Tillagg><Byggnad>…</Byggnad></Tillagg>,
// and deletes are <Borttag><objekttyp>Byggnad</objekttyp><objektidentitet>…</objektidentitet></Borttag>.
// The manifest, uttag.xml (Manifest), names the kind of extract, its
// coordinate system, the change-feed position it is consistent with and
// every part file with its number of entries and size.
//
// Reading is the hot path of onboarding and resynchronising (millions of
// objects), so it does not use encoding/xml's tokenizer, which dominated the
// SDK's decoders: PartReader streams a part through github.com/orisano/gosax
// (which finds token boundaries eight bytes at a time) and a scanner that
// applies encoding/xml's rules on top (names, namespaces, entities,
// character ranges), then fills the update1 structs through plans built
// from their xml tags. Differential tests and fuzzing hold the result to
// what encoding/xml decodes from the same bytes. Writer writes the same
// structure, deterministically, with the bytes encoding/xml's Marshal would
// give for each object, from the same plans and one reused buffer.
package extract1
