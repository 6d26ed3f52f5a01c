package ngp

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"sync"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/poll"
)

// Object is one domain object to publish: a leverans with its body, a
// leverans the producer serves itself (Href), or a radering (Delete).
type Object struct {
	// ID is the domain object's objektidentitet.
	ID bal.ObjectID
	// Media is the body's media type, e.g. MediaByggnadV1.
	Media MediaType
	// Body is the domain object.
	Body []byte
	// Href, when set, registers an eftersändning instead of uploading Body.
	Href string
	// Delete registers a radering: the object is removed from the catalogue.
	Delete bool
}

// PublishOptions tunes Publish. A nil *PublishOptions takes the defaults.
type PublishOptions struct {
	// Concurrency bounds the uploads in flight; 0 means 4.
	Concurrency int
	// BatchSize is how many changes one registration carries; 0 means 100.
	BatchSize int
	// PollInterval is the wait between status reads; 0 means 5 s.
	PollInterval time.Duration
	// Wait waits d or until ctx ends; nil sleeps. Tests that drive a fake
	// whose statuses follow its own clock advance that clock here.
	Wait func(ctx context.Context, d time.Duration) error
	// Store keeps the publication's state, so that an interrupted
	// publication continues where it stopped; nil keeps it in memory only.
	Store StateStore
	// Progress, when set, is called after each step with the counts so far,
	// from one goroutine at a time.
	Progress func(Progress)
	// Fix is called for each change in valideringsfel with its report; the
	// object it returns is uploaded again in the same mottagning. Nil, or a
	// nil object, leaves the change as it is and Publish returns the
	// reports.
	Fix func(ctx context.Context, id bal.ObjectID, report *Report) (*Object, error)
	// FixRounds bounds how many times Fix is asked about one delivery; 0
	// means 3.
	FixRounds int
	// Attempts bounds the tries of one step through transient failures
	// (each try is itself retried by the bal client's policy where safe);
	// 0 means 10.
	Attempts int
}

func (o *PublishOptions) withDefaults() PublishOptions {
	var out PublishOptions
	if o != nil {
		out = *o
	}
	if out.Concurrency <= 0 {
		out.Concurrency = 4
	}
	if out.BatchSize <= 0 {
		out.BatchSize = 100
	}
	if out.PollInterval <= 0 {
		out.PollInterval = 5 * time.Second
	}
	if out.Wait == nil {
		out.Wait = func(ctx context.Context, d time.Duration) error { return poll.Sleep(ctx, poll.Wall, d) }
	}
	if out.Store == nil {
		out.Store = &memoryStore{}
	}
	if out.FixRounds <= 0 {
		out.FixRounds = 3
	}
	if out.Attempts <= 0 {
		out.Attempts = 10
	}
	return out
}

// Progress reports how far a publication has come.
type Progress struct {
	// ReceptionID is the mottagningsid.
	ReceptionID string
	// Objects counts the objects seen so far.
	Objects int
	// Registered and Uploaded count the changes registered and the objects
	// delivered (uploaded, or needing no upload).
	Registered, Uploaded int
	// Status is the mottagning's last aggregate status read.
	Status StatusType
}

// PublishResult is what Publish achieved.
type PublishResult struct {
	// ReceptionID is the mottagningsid.
	ReceptionID string
	// Status is the mottagning's final aggregate status.
	Status StatusType
	// Objects counts the objects of the publication.
	Objects int
	// Invalid holds the reports of the changes left in valideringsfel.
	Invalid map[bal.ObjectID]*Report
}

// ErrNotPublished is returned (wrapped) by Publish when the mottagning ended
// in valideringsfel or fel; the result says which changes and why.
var ErrNotPublished = errors.New("ngp: delivery not published")

