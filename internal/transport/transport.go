// Package transport executes one operation against a Lantmäteriet service:
// it builds the URL under the service's base path, encodes the body as XML
// or JSON, marks the call as safe to resend when it is, sends it through the
// bal.Client's stack (auth, retries, logging, size cap), and decodes either
// the answer or the fault into the SDK's typed errors.
//
// The information-type packages call only Do; each of their methods is a
// description of one Op.
package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
)

// Format is a body format.
type Format int

// Body formats. The zero Format means XML, Lantmäteriet's default.
const (
	XML Format = iota
	JSON
)

func (f Format) String() string {
	if f == JSON {
		return "json"
	}
	return "xml"
}

// MediaType returns the format's Content-Type.
func (f Format) MediaType() string {
	if f == JSON {
		return "application/json"
	}
	return "application/xml"
}

// Op describes one call.
type Op struct {
	// Name is the SDK operation, e.g. "building.Get"; it appears in errors
	// and logs.
	Name string
	// Method is the HTTP method.
	Method string
	// Base is the service's base path, e.g. "/distribution/produkter/byggnad/v3"
	// or Transport.UpdateBase().
	Base string
	// Path is the path under Base; build it with Path so that values are
	// escaped.
	Path string
	// Query holds the query parameters.
	Query url.Values
	// Header holds extra request headers.
	Header http.Header
	// Body is encoded in BodyFormat, or sent as is when it is a []byte.
	// nil sends no body.
	Body any
	// BodyFormat is the request body's format.
	BodyFormat Format
	// Accept is the answer format asked for and decoded.
	Accept Format
	// Out receives the decoded answer; nil discards it.
	Out any
	// SafeToRetry marks a POST or PUT as safe to resend: a read-only search.
	// GET and HEAD are always safe.
	SafeToRetry bool
	// IdempotencyKey, when set, is sent as the Idempotency-Key header and
	// makes the write safe to resend: the server answers a repeat with the
	// original result.
	IdempotencyKey string
	// Status lists the statuses that count as success; nil means any 2xx.
	Status []int
}

// Result describes a successful call.
type Result struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Attempts   int
}

// Transport executes operations with one bal.Client. It is cheap; the typed
// clients each make one.
type Transport struct {
	client *bal.Client
	// rt is the bal.Client's stack. Calling it directly rather than through
	// its *http.Client saves a second client layer per call: redirects and
	// the per-attempt timeout are handled inside the stack already.
	rt   http.RoundTripper
	base string
}

// New returns a Transport over c.
func New(c *bal.Client) *Transport {
	return &Transport{client: c, rt: c.HTTPClient().Transport, base: c.Environment().BaseURL()}
}

// Client returns the bal.Client.
func (t *Transport) Client() *bal.Client { return t.client }

// UpdateBase returns the base path of the update services in the client's
// environment.
func (t *Transport) UpdateBase() string { return t.client.Environment().UpdatePath() }

// Path joins escaped segments into "/a/b/c". An empty segment becomes "-",
// so that a missing id can never silently address the collection above it.
func Path(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		if s == "" {
			s = "-"
		}
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// Do executes op. On success it decodes the answer into op.Out. On failure
// it returns *bal.Error, *bal.ConflictError or *bal.RateLimitError, or the
// context's error wrapped with the operation name.
func (t *Transport) Do(ctx context.Context, op *Op) (*Result, error) {
	req, info, err := t.newRequest(ctx, op)
	if err != nil {
		return nil, err
	}
	resp, err := t.rt.RoundTrip(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bal: %s: %w", op.Name, ctx.Err())
		}
		var ae *bal.AuthError
		if errors.As(err, &ae) {
			return nil, ae
		}
		return nil, &bal.Error{
			Operation: op.Name, Method: op.Method, Path: req.URL.Path,
			RequestID: req.Header.Get("X-Request-ID"), Attempts: max(info.Attempts(), 1),
			Err: unwrapURLError(err),
		}
	}
	defer resp.Body.Close()

	res := &Result{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  responseRequestID(resp.Header, req.Header.Get("X-Request-ID")),
		Attempts:   max(info.Attempts(), 1),
	}
	body, readErr := io.ReadAll(resp.Body)
	fail := func(e *bal.Error) *bal.Error {
		e.Operation, e.Method, e.Path = op.Name, op.Method, req.URL.Path
		e.StatusCode, e.RequestID, e.Attempts = resp.StatusCode, res.RequestID, res.Attempts
		e.Body = []byte(t.client.Redact(string(body[:min(len(body), bal.MaxErrorBody)])))
		return e
	}
	if readErr != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bal: %s: %w", op.Name, ctx.Err())
		}
		if errors.Is(readErr, bal.ErrResponseTooLarge) {
			return nil, fail(&bal.Error{Message: "response body too large", Err: bal.ErrResponseTooLarge})
		}
		return nil, fail(&bal.Error{Message: "response body cut short", Err: fmt.Errorf("%w: %v", bal.ErrInvalidResponse, readErr)})
	}
	if !success(op, resp.StatusCode) {
		return nil, t.fault(resp, body, info, fail)
	}
	if op.Out == nil {
		return res, nil
	}
	if err := decode(op.Accept, resp.Header.Get("Content-Type"), body, op.Out); err != nil {
		return nil, fail(&bal.Error{Message: err.Error(), Err: bal.ErrInvalidResponse})
	}
	return res, nil
}

