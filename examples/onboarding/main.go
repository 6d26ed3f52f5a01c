// Command onboarding takes a municipality from LINA to live service-based updating, the way
// Lantmäteriet's onboarding goes (docs/before-you-go-live.md explains each step):
//
//  1. Order: the municipality orders the extract on Geotorget and notes the OrderID.
//  2. Delivery: it starts a base delivery (BAS) and waits for Lantmäteriet to build it.
//  3. Download: it downloads the delivery's files, resumably, verified by length.
//  4. Extract: it opens the extract and reads its manifest.
//  5. Compare: it compares its own buildings (an export of its GIS) with the extract and
//     reviews the differences in a CSV and a GeoPackage.
//  6. Quality: it checks the information quality of Lantmäteriet's buildings.
//  7. Synchronise: it loads the extract into its own database, a mirror (GeoPackage or
//     PostGIS), which then follows the change feed.
//  8. Live: it follows the change feed from the extract's position and makes its first
//     change through the update services.
//
// It runs against an in-process fake Lantmäteriet (bal/baltest) with a generated
// municipality; the municipality's own data is made from the extract with a few
// differences, as a municipality's GIS would hold it. Against Lantmäteriet, build the client
// with bal.NewClient(bal.Config{Environment: bal.Verification, Credentials: …}), use the
// OrderID from Geotorget and leave the Clock options unset.
//
//	go run ./examples/onboarding
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/mirror"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := os.MkdirTemp("", "onboarding")
	if err != nil {
		fmt.Fprintln(os.Stderr, "onboarding:", err)
		os.Exit(1)
	}
	fmt.Println("Files in", dir)
	if err := run(ctx, os.Stdout, dir); err != nil {
		fmt.Fprintln(os.Stderr, "onboarding:", err)
		os.Exit(1)
	}
}