// Publish runs the whole publishing flow for objects: it registers a
// mottagning for info (or continues the one in opts.Store), registers the
// changes in batches, uploads the objects with bounded concurrency, watches
// the aggregate status until publicerad, and on valideringsfel reads each
// failing change's report, asks opts.Fix for a corrected object and uploads
// it again in the same mottagning.
//
// The API has no idempotency keys. After a broken connection or a failed
// answer Publish reads back the mottagning's changes and continues from what
// the server has: a change is never registered twice, and an object whose
// upload arrived (its change left registrerad) is never uploaded again. An
// interrupted publication started again with the same store and the same
// objects continues; objects are matched by ID.
func (d *Deliveries) Publish(ctx context.Context, info DeliveryInfo, objects iter.Seq2[Object, error], opts *PublishOptions) (*PublishResult, error) {
	const op = "ngp.Publish"
	if err := checkInfo(op, info); err != nil {
		return nil, err
	}
	p := &publication{d: d, o: opts.withDefaults()}
	st, err := p.o.Store.Load(ctx)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: load state: %w", op, err)
	}
	if st == nil || st.ReceptionID == "" {
		st = &State{Info: info, Objects: map[bal.ObjectID]*ObjectState{}}
	} else if st.Info != info {
		return nil, fmt.Errorf("bal: %s: the saved state is for %s/%s, not %s/%s", op,
			st.Info.InformationType, st.Info.Provider, info.InformationType, info.Provider)
	}
	if st.Objects == nil {
		st.Objects = map[bal.ObjectID]*ObjectState{}
	}
	p.st = st
	if err := p.start(ctx); err != nil {
		return nil, err
	}
	batch := make([]Object, 0, p.o.BatchSize)
	for obj, err := range objects {
		if err != nil {
			return p.result(), fmt.Errorf("bal: %s: objects: %w", op, err)
		}
		batch = append(batch, obj)
		if len(batch) == p.o.BatchSize {
			if err := p.deliver(ctx, batch); err != nil {
				return p.result(), err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if err := p.deliver(ctx, batch); err != nil {
			return p.result(), err
		}
	}
	return p.watch(ctx)
}

// publication is one run of Publish.
type publication struct {
	d  *Deliveries
	o  PublishOptions
	mu sync.Mutex // guards st and the counters
	st *State

	seen, registered, uploaded int
	status                     StatusType
}

func (p *publication) result() *PublishResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	return &PublishResult{ReceptionID: p.st.ReceptionID, Status: p.status, Objects: len(p.st.Objects)}
}

func (p *publication) progress() {
	if p.o.Progress == nil {
		return
	}
	p.mu.Lock()
	pr := Progress{ReceptionID: p.st.ReceptionID, Objects: p.seen, Registered: p.registered, Uploaded: p.uploaded, Status: p.status}
	p.mu.Unlock()
	p.o.Progress(pr)
}

func (p *publication) save(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.o.Store.Save(ctx, p.st); err != nil {
		return fmt.Errorf("bal: ngp.Publish: save state: %w", err)
	}
	return nil
}

// transient reports whether err may go away: no answer, a truncated or
// unreadable one, throttling or an unavailable service.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	return errors.Is(err, bal.ErrUnavailable) || errors.Is(err, bal.ErrRateLimited) || errors.Is(err, bal.ErrInvalidResponse)
}

// try runs f until it succeeds, fails for good, or the attempts run out.
func (p *publication) try(ctx context.Context, f func() error) error {
	var err error
	for i := range p.o.Attempts {
		if err = f(); err == nil || !transient(err) {
			return err
		}
		if i+1 < p.o.Attempts {
			if werr := p.o.Wait(ctx, time.Duration(i+1)*100*time.Millisecond); werr != nil {
				return werr
			}
		}
	}
	return err
}

// start registers the mottagning, or reads back the saved one's changes.
func (p *publication) start(ctx context.Context) error {
	if p.st.ReceptionID == "" {
		// Each failed try may leave an empty mottagning behind; the API
		// cannot list them, and an empty one is harmless.
		var r *Reception
		if err := p.try(ctx, func() (err error) { r, err = p.d.Register(ctx, p.st.Info); return err }); err != nil {
			return err
		}
		p.st.ReceptionID = r.ID
		p.status = r.Status.Type
		if err := p.save(ctx); err != nil {
			return err
		}
		p.progress()
		return nil
	}
	return p.reconcile(ctx)
}