func (t *Transport) newRequest(ctx context.Context, op *Op) (*http.Request, *callctx.Info, error) {
	u := t.base + op.Base + op.Path
	if len(op.Query) > 0 {
		u += "?" + op.Query.Encode()
	}
	var body io.Reader
	var contentType string
	switch b := op.Body.(type) {
	case nil:
	case []byte:
		body, contentType = bytes.NewReader(b), op.BodyFormat.MediaType()
	default:
		data, err := encode(op.BodyFormat, b)
		if err != nil {
			return nil, nil, fmt.Errorf("bal: %s: encode request: %w", op.Name, err)
		}
		body, contentType = bytes.NewReader(data), op.BodyFormat.MediaType()
	}
	info := &callctx.Info{
		Operation: op.Name,
		Retryable: op.Method == http.MethodGet || op.Method == http.MethodHead || op.SafeToRetry || op.IdempotencyKey != "",
	}
	req, err := http.NewRequestWithContext(callctx.With(ctx, info), op.Method, u, body)
	if err != nil {
		return nil, nil, fmt.Errorf("bal: %s: %w", op.Name, err)
	}
	for k, vs := range op.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType+"; charset=utf-8")
	}
	req.Header.Set("Accept", op.Accept.MediaType())
	req.Header.Set("X-Request-ID", uuid.NewString())
	if op.IdempotencyKey != "" {
		req.Header.Set("Idempotency-Key", op.IdempotencyKey)
	}
	return req, info, nil
}

// xmlHeader starts every XML request body.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func encode(f Format, v any) ([]byte, error) {
	if f == JSON {
		return json.Marshal(v)
	}
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func success(op *Op, status int) bool {
	if op.Status == nil {
		return status >= 200 && status < 300
	}
	for _, s := range op.Status {
		if s == status {
			return true
		}
	}
	return false
}

// decode checks that the answer is what was asked for before decoding it:
// a gateway that answers 200 with an HTML page must not decode to an empty
// result.
func decode(want Format, contentType string, body []byte, out any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errors.New("empty answer where " + want.String() + " was expected")
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "":
		// No label: trust the first byte.
	case want == XML && !isXML(mt), want == JSON && !isJSON(mt):
		return fmt.Errorf("unexpected content type %q where %s was expected%s", mt, want, htmlTitle(body))
	}
	if want == JSON {
		if trimmed[0] != '{' && trimmed[0] != '[' {
			return errors.New("answer is not json")
		}
		if err := json.Unmarshal(trimmed, out); err != nil {
			return fmt.Errorf("decode json: %w", err)
		}
		return nil
	}
	if trimmed[0] != '<' {
		return errors.New("answer is not xml")
	}
	d := xml.NewDecoder(bytes.NewReader(trimmed))
	if err := d.Decode(out); err != nil {
		return fmt.Errorf("decode xml: %w", err)
	}
	return nil
}

func isXML(mt string) bool {
	return mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml")
}

func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

var titleRE = regexp.MustCompile(`(?is)<title[^>]*>(.{1,120}?)</title>`)

// htmlTitle names an HTML error page by its title, which is usually the
// only helpful part of it.
func htmlTitle(body []byte) string {
	if m := titleRE.FindSubmatch(body); m != nil {
		return ` (page titled "` + strings.Join(strings.Fields(string(m[1])), " ") + `")`
	}
	return ""
}

// fault decodes an error answer into the right typed error.
func (t *Transport) fault(resp *http.Response, body []byte, info *callctx.Info, fail func(*bal.Error) *bal.Error) error {
	e := &bal.Error{}
	if f, ok := fault.Decode(body); ok {
		e.Code = f.Code
		e.Message = t.client.Redact(f.Message)
		for _, d := range f.Details {
			e.Details = append(e.Details, t.client.Redact(d))
		}
		switch f.Source {
		case fault.Gateway:
			e.Source = bal.SourceGateway
		case fault.Service:
			e.Source = bal.SourceService
		}
	} else {
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		switch {
		case len(bytes.TrimSpace(body)) == 0:
			e.Message = http.StatusText(resp.StatusCode) + " (empty answer)"
		case mt != "":
			e.Message = http.StatusText(resp.StatusCode) + " (" + mt + " answer" + htmlTitle(body) + ")"
		default:
			e.Message = http.StatusText(resp.StatusCode)
		}
	}
	e = fail(e)
	switch {
	case resp.StatusCode == http.StatusConflict:
		return &bal.ConflictError{Err: e, Current: currentVersion(e)}
	case info.RetryAfterExceeded() > 0:
		return &bal.RateLimitError{Err: e, RetryAfter: info.RetryAfterExceeded()}
	case resp.StatusCode == http.StatusTooManyRequests:
		wait, _ := bal.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return &bal.RateLimitError{Err: e, RetryAfter: wait}
	}
	return e
}

var currentVersionRE = regexp.MustCompile(`aktuellObjektversion\s*[=:]\s*(\d{1,18})`)

// currentVersion finds "aktuellObjektversion=N" in a conflict fault.
func currentVersion(e *bal.Error) bal.Version {
	for _, s := range append([]string{e.Message}, e.Details...) {
		if m := currentVersionRE.FindStringSubmatch(s); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			return bal.Version(n)
		}
	}
	return 0
}

// responseRequestID prefers the server's id for the call.
func responseRequestID(h http.Header, sent string) string {
	for _, k := range []string{"X-Request-ID", "X-Correlation-ID", "Activityid"} {
		if v := h.Get(k); v != "" && len(v) <= 128 {
			return v
		}
	}
	return sent
}

// unwrapURLError drops net/http's "Get \"https://…\":" prefix, which repeats
// the full URL (query included) in every network error.
func unwrapURLError(err error) error {
	for {
		var ue *url.Error
		if !errors.As(err, &ue) {
			return err
		}
		err = ue.Err
	}
}