// run takes the whole path against a fake Lantmäteriet, keeping its files in dir.
func run(ctx context.Context, out io.Writer, dir string) error {
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	zone := srv.Dataset().Config.Zone
	fmt.Fprintf(out, "Onboarding kommun %s against an in-process fake Lantmäteriet\n", srv.Kommunkod())

	// 1. The order, made on Geotorget; here the fake's.
	orderID := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 100})
	o, err := delivery.New(c).Order(ctx, orderID)
	if err != nil {
		return fmt.Errorf("order: %w", err)
	}
	fmt.Fprintf(out, "1. order %s: %s, subscription %t, change extracts %t\n", o.ID, o.ProductName, o.Subscription, o.SupportsChanges)

	// 2–3. Delivery and download.
	leverans := filepath.Join(dir, "leverans")
	res, err := download(ctx, c, orderID, leverans, srv.Clock())
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	fmt.Fprintf(out, "2. delivery %s %s, available until %s\n", res.Delivery.Type, res.Delivery.Status, res.Delivery.Expires().Format(time.DateOnly))
	fmt.Fprintf(out, "3. downloaded %d files, %d bytes, each verified by its length\n", len(res.Files), res.Total)

	// 4. The extract.
	x, err := extract.Open(leverans, nil)
	if err != nil {
		return err
	}
	defer x.Close()
	m := x.Manifest()
	fmt.Fprintf(out, "4. %s extract of %s, in EPSG:%d, consistent with change-feed position %s, %d part files\n",
		m.Type, m.Created.Format(time.DateOnly), m.SRID, m.FeedPosition, len(m.Parts))

	// 5. The comparison with the municipality's own buildings.
	mine := filepath.Join(dir, "kommunens_byggnader.geojson")
	if err := exportMunicipalData(ctx, x, mine, zone); err != nil {
		return err
	}
	sum, err := compareBuildings(ctx, x, mine, dir)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	fmt.Fprintf(out, "5. compared: %d equal, %d different, %d only ours, %d only Lantmäteriet's (jamforelse.csv, jamforelse.gpkg)\n",
		sum.Classes[compare.Equal], sum.Classes[compare.Different], sum.Classes[compare.OnlyLocal], sum.Classes[compare.OnlyLantmateriet])
	if err := sum.WriteText(indent(out)); err != nil {
		return err
	}

	// 6. The information quality of Lantmäteriet's buildings.
	qs, err := checkQuality(ctx, x, dir)
	if err != nil {
		return fmt.Errorf("quality: %w", err)
	}
	fmt.Fprintf(out, "6. quality: %d buildings checked, %d with problems (kvalitet.txt, kvalitet.csv, kvalitet.gpkg)\n", qs.Buildings, qs.WithProblems)

	// 7. The municipality's own database, in step with the extract.
	db := filepath.Join(dir, "bal.gpkg")
	st, err := synchronise(ctx, c, leverans, db, zone)
	if err != nil {
		return fmt.Errorf("synchronise: %w", err)
	}
	fmt.Fprintf(out, "7. synchronised: %d buildings, %d address points, %d apartments loaded from the extract into %s (EPSG:%d), at feed position %s\n",
		st.Counts[bal.ObjectTypeBuilding], st.Counts[bal.ObjectTypeAddressPoint], st.Counts[bal.ObjectTypeApartment], filepath.Base(db), st.SRID, st.Checkpoint)

	// 8. Live: the first change through the update services, and the change feed from the
	// extract's position.
	bc := building.New(c)
	first := firstDifference(ctx, x)
	r, err := bc.Buildings.Modify(ctx, first.id, func(b *building.Building) error {
		b.ConstructionYear = first.year
		return nil
	}, bal.Action{Type: building.ActionBuildingChanged, Responsible: srv.Kommunkod(), Performer: "Kommunens GIS-enhet"}, nil)
	if err != nil {
		return fmt.Errorf("modify: %w", err)
	}
	fmt.Fprintf(out, "8. live: nybyggnadsår of %s set to %d at Lantmäteriet, now version %d\n", first.id, first.year, r.Version)
	changes, err := follow(ctx, c, m.FeedPosition)
	if err != nil {
		return fmt.Errorf("follow: %w", err)
	}
	for _, ch := range changes {
		fmt.Fprintf(out, "   the feed since the extract: %s %s %s version %d\n", ch.Kind, ch.Object.Type, ch.Object.ID, ch.Version)
	}
	synced, err := keepInStep(ctx, c, db)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	fmt.Fprintf(out, "   the database follows: %d changes applied, now at feed position %s\n", synced.Applied, synced.Checkpoint)
	return nil
}

// download starts a base delivery on the order, waits for it and downloads its files into
// dir. clock is the fake's; nil against Lantmäteriet.
func download(ctx context.Context, c *bal.Client, orderID, dir string, clock delivery.Clock) (*delivery.Result, error) {
	dc := delivery.New(c)
	if _, err := dc.Start(ctx, orderID, delivery.TypeBase); err != nil {
		return nil, err
	}
	if _, err := dc.Wait(ctx, orderID, &delivery.WaitOptions{Clock: clock}); err != nil {
		return nil, err
	}
	return dc.Download(ctx, orderID, dir, &delivery.DownloadOptions{Clock: clock})
}

// compareBuildings compares the municipality's buildings, a GeoJSON export of its GIS, with
// the extract's, and writes the report into dir.
func compareBuildings(ctx context.Context, x *extract.Reader, mine, dir string) (*compare.Summary, error) {
	f, err := os.Open(mine)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	local := compare.ReadGeoJSON(f, &compare.Mapping{
		ID:  "uuid",
		Key: []string{"fastighet", "husnr"}, // for buildings without uuid
		Attributes: map[string]string{
			compare.AttrHouseNumber:      "husnr",
			compare.AttrConstructionYear: "byggar",
			compare.AttrPurpose:          "andamal",
		},
	})
	lm := compare.FromExtract(ctx, x, bal.ObjectTypeBuilding)
	csvFile, err := os.Create(filepath.Join(dir, "jamforelse.csv"))
	if err != nil {
		return nil, err
	}
	defer csvFile.Close()
	results := compare.Compare(ctx, local, lm, nil) // the default tolerance, 10 mm
	sum, err := compare.WriteReport(ctx, results, &compare.ReportOptions{
		CSV:        csvFile,
		GeoPackage: filepath.Join(dir, "jamforelse.gpkg"),
	})
	if err != nil {
		return nil, err
	}
	return sum, csvFile.Close()
}

