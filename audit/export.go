package audit

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvHeader names ExportCSV's columns: one row per object of a record, the
// record's own columns repeated.
var csvHeader = []string{
	"seq", "time", "last_call", "organisation", "operation", "idempotency_key",
	"action_type", "action_responsible", "action_performer", "action_time",
	"personal", "actor_id", "actor_name", "comment", "repeats",
	"result", "outcome_time", "reconciled", "http_status", "code", "request_id", "attempts",
	"object", "change", "object_type", "object_id", "version_before", "version_after", "valid_from",
	"geometry", "method_plan_type", "method_plan_variant", "method_height_type", "method_height_variant",
	"accuracy_plan", "accuracy_height", "surveyed_at", "uncertain", "surveyor",
}

// ExportCSV writes the records q selects (nil: all) as CSV (RFC 4180, a
// header line, times in RFC 3339 UTC), one row per object and geometry (an
// object without geometry metadata has one row, its geometry columns
// empty), for an archive. The action columns hold the object's action (its
// own in a transaction). Personal data appear while held; a removed
// personal part leaves its columns empty and "removed" in the personal
// column.
func (r *Recorder) ExportCSV(ctx context.Context, w io.Writer, q *Query) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	for rec, err := range r.Records(ctx, q) {
		if err != nil {
			return fmt.Errorf("audit: export: %w", err)
		}
		o := rec.Outcome
		if o == nil {
			o = &Outcome{Result: ResultUnknown}
		}
		for i, obj := range rec.Objects {
			geoms := obj.Geometries
			if len(geoms) == 0 {
				geoms = []GeometryMetadata{{}}
			}
			for j, g := range geoms {
				gi := ""
				if len(obj.Geometries) > 0 {
					gi = strconv.Itoa(j + 1)
				}
				a := obj.Action
				row := []string{
					u(rec.Seq), ts(rec.Time), ts(rec.LastCall), rec.Organisation, rec.Operation, rec.IdempotencyKey,
					a.Type, a.Responsible, a.Performer, ts(a.Time),
					string(rec.Personal), rec.Actor.ID, rec.Actor.Name, rec.Comment, strconv.Itoa(rec.Repeats),
					string(o.Result), ts(o.Time), strconv.FormatBool(o.Reconciled), nz(int64(o.HTTPStatus)), o.Code, o.RequestID, nz(int64(o.Attempts)),
					strconv.Itoa(i + 1), obj.Change, obj.Type, obj.ID, nz(obj.VersionBefore), nz(obj.VersionAfter), ts(obj.ValidFrom),
					gi, g.MethodPlan.Type, g.MethodPlan.Variant, g.MethodHeight.Type, g.MethodHeight.Variant,
					fl(g.AccuracyPlan), fl(g.AccuracyHeight), ts(g.SurveyedAt), g.Uncertain, g.Surveyor,
				}
				for k, c := range row {
					row[k] = defuse(c)
				}
				if err := cw.Write(row); err != nil {
					return fmt.Errorf("audit: export: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	return nil
}

// exportDoc is ExportJSON's document.
type exportDoc struct {
	Organisation string      `json:"organisation,omitempty"`
	Exported     time.Time   `json:"exported"`
	Head         string      `json:"head"`
	Records      []exportRec `json:"records"`
}

type exportRec struct {
	Seq            uint64         `json:"seq"`
	Time           time.Time      `json:"time"`
	LastCall       time.Time      `json:"last_call"`
	Organisation   string         `json:"organisation,omitempty"`
	Operation      string         `json:"operation"`
	IdempotencyKey string         `json:"idempotency_key,omitempty"`
	Action         Action         `json:"action,omitzero"`
	Personal       PersonalState  `json:"personal"`
	Actor          *Actor         `json:"actor,omitempty"`
	Comment        string         `json:"comment,omitempty"`
	Repeats        int            `json:"repeats,omitempty"`
	Result         Result         `json:"result"`
	Outcome        *exportOutcome `json:"outcome,omitempty"`
	Objects        []exportObject `json:"objects"`
}

type exportOutcome struct {
	Time time.Time `json:"time"`
	*Outcome
}

type exportObject struct {
	Change        string           `json:"change,omitempty"`
	Type          string           `json:"type"`
	ID            string           `json:"id,omitempty"`
	VersionBefore int64            `json:"version_before,omitempty"`
	VersionAfter  int64            `json:"version_after,omitempty"`
	ValidFrom     time.Time        `json:"valid_from,omitzero"`
	Action        Action           `json:"action,omitzero"`
	Geometries    []exportGeometry `json:"geometries,omitempty"`
}

// exportGeometry is GeometryMetadata with its surveyor, which the chain
// keeps apart and an export writes next to it.
type exportGeometry struct {
	GeometryMetadata
	Surveyor string `json:"surveyor,omitempty"`
}

// ExportJSON writes the records q selects (nil: all) as one JSON document
// for an archive: {"organisation", "exported", "head", "records": […]},
// with the chain's head at the time of export so that the export can be
// tied to the chain. It streams: the records are never all in memory.
func (r *Recorder) ExportJSON(ctx context.Context, w io.Writer, q *Query) error {
	head, err := r.Head(ctx)
	if err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	bw := bufio.NewWriter(w)
	// The document is written around the records, which are encoded one at
	// a time.
	open, err := json.Marshal(exportDoc{Organisation: r.org, Exported: r.now().UTC(), Head: head.String()})
	if err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	const tail = `"records":null}`
	bw.Write(open[:len(open)-len(tail)])
	bw.WriteString("\"records\":[")
	n := 0
	for rec, err := range r.Records(ctx, q) {
		if err != nil {
			return fmt.Errorf("audit: export: %w", err)
		}
		b, err := json.Marshal(toExport(rec))
		if err != nil {
			return fmt.Errorf("audit: export: %w", err)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n")
		bw.Write(b)
		n++
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	return nil
}

func toExport(rec *Record) exportRec {
	x := exportRec{
		Seq: rec.Seq, Time: rec.Time, LastCall: rec.LastCall, Organisation: rec.Organisation,
		Operation: rec.Operation, IdempotencyKey: rec.IdempotencyKey, Action: rec.Action,
		Personal: rec.Personal, Comment: rec.Comment, Repeats: rec.Repeats, Result: rec.Result(),
		Objects: make([]exportObject, len(rec.Objects)),
	}
	if rec.Actor != (Actor{}) {
		a := rec.Actor
		x.Actor = &a
	}
	if rec.Outcome != nil {
		x.Outcome = &exportOutcome{Time: rec.Outcome.Time, Outcome: rec.Outcome}
	}
	for i, o := range rec.Objects {
		x.Objects[i] = exportObject{Change: o.Change, Type: o.Type, ID: o.ID, VersionBefore: o.VersionBefore,
			VersionAfter: o.VersionAfter, ValidFrom: o.ValidFrom}
		if o.Action != rec.Action {
			x.Objects[i].Action = o.Action
		}
		for _, g := range o.Geometries {
			x.Objects[i].Geometries = append(x.Objects[i].Geometries, exportGeometry{GeometryMetadata: g, Surveyor: g.Surveyor})
		}
	}
	return x
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): a text cell that starts with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe. No number or time the export writes
// starts so.
func defuse(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

func nz(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func fl(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
