package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/mirror"
)

// mirrorDoc is what the mirror commands print: the mirror's status, and for
// sync what it did.
type mirrorDoc struct {
	Store         string           `json:"store"`
	SchemaVersion int              `json:"schemaVersion"`
	SRID          int              `json:"srid"`
	Kommun        string           `json:"kommun,omitempty"`
	Checkpoint    string           `json:"checkpoint"`
	Loaded        *time.Time       `json:"loaded,omitempty"`
	Synced        *time.Time       `json:"synced,omitempty"`
	Counts        map[string]int64 `json:"counts"`
	Applied       *int64           `json:"applied,omitempty"`
	Skipped       *int64           `json:"skipped,omitempty"`
	Resynced      *bool            `json:"resynced,omitempty"`
}

func newMirror(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mirror",
		Short: "Keep a local copy of the municipality's BAL objects in a GeoPackage or PostGIS",
		Long: `Mirror keeps a local copy of a municipality's seven BAL object types (byggnad,
entre, lagenhet, adressplats, adressomrade, gardsadressomrade, kommundel), with
their attributes and geometries in the municipality's CRS, in a GeoPackage file
(QGIS and GDAL open it) or a PostgreSQL/PostGIS database.

  init    loads it from the services, a base extract or a Geotorget order
  sync    follows the change feed, each change with its object, the checkpoint
          committed with the changes it covers
  status  says what it holds

--to names the store: a path ending in .gpkg, or a postgres:// URL (leave the
password out and set PGPASSWORD, so that it stays out of process lists). One
writer at a time: a second init or sync on the same store exits 5.`,
		Example: `  bal --env fake mirror init --to bal.gpkg
  bal --env fake mirror sync --to bal.gpkg
  bal mirror status --to bal.gpkg -o json
  bal mirror init --to postgres://gis@localhost/kommun --extract leverans --srid 3014`,
	}
	cmd.AddCommand(newMirrorInit(a), newMirrorSync(a), newMirrorStatus(a))
	return cmd
}

// mirrorFlags are the flags every mirror command shares.
type mirrorFlags struct {
	to, kommun  string
	srid        int
	keepRetired bool
}

func (f *mirrorFlags) add(cmd *cobra.Command, writes bool) {
	fs := cmd.Flags()
	fs.StringVar(&f.to, "to", "", "the mirror: a .gpkg path or a postgres:// URL (required)")
	if writes {
		fs.StringVar(&f.kommun, "kommun", "", "the municipality mirrored (kommunkod; default $BAL_KOMMUNKOD)")
		fs.IntVar(&f.srid, "srid", 0, "the mirror's CRS, the municipality's SWEREF 99 zone 3006–3018 (default: the store's, the municipality's verified zone, or the zone covering its first building)")
		fs.BoolVar(&f.keepRetired, "keep-retired", false, "keep retired objects with their end time instead of deleting them")
	}
}

// open opens the mirror; a second writer is exit 5.
func (f *mirrorFlags) open(ctx context.Context, a *app, opts *mirror.Options) (*mirror.Mirror, error) {
	if f.to == "" {
		return nil, usageError("--to is required: a .gpkg path or a postgres:// URL")
	}
	m, err := mirror.Open(ctx, f.to, opts)
	if errors.Is(err, mirror.ErrLocked) {
		return nil, withCode(exitConflict, err)
	}
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, func() { m.Close() })
	return m, nil
}

