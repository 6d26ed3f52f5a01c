package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// srsDefinition is one generated gpkg_spatial_ref_sys definition (srs_defs.go).
type srsDefinition struct {
	name string // EPSG name, e.g. "SWEREF99 TM"
	wkt  string // OGC WKT 1 as GDAL writes it
}

// srsRow is a row of gpkg_spatial_ref_sys.
type srsRow struct {
	name        string
	id          int
	org         string
	orgID       int
	definition  string
	description string
}

// SRSCodes returns the EPSG codes this package can write, sorted: SWEREF 99 TM (3006), the
// twelve local zones (3007–3018), RT 90 2.5 gon V by direct projection (3847), WGS 84 (4326),
// SWEREF 99 geographic (4619) and SWEREF 99 TM and the local zones with RH 2000 heights
// (5845–5857).
func SRSCodes() []int {
	out := make([]int, 0, len(epsgWKT))
	for c := range epsgWKT {
		out = append(out, c)
	}
	sort.Ints(out)
	return out
}

// epsgRow returns the gpkg_spatial_ref_sys row for an EPSG code, with srs_id equal to the code
// as GDAL writes it. The description is Lantmäteriet's name of the CRS.
func epsgRow(code int) (srsRow, error) {
	d, ok := epsgWKT[code]
	if !ok {
		return srsRow{}, fmt.Errorf("epsg:%d (this package writes %v): %w", code, SRSCodes(), ErrUnknownSRS)
	}
	r := srsRow{name: d.name, id: code, org: "EPSG", orgID: code, definition: d.wkt}
	switch {
	case code == 4326:
		// The description GeoPackage's own example row gives (1.4 Table 4).
		r.description = "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"
	default:
		if c, err := geometry.Lookup(code); err == nil {
			r.description = c.Name
		}
	}
	return r, nil
}

// ensureSRS inserts the row for code into gpkg_spatial_ref_sys unless a row with that srs_id
// is already there.
func ensureSRS(ctx context.Context, tx *sql.Tx, code int) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, code).Scan(&n); err != nil {
		return fmt.Errorf("read gpkg_spatial_ref_sys: %w", err)
	}
	if n > 0 {
		return nil
	}
	r, err := epsgRow(code)
	if err != nil {
		return err
	}
	return insertSRS(ctx, tx, r)
}

func insertSRS(ctx context.Context, tx *sql.Tx, r srsRow) error {
	var desc any
	if r.description != "" {
		desc = r.description
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)`,
		r.name, r.id, r.org, r.orgID, r.definition, desc)
	if err != nil {
		return fmt.Errorf("insert srs %d: %w", r.id, err)
	}
	return nil
}
