package bal

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// Stream sends req through the client's stack like Do, but hands a 2xx
// answer over unread, for downloads: the caller reads resp.Body and must
// close it. The response-size cap does not apply to that body, and the
// client's timeout bounds the wait for the headers and then each pause in
// the body, not the whole transfer. Every other answer is read (up to the
// size cap) and returned as *Error, *ConflictError or *RateLimitError, as
// Do returns it. Redirects are followed as for every other call.
func (c *Client) Stream(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	info := callctx.From(ctx)
	if info == nil {
		safe, _ := ctx.Value(safeToRetryKey{}).(bool)
		m := req.Method
		info = &callctx.Info{Operation: m + " " + req.URL.Path, Retryable: safe || m == http.MethodGet || m == http.MethodHead}
		req = req.WithContext(callctx.With(ctx, info))
	}
	info.Stream = true
	op := info.Operation
	if req.Header.Get("X-Request-ID") == "" {
		if req.Header == nil {
			req.Header = http.Header{}
		}
		req.Header.Set("X-Request-ID", newRequestID())
	}
	sent := req.Header.Get("X-Request-ID")

	resp, err := c.http.Transport.RoundTrip(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bal: %s: %w", op, ctx.Err())
		}
		var ae *AuthError
		if errors.As(err, &ae) {
			return nil, ae
		}
		return nil, &Error{
			Operation: op, Method: req.Method, Path: req.URL.Path,
			RequestID: sent, Attempts: max(info.Attempts(), 1),
			Err: unwrapURLError(err),
		}
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, c.maxBody))
	fail := func(e *Error) *Error {
		e.Operation, e.Method, e.Path = op, req.Method, req.URL.Path
		e.StatusCode, e.RequestID, e.Attempts = resp.StatusCode, responseRequestID(resp.Header, sent), max(info.Attempts(), 1)
		e.Body = []byte(c.Redact(string(body[:min(len(body), MaxErrorBody)])))
		return e
	}
	return nil, c.faultError(resp, body, info, fail)
}
