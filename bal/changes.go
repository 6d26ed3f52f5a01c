package bal

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// MaxChangesPageSize is the most förändringar one page of the change feed
// may hold (the binding's max ≤ 1000). It is also the default page size:
// fewer, larger pages mean fewer billed calls.
const MaxChangesPageSize = 1000

// ChangesOptions selects which förändringar the change feed returns and how
// it is read. The zero value (or nil) reads every change of every object
// type, in pages of MaxChangesPageSize, up to the current end of the feed.
type ChangesOptions struct {
	// Types limits the feed to these objekttyper (the seven updatable
	// types, see ObjectType.Updatable); empty means all of them.
	Types []ObjectType
	// Municipality limits the feed to objects of one kommun (kommunkod);
	// empty means every municipality the credentials may see.
	Municipality MunicipalityCode
	// PageSize is how many changes one request asks for (max), 1 to
	// MaxChangesPageSize; 0 means MaxChangesPageSize.
	PageSize int
	// Poll, when positive, keeps the sequence going after it has reached
	// the current end of the feed: it asks again every Poll until new
	// changes arrive, and ends only when the loop breaks, an error occurs
	// or the context ends. Zero (the default) ends the sequence at the
	// current end, which is a "catch up" call; a follower then calls again
	// later with the last checkpoint it saved.
	Poll time.Duration
	// WithObjects asks the feed to carry each changed object's current
	// version in full (objekt=med, Change.Body), so that a follower needs one
	// request per page instead of one read per change. Retirements carry
	// no object.
	WithObjects bool
}

