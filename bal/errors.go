package bal

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Every error the SDK returns for a failed call matches at
// most one of them with errors.Is; the typed errors (*Error, *ConflictError,
// *RateLimitError, *ValidationError, *AuthError) carry the details.
var (
	// ErrNotFound: the object does not exist (HTTP 404).
	ErrNotFound = errors.New("bal: not found")
	// ErrConflict: a stale objektversion, a duplicate identity or an
	// idempotency key reused with another body (HTTP 409). See ConflictError.
	ErrConflict = errors.New("bal: conflict")
	// ErrUnauthorized: the credentials or token were refused (HTTP 401, or
	// the token endpoint said no).
	ErrUnauthorized = errors.New("bal: unauthorized")
	// ErrForbidden: the call was refused although the credentials are valid
	// (HTTP 403): no subscription to the product (see ErrNotSubscribed),
	// outside Sweden (ErrGeoBlocked), or another municipality's object
	// (ErrNotResponsible).
	ErrForbidden = errors.New("bal: forbidden")
	// ErrNotSubscribed: the gateway answered 403 "Scope validation failed":
	// the login is valid, but the application is not subscribed to this
	// product, or to this version of it (a retired product version's
	// successor may need a new order). Never retried. It also matches
	// ErrForbidden.
	ErrNotSubscribed = errors.New("bal: product not ordered for this application: order the product " +
		"(or, for a retired version, its successor) on Geotorget with the application's system account, " +
		"subscribe the application to it in Lantmäteriet's API portal, then call again")
	// ErrGeoBlocked: the platform answered 403 "Geolocation Block!": it
	// refuses callers outside Sweden. Never retried. It also matches
	// ErrForbidden.
	ErrGeoBlocked = errors.New("bal: refused outside Sweden (Geolocation Block): " +
		"Lantmäteriet's platform answers only calls from Swedish addresses; call from a host in Sweden")
	// ErrNotResponsible: the service answered 403 BAL-0403: the object
	// belongs to another municipality than the one the credentials are
	// registered for (a credential writes for one municipality only). It
	// also matches ErrForbidden.
	ErrNotResponsible = errors.New("bal: the object belongs to another municipality than these credentials' " +
		"(BAL-0403): write it with the credentials of the municipality responsible for it")
	// ErrTokenRevoked: the API refused a token the client had just fetched
	// or read from its TokenStore: something else keeps replacing the
	// application's token. It also matches ErrUnauthorized.
	ErrTokenRevoked = errors.New("bal: the API refused a token fetched a moment ago: another process using the same " +
		"application (consumer key) has probably fetched a new token, which revokes the previous one; " +
		"share tokens between processes with Config.TokenStore (bal.NewFileTokenStore on one host)")
	// ErrRateLimited: throttled (HTTP 429), or asked to wait longer than the
	// configured cap. See RateLimitError.
	ErrRateLimited = errors.New("bal: rate limited")
	// ErrUnavailable: the service or the network failed (HTTP 500, 502, 503,
	// 504, or no answer), after the retries the policy allowed.
	ErrUnavailable = errors.New("bal: service unavailable")
	// ErrValidation: the input broke a BAL rule, found by the SDK before
	// sending (*ValidationError) or by the server (HTTP 400/422, *Error whose
	// Code names the rule).
	ErrValidation = errors.New("bal: validation failed")
	// ErrResync: a change-feed checkpoint is older than the server keeps
	// (HTTP 410, fault BAL-0410-GAP). Resynchronise from an extract and start
	// again from a fresh checkpoint.
	ErrResync = errors.New("bal: checkpoint too old, resynchronise")
	// ErrInvalidResponse: the server answered, but not with something the SDK
	// can read: an HTML page, an empty or truncated body, the wrong content
	// type, malformed XML or JSON.
	ErrInvalidResponse = errors.New("bal: invalid response")
	// ErrResponseTooLarge: a response body exceeded Config.MaxResponseBytes.
	ErrResponseTooLarge = errors.New("bal: response too large")
)

// Source says who produced an error answer.
type Source int

// Who answered.
const (
	// SourceUnknown: no answer could be attributed (network failure, or a
	// body in no known fault format).
	SourceUnknown Source = iota
	// SourceGateway: Lantmäteriet's API gateway (WSO2 API Manager), which
	// handles tokens, subscriptions and throttling.
	SourceGateway
	// SourceService: the BAL service itself, with an lmfault Fault.
	SourceService
)

// String returns "gateway", "service" or "unknown".
func (s Source) String() string {
	switch s {
	case SourceGateway:
		return "gateway"
	case SourceService:
		return "service"
	}
	return "unknown"
}

// maxErrorBody is how much of a failed response's body an *Error keeps.
const maxErrorBody = 4 << 10

// Error is a failed call: an error answer from Lantmäteriet, or no usable
// answer at all. It matches the sentinel for its status with errors.Is.
type Error struct {
	// Operation names the SDK call, e.g. "building.Get".
	Operation string
	// Method and Path are the HTTP request's, without host or query.
	Method, Path string
	// StatusCode is the HTTP status; 0 when no response arrived.
	StatusCode int
	// Code is the fault code: a rule id such as "BAL-3015" or "B-0035" from
	// the service (fault v1 has no code field: the rule id leading one of
	// its messages, "BAL-3015: text"), or the gateway's code such as
	// "900902".
	Code string
	// Message is the fault's main message, as the server wrote it: the one
	// the rule id led (without the id), else the first message.
	Message string
	// Details are the fault's other messages (fault v1 errors, or the older
	// detalj lines), in the server's order: every message is kept.
	Details []string
	// RequestID identifies the call in Lantmäteriet's logs and ours.
	RequestID string
	// Source says whether the gateway or the service answered.
	Source Source
	// Attempts is how many HTTP attempts were made, retries included.
	Attempts int
	// Body is the start of the raw response body (at most 4 KiB), with
	// secrets and personal identity numbers masked (before it was cut: a
	// cut never leaves part of one).
	Body []byte
	// Err is the underlying cause, if any: a network error, a decoding error,
	// ErrInvalidResponse, ErrResponseTooLarge; for a 403 that is not
	// transient ErrNotSubscribed, ErrGeoBlocked or ErrNotResponsible, and
	// for a 401 on a token fetched during the call ErrTokenRevoked, whose
	// texts say what to do. A network error whose text held a secret is
	// replaced by its masked text.
	Err error
}

