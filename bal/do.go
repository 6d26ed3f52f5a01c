package bal

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

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
)

// Response describes a successful call.
type Response struct {
	// StatusCode is the HTTP status: 2xx, or the 3xx of a call marked not
	// to follow redirects.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// RequestID identifies the call: the server's id if it sent one, else
	// the X-Request-ID the SDK sent.
	RequestID string
	// Attempts is how many HTTP attempts the call took.
	Attempts int
}

// Do sends req through the client's stack (token, retry policy, logging,
// size cap) and reads the answer. A 2xx answer is decoded into out, as JSON
// if req's Accept header asks for JSON and as XML otherwise, after checking
// that it is what was asked for: an HTML page, an empty body or the wrong
// content type is an error (ErrInvalidResponse), not an empty result. Any
// other answer becomes *Error, *ConflictError or *RateLimitError. A nil out
// discards the body.
//
// Do resends only what is safe to resend: GET and HEAD, and requests whose
// context is marked with SafeToRetry. Such a request is retried on network
// errors, 429, 502, 503 and 504 as the retry policy says; a GET or HEAD
// also when its answer's body breaks off before it is complete (a
// connection dropped mid-body), within the policy's MaxAttempts. If it also
// carries
// an Idempotency-Key header and a body that can be rewound, an answer that
// arrived but could not be read (the connection dropped mid-body, or a
// gateway's HTML page) leaves the outcome of a write unknown, so Do sends it
// again with the same key, up to three times more, and a service that
// honours the key answers with the original result. A request not marked
// safe is never resent, whatever its headers: Lantmäteriet's other services
// (NGP, Geotorget) ignore Idempotency-Key. Response.Attempts counts every
// HTTP attempt.
//
// The typed packages use Do for every call; use it yourself to call
// Lantmäteriet services this SDK does not wrap yet and still get its errors.
func (c *Client) Do(req *http.Request, out any) (*Response, error) {
	// One call context for every round, so attempts add up.
	req, info := c.mark(req, false)
	resend := info.Retryable && req.Header.Get("Idempotency-Key") != "" && (req.Body == nil || req.GetBody != nil)
	for round := 0; ; round++ {
		r := req
		if round > 0 {
			r = req.Clone(req.Context())
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r.Body = body
			}
		}
		res, err := c.do(r, info, out)
		switch {
		case err == nil:
			return res, nil
		case resend && round < maxUnclearResends && unclearOutcome(err):
			// A write whose outcome is unknown: the key makes resending safe.
		case safeMethod(req.Method) && info.Retryable && bodyBrokeOff(err) && info.Attempts() < c.retry.MaxAttempts:
			// A GET whose answer broke off: a transport failure like a
			// connection reset before the headers, which the policy
			// retries, and a GET changes nothing, so there is no outcome to
			// be unsure of. Wait as the policy says and ask again.
			if werr := sleepCtx(req.Context(), c.backoff(c.retry.MinWait, c.retry.MaxWait, info.Attempts(), nil)); werr != nil {
				return nil, err
			}
		default:
			return res, err
		}
	}
}

// safeMethod reports the methods that change nothing on the server.
func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// bodyBrokeOff reports an answer whose body broke off after the headers.
func bodyBrokeOff(err error) bool {
	var e *Error
	var cut *cutShortError
	return errors.As(err, &e) && errors.As(e.Err, &cut)
}

// sleepCtx waits d, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxUnclearResends bounds how many times Do sends a write again after an
// answer it could not read.
const maxUnclearResends = 3

// unclearOutcome reports an error after which a write may have been applied
// without the client learning its result: an answer that arrived but could
// not be read.
func unclearOutcome(err error) bool {
	var e *Error
	return errors.As(err, &e) && errors.Is(e, ErrInvalidResponse) && !errors.Is(e, ErrResponseTooLarge)
}

