package bal

import (
	"context"
	"errors"
	"net/http"
)

// The SDK masks what it hands out where it builds it: every text field of
// its error types passes through the client's Redact (or clip, where the
// text is bounded), and an underlying error whose text would need masking is
// replaced by its masked text. Error methods then run Redact once more, as a
// net for errors built elsewhere.

// maxFaultText bounds each text kept from a fault (code, message, each
// detail), as the fault decoder does.
const maxFaultText = 4 << 10

// faultText masks and bounds one text of a decoded fault.
func (c *Client) faultText(s string) string { return c.secrets.clip(s, maxFaultText) }

// clipBytes masks the start of b and bounds it to n bytes; only as much of b
// is copied as clip looks at.
func (c *Client) clipBytes(b []byte, n int) string {
	return c.secrets.clip(string(b[:min(len(b), n+c.secrets.margin()+1)]), n)
}

// scrub masks every text field of e with the client's secrets and returns
// it. Texts that went through clip already are left as they are by a second
// mask.
func (c *Client) scrub(e *Error) *Error {
	e.Operation = c.Redact(e.Operation)
	e.Path = c.Redact(e.Path)
	e.Code = c.Redact(e.Code)
	e.Message = c.Redact(e.Message)
	for i, d := range e.Details {
		e.Details[i] = c.Redact(d)
	}
	e.RequestID = c.Redact(e.RequestID)
	e.Err = c.secrets.scrubCause(e.Err)
	return e
}

// scrubCause returns err itself when neither its text nor that of any error
// it wraps holds anything to mask, so that errors.Is and errors.As reach the
// network error beneath. Otherwise it returns an error with the masked text,
// which still matches the SDK's sentinels and the context's errors that err
// matched; the original, which would hand the unmasked text to anyone who
// unwraps it, is dropped.
func (s *secrets) scrubCause(err error) error {
	if err == nil || !s.needsMask(err, 0) {
		return err
	}
	m := &maskedError{text: s.redact(err.Error())}
	for _, target := range maskedErrorTargets {
		if errors.Is(err, target) {
			m.is = append(m.is, target)
		}
	}
	return m
}

// needsMask reports whether masking would change the text of err or of an
// error it wraps.
func (s *secrets) needsMask(err error, depth int) bool {
	if err == nil || depth > 16 {
		return false
	}
	if txt := err.Error(); s.redact(txt) != txt {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return s.needsMask(u.Unwrap(), depth+1)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if s.needsMask(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// maskedErrorTargets are the errors a masked cause keeps matching.
var maskedErrorTargets = []error{
	ErrInvalidResponse, ErrResponseTooLarge, ErrUnavailable, ErrUnauthorized, ErrForbidden,
	ErrNotSubscribed, ErrGeoBlocked, ErrNotResponsible, ErrTokenRevoked,
	context.Canceled, context.DeadlineExceeded, http.ErrUseLastResponse,
}

// maskedError is an error whose text was masked; it keeps the sentinel
// matches of the error it replaced.
type maskedError struct {
	text string
	is   []error
}

func (e *maskedError) Error() string { return e.text }

func (e *maskedError) Is(target error) bool {
	for _, t := range e.is {
		if t == target {
			return true
		}
	}
	return false
}

// cutShortError is the cause of an answer whose body broke off after the
// headers: a transport failure that a read may retry. It matches
// ErrInvalidResponse; its text is the masked read error.
type cutShortError struct{ text string }

func (e *cutShortError) Error() string        { return ErrInvalidResponse.Error() + ": " + e.text }
func (e *cutShortError) Is(target error) bool { return target == ErrInvalidResponse }

// sanitizedResponse is what an error may keep of an answer: status and
// masked headers, no body and, above all, not the request, whose headers
// carry the credentials.
func (s *secrets) sanitizedResponse(r *http.Response) *http.Response {
	if r == nil {
		return nil
	}
	h := make(http.Header, len(r.Header))
	for k, vs := range r.Header {
		for _, v := range vs {
			h.Add(k, s.clip(v, maxFaultText))
		}
	}
	return &http.Response{
		Status: s.clip(r.Status, 128), StatusCode: r.StatusCode,
		Proto: r.Proto, ProtoMajor: r.ProtoMajor, ProtoMinor: r.ProtoMinor,
		Header: h, Body: http.NoBody, ContentLength: r.ContentLength,
	}
}
