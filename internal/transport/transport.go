// Package transport turns one operation of a Lantmäteriet service into an
// HTTP request and runs it with bal.Client.Do: it builds the URL under the
// service's base path, encodes the body as XML or JSON, asks for the answer
// format, and marks the call as safe to resend when it is (reads, read-only
// searches, writes carrying an idempotency key). bal.Client.Do sends it
// through the client's stack and decodes the answer or the fault into the
// SDK's typed errors.
//
// The information-type packages call only Do; each of their methods is a
// description of one Op.
package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// mediaType returns the Content-Type of format f.
func mediaType(f bal.Format) string {
	if f == bal.FormatJSON {
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
	// BodyFormat is the request body's format; the zero Format is XML,
	// Lantmäteriet's default.
	BodyFormat bal.Format
	// Accept is the answer format asked for and decoded.
	Accept bal.Format
	// Out receives the decoded answer; nil discards it.
	Out any
	// SafeToRetry marks a POST or PUT as safe to resend: a read-only search.
	// GET and HEAD are always safe.
	SafeToRetry bool
	// IdempotencyKey, when set, is sent as the Idempotency-Key header and
	// makes the write safe to resend: the server answers a repeat with the
	// original result.
	IdempotencyKey string
}

// Result describes a successful call.
type Result = bal.Response

// Transport runs operations with one bal.Client. It is cheap; the typed
// clients each make one.
type Transport struct {
	client  *bal.Client
	base    string
	service bal.Service
}

// New returns a Transport over c.
func New(c *bal.Client) *Transport {
	return &Transport{client: c, base: c.Environment().BaseURL()}
}

// WithService returns a copy of t whose calls are marked as calls to s, so
// that they carry s's credential (bal.Config.ServiceCredentials) and carry
// it only to s's hosts. Without it, a call's service follows from its base
// path: the update path is bal.ServiceUpdate, a Direkt product
// (/distribution/produkter/…) bal.ServiceDirekt, anything else the
// default credential's.
func (t *Transport) WithService(s bal.Service) *Transport {
	c := *t
	c.service = s
	return &c
}

// directBase is the path prefix of Lantmäteriet's Direkt products.
const directBase = "/distribution/produkter/"

// serviceOf returns the service a call of op belongs to.
func (t *Transport) serviceOf(op *Op) bal.Service {
	switch {
	case t.service != "":
		return t.service
	case op.Base != "" && op.Base == t.UpdateBase():
		return bal.ServiceUpdate
	case strings.HasPrefix(op.Base, directBase):
		return bal.ServiceDirekt
	}
	return ""
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

// Do runs op. On success it decodes the answer into op.Out. On failure it
// returns *bal.Error, *bal.ConflictError, *bal.RateLimitError, *bal.AuthError,
// or the context's error wrapped with the operation name.
func (t *Transport) Do(ctx context.Context, op *Op) (*Result, error) {
	req, err := t.NewRequest(ctx, op)
	if err != nil {
		return nil, err
	}
	return t.client.Do(req, op.Out)
}

// NewRequest builds op's HTTP request, marked for the retry policy.
func (t *Transport) NewRequest(ctx context.Context, op *Op) (*http.Request, error) {
	u := t.base + op.Base + op.Path
	if len(op.Query) > 0 {
		u += "?" + op.Query.Encode()
	}
	var body io.Reader
	var contentType string
	switch b := op.Body.(type) {
	case nil:
	case []byte:
		body, contentType = bytes.NewReader(b), mediaType(op.BodyFormat)
	default:
		data, err := encode(op.BodyFormat, b)
		if err != nil {
			return nil, fmt.Errorf("bal: %s: encode request: %w", op.Name, err)
		}
		body, contentType = bytes.NewReader(data), mediaType(op.BodyFormat)
	}
	info := &callctx.Info{
		Operation: op.Name,
		Retryable: op.Method == http.MethodGet || op.Method == http.MethodHead || op.SafeToRetry || op.IdempotencyKey != "",
	}
	if svc := t.serviceOf(op); svc != "" {
		ctx = bal.WithService(ctx, svc)
	}
	req, err := http.NewRequestWithContext(callctx.With(ctx, info), op.Method, u, body)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w", op.Name, err)
	}
	for k, vs := range op.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType+"; charset=utf-8")
	}
	req.Header.Set("Accept", mediaType(op.Accept))
	req.Header.Set("X-Request-ID", uuid.NewString())
	if op.IdempotencyKey != "" {
		req.Header.Set("Idempotency-Key", op.IdempotencyKey)
	}
	return req, nil
}

// xmlHeader starts every XML request body.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func encode(f bal.Format, v any) ([]byte, error) {
	if f == bal.FormatJSON {
		return json.Marshal(v)
	}
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Invalid reports an answer that arrived but cannot be used (an id other than
// the one asked for, a value that does not parse, an object the model cannot
// hold): a *bal.Error matching bal.ErrInvalidResponse, with what res tells of
// the call. The update services and the Direkt reads both use it, so a
// caller meets one error type for every answer the SDK cannot read.
func Invalid(op string, res *Result, err error) error {
	// The text may quote the server (an id, a value): masked whole here,
	// Error masks it again.
	e := &bal.Error{Operation: op, Message: bal.Redact(err.Error()), Err: bal.ErrInvalidResponse}
	if res != nil {
		e.StatusCode, e.RequestID, e.Attempts = res.StatusCode, res.RequestID, res.Attempts
	}
	return e
}