// do is one round of Do: the request through the stack, the answer read
// and decoded.
func (c *Client) do(req *http.Request, info *callctx.Info, out any) (*Response, error) {
	resp, err := c.roundTrip(req, info)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ctx, op, sent := req.Context(), info.Operation, req.Header.Get("X-Request-ID")

	res := &Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  c.responseRequestID(resp.Header, sent),
		Attempts:   max(info.Attempts(), 1),
	}
	body, readErr := readBody(resp)
	fail := func(e *Error) *Error {
		e.Operation, e.Method, e.Path = op, req.Method, req.URL.Path
		e.StatusCode, e.RequestID, e.Attempts = resp.StatusCode, res.RequestID, res.Attempts
		e.Body = []byte(c.clipBytes(body, maxErrorBody))
		return c.scrub(e)
	}
	if readErr != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bal: %s: %w", op, ctx.Err())
		}
		if errors.Is(readErr, ErrResponseTooLarge) {
			return nil, fail(&Error{Message: "response body too large", Err: ErrResponseTooLarge})
		}
		return nil, fail(&Error{Message: "response body cut short", Err: &cutShortError{c.Redact(readErr.Error())}})
	}
	if (resp.StatusCode < 200 || resp.StatusCode > 299) && !keptRedirect(req, resp.StatusCode) {
		return nil, c.faultError(resp, body, info, fail)
	}
	if out == nil || !hasContent(resp.StatusCode, body) {
		return res, nil
	}
	wantJSON := strings.Contains(req.Header.Get("Accept"), "json")
	if err := decodeAnswer(wantJSON, resp.Header.Get("Content-Type"), body, out); err != nil {
		return nil, fail(&Error{Message: err.Error(), Err: ErrInvalidResponse})
	}
	return res, nil
}

// mark marks req for the retry policy (when the caller did not) and with a
// request id; stream marks a call whose body the caller reads itself
// (Stream). It returns the request to send and its call context.
func (c *Client) mark(req *http.Request, stream bool) (*http.Request, *callctx.Info) {
	ctx := req.Context()
	info := callctx.From(ctx)
	if info == nil {
		safe, _ := ctx.Value(safeToRetryKey{}).(bool)
		m := req.Method
		info = &callctx.Info{Operation: m + " " + req.URL.Path, Retryable: safe || m == http.MethodGet || m == http.MethodHead}
		req = req.WithContext(callctx.With(ctx, info))
	}
	info.Stream = stream
	if req.Header.Get("X-Request-ID") == "" {
		if req.Header == nil {
			req.Header = http.Header{}
		}
		req.Header.Set("X-Request-ID", newRequestID())
	}
	return req, info
}

// roundTrip sends a marked request through the client's stack and returns
// the answer, or the failure to get one as the SDK's error.
func (c *Client) roundTrip(req *http.Request, info *callctx.Info) (*http.Response, error) {
	resp, err := c.http.Transport.RoundTrip(req)
	if err == nil {
		return resp, nil
	}
	if ctx := req.Context(); ctx.Err() != nil {
		return nil, fmt.Errorf("bal: %s: %w", info.Operation, ctx.Err())
	}
	var ae *AuthError
	if errors.As(err, &ae) {
		return nil, ae
	}
	return nil, c.scrub(&Error{
		Operation: info.Operation, Method: req.Method, Path: req.URL.Path,
		RequestID: req.Header.Get("X-Request-ID"), Attempts: max(info.Attempts(), 1),
		Err: unwrapURLError(err),
	})
}

// readBody reads the whole body, sized from Content-Length when the server
// sent one (within the cap, which the body reader enforces anyway), so a
// typical answer is read into one buffer instead of a growing one.
func readBody(resp *http.Response) ([]byte, error) {
	n := resp.ContentLength
	if n < 0 || n > 8<<20 {
		return io.ReadAll(resp.Body)
	}
	buf := make([]byte, n, n+1)
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return buf, err
	}
	// Content-Length said this much; anything more is read too, so that
	// the size cap and the connection's state are what they would be.
	rest, err := io.ReadAll(resp.Body)
	return append(buf, rest...), err
}