// reconcile reads the mottagning's changes and records what the server has:
// registered changes, and uploads that arrived (a leverans past
// registrerad).
func (p *publication) reconcile(ctx context.Context) error {
	var cs []Change
	if err := p.try(ctx, func() (err error) { cs, err = p.d.Changes(ctx, p.st.ReceptionID); return err }); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		os := p.st.Objects[c.ObjectID]
		if os == nil {
			os = &ObjectState{Delete: c.Type == ChangeDeletion, Href: c.Href}
			p.st.Objects[c.ObjectID] = os
		}
		if !os.Registered {
			os.Registered = true
		}
		// A change past registrerad has its object (valideringsfel too: it
		// was delivered, and a fix round decides about another upload).
		if c.Type == ChangeDeletion || c.Href != "" || c.Status.Type != StatusRegistered {
			os.Uploaded = true
		}
	}
	p.registered, p.uploaded = 0, 0
	for _, os := range p.st.Objects {
		if os.Registered {
			p.registered++
		}
		if os.Uploaded {
			p.uploaded++
		}
	}
	return nil
}

// deliver registers and uploads one batch.
func (p *publication) deliver(ctx context.Context, batch []Object) error {
	p.mu.Lock()
	var todo []NewChange
	for _, obj := range batch {
		p.seen++
		os := p.st.Objects[obj.ID]
		if os == nil {
			os = &ObjectState{Delete: obj.Delete, Href: obj.Href}
			p.st.Objects[obj.ID] = os
		}
		if !os.Registered {
			typ := ChangeDelivery
			if obj.Delete {
				typ = ChangeDeletion
			}
			todo = append(todo, NewChange{ObjectID: obj.ID, Type: typ, Href: obj.Href})
		}
	}
	p.mu.Unlock()
	if err := p.register(ctx, todo); err != nil {
		return err
	}
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, p.o.Concurrency)
		errc = make(chan error, len(batch))
	)
	for _, obj := range batch {
		p.mu.Lock()
		os := p.st.Objects[obj.ID]
		need := !os.Uploaded && !obj.Delete && obj.Href == ""
		if !need && !os.Uploaded {
			os.Uploaded = true
			p.uploaded++
		}
		p.mu.Unlock()
		if !need {
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func(obj Object) {
			defer wg.Done()
			defer func() { <-sem }()
			if err := p.upload(ctx, obj, time.Time{}); err != nil {
				errc <- err
			}
		}(obj)
	}
	wg.Wait()
	close(errc)
	serr := p.save(ctx)
	p.progress()
	if err := <-errc; err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("bal: ngp.Publish: %w", ctx.Err())
	}
	return serr
}

// register registers changes; after a failure it reads back what the server
// registered and registers only the rest.
func (p *publication) register(ctx context.Context, todo []NewChange) error {
	for i := 0; len(todo) > 0; i++ {
		_, err := p.d.RegisterChanges(ctx, p.st.ReceptionID, todo)
		if err == nil {
			p.mu.Lock()
			for _, c := range todo {
				p.st.Objects[c.ObjectID].Registered = true
				p.registered++
			}
			p.mu.Unlock()
			break
		}
		if !transient(err) || i+1 >= p.o.Attempts {
			return err
		}
		if err := p.reconcile(ctx); err != nil {
			return err
		}
		p.mu.Lock()
		rest := todo[:0:0]
		for _, c := range todo {
			if !p.st.Objects[c.ObjectID].Registered {
				rest = append(rest, c)
			}
		}
		p.mu.Unlock()
		todo = rest
		if err := p.o.Wait(ctx, time.Duration(i+1)*100*time.Millisecond); err != nil {
			return err
		}
	}
	if err := p.save(ctx); err != nil {
		return err
	}
	p.progress()
	return nil
}