// validate checks o before anything is sent.
func (o *ChangesOptions) validate() error {
	v := &ValidationError{Object: "bal.ChangesOptions"}
	for i, t := range o.Types {
		if !t.Updatable() {
			v.addf(fieldpath.Index("Types", i), RuleCodeList, "%q is not an object type of the change feed", truncate(string(t), 40))
		}
	}
	if o.Municipality != "" {
		if err := o.Municipality.Validate(); err != nil {
			v.add("Municipality", RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
		}
	}
	if o.PageSize < 0 || o.PageSize > MaxChangesPageSize {
		v.addf("PageSize", RuleRange, "page size %d is outside 1–%d (0 means %d)", o.PageSize, MaxChangesPageSize, MaxChangesPageSize)
	}
	if o.Poll < 0 {
		v.add("Poll", RuleRange, "poll interval is negative")
	}
	return v.err()
}

// query returns the feed's fixed query parameters: everything but fran.
func (o *ChangesOptions) query() url.Values {
	q := url.Values{}
	size := o.PageSize
	if size == 0 {
		size = MaxChangesPageSize
	}
	q.Set("max", strconv.Itoa(size))
	if len(o.Types) > 0 {
		names := make([]string, len(o.Types))
		for i, t := range o.Types {
			names[i] = string(t)
		}
		q.Set("objekttyp", strings.Join(names, ","))
	}
	if o.Municipality != "" {
		q.Set("kommunkod", string(o.Municipality))
	}
	if o.WithObjects {
		q.Set("objekt", "med")
	}
	return q
}

// ResyncError is the change feed's answer to a checkpoint it cannot continue
// from (HTTP 410, fault BAL-0410-GAP): one older than it keeps, whose later
// changes are partly gone, or one ahead of the feed, which a server that
// lost its history gives; either way the follower's copy can no longer be
// brought up to date from the feed. Rebuild the copy from a full read (an
// extract, or a search of every object) and follow again from a checkpoint
// taken before that read began (see Client.LatestCheckpoint). It matches
// ErrResync.
type ResyncError struct {
	// Err is the server's answer.
	Err *Error
	// Checkpoint is the checkpoint the feed refused.
	Checkpoint Checkpoint
}

// Error names the refused checkpoint and what to do. The server's message
// says why: a checkpoint older than the feed keeps, or one ahead of the
// feed (a server that was reset).
func (e *ResyncError) Error() string {
	return e.Err.Error() + " (the change feed cannot continue from checkpoint " +
		strconv.Quote(truncate(string(e.Checkpoint), 40)) + ": resynchronise from a base extract; extract.Resync does it as bal.FollowOptions.Resync)"
}

// Unwrap returns the *Error.
func (e *ResyncError) Unwrap() error { return e.Err }

// Is reports ErrResync.
func (e *ResyncError) Is(target error) bool { return target == ErrResync }

// Changes reads Lantmäteriet's change feed (förändringar) from the position
// from (the zero Checkpoint is the oldest change the server still keeps),
// across all object types or those opts selects. Pages are fetched lazily as
// the loop reaches them. By default the sequence ends when the server has no
// newer change, so one range over it is a catch-up; to follow the feed
// continuously, either call Changes again later from the last checkpoint you
// saved, or set ChangesOptions.Poll. Client.Follow does the loading and
// saving of checkpoints for you.
//
// Each Change carries the Checkpoint to persist once that change has been
// applied on your side: resuming from it yields exactly the changes after
// it, so a follower may save after every change, or after every hundred, and
// never loses one. A follower that crashes between applying a change and
// saving its checkpoint sees that change again, so apply changes
// idempotently (an object's objektversion only goes up: ignore a change whose
// version you already have).
//
// The sequence stops after yielding the first error: a *ResyncError (which
// matches ErrResync) when from is older than the feed keeps, a
// *ValidationError for bad options (before anything is sent), the
// context's error, or any error of Client.Do. An answer whose sequence
// numbers do not strictly increase is ErrInvalidResponse, since following it
// could skip or repeat changes.
func (c *Client) Changes(ctx context.Context, from Checkpoint, opts *ChangesOptions) iter.Seq2[Change, error] {
	return func(yield func(Change, error) bool) {
		for page, err := range c.changePages(ctx, from, opts) {
			if err != nil {
				yield(Change{}, err)
				return
			}
			for _, ch := range page {
				if !yield(ch, nil) {
					return
				}
			}
		}
	}
}

// LatestCheckpoint returns the checkpoint of the newest change in the feed
// (GET /forandringar/senaste), without reading the feed: Changes from it
// yields exactly the changes made after this call, whatever object types or
// municipality they are limited to. Before the first change the server
// answers a checkpoint from which the whole feed follows. A
// resynchronisation takes it before reading every object afresh and
// follows from it afterwards: changes made during the read are then seen
// again, which an idempotent follower shrugs off, and none is missed.
func (c *Client) LatestCheckpoint(ctx context.Context) (Checkpoint, error) {
	const op = "bal.LatestCheckpoint"
	u := c.env.BaseURL() + c.env.UpdatePath() + "/forandringar/senaste"
	info := &callctx.Info{Operation: op, Retryable: true}
	req, err := http.NewRequestWithContext(callctx.With(WithService(ctx, ServiceUpdate), info), http.MethodGet, u, nil)
	if err != nil {
		return "", fmt.Errorf("bal: %s: %w", op, err)
	}
	req.Header.Set("Accept", "application/xml")
	var pos feedPosition
	res, err := c.Do(req, &pos)
	if err != nil {
		return "", err
	}
	cp := Checkpoint(strings.TrimSpace(pos.Fortsattning))
	if err := checkCheckpoint(cp); err != nil || cp.IsZero() {
		if err == nil {
			err = errors.New("no fortsattning")
		}
		return "", c.scrub(&Error{
			Operation: op, Method: req.Method, Path: req.URL.Path,
			StatusCode: res.StatusCode, RequestID: res.RequestID, Attempts: res.Attempts,
			Message: "newest change: " + err.Error(), Err: ErrInvalidResponse,
		})
	}
	return cp, nil
}

// feedPosition is GET /forandringar/senaste's answer, checked to be a
// <Forandringsposition> in the binding's namespace.
type feedPosition struct{ update1.Forandringsposition }

// UnmarshalXML refuses any other root element.
func (p *feedPosition) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if start.Name.Local != "Forandringsposition" || start.Name.Space != update1.Namespace {
		return fmt.Errorf("root is <%s>, want <Forandringsposition>", truncate(start.Name.Local, 40))
	}
	return d.DecodeElement(&p.Forandringsposition, &start)
}

