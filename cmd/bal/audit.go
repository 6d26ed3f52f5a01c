package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/audit"
)

func newAudit(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Read, verify, cull and export the audit trail of the SDK's writes",
		Long: `The audit trail records every write made through bal-go, by the library or by
this tool's write commands (ngp publish): who made it, what it did to which
objects at which versions, under which action, how the geometry was measured,
and how it ended. Records form a chain keyed with a secret, so that an edited,
removed, inserted or reordered record is found; the personal data (the
official, the surveyor, free-text comments) are kept apart so that a retention
policy can remove them while the chain stays verifiable (docs/audit.md).

The trail is a JSON Lines file (and its .personal file beside it) or a
PostgreSQL database: --audit, $BAL_AUDIT or "audit" in the configuration file.
Its key is in a file, in hex (at least 32 bytes, e.g. from 'openssl rand -hex
32'): --audit-key-file, $BAL_AUDIT_KEY_FILE or "auditKeyFile". Write commands
record into the trail whenever one is configured, as the official --actor
($BAL_ACTOR, or your user name).`,
		Example: `  export BAL_AUDIT=/var/lib/bal/audit.jsonl BAL_AUDIT_KEY_FILE=/etc/bal/audit.key
  bal audit list --since 2026-11-01 --result uncertain,unknown
  bal audit verify --anchor 1042:5f0e…
  bal audit purge --personal-days 90
  bal audit export --format csv > audit-2026.csv
  bal audit reconcile`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	a.addAuditFlags(cmd, true)
	cmd.AddCommand(newAuditList(a), newAuditVerify(a), newAuditPurge(a), newAuditExport(a), newAuditReconcile(a))
	return cmd
}

// openAudit opens the configured audit trail for a subcommand of audit.
func (a *app) openAudit(ctx context.Context) (*audit.Recorder, error) {
	rec, err := a.recorder(ctx)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, usageError("no audit trail: give --audit (or set BAL_AUDIT, or \"audit\" in the configuration file)")
	}
	return rec, nil
}

// queryFlags are the filters of list and export.
type queryFlags struct {
	object, actor, since, until, results string
}

func (q *queryFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&q.object, "object", "", "records that wrote this object (objektidentitet)")
	f.StringVar(&q.actor, "actor", "", "records made by this official (not those whose personal data were removed)")
	f.StringVar(&q.since, "since", "", "records from this time on (RFC 3339, or a date: 2026-11-01)")
	f.StringVar(&q.until, "until", "", "records before this time (RFC 3339, or a date)")
	f.StringVar(&q.results, "result", "", "records with these results, comma-separated: applied, refused, not-applied, uncertain, unknown")
}

func (q *queryFlags) query() (*audit.Query, error) {
	out := &audit.Query{ObjectID: q.object, ActorID: q.actor}
	var err error
	if out.From, err = parseWhen("--since", q.since); err != nil {
		return nil, err
	}
	if out.To, err = parseWhen("--until", q.until); err != nil {
		return nil, err
	}
	for _, r := range strings.Split(q.results, ",") {
		switch r := audit.Result(strings.TrimSpace(r)); r {
		case "":
		case audit.ResultApplied, audit.ResultRefused, audit.ResultNotApplied, audit.ResultUncertain, audit.ResultUnknown:
			out.Results = append(out.Results, r)
		default:
			return nil, usageError("--result %q is not applied, refused, not-applied, uncertain or unknown", r)
		}
	}
	return out, nil
}

// parseWhen reads a time as RFC 3339 or a date (midnight UTC).
func parseWhen(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageError("%s %q is not a time (2026-11-01 or 2026-11-01T09:00:00Z)", flag, s)
}

// recordDoc is a record as list writes it.
type recordDoc struct {
	Seq            uint64        `json:"seq"`
	Time           time.Time     `json:"time"`
	Organisation   string        `json:"organisation,omitempty"`
	Operation      string        `json:"operation"`
	IdempotencyKey string        `json:"idempotencyKey,omitempty"`
	Action         *actionDoc    `json:"action,omitempty"`
	Personal       string        `json:"personal"`
	Actor          *audit.Actor  `json:"actor,omitempty"`
	Comment        string        `json:"comment,omitempty"`
	Repeats        int           `json:"repeats,omitempty"`
	Result         audit.Result  `json:"result"`
	Outcome        *outcomeDoc   `json:"outcome,omitempty"`
	Objects        []auditObject `json:"objects"`
}

