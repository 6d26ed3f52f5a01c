package bal

import (
	"context"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// SafeToRetry marks requests sent with ctx through Client.Do or
// Client.HTTPClient as safe to resend, for POST or PUT requests you know to
// be idempotent: a read-only search, or a write carrying an Idempotency-Key
// to a service that honours it. GET and HEAD need no mark. Unmarked
// requests are sent once.
func SafeToRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, safeToRetryKey{}, true)
}

type safeToRetryKey struct{}

// retryableStatus reports the statuses worth another attempt: throttling and
// the gateway's "the service behind me failed or is busy".
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// checkRetry is the retry policy: only calls marked safe, only on network
// failures and retryable statuses, never past the context or a Retry-After
// beyond the cap.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	info := callctx.From(ctx)
	if info == nil || !info.Retryable {
		return false, nil
	}
	if err != nil {
		return retryableError(err), nil
	}
	if !retryableStatus(resp.StatusCode) {
		return false, nil
	}
	if wait, ok := retryAfter(resp, time.Now()); ok && wait > c.retry.MaxRetryAfter {
		info.SetRetryAfterExceeded(wait)
		return false, nil
	}
	return true, nil
}

// retryableError reports whether a transport error may go away on its own.
// Certificate, scheme and redirect-policy errors will not, nor will refused
// credentials or an oversized answer.
func retryableError(err error) bool {
	var ae *AuthError
	if errors.As(err, &ae) {
		return errors.Is(ae, ErrUnavailable) || errors.Is(ae, ErrRateLimited)
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return false
	}
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalidCert      x509.CertificateInvalidError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalidCert) {
		return false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		msg := ue.Err.Error()
		if strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "refused redirect") ||
			strings.Contains(msg, "stopped after") || strings.Contains(msg, "invalid header") {
			return false
		}
	}
	return true
}

// backoff waits what the server asked for (Retry-After on 429 and 503,
// already known to be within the cap), otherwise an exponential delay with
// jitter: half fixed, half random, so that clients that failed together do
// not come back together.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := retryAfter(resp, time.Now()); ok {
			return min(wait, c.retry.MaxRetryAfter)
		}
	}
	d := minWait << min(attempt, 30)
	if d <= 0 || d > maxWait {
		d = maxWait
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// retryAfter reads a 429 or 503 answer's Retry-After, in seconds or as an
// HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	return parseRetryAfter(resp.Header.Get("Retry-After"), now)
}

// parseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). A date in the past is a zero wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(365*24*time.Hour/time.Second) {
			secs = int64(365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// keepLastResponse hands the last answer back when retries run out, so its
// fault body can be decoded, instead of retryablehttp's default of closing
// it and returning "giving up".
func keepLastResponse(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err == nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	return nil, err
}

// countAttempt records each HTTP attempt in the call's context.
func countAttempt(_ retryablehttp.Logger, req *http.Request, _ int) {
	if info := callctx.From(req.Context()); info != nil {
		info.Attempt()
	}
}

// newRequestID returns a fresh id for X-Request-ID.
func newRequestID() string { return uuid.NewString() }

// callTransport is the outermost layer, once per call: it refuses clear
// text, sets the User-Agent and a request id, makes sure the retry policy
// knows whether the call may be resent, and caps the response body.
type callTransport struct {
	next   http.RoundTripper
	client *Client
}

func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "https" && !isLoopback(req.URL.Hostname()) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, errors.New("bal: refused to send a request over " + req.URL.Scheme + ": use https")
	}
	// The SDK's own calls arrive marked and with a request id; only other
	// requests (HTTPClient users) need a copy to carry them. The User-Agent
	// is set on the per-attempt copy the auth layer makes anyway.
	r := req
	if ctx := req.Context(); callctx.From(ctx) == nil {
		safe, _ := ctx.Value(safeToRetryKey{}).(bool)
		m := req.Method
		r = req.WithContext(callctx.With(ctx, &callctx.Info{
			Operation: m + " " + req.URL.Path,
			Retryable: safe || m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions,
		}))
	}
	if req.Header.Get("X-Request-ID") == "" {
		if r == req {
			r = req.WithContext(req.Context())
		}
		r.Header = req.Header.Clone()
		if r.Header == nil {
			r.Header = http.Header{}
		}
		r.Header.Set("X-Request-ID", newRequestID())
	}
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if info := callctx.From(r.Context()); info == nil || !info.Stream {
		resp.Body = &limitedBody{rc: resp.Body, remaining: t.client.maxBody}
	}
	return resp, nil
}