// Error describes the failure in one line, with secrets and personal
// identity numbers masked.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bal: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	switch {
	case e.StatusCode != 0:
		b.WriteString(strconv.Itoa(e.StatusCode))
		if e.Code != "" {
			b.WriteString(" ")
			b.WriteString(e.Code)
		}
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		}
		if len(e.Details) > 0 {
			b.WriteString(" (")
			b.WriteString(strings.Join(e.Details, "; "))
			b.WriteString(")")
		}
		if e.Err != nil {
			b.WriteString(": ")
			b.WriteString(e.Err.Error())
		}
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString("request failed")
	}
	var meta []string
	if e.Source != SourceUnknown {
		meta = append(meta, e.Source.String())
	}
	if e.RequestID != "" {
		meta = append(meta, "request "+e.RequestID)
	}
	if e.Attempts > 1 {
		meta = append(meta, strconv.Itoa(e.Attempts)+" attempts")
	}
	if len(meta) > 0 {
		b.WriteString(" [")
		b.WriteString(strings.Join(meta, ", "))
		b.WriteString("]")
	}
	return Redact(b.String())
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is maps the HTTP status (and a few fault codes) to the sentinel errors.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == 404
	case ErrConflict:
		return e.StatusCode == 409
	case ErrUnauthorized:
		return e.StatusCode == 401
	case ErrForbidden:
		return e.StatusCode == 403
	case ErrRateLimited:
		return e.StatusCode == 429
	case ErrUnavailable:
		switch e.StatusCode {
		case 0:
			// No answer: a network failure. Decoding failures and size caps
			// carry their own sentinels instead.
			return e.Err != nil && !errors.Is(e.Err, ErrInvalidResponse) && !errors.Is(e.Err, ErrResponseTooLarge)
		case 500, 502, 503, 504:
			return true
		}
	case ErrValidation:
		return e.StatusCode == 400 || e.StatusCode == 422
	case ErrResync:
		return e.StatusCode == 410
	}
	return false
}

// ConflictError is a refused write because the object changed since it was
// read (a stale objektversion), its identity already exists, or an
// idempotency key was reused with a different body. Re-read the object,
// re-apply the change and try again; the typed packages' Update helpers do
// this for you.
type ConflictError struct {
	// Err is the server's answer.
	Err *Error
	// Current is the object's current objektversion, when the server said
	// (aktuellObjektversion); zero otherwise.
	Current Version
}

// Error includes the current version when known.
func (e *ConflictError) Error() string {
	if e.Current != 0 {
		return e.Err.Error() + " (current version " + e.Current.String() + ")"
	}
	return e.Err.Error()
}

// Unwrap returns the *Error, so errors.Is(err, ErrConflict) holds.
func (e *ConflictError) Unwrap() error { return e.Err }

// RateLimitError means the server asked the client to wait (HTTP 429, or 503
// with Retry-After) for longer than Config.Retry.MaxRetryAfter, so the SDK
// returned at once instead of sleeping. Wait RetryAfter before calling again.
type RateLimitError struct {
	// Err is the server's answer.
	Err *Error
	// RetryAfter is the wait the server asked for.
	RetryAfter time.Duration
}

// Error says how long the server asked to wait.
func (e *RateLimitError) Error() string {
	return e.Err.Error() + " (retry after " + e.RetryAfter.String() + ")"
}

// Is reports ErrRateLimited even when the status was 503.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Unwrap returns the *Error.
func (e *RateLimitError) Unwrap() error { return e.Err }

// AuthError is a failure at the OAuth2 token endpoint: wrong client id or
// secret, a missing subscription scope, or the endpoint being down. It never
// contains the secret or a token.
type AuthError struct {
	// StatusCode is the token endpoint's HTTP status; 0 if it did not answer.
	StatusCode int
	// Code is the RFC 6749 error code, e.g. "invalid_client".
	Code string
	// Description is the error_description, masked.
	Description string
	// Err is the cause: a network error, or an *oauth2.RetrieveError whose
	// body has been masked.
	Err error
}

// Error says that the token endpoint failed and why.
func (e *AuthError) Error() string {
	var b strings.Builder
	b.WriteString("bal: token endpoint")
	if e.StatusCode != 0 {
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(e.StatusCode))
	}
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	if e.StatusCode == 0 && e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return Redact(b.String())
}

// Unwrap returns the cause.
func (e *AuthError) Unwrap() error { return e.Err }

// Is maps the token endpoint's answer to the sentinels: refused credentials
// are ErrUnauthorized, a refused scope ErrForbidden, throttling
// ErrRateLimited, anything else ErrUnavailable.
func (e *AuthError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == 401 || (e.StatusCode == 400 && e.Code != "invalid_scope")
	case ErrForbidden:
		return e.StatusCode == 403 || e.Code == "invalid_scope"
	case ErrRateLimited:
		return e.StatusCode == 429
	case ErrUnavailable:
		return e.StatusCode == 0 || e.StatusCode >= 500
	}
	return false
}