// changePages is the change feed page by page; pages are never empty. It
// is what Changes flattens and what Follow saves checkpoints at.
func (c *Client) changePages(ctx context.Context, from Checkpoint, opts *ChangesOptions) iter.Seq2[[]Change, error] {
	return func(yield func([]Change, error) bool) {
		var o ChangesOptions
		if opts != nil {
			o = *opts
		}
		if err := o.validate(); err != nil {
			yield(nil, err)
			return
		}
		q := o.query()
		pos := from
		var timer *time.Timer
		// The next page is fetched while the caller handles this one, so
		// that reading the feed and applying it overlap; pending is that
		// fetch, always waited for before returning.
		type fetched struct {
			page []Change
			next Checkpoint
			err  error
		}
		var pending chan fetched
		stopPending := func() {}
		defer func() {
			if timer != nil {
				timer.Stop()
			}
			stopPending()
			if pending != nil {
				<-pending
			}
		}()
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, fmt.Errorf("bal: changes: %w", err))
				return
			}
			var f fetched
			if pending != nil {
				f, pending = <-pending, nil
				stopPending()
				stopPending = func() {}
			} else {
				f.page, f.next, f.err = c.changesPage(ctx, pos, q)
			}
			page, next, err := f.page, f.next, f.err
			if err != nil {
				yield(nil, err)
				return
			}
			if len(page) == 0 {
				if o.Poll == 0 {
					return
				}
				// Caught up: wait for the server to have news, without
				// sleeping past the context.
				if timer == nil {
					timer = time.NewTimer(o.Poll)
				} else {
					timer.Reset(o.Poll)
				}
				select {
				case <-timer.C:
				case <-ctx.Done():
					yield(nil, fmt.Errorf("bal: changes: %w", ctx.Err()))
					return
				}
				continue
			}
			pctx, cancel := context.WithCancel(ctx)
			ch := make(chan fetched, 1)
			go func(pos Checkpoint) {
				var f fetched
				f.page, f.next, f.err = c.changesPage(pctx, pos, q)
				ch <- f
			}(next)
			pending, stopPending = ch, cancel
			if !yield(page, nil) {
				return
			}
			pos = next
		}
	}
}

// feedPage is one page of the feed as the binding writes it, checked to be a
// <Forandringar> document in the binding's namespace.
type feedPage struct{ update1.Forandringar }

// UnmarshalXML refuses any other root element: a 200 answer that is not the
// feed must not read as an empty page, which would end the catch-up early.
func (p *feedPage) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if start.Name.Local != "Forandringar" || start.Name.Space != update1.Namespace {
		return fmt.Errorf("root is <%s>, want <Forandringar>", truncate(start.Name.Local, 40))
	}
	return d.DecodeElement(&p.Forandringar, &start)
}

// changesPage fetches the page after pos and returns its changes, each with
// the checkpoint to resume after it, and the position of the next page.
func (c *Client) changesPage(ctx context.Context, pos Checkpoint, q url.Values) ([]Change, Checkpoint, error) {
	if !pos.IsZero() {
		q = maps.Clone(q)
		q.Set("fran", string(pos))
	}
	u := c.env.BaseURL() + c.env.UpdatePath() + "/forandringar?" + q.Encode()
	info := &callctx.Info{Operation: "bal.Changes", Retryable: true}
	req, err := http.NewRequestWithContext(callctx.With(WithService(ctx, ServiceUpdate), info), http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("bal: changes: %w", err)
	}
	req.Header.Set("Accept", "application/xml")
	var page feedPage
	res, err := c.Do(req, &page)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.StatusCode == http.StatusGone {
			return nil, "", &ResyncError{Err: e, Checkpoint: pos}
		}
		return nil, "", err
	}
	changes, next, err := decodeFeedPage(&page.Forandringar, pos)
	if err != nil {
		return nil, "", c.scrub(&Error{
			Operation: info.Operation, Method: req.Method, Path: req.URL.Path,
			StatusCode: res.StatusCode, RequestID: res.RequestID, Attempts: res.Attempts,
			Message: err.Error(), Err: ErrInvalidResponse,
		})
	}
	return changes, next, nil
}