type actionDoc struct {
	Type        string    `json:"type,omitempty"`
	Responsible string    `json:"responsible,omitempty"`
	Performer   string    `json:"performer,omitempty"`
	Time        time.Time `json:"time,omitzero"`
}

type outcomeDoc struct {
	Time       time.Time `json:"time"`
	HTTPStatus int       `json:"httpStatus,omitempty"`
	Code       string    `json:"code,omitempty"`
	RequestID  string    `json:"requestId,omitempty"`
	Attempts   int       `json:"attempts,omitempty"`
	Reconciled bool      `json:"reconciled,omitempty"`
}

type auditObject struct {
	Change        string        `json:"change"`
	Type          string        `json:"type"`
	ID            string        `json:"id,omitempty"`
	VersionBefore int64         `json:"versionBefore"`
	VersionAfter  int64         `json:"versionAfter,omitempty"`
	Action        *actionDoc    `json:"action,omitempty"`
	Geometries    []geometryDoc `json:"geometries,omitempty"`
}

type geometryDoc struct {
	MethodPlan     string    `json:"methodPlan,omitempty"`
	MethodHeight   string    `json:"methodHeight,omitempty"`
	AccuracyPlan   float64   `json:"accuracyPlan,omitempty"`
	AccuracyHeight float64   `json:"accuracyHeight,omitempty"`
	SurveyedAt     time.Time `json:"surveyedAt,omitzero"`
	Uncertain      string    `json:"uncertain,omitempty"`
	Surveyor       string    `json:"surveyor,omitempty"`
}

func actionOf(x audit.Action) *actionDoc {
	if x == (audit.Action{}) {
		return nil
	}
	return &actionDoc{x.Type, x.Responsible, x.Performer, x.Time}
}

func method(m audit.Method) string {
	if m.Variant == "" {
		return m.Type
	}
	return m.Type + ": " + m.Variant
}

func recordDocOf(r *audit.Record) recordDoc {
	d := recordDoc{Seq: r.Seq, Time: r.Time, Organisation: r.Organisation, Operation: r.Operation,
		IdempotencyKey: r.IdempotencyKey, Action: actionOf(r.Action), Personal: string(r.Personal),
		Comment: r.Comment, Repeats: r.Repeats, Result: r.Result(), Objects: []auditObject{}}
	if r.Actor != (audit.Actor{}) {
		who := r.Actor
		d.Actor = &who
	}
	if o := r.Outcome; o != nil {
		d.Outcome = &outcomeDoc{o.Time, o.HTTPStatus, o.Code, o.RequestID, o.Attempts, o.Reconciled}
	}
	for _, o := range r.Objects {
		x := auditObject{Change: o.Change, Type: o.Type, ID: o.ID, VersionBefore: o.VersionBefore, VersionAfter: o.VersionAfter}
		if o.Action != r.Action {
			x.Action = actionOf(o.Action)
		}
		for _, g := range o.Geometries {
			x.Geometries = append(x.Geometries, geometryDoc{method(g.MethodPlan), method(g.MethodHeight), g.AccuracyPlan,
				g.AccuracyHeight, g.SurveyedAt, g.Uncertain, g.Surveyor})
		}
		d.Objects = append(d.Objects, x)
	}
	return d
}

func (d recordDoc) header() []string {
	return []string{"SEQ", "TIME", "ACTOR", "OPERATION", "OBJECT", "VERSIONS", "RESULT"}
}