// checkQuality checks the information quality of the extract's buildings and writes the
// report into dir.
func checkQuality(ctx context.Context, x *extract.Reader, dir string) (*compare.QualitySummary, error) {
	text, err := os.Create(filepath.Join(dir, "kvalitet.txt"))
	if err != nil {
		return nil, err
	}
	defer text.Close()
	csvFile, err := os.Create(filepath.Join(dir, "kvalitet.csv"))
	if err != nil {
		return nil, err
	}
	defer csvFile.Close()
	findings := compare.QualityOfExtract(ctx, x, nil) // 1 m² tiny, 1 m² overlaps
	sum, err := compare.WriteQualityReport(ctx, findings, &compare.QualityReportOptions{
		Text:       text,
		CSV:        csvFile,
		GeoPackage: filepath.Join(dir, "kvalitet.gpkg"),
	})
	if err != nil {
		return nil, err
	}
	if err := sum.WriteText(text); err != nil {
		return nil, err
	}
	if err := text.Close(); err != nil {
		return nil, err
	}
	return sum, csvFile.Close()
}

// synchronise loads the extract into the municipality's own database, a mirror: a
// GeoPackage file (QGIS opens it) or, given a postgres:// URL, PostGIS. Every object with
// its attributes, geometries in the municipality's zone, heights where Lantmäteriet has
// them, and the extract's feed position in the same transaction.
func synchronise(ctx context.Context, c *bal.Client, leverans, db string, zone int) (*mirror.Status, error) {
	m, err := mirror.Open(ctx, db, &mirror.Options{SRID: zone})
	if err != nil {
		return nil, err
	}
	defer m.Close()
	if err := m.Init(ctx, c, mirror.Source{Extract: &extract.ResyncOptions{Path: leverans}}); err != nil {
		return nil, err
	}
	return m.Status(ctx)
}

// keepInStep follows the change feed into the mirror from its position, each change with
// its object; run it on a schedule (or with SyncOptions.Poll). A process stopped at any
// point resumes from its last commit.
func keepInStep(ctx context.Context, c *bal.Client, db string) (*mirror.SyncResult, error) {
	m, err := mirror.Open(ctx, db, nil)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return m.Sync(ctx, c, nil)
}

// follow reads the change feed from the extract's position: everything that changed since
// Lantmäteriet compiled the extract.
func follow(ctx context.Context, c *bal.Client, from bal.Checkpoint) ([]bal.Change, error) {
	var changes []bal.Change
	for ch, err := range c.Changes(ctx, from, nil) {
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch) // apply it, then persist ch.Checkpoint
	}
	return changes, nil
}

