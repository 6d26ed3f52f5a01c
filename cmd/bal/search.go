package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// hitRow is one search hit.
type hitRow struct {
	Type    bal.ObjectType `json:"type"`
	ID      bal.ObjectID   `json:"id"`
	Version bal.Version    `json:"version"`
	Label   string         `json:"label,omitempty"`
}

func (hitRow) header() []string { return []string{"TYPE", "ID", "VERSION", "LABEL"} }
func (h hitRow) cells() []string {
	return []string{string(h.Type), h.ID.String(), strconv.FormatInt(int64(h.Version), 10), h.Label}
}

func newSearch(a *app) *cobra.Command {
	var (
		kommun, name, property, bbox, changedAfter string
		statuses                                   []string
		srid, limit, pageSize                      int
	)
	cmd := &cobra.Command{
		Use:   "search TYPE",
		Short: "Search BAL objects of one type through the update services",
		Long: `Search lists the objects of one type (` + objectTypes + `)
that match every condition given, with their current version and label. Without
conditions it lists every object of the type the credentials may see. Fetch an
object with 'bal get'.`,
		Example: `  bal --env fake search byggnad --limit 5
  bal search adressplats --kommun 2180 --name Storgatan
  bal search byggnad --bbox 674000,6580000,675000,6581000 --status Gällande -o json
  bal search lagenhet --changed-after 2026-01-01`,
		Args: args(1, 1),
		RunE: func(cmd *cobra.Command, as []string) error {
			typ, err := parseObjectType(as[0])
			if err != nil {
				return err
			}
			q := bal.Query{Name: name}
			for _, s := range statuses {
				var st bal.Status
				_ = st.UnmarshalText([]byte(s)) // any spelling; the search refuses an unknown status
				q.Statuses = append(q.Statuses, st)
			}
			if property != "" {
				if q.Property, err = bal.ParseObjectID(property); err != nil {
					return usageError("--property: %v", err)
				}
			}
			if bbox != "" {
				if q.Box, err = parseBox(bbox, srid); err != nil {
					return err
				}
			}
			if changedAfter != "" {
				if q.ChangedAfter, err = parseTime(changedAfter); err != nil {
					return usageError("--changed-after: %v", err)
				}
			}
			if limit < 0 {
				return usageError("--limit must not be negative")
			}
			t, c, err := a.connect(false)
			if err != nil {
				return err
			}
			if q.Municipality, err = a.kommun(kommun, t); err != nil {
				return err
			}
			if err := q.Validate(); err != nil {
				return withCode(exitUsage, err)
			}
			var opts *bal.SearchOptions
			if pageSize > 0 {
				opts = &bal.SearchOptions{PageSize: pageSize}
			}
			n := 0
			for hit, err := range serviceFor(c, typ).search(cmd.Context(), q, opts) {
				if err != nil {
					return err
				}
				if err := a.emit(hitRow{hit.Object.Type, hit.Object.ID, hit.Version, hit.Label}); err != nil {
					return err
				}
				if n++; n == limit {
					break
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kommun, "kommun", "", "only this municipality's objects (kommunkod; default $BAL_KOMMUNKOD)")
	f.StringVar(&name, "name", "", "only objects whose name or label contains this text, in any case")
	f.StringSliceVar(&statuses, "status", nil, "only objects with this objektstatus (Planerad, Gällande, Gällande under utredning, Avregistrerad); repeatable")
	f.StringVar(&property, "property", "", "only objects on this registerenhet (its objektidentitet)")
	f.StringVar(&bbox, "bbox", "", "only objects within the box minE,minN,maxE,maxN (in --srid)")
	f.IntVar(&srid, "srid", geometry.SWEREF99TM, "EPSG code of --bbox")
	f.StringVar(&changedAfter, "changed-after", "", "only objects whose current version took effect after this time (RFC 3339, or a date)")
	f.IntVar(&limit, "limit", 0, "stop after this many hits (0: all)")
	f.IntVar(&pageSize, "page-size", 0, "hits per request (0: the server's default)")
	return cmd
}

// parseBox reads minE,minN,maxE,maxN.
func parseBox(s string, srid int) (*geometry.Envelope, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, usageError("--bbox %q is not minE,minN,maxE,maxN", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, usageError("--bbox %q: %q is not a number", s, p)
		}
		v[i] = f
	}
	if v[0] > v[2] || v[1] > v[3] {
		return nil, usageError("--bbox %q: the minimum is above the maximum", s)
	}
	return &geometry.Envelope{SRID: srid, MinX: v[0], MinY: v[1], MaxX: v[2], MaxY: v[3]}, nil
}

// parseTime reads an RFC 3339 time or a date (midnight, Swedish time).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		loc = time.UTC
	}
	return time.ParseInLocation(time.DateOnly, s, loc)
}