func (d recordDoc) cells() []string {
	actor := ""
	if d.Actor != nil {
		actor = d.Actor.ID
	}
	object, versions := "", ""
	if len(d.Objects) > 0 {
		o := d.Objects[0]
		object = strings.TrimSpace(o.Type + " " + o.ID)
		if n := len(d.Objects); n > 1 {
			object += fmt.Sprintf(" (+%d)", n-1)
		}
		switch o.Change {
		case "register", "deliver", "delete", "upload":
			// The platform's objects have no versions of their own.
		default:
			after := "?"
			if o.VersionAfter > 0 {
				after = strconv.FormatInt(o.VersionAfter, 10)
			}
			versions = strconv.FormatInt(o.VersionBefore, 10) + "→" + after
		}
	}
	result := string(d.Result)
	if o := d.Outcome; o != nil && o.HTTPStatus != 0 {
		result += fmt.Sprintf(" %d %s", o.HTTPStatus, o.Code)
	}
	return []string{strconv.FormatUint(d.Seq, 10), d.Time.UTC().Format(time.RFC3339), actor, d.Operation,
		object, versions, strings.TrimSpace(result)}
}

func newAuditList(a *app) *cobra.Command {
	var q queryFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the audit trail's records, filtered by object, official, time and result",
		Long: `List prints one record per write: its intent and outcome merged. Results are
applied, refused (the service said no; nothing changed), not-applied (found
unchanged by reconciling), uncertain (the write failed without a clear answer;
it may have been applied) and unknown (no outcome: the process stopped while
the write was in flight). Run 'bal audit reconcile' to settle the last two.`,
		Example: `  bal audit list --object 39722cbb-f8b9-404b-a045-c5e6175f1001
  bal audit list --actor anna.s --since 2026-11-01 --until 2026-12-01
  bal audit list --result uncertain,unknown -o json`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			query, err := q.query()
			if err != nil {
				return err
			}
			rec, err := a.openAudit(cmd.Context())
			if err != nil {
				return err
			}
			for r, err := range rec.Records(cmd.Context(), query) {
				if err != nil {
					return err
				}
				if err := a.emit(recordDocOf(r)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	q.add(cmd)
	return cmd
}

// verifyDoc is what verify prints.
type verifyDoc struct {
	OK              bool     `json:"ok"`
	Entries         int      `json:"entries"`
	Records         int      `json:"records"`
	First           uint64   `json:"first,omitempty"`
	Last            uint64   `json:"last,omitempty"`
	Head            string   `json:"head,omitempty"`
	PurgedThrough   uint64   `json:"purgedThrough,omitempty"`
	PersonalThrough uint64   `json:"personalThrough,omitempty"`
	Unfinished      bool     `json:"unfinishedPurge,omitempty"`
	Problems        []string `json:"problems"`
}

func newAuditVerify(a *app) *cobra.Command {
	var anchors []string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that no record of the audit trail was edited, removed, inserted, reordered or cut",
		Long: `Verify checks every entry's MAC and its place in the chain, and every personal
part against the digest its entry holds. A chain cut at its end, or rewritten by
someone holding the key, is found by comparing it with heads exported earlier:
give them with --anchor (as "SEQ:MAC", which verify prints as the head).

It exits 0 when the chain verifies, and 8 with one line naming the first problem
when it does not; -o json lists them all.`,
		Example: `  bal audit verify
  bal audit verify --anchor 1042:5f0e2c… --anchor 2210:9a1b7d…
  bal audit verify -o json | jq .problems`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var opts audit.VerifyOptions
			for _, s := range anchors {
				h, err := audit.ParseHead(s)
				if err != nil {
					return usageError("--anchor: %v", err)
				}
				opts.Anchors = append(opts.Anchors, h)
			}
			rec, err := a.openAudit(cmd.Context())
			if err != nil {
				return err
			}
			rep, verr := rec.Verify(cmd.Context(), &opts)
			if rep == nil {
				return verr
			}
			doc := verifyDoc{OK: rep.OK(), Entries: rep.Entries, Records: rep.Records, First: rep.First, Last: rep.Last,
				PurgedThrough: rep.PurgedThrough, PersonalThrough: rep.PersonalThrough, Unfinished: rep.Unfinished, Problems: []string{}}
			if rep.Head.Seq != 0 {
				doc.Head = rep.Head.String()
			}
			for _, p := range rep.Problems {
				doc.Problems = append(doc.Problems, p.String())
			}
			if err := a.document(doc, func(w io.Writer) error {
				ok := "verifies"
				if !doc.OK {
					ok = fmt.Sprintf("DOES NOT VERIFY (%d problems)", len(doc.Problems))
				}
				pairs(w, "chain", ok, "entries", strconv.Itoa(doc.Entries), "records", strconv.Itoa(doc.Records), "head", doc.Head)
				if doc.PurgedThrough > 0 {
					pairs(w, "purged through", strconv.FormatUint(doc.PurgedThrough, 10))
				}
				if doc.Unfinished {
					pairs(w, "purge", "interrupted; the next 'bal audit purge --yes' finishes it")
				}
				return nil
			}); err != nil {
				return err
			}
			if !rep.OK() {
				return withCode(exitTampered, fmt.Errorf("audit trail does not verify: %s", rep.Problems[0]))
			}
			if verr != nil {
				return verr
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&anchors, "anchor", nil, "a head exported earlier, SEQ:MAC; repeat for several")
	return cmd
}

// purgeDoc is what purge prints.
type purgeDoc struct {
	DryRun          bool   `json:"dryRun"`
	PersonalDays    int    `json:"personalDays,omitempty"`
	RecordYears     int    `json:"recordYears,omitempty"`
	RemovedEntries  int    `json:"removedEntries"`
	RemovedPersonal int    `json:"removedPersonal"`
	Through         uint64 `json:"through,omitempty"`
	PersonalThrough uint64 `json:"personalThrough,omitempty"`
	Recorded        bool   `json:"recorded"`
}

func newAuditPurge(a *app) *cobra.Command {
	var (
		personalDays, recordYears int
		yes                       bool
	)
	cmd := &cobra.Command{
		Use:   "purge",
		Short: "Apply a retention policy (gallring): remove old personal data and old records",
		Long: `Purge removes the personal part (official, surveyor, comments) of records older
than --personal-days, and whole records older than --record-years, and records
the purge in the chain, from which verification continues. The policy comes from
the flags or from "auditRetention" in the configuration file
({"personalDays": 90, "recordYears": 10}); there is no default, since culling is
the decision of the municipality's archive authority.

Without --yes it is a dry run: it says what would be removed and removes
nothing. Removal cannot be undone, so it is never the default. A chain that does
not verify is not culled (exit 8): culling would destroy the evidence.`,
		Example: `  bal audit purge --personal-days 90
  bal audit purge --personal-days 90 --record-years 10 --yes`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fc, err := a.config()
			if err != nil {
				return err
			}
			p := audit.Retention{PersonalDays: personalDays, RecordYears: recordYears}
			if r := fc.AuditRetention; r != nil {
				if !cmd.Flags().Changed("personal-days") {
					p.PersonalDays = r.PersonalDays
				}
				if !cmd.Flags().Changed("record-years") {
					p.RecordYears = r.RecordYears
				}
			}
			if p.PersonalDays < 0 || p.RecordYears < 0 {
				return usageError("retention periods must not be negative")
			}
			if p == (audit.Retention{}) {
				return usageError("no retention policy: give --personal-days or --record-years (or \"auditRetention\" in the configuration file)")
			}
			rec, err := a.openAudit(cmd.Context())
			if err != nil {
				return err
			}
			run := rec.PlanPurge
			if yes {
				run = rec.Purge
			}
			rep, err := run(cmd.Context(), p)
			if err != nil {
				return err
			}
			doc := purgeDoc{DryRun: !yes, PersonalDays: p.PersonalDays, RecordYears: p.RecordYears, RemovedEntries: rep.RemovedEntries,
				RemovedPersonal: rep.RemovedPersonal, Through: rep.Through, PersonalThrough: rep.PersonalThrough, Recorded: rep.Recorded}
			return a.document(doc, func(w io.Writer) error {
				verb := "removed"
				if doc.DryRun {
					verb = "would remove"
				}
				pairs(w, "policy", fmt.Sprintf("personal data after %d days, records after %d years (0: kept)", p.PersonalDays, p.RecordYears),
					verb, fmt.Sprintf("%d entries, %d personal parts", doc.RemovedEntries, doc.RemovedPersonal))
				switch {
				case doc.DryRun && doc.Recorded:
					fmt.Fprintln(w, "dry run: nothing removed; run again with --yes to purge")
				case doc.DryRun:
					fmt.Fprintln(w, "dry run: nothing to remove")
				case !doc.Recorded:
					fmt.Fprintln(w, "nothing new to remove")
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.IntVar(&personalDays, "personal-days", 0, "remove the personal data of records older than this many days")
	f.IntVar(&recordYears, "record-years", 0, "remove records older than this many years")
	f.BoolVar(&yes, "yes", false, "remove for real (without it, a dry run)")
	return cmd
}

func newAuditExport(a *app) *cobra.Command {
	var (
		q            queryFlags
		format, file string
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the audit trail's records as CSV or JSON, for an archive",
		Long: `Export writes the records (all, or those the filters select) as CSV (one row
per object and geometry, RFC 4180, times in UTC) or as one JSON document with the
chain's head at the time of export, to stdout or --file. Personal data appear
while held; a removed personal part leaves its fields empty.`,
		Example: `  bal audit export --format csv --since 2026-01-01 --until 2027-01-01 --file audit-2026.csv
  bal audit export --format json --object 39722cbb-f8b9-404b-a045-c5e6175f1001`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			query, err := q.query()
			if err != nil {
				return err
			}
			if format != "csv" && format != "json" {
				return usageError("--format %q is not csv or json", format)
			}
			rec, err := a.openAudit(cmd.Context())
			if err != nil {
				return err
			}
			w, done := a.out, func() error { return nil }
			if file != "" {
				f, err := os.Create(file)
				if err != nil {
					return usageError("--file: %v", err)
				}
				w, done = f, f.Close
			}
			if format == "csv" {
				err = rec.ExportCSV(cmd.Context(), w, query)
			} else {
				err = rec.ExportJSON(cmd.Context(), w, query)
			}
			return errors.Join(err, done())
		},
	}
	q.add(cmd)
	cmd.Flags().StringVar(&format, "format", "csv", "csv or json")
	cmd.Flags().StringVar(&file, "file", "", "write here instead of stdout")
	return cmd
}

// reconcileDoc is what reconcile prints.
type reconcileDoc struct {
	Checked      int `json:"checked"`
	Applied      int `json:"applied"`
	NotApplied   int `json:"notApplied"`
	Undetermined int `json:"undetermined"`
	Skipped      int `json:"skipped"`
}

func newAuditReconcile(a *app) *cobra.Command {
	var olderThan time.Duration
	cmd := &cobra.Command{
		Use:   "reconcile",
		Short: "Settle records left without a clear outcome by reading the objects' versions",
		Long: `Reconcile settles the records whose outcome is unknown (the process stopped while
the write was in flight) or uncertain (it failed without a clear answer), by
reading each object's version from the services: a change is applied when the
object is past the version it was based on, a create when the object exists.
Records more recent than --older-than are left alone, since another process may
still be sending them. Run it when a service starts, before new writes.`,
		Example: `  bal audit reconcile
  bal audit reconcile --older-than 1h -o json`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			rec, err := a.openAudit(cmd.Context())
			if err != nil {
				return err
			}
			_, c, err := a.connect(false)
			if err != nil {
				return err
			}
			rep, err := rec.Reconcile(cmd.Context(), audit.Versions(c), &audit.ReconcileOptions{OlderThan: olderThan})
			if err != nil {
				return err
			}
			doc := reconcileDoc{rep.Checked, rep.Applied, rep.NotApplied, rep.Undetermined, rep.Skipped}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "checked", strconv.Itoa(doc.Checked), "applied", strconv.Itoa(doc.Applied),
					"not applied", strconv.Itoa(doc.NotApplied), "undetermined", strconv.Itoa(doc.Undetermined),
					"too recent", strconv.Itoa(doc.Skipped))
				return nil
			})
		},
	}
	cmd.Flags().DurationVar(&olderThan, "older-than", 0, "leave alone records more recent than this (default 15m)")
	return cmd
}
