package gpkg

import (
	"fmt"
	"strings"
)

// applicationID is "GPKG" in ASCII, the SQLite application_id of GeoPackage 1.2 and later.
const applicationID = 0x47504B47

// Version is the GeoPackage version a new file is written as.
type Version int

const (
	// Version14 is GeoPackage 1.4 (user_version 10400), the default: the current standard and
	// what GDAL writes by default since 3.11. Its R-tree triggers (update5, update6 and
	// update7 in place of update1 and update3) keep the index right under SQLite's UPSERT.
	// GDAL before 3.7.1 reads it but warns "may only be partially supported".
	Version14 Version = 10400
	// Version13 is GeoPackage 1.3 (user_version 10300) with the R-tree triggers GDAL 2.3–3.10
	// writes, for readers that warn about 1.4.
	Version13 Version = 10300
)

// String returns "1.4" or "1.3".
func (v Version) String() string {
	return fmt.Sprintf("%d.%d", int(v)/10000, int(v)/100%100)
}

// coreSchema creates the tables every GeoPackage this package writes has. The statements are
// GDAL's (3.6) for the same tables, so tools that compare schemas see nothing unusual.
// gpkg_ogr_contents is GDAL's own table of feature counts, which lets GDAL and QGIS show the
// count of a large table without scanning it; GDAL maintains it with triggers we create too.
var coreSchema = []string{
	`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,srs_id INTEGER NOT NULL PRIMARY KEY,organization TEXT NOT NULL,organization_coordsys_id INTEGER NOT NULL,definition  TEXT NOT NULL,description TEXT)`,
	`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,data_type TEXT NOT NULL,identifier TEXT UNIQUE,description TEXT DEFAULT '',last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),min_x DOUBLE, min_y DOUBLE,max_x DOUBLE, max_y DOUBLE,srs_id INTEGER,CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
	`CREATE TABLE gpkg_ogr_contents(table_name TEXT NOT NULL PRIMARY KEY,feature_count INTEGER DEFAULT NULL)`,
	ddlGeometryColumns,
	ddlExtensions,
}

const (
	ddlGeometryColumns = `CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,geometry_type_name TEXT NOT NULL,srs_id INTEGER NOT NULL,z TINYINT NOT NULL,m TINYINT NOT NULL,CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),CONSTRAINT uk_gc_table_name UNIQUE (table_name),CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`
	ddlExtensions      = `CREATE TABLE gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))`
)

// The rows GeoPackage requires in every gpkg_spatial_ref_sys (1.4 §1.1.2.1.2, Req 11).
var requiredSRS = []srsRow{
	{name: "Undefined Cartesian SRS", id: -1, org: "NONE", orgID: -1, definition: "undefined", description: "undefined Cartesian coordinate reference system"},
	{name: "Undefined geographic SRS", id: 0, org: "NONE", orgID: 0, definition: "undefined", description: "undefined geographic coordinate reference system"},
}

// quoteIdent quotes an SQL identifier: "name", with inner quotes doubled.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// quoteLiteral quotes an SQL string literal: 'text', with inner quotes doubled.
func quoteLiteral(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}

// rtreeName is the R-tree virtual table of a geometry column, rtree_<t>_<c>.
func rtreeName(table, column string) string { return "rtree_" + table + "_" + column }

// rtreeTriggers returns the CREATE TRIGGER statements of GeoPackage Annex F.3 for a table,
// geometry column and primary key, in the text GDAL writes (identifiers double-quoted). The
// insert trigger is first: Append drops and recreates it around a bulk load.
func rtreeTriggers(v Version, t, c, i string) []string {
	r := quoteIdent(rtreeName(t, c))
	qt, qc, qi := quoteIdent(t), quoteIdent(c), quoteIdent(i)
	name := func(suffix string) string { return quoteIdent(rtreeName(t, c) + "_" + suffix) }
	values := fmt.Sprintf("NEW.%s,ST_MinX(NEW.%s), ST_MaxX(NEW.%s),ST_MinY(NEW.%s), ST_MaxY(NEW.%s)", qi, qc, qc, qc, qc)
	newSet := fmt.Sprintf("(NEW.%s NOTNULL AND NOT ST_IsEmpty(NEW.%s))", qc, qc)
	newUnset := fmt.Sprintf("(NEW.%s ISNULL OR ST_IsEmpty(NEW.%s))", qc, qc)
	out := []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN (new.%s NOT NULL AND NOT ST_IsEmpty(NEW.%s)) BEGIN INSERT OR REPLACE INTO %s VALUES (%s); END`, name("insert"), qt, qc, qc, r, values),
	}
	if v == Version13 {
		out = append(out,
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s BEGIN INSERT OR REPLACE INTO %s VALUES (%s); END`, name("update1"), qc, qt, qi, qi, newSet, r, values),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; END`, name("update2"), qc, qt, qi, qi, newUnset, r, qi),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; INSERT OR REPLACE INTO %s VALUES (%s); END`, name("update3"), qt, qi, qi, newSet, r, qi, r, values),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id IN (OLD.%s, NEW.%s); END`, name("update4"), qt, qi, qi, newUnset, r, qi, qi),
		)
	} else {
		oldSet := fmt.Sprintf("(OLD.%s NOTNULL AND NOT ST_IsEmpty(OLD.%s))", qc, qc)
		oldUnset := fmt.Sprintf("(OLD.%s ISNULL OR ST_IsEmpty(OLD.%s))", qc, qc)
		out = append(out,
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; END`, name("update2"), qc, qt, qi, qi, newUnset, r, qi),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id IN (OLD.%s, NEW.%s); END`, name("update4"), qt, qi, qi, newUnset, r, qi, qi),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; INSERT OR REPLACE INTO %s VALUES (%s); END`, name("update5"), qt, qi, qi, newSet, r, qi, r, values),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s AND %s BEGIN UPDATE %s SET minx = ST_MinX(NEW.%s), maxx = ST_MaxX(NEW.%s), miny = ST_MinY(NEW.%s), maxy = ST_MaxY(NEW.%s) WHERE id = NEW.%s; END`, name("update6"), qc, qt, qi, qi, newSet, oldSet, r, qc, qc, qc, qc, qi),
			fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s AND %s BEGIN INSERT INTO %s VALUES (%s); END`, name("update7"), qc, qt, qi, qi, newSet, oldUnset, r, values),
		)
	}
	return append(out,
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.%s NOT NULL BEGIN DELETE FROM %s WHERE id = OLD.%s; END`, name("delete"), qt, qc, r, qi),
	)
}

// countTriggers returns GDAL's triggers that keep gpkg_ogr_contents.feature_count in step.
// The insert trigger is first: Append drops and recreates it around a bulk load.
func countTriggers(t string) []string {
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower(%s); END`, quoteIdent("trigger_insert_feature_count_"+t), quoteIdent(t), quoteLiteral(t)),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower(%s); END`, quoteIdent("trigger_delete_feature_count_"+t), quoteIdent(t), quoteLiteral(t)),
	}
}
