package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/poll"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// partSuffix ends the name of a file still being downloaded.
const partSuffix = ".part"

// markerName is the file in a download folder that says which delivery
// its files and .part files belong to, so that a later run resumes them
// only for the same delivery.
const markerName = ".geotorget-leverans.json"

// Defaults of DownloadOptions.
const (
	DefaultParallelism = 4
	DefaultMaxStalls   = 8
	defaultStallWait   = time.Second
	maxStale           = 3
	maxStallWait       = 30 * time.Second
)

// DownloadOptions tunes Download. A nil *DownloadOptions fetches every file,
// four at a time, on the wall clock.
type DownloadOptions struct {
	// Parallelism bounds how many files are fetched at once; 0 means
	// DefaultParallelism.
	Parallelism int
	// Include, when set, chooses the files to fetch; the others are left
	// alone.
	Include func(File) bool
	// Progress, when set, is called as bytes arrive and files complete. It
	// is called from the downloading goroutines, one call at a time; keep
	// it quick.
	Progress func(Progress)
	// MaxStalls is how many attempts in a row may fail on one file without
	// bringing a single byte before Download gives up; 0 means
	// DefaultMaxStalls. Attempts that bring bytes resume at once; those
	// that bring none wait 1 s, 2 s, 4 s … up to 30 s first.
	MaxStalls int
	// Clock replaces the wall clock for the age check and the waits;
	// tests pass bal/baltest's.
	Clock Clock
}

// Progress is a download's state.
type Progress struct {
	// Done is how many bytes of the chosen files are on disk, in complete
	// files and .part files. It goes back when a server ignores a Range
	// request and a file starts over.
	Done int64
	// Total is the chosen files' listed size.
	Total int64
	// FilesDone and Files count the complete and the chosen files.
	FilesDone, Files int
}

// Result describes a download: the files and what it took to fetch them.
type Result struct {
	// Delivery is the delivery downloaded.
	Delivery *Delivery
	// Files are the chosen files, in listing order.
	Files []FileResult
	// Total is the chosen files' size in bytes.
	Total int64
	// Received is how many bytes came over the network.
	Received int64
	// Resumes counts transfers continued with a Range request where a
	// .part file ended.
	Resumes int
	// Restarts counts .part files thrown away and fetched from the start:
	// the server ignored Range (answered 200), or the part did not fit.
	Restarts int
	// Interruptions counts transfers broken off mid-file (a cut
	// connection, a stalled body).
	Interruptions int
	// Relists counts listings read again because a signed path had expired
	// (the server answered 403 or 404 for it).
	Relists int
	// Skipped counts files already complete in the folder from an earlier
	// run of the same delivery.
	Skipped int
}

// FileResult is one downloaded file.
type FileResult struct {
	// File is the file as last listed.
	File File
	// Path is the file on disk.
	Path string
	// Received, Resumes, Restarts and Interruptions are the file's share of
	// the Result's counts.
	Received                         int64
	Resumes, Restarts, Interruptions int
	// Skipped says the file was already complete from an earlier run.
	Skipped bool
}