// decodeAnswer checks that the answer is what was asked for before decoding
// it: a gateway that answers 200 with an HTML page must not decode to an
// empty result.
func decodeAnswer(wantJSON bool, contentType string, body []byte, out any) error {
	want := "xml"
	if wantJSON {
		want = "json"
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errors.New("empty answer where " + want + " was expected")
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "":
		// No label: trust the first byte.
	case !wantJSON && !isXMLType(mt), wantJSON && !isJSONType(mt):
		return fmt.Errorf("unexpected content type %q where %s was expected%s", mt, want, htmlTitle(body))
	}
	if wantJSON {
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
	if err := xml.NewDecoder(bytes.NewReader(trimmed)).Decode(out); err != nil {
		return fmt.Errorf("decode xml: %w", err)
	}
	return nil
}

func isXMLType(mt string) bool {
	return mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml")
}

func isJSONType(mt string) bool {
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

// faultError decodes an error answer into the right typed error.
func (c *Client) faultError(resp *http.Response, body []byte, info *callctx.Info, fail func(*Error) *Error) error {
	e := &Error{}
	if f, ok := fault.DecodeWith(body, c.faultText); ok {
		e.Code, e.Message, e.Details = f.Code, f.Message, f.Details
		switch f.Source {
		case fault.Gateway:
			e.Source = SourceGateway
		case fault.Service:
			e.Source = SourceService
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
	switch resp.StatusCode {
	case http.StatusForbidden:
		e.Err = forbiddenCause(e, body)
	case http.StatusUnauthorized:
		if info.TokenRevoked() {
			e.Err = ErrTokenRevoked
		}
	}
	e = fail(e)
	switch {
	case resp.StatusCode == http.StatusConflict:
		return &ConflictError{Err: e, Current: currentVersion(e)}
	case info.RetryAfterExceeded() > 0:
		return &RateLimitError{Err: e, RetryAfter: info.RetryAfterExceeded()}
	case resp.StatusCode == http.StatusTooManyRequests:
		wait, _ := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return &RateLimitError{Err: e, RetryAfter: wait}
	}
	return e
}

// The texts by which the gateway says why a 403 will not go away by
// itself. The gateway's codes are not reliable across deployments, so the
// texts are matched (shared/contract/faults/README.md) and the scope code
// besides.
const (
	scopeFailedText    = "scope validation failed"
	geoBlockText       = "geolocation block"
	gatewayScopeFailed = "900910"
	// notResponsibleCode is the binding's rule id for a write on another
	// municipality's object.
	notResponsibleCode = "BAL-0403"
)

// maxForbiddenScan bounds how much of a 403's bare body is searched.
const maxForbiddenScan = 4 << 10

// forbiddenCause returns ErrNotSubscribed, ErrGeoBlocked or
// ErrNotResponsible when a 403 says so (in its fault, or for a bare text
// answer such as "Geolocation Block!" in its body), and nil for other
// refusals.
func forbiddenCause(e *Error, body []byte) error {
	text := strings.ToLower(e.Message + "\n" + strings.Join(e.Details, "\n"))
	if e.Source == SourceUnknown {
		text = strings.ToLower(string(body[:min(len(body), maxForbiddenScan)]))
	}
	switch {
	case strings.Contains(text, geoBlockText):
		return ErrGeoBlocked
	case strings.Contains(text, scopeFailedText), e.Source == SourceGateway && e.Code == gatewayScopeFailed:
		return ErrNotSubscribed
	case e.Code == notResponsibleCode:
		return ErrNotResponsible
	}
	return nil
}

var currentVersionRE = regexp.MustCompile(`aktuellObjektversion\s*[=:]\s*(\d{1,18})`)

// currentVersion finds "aktuellObjektversion=N" in a conflict fault.
func currentVersion(e *Error) Version {
	for _, s := range append([]string{e.Message}, e.Details...) {
		if m := currentVersionRE.FindStringSubmatch(s); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			return Version(n)
		}
	}
	return 0
}

// responseRequestID prefers the server's id for the call, masked: a
// server may echo anything in a header.
func (c *Client) responseRequestID(h http.Header, sent string) string {
	for _, k := range []string{"X-Request-ID", "X-Correlation-ID", "Activityid"} {
		if v := h.Get(k); v != "" && len(v) <= 128 {
			return c.Redact(v)
		}
	}
	return sent
}

// unwrapURLError drops net/http's "Get \"https://…\":" prefixes, which
// repeat the full URL (query included) in every network error.
func unwrapURLError(err error) error {
	for {
		var ue *url.Error
		if !errors.As(err, &ue) {
			return err
		}
		err = ue.Err
	}
}