// report prints the mirror's status, with what a sync did.
func (a *app) mirrorReport(ctx context.Context, m *mirror.Mirror, res *mirror.SyncResult) error {
	st, err := m.Status(ctx)
	if err != nil {
		return err
	}
	doc := mirrorDoc{Store: st.Store, SchemaVersion: st.SchemaVersion, SRID: st.SRID, Kommun: string(st.Municipality),
		Checkpoint: string(st.Checkpoint), Counts: map[string]int64{}}
	if !st.Loaded.IsZero() {
		doc.Loaded = &st.Loaded
	}
	if !st.Synced.IsZero() {
		doc.Synced = &st.Synced
	}
	for t, n := range st.Counts {
		doc.Counts[string(t)] = n
	}
	if res != nil {
		doc.Applied, doc.Skipped, doc.Resynced = &res.Applied, &res.Skipped, &res.Resynced
	}
	return a.document(doc, func(w io.Writer) error {
		pairs(w, "store", doc.Store, "crs", "EPSG:"+strconv.Itoa(doc.SRID), "schema", strconv.Itoa(doc.SchemaVersion),
			"checkpoint", doc.Checkpoint)
		if doc.Kommun != "" {
			pairs(w, "kommun", doc.Kommun)
		}
		if doc.Loaded != nil {
			pairs(w, "loaded", doc.Loaded.Format(time.RFC3339))
		}
		if doc.Synced != nil {
			pairs(w, "synced", doc.Synced.Format(time.RFC3339))
		}
		if res != nil {
			pairs(w, "applied", strconv.FormatInt(res.Applied, 10), "skipped", strconv.FormatInt(res.Skipped, 10),
				"resynced", strconv.FormatBool(res.Resynced))
		}
		for _, t := range mirror.Types() {
			pairs(w, string(t), strconv.FormatInt(st.Counts[t], 10))
		}
		return nil
	})
}

// mirrorOptions builds the mirror's options for a writing command.
func (a *app) mirrorOptions(f *mirrorFlags, t *target, bar progress) (*mirror.Options, error) {
	k, err := a.kommun(f.kommun, t)
	if err != nil {
		return nil, err
	}
	return &mirror.Options{SRID: f.srid, Municipality: k, KeepRetired: f.keepRetired,
		Progress: func(p mirror.Progress) {
			bar.Describe(p.Phase + " " + string(p.Type))
			bar.Set(int(p.Done), 0)
		}}, nil
}

// extractSource is where a base extract comes from: a path, or an order on
// Geotorget (against a fake, waiting advances its clock).
func (a *app) extractSource(ctx context.Context, t *target, path, order string) *extract.ResyncOptions {
	if path != "" {
		return &extract.ResyncOptions{Path: path}
	}
	if order == "" {
		order = t.order
	}
	if order == "" {
		return nil
	}
	o := &extract.ResyncOptions{Order: order}
	if t.control != nil {
		clock := &fakeClock{ctl: t.control, ctx: ctx}
		o.Wait, o.Download = &delivery.WaitOptions{Clock: clock}, &delivery.DownloadOptions{Clock: clock}
	}
	return o
}

func newMirrorInit(a *app) *cobra.Command {
	var (
		f               mirrorFlags
		extractPath     string
		order           string
		fromOrder, over bool
	)
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Load the mirror afresh from the services, an extract or Geotorget",
		Long: `Init loads the mirror from scratch, replacing what it held, and records the
change-feed position to follow from in the same transaction. By default it
reads every object from the update services (a search per type, then batch
reads of 250); --extract loads a downloaded base extract (a folder or zip),
--from-order fetches a new base extract from the Geotorget order (--order,
$BAL_ORDER_ID, or the fake's). A store that already holds objects is only
replaced with --replace.`,
		Example: `  bal --env fake mirror init --to bal.gpkg
  bal mirror init --to bal.gpkg --extract leverans --kommun 2180
  bal mirror init --to postgres://gis@localhost/kommun --from-order --replace`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if extractPath != "" && fromOrder {
				return usageError("give --extract or --from-order, not both")
			}
			if extractPath != "" {
				if _, err := os.Stat(extractPath); err != nil {
					return usageError("extract %s: %v", extractPath, errors.Unwrap(err))
				}
			}
			t, c, err := a.connect(false)
			if err != nil {
				return err
			}
			bar := a.progress("loading")
			defer bar.Done()
			opts, err := a.mirrorOptions(&f, t, bar)
			if err != nil {
				return err
			}
			m, err := f.open(ctx, a, opts)
			if err != nil {
				return err
			}
			if st, err := m.Status(ctx); err == nil && !over && !st.Loaded.IsZero() {
				return usageError("%s already holds a mirror (loaded %s): pass --replace to load it afresh, or run 'bal mirror sync'",
					st.Store, st.Loaded.Format(time.RFC3339))
			}
			src := mirror.Source{Services: true}
			if extractPath != "" || fromOrder {
				src = mirror.Source{Extract: a.extractSource(ctx, t, extractPath, order)}
				if src.Extract == nil {
					return usageError("--from-order needs an order: --order or $BAL_ORDER_ID")
				}
			}
			if err := m.Init(ctx, c, src); err != nil {
				return err
			}
			bar.Done()
			return a.mirrorReport(ctx, m, nil)
		},
	}
	f.add(cmd, true)
	fs := cmd.Flags()
	fs.StringVar(&extractPath, "extract", "", "load this downloaded base extract (a folder or zip)")
	fs.BoolVar(&fromOrder, "from-order", false, "fetch a new base extract from the Geotorget order and load it")
	fs.StringVar(&order, "order", "", "the Geotorget order (default $BAL_ORDER_ID)")
	fs.BoolVar(&over, "replace", false, "replace a mirror that is already loaded")
	return cmd
}

