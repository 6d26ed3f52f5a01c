package mirror

import (
	"github.com/tjanstebaserad/bal-go/bal"
)

// SchemaVersion is the version of the tables this package creates and
// migrates to. Each store records its version in bal_schema_version; Open
// migrates an older store step by step and refuses a newer one
// (ErrSchemaTooNew).
//
// Version 1 had the seven object tables and the state table. Version 2
// added the avregistrerad column (a retired object's end time, for
// Options.KeepRetired) and the tombstone table bal_avregistrerade.
const SchemaVersion = 2

// colType is the type of an attribute column, mapped to each store's own.
type colType int

const (
	colText colType = iota + 1
	colInt
	colReal
	colBool
	colTime
	colUUID
	colJSON
)

// column is an attribute column of an object table.
type column struct {
	name string
	typ  colType
	// since is the schema version that added the column.
	since int
}

// geomKind says which geometry an object table has.
type geomKind int

const (
	geomNone geomKind = iota
	geomPoint
	geomMultiPolygon
)

// table is one object type's table. The common columns come first, in
// this order: objektidentitet, objektversion, objektstatus,
// version_giltig_fran, avregistrerad; then the type's own; then attribut
// (every attribute, as JSON).
type table struct {
	name string
	typ  bal.ObjectType
	geom geomKind
	own  []column
}

var commonColumns = []column{
	{"objektidentitet", colUUID, 1},
	{"objektversion", colInt, 1},
	{"objektstatus", colText, 1},
	{"version_giltig_fran", colTime, 1},
	{"avregistrerad", colTime, 2},
}

var attributColumn = column{"attribut", colJSON, 1}

// hasZColumn flags a building whose footprint carries heights.
var hasZColumn = column{"har_hojd", colBool, 1}

// tables are the seven object tables, in the order they are loaded and
// exported.
var tables = []*table{
	{name: "kommundel", typ: bal.ObjectTypeDistrict, own: []column{
		{"namn", colText, 1}, {"kommunkod", colText, 1}}},
	{name: "adressomrade", typ: bal.ObjectTypeAddressArea, own: []column{
		{"namn", colText, 1}, {"adressomradestyp", colText, 1}, {"kommundel", colUUID, 1}}},
	{name: "gardsadressomrade", typ: bal.ObjectTypeCourtyardArea, own: []column{
		{"namn", colText, 1}, {"adressomrade", colUUID, 1}}},
	{name: "adressplats", typ: bal.ObjectTypeAddressPoint, geom: geomPoint, own: []column{
		{"adressplatsnummer", colText, 1}, {"bokstavstillagg", colText, 1}, {"adressplatstyp", colText, 1},
		{"status", colText, 1}, {"postnummer", colText, 1}, {"postort", colText, 1},
		{"adressomrade", colUUID, 1}, {"gardsadressomrade", colUUID, 1}, {"registerenhet", colUUID, 1}}},
	{name: "byggnad", typ: bal.ObjectTypeBuilding, geom: geomMultiPolygon, own: []column{
		{"husnummer", colInt, 1}, {"nybyggnadsar", colInt, 1}, {"huvudbyggnad", colBool, 1},
		{"andamal", colText, 1}, {"registerenhet", colUUID, 1}, hasZColumn}},
	{name: "entre", typ: bal.ObjectTypeEntrance, own: []column{
		{"byggnad", colUUID, 1}, {"adressplats", colUUID, 1}, {"entretyp", colText, 1}}},
	{name: "lagenhet", typ: bal.ObjectTypeApartment, own: []column{
		{"entre", colUUID, 1}, {"lagenhetsnummer", colText, 1}, {"antal_rum", colInt, 1},
		{"bostadsarea", colReal, 1}, {"kokstyp", colText, 1}}},
}

// tableOf returns the table of an object type.
func tableOf(t bal.ObjectType) *table {
	for _, tb := range tables {
		if tb.typ == t {
			return tb
		}
	}
	return nil
}

// columns returns the table's attribute columns as of schema version v.
func (t *table) columns(v int) []column {
	var out []column
	for _, group := range [][]column{commonColumns, t.own, {attributColumn}} {
		for _, c := range group {
			if c.since <= v {
				out = append(out, c)
			}
		}
	}
	return out
}

// State keys in bal_mirror_state.
const (
	stateCheckpoint   = "checkpoint"
	stateSRID         = "srid"
	stateMunicipality = "kommunkod"
	stateSynced       = "senast_synkroniserad"
	stateLoaded       = "laddad"
)
