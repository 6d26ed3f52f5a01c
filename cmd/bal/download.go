package main

import (
	"context"
	"fmt"
	"io"
	"path"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// downloadDoc is what download prints.
type downloadDoc struct {
	OrderID       string      `json:"orderId"`
	Delivery      deliveryDoc `json:"delivery"`
	Dir           string      `json:"dir"`
	Files         []fileDoc   `json:"files"`
	Total         int64       `json:"total"`
	Received      int64       `json:"received"`
	Resumes       int         `json:"resumes"`
	Restarts      int         `json:"restarts"`
	Interruptions int         `json:"interruptions"`
	Relists       int         `json:"relists"`
	Skipped       int         `json:"skipped"`
}

type deliveryDoc struct {
	ID      string          `json:"id"`
	Type    delivery.Type   `json:"type"`
	Status  delivery.Status `json:"status"`
	Created time.Time       `json:"created"`
	Expires time.Time       `json:"expires"`
}

type fileDoc struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	Skipped bool   `json:"skipped,omitempty"`
}

func newDownload(a *app) *cobra.Command {
	var (
		dir, start string
		noWait     bool
		include    []string
		parallel   int
	)
	cmd := &cobra.Command{
		Use:   "download [ORDERID]",
		Short: "Download the latest delivery of a Geotorget order (the XML extract)",
		Long: `Download fetches the files of an order's latest delivery from Geotorget
Nedladdning v1 into a folder, keeping the delivery's sub-folders: the XML extract
(a base extract, BAS, or a change extract, FORANDRING) a municipality loads
before going live and falls back on when the change feed has a gap.

The order is ORDERID, or $BAL_ORDER_ID (the OrderID of the order line in
Geotorget's "Mitt konto → Ärenden"; 'bal fake' prints one of its own). With
--start it first asks for a new delivery. A delivery still being built is waited
for (unless --no-wait). A broken transfer resumes where it stopped, a run into
the same folder skips what is complete, and every file's length is checked
against the listing before it is renamed into place.

Against a fake, waiting advances the fake's clock instead of sleeping.`,
		Example: `  bal --env fake download --start bas --to extract
  bal download 0b8c…-order --to /data/bal/extract
  bal download --start forandring --include 'byggnad/*' -o json`,
		Args: args(0, 1),
		RunE: func(cmd *cobra.Command, as []string) error {
			var typ delivery.Type
			if start != "" {
				t, ok := delivery.ParseType(start)
				if !ok {
					return usageError("--start %q is not bas or forandring", start)
				}
				typ = t
			}
			for _, p := range include {
				if _, err := path.Match(p, ""); err != nil {
					return usageError("--include %q: %v", p, err)
				}
			}
			t, c, err := a.connect(false)
			if err != nil {
				return err
			}
			order := t.order
			if len(as) == 1 {
				order = as[0]
			}
			if order == "" {
				return usageError("no order: give ORDERID or set BAL_ORDER_ID")
			}
			ctx := cmd.Context()
			dc := delivery.New(c)
			var clock delivery.Clock
			if t.control != nil {
				clock = &fakeClock{ctl: t.control, ctx: ctx}
			}
			if typ != "" {
				d, err := dc.Start(ctx, order, typ)
				if err != nil {
					return fmt.Errorf("start a %s delivery on order %s: %w", typ, order, err)
				}
				a.note("started delivery %s (%s) on order %s", d.ID, d.Type, order)
			}
			if !noWait {
				if _, err := dc.Wait(ctx, order, &delivery.WaitOptions{Clock: clock}); err != nil {
					return fmt.Errorf("order %s: %w", order, err)
				}
			}
			bar := a.progress("downloading")
			defer bar.Done()
			opts := &delivery.DownloadOptions{Parallelism: parallel, Clock: clock,
				Progress: func(p delivery.Progress) { bar.Set(int(p.Done), int(p.Total)) }}
			if len(include) > 0 {
				opts.Include = func(f delivery.File) bool {
					for _, p := range include {
						if ok, _ := path.Match(p, f.Name); ok {
							return true
						}
					}
					return false
				}
			}
			res, err := dc.Download(ctx, order, dir, opts)
			bar.Done()
			if err != nil {
				return fmt.Errorf("download order %s: %w", order, err)
			}
			doc := downloadDoc{OrderID: order, Dir: dir, Files: []fileDoc{}, Total: res.Total, Received: res.Received,
				Resumes: res.Resumes, Restarts: res.Restarts, Interruptions: res.Interruptions, Relists: res.Relists, Skipped: res.Skipped}
			if d := res.Delivery; d != nil {
				doc.Delivery = deliveryDoc{ID: d.ID, Type: d.Type, Status: d.Status, Created: d.Created, Expires: d.Expires()}
			}
			for _, f := range res.Files {
				doc.Files = append(doc.Files, fileDoc{Path: f.File.Name, Size: f.File.Size, Skipped: f.Skipped})
			}
			return a.document(doc, func(w io.Writer) error {
				pairs(w, "order", doc.OrderID,
					"delivery", fmt.Sprintf("%s (%s, %s, available until %s)", doc.Delivery.ID, doc.Delivery.Type, doc.Delivery.Status, doc.Delivery.Expires.Format(time.RFC3339)),
					"folder", doc.Dir,
					"files", fmt.Sprintf("%d, %d bytes (%d received, %d already complete)", len(doc.Files), doc.Total, doc.Received, doc.Skipped))
				if doc.Resumes+doc.Restarts+doc.Interruptions+doc.Relists > 0 {
					pairs(w, "recovered", fmt.Sprintf("%d interruptions, %d resumes, %d restarts, %d listings read again",
						doc.Interruptions, doc.Resumes, doc.Restarts, doc.Relists))
				}
				fmt.Fprintf(w, "\nFILE\tSIZE\n")
				for _, f := range doc.Files {
					fmt.Fprintf(w, "%s\t%d\n", f.Path, f.Size)
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&dir, "to", ".", "the folder to download into")
	f.StringVar(&start, "start", "", "first start a new delivery: bas or forandring")
	f.BoolVar(&noWait, "no-wait", false, "fail instead of waiting for a delivery still being built")
	f.StringSliceVar(&include, "include", nil, "only files whose path matches this pattern (path.Match, e.g. 'byggnad/*'); repeatable")
	f.IntVar(&parallel, "parallel", 0, fmt.Sprintf("files fetched at once (default %d)", delivery.DefaultParallelism))
	return cmd
}

// fakeClock is a fake's clock seen through its control API: waiting on it
// moves it on, so that a delivery the fake builds for two minutes is ready
// at once.
type fakeClock struct {
	ctl *baltest.Control
	ctx context.Context
}

func (c *fakeClock) Now() time.Time {
	st, err := c.ctl.Clock(c.ctx)
	if err != nil {
		return time.Now()
	}
	return st.Time
}

func (c *fakeClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	ch := make(chan time.Time, 1)
	st, err := c.ctl.AdvanceClock(c.ctx, d)
	if err != nil {
		st.Time = time.Now()
	}
	ch <- st.Time
	return ch, func() bool { return false }
}