func newMirrorSync(a *app) *cobra.Command {
	var (
		f        mirrorFlags
		follow   bool
		poll     time.Duration
		order    string
		pageSize int
	)
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Follow the change feed into the mirror",
		Long: `Sync applies the changes after the mirror's checkpoint, each carrying its
object, in transactions that hold the new checkpoint too, so an interrupted
sync (even kill -9) resumes exactly where its last commit left it. A change the
mirror already has (an object at that version or newer) changes nothing.

When the feed no longer has the checkpoint (410), sync rebuilds the mirror from
a new base extract of the Geotorget order (--order, $BAL_ORDER_ID, or the
fake's) and goes on; without an order it exits 7. With --follow it keeps
following, asking every --poll, until interrupted (exit 0).`,
		Example: `  bal --env fake mirror sync --to bal.gpkg
  bal mirror sync --to postgres://gis@localhost/kommun --follow --poll 1m`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if follow && poll <= 0 {
				return usageError("--follow needs a --poll above zero")
			}
			t, c, err := a.connect(false)
			if err != nil {
				return err
			}
			bar := a.progress("syncing")
			defer bar.Done()
			opts, err := a.mirrorOptions(&f, t, bar)
			if err != nil {
				return err
			}
			opts.Resync = a.extractSource(ctx, t, "", order)
			m, err := f.open(ctx, a, opts)
			if err != nil {
				return err
			}
			so := &mirror.SyncOptions{PageSize: pageSize}
			if follow {
				so.Poll = poll
			}
			res, err := m.Sync(ctx, c, so)
			if follow && ctx.Err() != nil {
				err = nil // interrupted: how --follow ends
			}
			if errors.Is(err, mirror.ErrNotInitialised) {
				return usageError("%s is not loaded: run 'bal mirror init --to %s' first", f.to, f.to)
			}
			if err != nil {
				return err
			}
			bar.Done()
			return a.mirrorReport(context.WithoutCancel(ctx), m, res)
		},
	}
	f.add(cmd, true)
	fs := cmd.Flags()
	fs.BoolVarP(&follow, "follow", "f", false, "keep following the feed until interrupted")
	fs.DurationVar(&poll, "poll", 30*time.Second, "with --follow, how often to ask for new changes")
	fs.StringVar(&order, "order", "", "the Geotorget order to resynchronise from on 410 (default $BAL_ORDER_ID)")
	fs.IntVar(&pageSize, "page-size", 0, fmt.Sprintf("changes per request, 1–%d (0: the most)", bal.MaxChangesPageSize))
	return cmd
}

func newMirrorStatus(a *app) *cobra.Command {
	var f mirrorFlags
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Say what the mirror holds",
		Long: `Status reads the mirror without taking the writer's lock (a sync may be
running): its CRS, schema version, checkpoint, when it was loaded and synced,
and how many objects of each type it holds. It needs no credentials.`,
		Example: `  bal mirror status --to bal.gpkg
  bal mirror status --to postgres://gis@localhost/kommun -o json`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.to != "" && !strings.Contains(f.to, "://") {
				if _, err := os.Stat(f.to); err != nil {
					return withCode(exitNotFound, fmt.Errorf("no mirror at %s", f.to))
				}
			}
			m, err := f.open(cmd.Context(), a, &mirror.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			return a.mirrorReport(cmd.Context(), m, nil)
		},
	}
	f.add(cmd, false)
	return cmd
}

// exportDoc is what export prints.
type exportDoc struct {
	File   string           `json:"file"`
	Format string           `json:"format"`
	SRID   int              `json:"srid"`
	Counts map[string]int64 `json:"counts"`
}