// exportMunicipalData writes the municipality's buildings as its GIS exports them: GeoJSON
// in the local zone, to the millimetre, with its own column names. They are the extract's,
// with what a municipality's copy typically differs in: one building missing, one not yet
// reported to Lantmäteriet, one moved 0.3 m, one with a newer construction year and one
// whose heights were lost on the way.
func exportMunicipalData(ctx context.Context, x *extract.Reader, path string, zone int) error {
	type feature struct {
		Type       string          `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	var fs []feature
	add := func(g geom.T, props map[string]any) error {
		raw, err := geometry.MarshalGeoJSON(geometry.RoundCoordinates(g, 3), geometry.GeoJSONGrid)
		if err != nil {
			return err
		}
		fs = append(fs, feature{Type: "Feature", Geometry: raw, Properties: props})
		return nil
	}
	var last geom.T
	var lastProperty string
	i := 0
	for b, err := range extract.Objects[building.Building](ctx, x) {
		if err != nil {
			return err
		}
		if i++; i == 1 || len(b.Parts) == 0 {
			continue // missing from the municipality's copy
		}
		g, err := geometry.Transform(b.Parts[0].Surface, zone)
		if err != nil {
			return err
		}
		year := b.ConstructionYear
		switch i {
		case 2:
			g = move(g, 0.3)
		case 3:
			year++
		case 4:
			g = flatten(g)
		}
		props := map[string]any{"uuid": b.ID.String(), "fastighet": property(b), "husnr": b.HouseNumber, "byggar": year, "andamal": ""}
		if len(b.Purposes) > 0 {
			props["andamal"] = string(b.Purposes[0].Use)
		}
		if err := add(g, props); err != nil {
			return err
		}
		last, lastProperty = g, property(b)
	}
	// Built since the extract and not yet reported: no identity.
	if err := add(move(last, 200), map[string]any{"uuid": nil, "fastighet": lastProperty, "husnr": 99, "byggar": 2026, "andamal": "Småhus friliggande"}); err != nil {
		return err
	}
	doc, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
	if err != nil {
		return err
	}
	return os.WriteFile(path, doc, 0o644)
}

// property names the registerenhet a building lies on as the municipality's data does: its
// designation, or its identity where the source gives no designation (compare.BuildingKey
// takes either).
func property(b *building.Building) string {
	if len(b.LiesOn) == 0 {
		return ""
	}
	if p := b.LiesOn[0]; p.Designation != "" {
		return p.Designation
	}
	return b.LiesOn[0].ID.String()
}

// move returns a copy of a footprint moved d metres east.
func move(g geom.T, d float64) geom.T {
	p := g.(*geom.Polygon)
	c := slices.Clone(p.FlatCoords())
	for i := 0; i < len(c); i += p.Stride() {
		c[i] += d
	}
	return geom.NewPolygonFlat(p.Layout(), c, p.Ends()).SetSRID(p.SRID())
}

// flatten returns a copy of a footprint without its heights.
func flatten(g geom.T) geom.T {
	p := g.(*geom.Polygon)
	var c []float64
	for i := 0; i < len(p.FlatCoords()); i += p.Stride() {
		c = append(c, p.FlatCoords()[i], p.FlatCoords()[i+1])
	}
	ends := make([]int, len(p.Ends()))
	for i, e := range p.Ends() {
		ends[i] = e / p.Stride() * 2
	}
	return geom.NewPolygonFlat(geom.XY, c, ends).SetSRID(p.SRID())
}

// difference is a building whose construction year the municipality knows better.
type difference struct {
	id   bal.ObjectID
	year int
}

// firstDifference returns the building exportMunicipalData gave a newer construction year.
func firstDifference(ctx context.Context, x *extract.Reader) difference {
	i := 0
	for b, err := range extract.Objects[building.Building](ctx, x) {
		if err != nil {
			break
		}
		if i++; i == 3 {
			return difference{b.ID, b.ConstructionYear + 1}
		}
	}
	return difference{}
}

// indent writes every line indented by three spaces.
func indent(w io.Writer) io.Writer { return &indenter{w: w, start: true} }

type indenter struct {
	w     io.Writer
	start bool
}

func (in *indenter) Write(p []byte) (int, error) {
	for _, b := range p {
		if in.start {
			if _, err := io.WriteString(in.w, "   "); err != nil {
				return 0, err
			}
		}
		if _, err := in.w.Write([]byte{b}); err != nil {
			return 0, err
		}
		in.start = b == '\n'
	}
	return len(p), nil
}