// Download fetches the files of the order's latest delivery into dir,
// keeping the listing's sub-folders (dir/byggnad/byggnad_1.zip). The
// delivery must have succeeded (a *StatusError matching ErrNotReady,
// ErrFailed or ErrCancelled otherwise) and be younger than MaxAge
// (ErrExpired otherwise).
//
// Each file is written to name.part and renamed to name once its length is
// the listed length. A transfer that breaks off is resumed with an HTTP
// Range request from the end of the .part file; a server that ignores Range
// and answers 200 makes the file start over (never appended to). A 403 or
// 404 on a file's signed path means the path expired: Download lists again
// (once for all files waiting on it) and continues with the fresh path. A
// later run into the same folder skips complete files and resumes .part
// files, as long as the latest delivery is still the same one (a marker
// file, .geotorget-leverans.json, records which); files of another delivery
// are fetched anew.
//
// The first failure stops the other transfers; the Result says what was
// done so far, and what is on disk stays for the next run.
func (c *Client) Download(ctx context.Context, orderID, dir string, opts *DownloadOptions) (*Result, error) {
	const op = "delivery.Download"
	var o DownloadOptions
	if opts != nil {
		o = *opts
	}
	if o.Parallelism == 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.MaxStalls == 0 {
		o.MaxStalls = DefaultMaxStalls
	}
	v := check.New(op)
	if orderID == "" {
		v.Add("orderID", bal.RuleRequired, "the OrderID of a Geotorget order is required")
	}
	if dir == "" {
		v.Add("dir", bal.RuleRequired, "a folder to download into is required")
	}
	if o.Parallelism < 0 {
		v.Add("Parallelism", bal.RuleRange, "negative")
	}
	if o.MaxStalls < 0 {
		v.Add("MaxStalls", bal.RuleRange, "negative")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	d := &downloader{c: c, op: op, orderID: orderID, dir: dir, o: o, clock: poll.Or(o.Clock)}
	return d.run(ctx)
}

// downloader is one Download call.
type downloader struct {
	c       *Client
	op      string
	orderID string
	dir     string
	o       DownloadOptions
	clock   poll.Clock

	delivery *Delivery
	// trusted says the folder's files belong to this delivery.
	trusted bool

	// The current listing, replaced when a signed path expires.
	lmu   sync.Mutex
	gen   int
	files map[string]File

	// The counters, the progress and the callback, under one lock so that
	// the callback sees a consistent state and is never called twice at
	// once.
	pmu  sync.Mutex
	res  Result
	prog Progress
}

func (d *downloader) run(ctx context.Context) (*Result, error) {
	del, files, err := d.snapshot(ctx, nil)
	if err != nil {
		return nil, err
	}
	d.delivery = del
	d.res.Delivery = del
	d.files = map[string]File{}
	var chosen []File
	for _, f := range files {
		d.files[f.Name] = f
		if d.o.Include == nil || d.o.Include(f) {
			chosen = append(chosen, f)
		}
	}
	for _, f := range chosen {
		d.res.Total += f.Size
	}
	d.res.Files = make([]FileResult, len(chosen))
	d.prog = Progress{Total: d.res.Total, Files: len(chosen)}
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %w", d.op, err)
	}
	if err := d.mark(); err != nil {
		return nil, fmt.Errorf("%s: %w", d.op, err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var errMu sync.Mutex
	var firstErr error
	for range min(d.o.Parallelism, max(len(chosen), 1)) {
		wg.Go(func() {
			for i := range jobs {
				fr, err := d.fetch(ctx, chosen[i])
				d.pmu.Lock()
				d.res.Files[i] = fr
				d.pmu.Unlock()
				if err != nil {
					errMu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					errMu.Unlock()
					cancel()
				}
			}
		})
	}
feed:
	for i := range chosen {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	res := d.res
	if firstErr == nil && ctx.Err() != nil {
		firstErr = fmt.Errorf("%s: %w", d.op, ctx.Err())
	}
	return &res, firstErr
}

// snapshot reads the latest delivery and its listing, checking that the
// delivery can be downloaded and, when was is set, that it is still that
// one.
func (d *downloader) snapshot(ctx context.Context, was *Delivery) (*Delivery, []File, error) {
	del, err := d.c.latest(ctx, d.op, d.orderID)
	if err != nil {
		return nil, nil, err
	}
	if was != nil && del.ID != was.ID {
		return nil, nil, fmt.Errorf("%s: order %s: delivery %s replaced by %s: %w", d.op, d.orderID, was.ID, del.ID, ErrReplaced)
	}
	if del.Status != StatusSucceeded {
		return nil, nil, &StatusError{OrderID: d.orderID, Delivery: del}
	}
	if age := d.clock.Now().Sub(del.Created); age > MaxAge {
		return nil, nil, fmt.Errorf("%s: order %s: delivery %s was created %s, %d days ago: %w",
			d.op, d.orderID, del.ID, del.Created.Format(time.DateTime), int(age/(24*time.Hour)), ErrExpired)
	}
	files, err := d.c.list(ctx, d.op, d.orderID)
	if err != nil {
		return nil, nil, err
	}
	// A delivery started while listing would make the listing another's.
	again, err := d.c.latest(ctx, d.op, d.orderID)
	if err != nil {
		return nil, nil, err
	}
	if again.ID != del.ID {
		return nil, nil, fmt.Errorf("%s: order %s: delivery %s replaced by %s while listing: %w", d.op, d.orderID, del.ID, again.ID, ErrReplaced)
	}
	return del, files, nil
}

// marker is the content of the marker file.
type marker struct {
	Objektidentitet string `json:"objektidentitet"`
	Skapad          string `json:"skapad"`
}

// mark reads the folder's marker (are its files this delivery's?) and
// writes this delivery's.
func (d *downloader) mark() error {
	p := filepath.Join(d.dir, markerName)
	if b, err := os.ReadFile(p); err == nil {
		var m marker
		d.trusted = json.Unmarshal(b, &m) == nil && m.Objektidentitet == d.delivery.ID
	}
	if d.trusted {
		return nil
	}
	b, err := json.Marshal(marker{Objektidentitet: d.delivery.ID, Skapad: d.delivery.Created.Format(time.RFC3339)})
	if err != nil {
		return err
	}
	return writeFileAtomic(p, b)
}

// current returns a file as last listed, with the listing's generation.
func (d *downloader) current(name string) (File, int, bool) {
	d.lmu.Lock()
	defer d.lmu.Unlock()
	f, ok := d.files[name]
	return f, d.gen, ok
}

// relist reads the listing again, unless another file already did since
// generation seen.
func (d *downloader) relist(ctx context.Context, seen int) error {
	d.lmu.Lock()
	defer d.lmu.Unlock()
	if d.gen != seen {
		return nil
	}
	_, files, err := d.snapshot(ctx, d.delivery)
	if err != nil {
		return err
	}
	d.files = map[string]File{}
	for _, f := range files {
		d.files[f.Name] = f
	}
	d.gen++
	d.pmu.Lock()
	d.res.Relists++
	d.pmu.Unlock()
	return nil
}

// add records n more bytes on disk (negative when a part is thrown away)
// and reports progress.
func (d *downloader) add(fr *FileResult, n, received int64, fileDone bool) {
	d.pmu.Lock()
	defer d.pmu.Unlock()
	d.prog.Done += n
	d.res.Received += received
	fr.Received += received
	if fileDone {
		d.prog.FilesDone++
	}
	if d.o.Progress != nil && (n != 0 || fileDone) {
		d.o.Progress(d.prog)
	}
}

// count applies f to the result's and the file's counters.
func (d *downloader) count(f func(r *Result)) {
	d.pmu.Lock()
	defer d.pmu.Unlock()
	f(&d.res)
}

// fetch downloads one file into place.
func (d *downloader) fetch(ctx context.Context, f File) (fr FileResult, err error) {
	final := filepath.Join(d.dir, filepath.FromSlash(f.Name))
	part := final + partSuffix
	fr = FileResult{File: f, Path: final}
	defer func() {
		if err != nil {
			err = fmt.Errorf("%s: %s: %w", d.op, f.Name, err)
		}
	}()
	if d.trusted && f.Size > 0 {
		if st, err := os.Stat(final); err == nil && st.Mode().IsRegular() && st.Size() == f.Size {
			fr.Skipped = true
			d.count(func(r *Result) { r.Skipped++ })
			d.add(&fr, f.Size, 0, true)
			return fr, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fr, err
	}
	pf, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fr, err
	}
	defer func() {
		if pf != nil {
			pf.Close()
		}
	}()
	st, err := pf.Stat()
	if err != nil {
		return fr, err
	}
	have := st.Size()
	if !d.trusted || have > f.Size {
		// Another delivery's bytes, or more than the file holds.
		if err := pf.Truncate(0); err != nil {
			return fr, err
		}
		if have > 0 && d.trusted {
			fr.Restarts++
			d.count(func(r *Result) { r.Restarts++ })
		}
		have = 0
	}
	d.add(&fr, have, 0, false)

	t := &transfer{d: d, fr: &fr, pf: pf, have: have}
	if err := t.run(ctx, f.Name); err != nil {
		return fr, err
	}
	fr.File = t.file
	if err := pf.Sync(); err != nil {
		return fr, err
	}
	if err := pf.Close(); err != nil {
		pf = nil
		return fr, err
	}
	pf = nil
	if err := os.Rename(part, final); err != nil {
		return fr, err
	}
	d.add(&fr, 0, 0, true)
	return fr, nil
}

// transfer moves one file's bytes into its .part file, across as many
// requests as it takes.
type transfer struct {
	d    *downloader
	fr   *FileResult
	pf   *os.File
	have int64
	file File
	// validator is the file's ETag or Last-Modified from an earlier answer,
	// sent as If-Range so that a changed file comes whole, not spliced.
	validator string
}

func (t *transfer) run(ctx context.Context, name string) error {
	d := t.d
	stalls, stale := 0, 0
	for {
		f, gen, ok := d.current(name)
		if !ok {
			return fmt.Errorf("no longer in the delivery's listing: %w", ErrReplaced)
		}
		t.file = f
		if f.Size > 0 && t.have == f.Size {
			return nil
		}
		n, done, err := t.attempt(ctx, f)
		if n > 0 {
			stalls, stale = 0, 0
		}
		switch {
		case done:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, errStale):
			// The signed path expired: list again. A few times in a row
			// without a byte between is no longer expiry but a real 403
			// or 404, which ends the download.
			if stale++; stale > maxStale {
				return err
			}
			if err := d.relist(ctx, gen); err != nil {
				return err
			}
			continue
		case errors.Is(err, errRetry):
			if n > 0 {
				continue
			}
			if stalls++; stalls >= d.o.MaxStalls {
				return fmt.Errorf("%d attempts in a row brought nothing: %w", stalls, err)
			}
			if err := poll.Sleep(ctx, d.clock, poll.Backoff(stalls, defaultStallWait, maxStallWait)); err != nil {
				return err
			}
		case err != nil:
			return err
		}
	}
}

// Errors that tell run what to do after an attempt.
var (
	errStale = errors.New("signed path expired")
	errRetry = errors.New("transfer broken off")
)

// attempt sends one request for the rest of the file and writes what
// arrives. It reports the bytes written and whether the file is complete;
// an error wrapping errStale or errRetry asks for another attempt.
func (t *transfer) attempt(ctx context.Context, f File) (n int64, done bool, err error) {
	d := t.d
	req, err := d.c.t.NewRequest(ctx, &transport.Op{Name: d.op, Method: http.MethodGet, Base: Base,
		Path: transport.Path(d.orderID) + f.Path})
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Accept", "*/*")
	if t.have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(t.have, 10)+"-")
		if t.validator != "" {
			req.Header.Set("If-Range", t.validator)
		}
	}
	resp, err := d.c.t.Client().Stream(req)
	if err != nil {
		var be *bal.Error
		switch {
		case errors.Is(err, bal.ErrForbidden), errors.Is(err, bal.ErrNotFound):
			return 0, false, fmt.Errorf("%w: %w", errStale, err)
		case errors.As(err, &be) && be.StatusCode == http.StatusRequestedRangeNotSatisfiable:
			// The part is not a prefix the server can continue.
			return 0, false, t.restart(fmt.Errorf("%w: %w", errRetry, err))
		case errors.Is(err, bal.ErrUnavailable):
			return 0, false, fmt.Errorf("%w: %w", errRetry, err)
		}
		return 0, false, err
	}
	defer resp.Body.Close()
	if v := resp.Header.Get("ETag"); v != "" && !strings.HasPrefix(v, "W/") {
		t.validator = v
	} else if v := resp.Header.Get("Last-Modified"); v != "" {
		t.validator = v
	}
	switch resp.StatusCode {
	case http.StatusPartialContent:
		start, total, err := parseContentRange(resp.Header.Get("Content-Range"))
		if err != nil || start != t.have || total != f.Size {
			return 0, false, invalid(d.op, fmt.Errorf("asked for bytes %d- of %d, got Content-Range %q", t.have, f.Size, resp.Header.Get("Content-Range")))
		}
		if t.have > 0 {
			t.fr.Resumes++
			d.count(func(r *Result) { r.Resumes++ })
		}
	case http.StatusOK:
		if t.have > 0 {
			// The server ignored Range (or If-Range found the file
			// changed): start over, never append.
			if err := t.restart(nil); err != nil {
				return 0, false, err
			}
		}
		if resp.ContentLength >= 0 && resp.ContentLength != f.Size {
			return 0, false, invalid(d.op, fmt.Errorf("the answer holds %d bytes, the listing says %d", resp.ContentLength, f.Size))
		}
	default:
		return 0, false, invalid(d.op, fmt.Errorf("unexpected status %d for a file", resp.StatusCode))
	}
	if _, err := t.pf.Seek(t.have, io.SeekStart); err != nil {
		return 0, false, err
	}
	w := &progressWriter{t: t}
	_, err = io.Copy(w, io.LimitReader(resp.Body, f.Size-t.have+1))
	n = w.n
	switch {
	case err != nil && ctx.Err() != nil:
		return n, false, ctx.Err()
	case err != nil && w.writeErr != nil:
		return n, false, w.writeErr
	case err != nil:
		t.fr.Interruptions++
		d.count(func(r *Result) { r.Interruptions++ })
		return n, false, fmt.Errorf("%w after %d bytes: %w", errRetry, n, err)
	case t.have != f.Size:
		return n, false, invalid(d.op, fmt.Errorf("the answer ended at byte %d, the listing says %d", t.have, f.Size))
	}
	return n, true, nil
}

// restart throws the part away; err is returned for the caller to pass on.
func (t *transfer) restart(err error) error {
	if t.have == 0 {
		return err
	}
	if terr := t.pf.Truncate(0); terr != nil {
		return terr
	}
	t.d.add(t.fr, -t.have, 0, false)
	t.have = 0
	t.fr.Restarts++
	t.d.count(func(r *Result) { r.Restarts++ })
	return err
}

// progressWriter writes to the part file and reports each write.
type progressWriter struct {
	t        *transfer
	n        int64
	writeErr error
}

func (w *progressWriter) Write(p []byte) (int, error) {
	n, err := w.t.pf.Write(p)
	w.n += int64(n)
	w.t.have += int64(n)
	w.t.d.add(w.t.fr, int64(n), int64(n), false)
	if err != nil {
		w.writeErr = err
	}
	return n, err
}

// parseContentRange reads "bytes start-end/total".
func parseContentRange(v string) (start, total int64, err error) {
	rest, ok := strings.CutPrefix(v, "bytes ")
	if !ok {
		return 0, 0, errors.New("not a byte range")
	}
	rng, tot, ok := strings.Cut(rest, "/")
	if !ok {
		return 0, 0, errors.New("no total")
	}
	s, e, ok := strings.Cut(rng, "-")
	if !ok {
		return 0, 0, errors.New("no range")
	}
	start, err1 := strconv.ParseInt(s, 10, 64)
	end, err2 := strconv.ParseInt(e, 10, 64)
	total, err3 := strconv.ParseInt(tot, 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return 0, 0, err
	}
	if start < 0 || end < start || end >= total {
		return 0, 0, errors.New("range outside the file")
	}
	if end != total-1 {
		return 0, 0, errors.New("range does not reach the end of the file")
	}
	return start, total, nil
}

// invalid is an answer the download cannot use.
func invalid(op string, err error) error { return transport.Invalid(op, nil, err) }

// writeFileAtomic writes b to p through a temporary file and a rename, so
// that p is never half written.
func writeFileAtomic(p string, b []byte) error {
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