// decodeFeedPage maps a page asked for after pos, checking what the
// checkpoints rely on: sequence numbers that strictly increase, starting
// after pos when pos is a sequence number, and a continuation that does not
// lead back.
//
// The checkpoint of each change is its sekvensnummer: the binding's
// continuation (fortsattning) is the last sekvensnummer of a page and fran
// answers the changes after it, so a sekvensnummer is a valid position
// anywhere in a page, not only at its end. That lets a follower save after
// any change instead of re-processing up to a whole page after a crash.
func decodeFeedPage(p *update1.Forandringar, pos Checkpoint) ([]Change, Checkpoint, error) {
	if len(p.Forandring) == 0 {
		return nil, pos, nil
	}
	prev, bounded := int64(0), false
	if n, err := strconv.ParseInt(string(pos), 10, 64); err == nil {
		prev, bounded = n, true
	}
	changes := make([]Change, len(p.Forandring))
	for i, f := range p.Forandring {
		at := "change " + strconv.Itoa(i+1) + " (sekvensnummer " + strconv.FormatInt(f.Sekvensnummer, 10) + ")"
		switch {
		case i == 0 && bounded && f.Sekvensnummer <= prev:
			return nil, "", fmt.Errorf("%s: not after the checkpoint asked from, %d", at, prev)
		case i > 0 && f.Sekvensnummer <= prev:
			return nil, "", fmt.Errorf("%s: sequence numbers do not strictly increase", at)
		}
		prev = f.Sekvensnummer
		id, err := ParseObjectID(strings.TrimSpace(f.Objektidentitet))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", at, err)
		}
		if f.Objektversion < 1 {
			return nil, "", fmt.Errorf("%s: objektversion %d", at, f.Objektversion)
		}
		when, err := f.Tidpunkt.Time()
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", at, err)
		}
		var body *ObjectBody
		if f.Objekt != nil {
			o, err := f.Objekt.Object()
			if err != nil {
				return nil, "", fmt.Errorf("%s: objekt: %w", at, err)
			}
			if ObjectType(o.Type()) != objectTypes.Parse(string(f.Objekttyp)) || !strings.EqualFold(strings.TrimSpace(o.Meta().Objektidentitet), id.String()) {
				return nil, "", fmt.Errorf("%s: objekt is %s %s, not the changed object", at, o.Type(), truncate(o.Meta().Objektidentitet, 40))
			}
			body = &ObjectBody{o: o}
		}
		changes[i] = Change{
			Body:       body,
			Sequence:   f.Sekvensnummer,
			Object:     ObjectRef{Type: objectTypes.Parse(string(f.Objekttyp)), ID: id},
			Version:    Version(f.Objektversion),
			Kind:       changeKinds.Parse(f.Forandringstyp),
			Time:       when,
			Checkpoint: Checkpoint(strconv.FormatInt(f.Sekvensnummer, 10)),
		}
	}
	next := Checkpoint(strings.TrimSpace(p.Fortsattning))
	last := changes[len(changes)-1].Sequence
	switch n, err := strconv.ParseInt(string(next), 10, 64); {
	case next.IsZero():
		// No continuation: go on after the last change.
		next = changes[len(changes)-1].Checkpoint
	case next == pos:
		return nil, "", fmt.Errorf("continuation %q repeats the checkpoint asked from", truncate(string(next), 40))
	case err == nil && n < last:
		return nil, "", fmt.Errorf("continuation %d lies before the page's last change, %d", n, last)
	}
	if err := checkCheckpoint(next); err != nil {
		return nil, "", fmt.Errorf("continuation: %w", err)
	}
	return changes, next, nil
}