// upload delivers one object; after a failure it reads the change back and
// uploads again only if the object did not arrive. before is the change's
// status time before a fix upload (zero for the first upload).
func (p *publication) upload(ctx context.Context, obj Object, before time.Time) error {
	for i := 0; ; i++ {
		r, err := p.d.Upload(ctx, p.st.ReceptionID, obj.ID, obj.Media, obj.Body)
		if err == nil {
			p.mu.Lock()
			os := p.st.Objects[obj.ID]
			if !os.Uploaded {
				p.uploaded++
			}
			os.Uploaded, os.ReportURL = true, r.ReportURL
			p.mu.Unlock()
			return nil
		}
		if !transient(err) || i+1 >= p.o.Attempts {
			return fmt.Errorf("bal: ngp.Publish: object %s: %w", obj.ID, err)
		}
		var c *Change
		if err := p.try(ctx, func() (err error) { c, err = p.d.Change(ctx, p.st.ReceptionID, obj.ID); return err }); err != nil {
			return err
		}
		// The object arrived if its change left registrerad; for a fix, if
		// its status changed after the one the fix answered.
		if c.Status.Type != StatusRegistered && (before.IsZero() || c.Status.Time.After(before)) {
			p.mu.Lock()
			if os := p.st.Objects[obj.ID]; !os.Uploaded {
				os.Uploaded = true
				p.uploaded++
			}
			p.mu.Unlock()
			return nil
		}
		if err := p.o.Wait(ctx, time.Duration(i+1)*100*time.Millisecond); err != nil {
			return err
		}
	}
}

// watch polls the aggregate status until publicerad, fixing and uploading
// again on valideringsfel.
func (p *publication) watch(ctx context.Context) (*PublishResult, error) {
	const op = "ngp.Publish"
	rounds := 0
	for {
		var r *Reception
		if err := p.try(ctx, func() (err error) { r, err = p.d.Get(ctx, p.st.ReceptionID); return err }); err != nil {
			return p.result(), err
		}
		p.mu.Lock()
		p.status = r.Status.Type
		p.mu.Unlock()
		p.progress()
		switch r.Status.Type {
		case StatusPublished:
			return p.result(), nil
		case StatusFailed:
			res := p.result()
			return res, fmt.Errorf("bal: %s: mottagning %s: fel: %s: %w", op, r.ID, r.Status.Message, ErrNotPublished)
		case StatusInvalid:
			invalid, err := p.invalid(ctx)
			if err != nil {
				return p.result(), err
			}
			if p.o.Fix == nil || rounds >= p.o.FixRounds {
				res := p.result()
				res.Invalid = invalid
				return res, fmt.Errorf("bal: %s: mottagning %s: %d changes in valideringsfel: %w", op, r.ID, len(invalid), ErrNotPublished)
			}
			rounds++
			fixed := 0
			for id, rep := range invalid {
				obj, err := p.o.Fix(ctx, id, rep)
				if err != nil {
					return p.result(), fmt.Errorf("bal: %s: fix %s: %w", op, id, err)
				}
				if obj == nil {
					continue
				}
				obj.ID = id
				before := rep.Time
				if c, err := p.d.Change(ctx, p.st.ReceptionID, id); err == nil {
					before = c.Status.Time
				}
				if err := p.upload(ctx, *obj, before); err != nil {
					return p.result(), err
				}
				fixed++
			}
			if err := p.save(ctx); err != nil {
				return p.result(), err
			}
			if fixed == 0 {
				res := p.result()
				res.Invalid = invalid
				return res, fmt.Errorf("bal: %s: mottagning %s: %d changes in valideringsfel, none fixed: %w", op, r.ID, len(invalid), ErrNotPublished)
			}
			continue
		}
		if err := p.o.Wait(ctx, p.o.PollInterval); err != nil {
			return p.result(), fmt.Errorf("bal: %s: %w", op, err)
		}
	}
}

// invalid reads the changes in valideringsfel and their reports.
func (p *publication) invalid(ctx context.Context) (map[bal.ObjectID]*Report, error) {
	var cs []Change
	if err := p.try(ctx, func() (err error) { cs, err = p.d.Changes(ctx, p.st.ReceptionID); return err }); err != nil {
		return nil, err
	}
	out := map[bal.ObjectID]*Report{}
	for _, c := range cs {
		if c.Status.Type != StatusInvalid {
			continue
		}
		var rep *Report
		err := p.try(ctx, func() (err error) {
			rep, err = p.d.ChangeReport(ctx, p.st.ReceptionID, c.ObjectID)
			if errors.Is(err, ErrReportNotReady) {
				if werr := p.o.Wait(ctx, p.o.PollInterval); werr != nil {
					return werr
				}
				return &bal.Error{Operation: "ngp.ChangeReport", StatusCode: http.StatusServiceUnavailable, Err: err}
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		out[c.ObjectID] = rep
	}
	return out, nil
}