func newExport(a *app) *cobra.Command {
	var (
		from, out, format string
		types             []string
		srid              int
		lonLatHeights     bool
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the mirror as a GeoPackage or GeoJSON, with every attribute",
		Long: `Export writes the objects of a mirror (--from, as 'bal mirror' made it) to a
new file, streaming, with every attribute, coordinates rounded to the
millimetre:

  --format gpkg     a GeoPackage with a layer per type (all seven, or --type),
                    heights kept where they exist, in the mirror's CRS or --srid
  --format geojson  a FeatureCollection of one --type: RFC 7946 longitude and
                    latitude by default (heights dropped unless --lonlat-heights),
                    or with --srid a Swedish grid CRS named in the 2008 GeoJSON
                    crs member (heights kept)

The format defaults from the file's extension (.gpkg, .geojson or .json).`,
		Example: `  bal export --from bal.gpkg --out byggnader.geojson --type byggnad
  bal export --from bal.gpkg --out byggnader.geojson --type byggnad --srid 3006
  bal export --from postgres://gis@localhost/kommun --out kommun.gpkg`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if from == "" || out == "" {
				return usageError("--from and --out are required")
			}
			if format == "" {
				switch strings.ToLower(filepath.Ext(out)) {
				case ".gpkg":
					format = "gpkg"
				case ".geojson", ".json":
					format = "geojson"
				default:
					return usageError("--format is gpkg or geojson (the extension of %s does not say)", out)
				}
			}
			var ts []bal.ObjectType
			for _, s := range types {
				t, err := objectType(s)
				if err != nil {
					return err
				}
				ts = append(ts, t)
			}
			if _, err := os.Stat(out); err == nil {
				return usageError("%s exists: export writes a new file", out)
			}
			f := mirrorFlags{to: from}
			if !strings.Contains(from, "://") {
				if _, err := os.Stat(from); err != nil {
					return withCode(exitNotFound, fmt.Errorf("no mirror at %s", from))
				}
			}
			m, err := f.open(ctx, a, &mirror.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			opts := &mirror.ExportOptions{Types: ts, SRID: srid, LonLatHeights: lonLatHeights}
			doc := exportDoc{File: out, Format: format, SRID: srid, Counts: map[string]int64{}}
			switch format {
			case "gpkg":
				counts, err := m.ExportGeoPackage(ctx, out, opts)
				if err != nil {
					os.Remove(out)
					return err
				}
				for t, n := range counts {
					doc.Counts[string(t)] = n
				}
				if doc.SRID == 0 {
					doc.SRID = m.SRID()
				}
			case "geojson":
				if len(ts) != 1 {
					return usageError("--format geojson exports one --type")
				}
				file, err := os.Create(out)
				if err != nil {
					return err
				}
				n, err := m.ExportGeoJSON(ctx, file, ts[0], opts)
				if cerr := file.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					os.Remove(out)
					return err
				}
				doc.Counts[string(ts[0])] = n
				if doc.SRID == 0 {
					doc.SRID = 4326
				}
			default:
				return usageError("--format %q is not gpkg or geojson", format)
			}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "file", doc.File, "format", doc.Format, "crs", "EPSG:"+strconv.Itoa(doc.SRID))
				for _, t := range mirror.Types() {
					if n, ok := doc.Counts[string(t)]; ok {
						pairs(w, string(t), strconv.FormatInt(n, 10))
					}
				}
				return nil
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&from, "from", "", "the mirror: a .gpkg path or a postgres:// URL (required)")
	fs.StringVar(&out, "out", "", "the file to write (required; must not exist)")
	fs.StringVar(&format, "format", "", "gpkg or geojson (default: from --out's extension)")
	fs.StringSliceVar(&types, "type", nil, "object type to export ("+objectTypes+"); repeatable; geojson takes one")
	fs.IntVar(&srid, "srid", 0, "the CRS written: a Swedish grid code 3006–3018 (default: gpkg the mirror's, geojson RFC 7946 lon/lat)")
	fs.BoolVar(&lonLatHeights, "lonlat-heights", false, "keep RH 2000 heights in RFC 7946 output (against the RFC, which means ellipsoidal heights)")
	return cmd
}
