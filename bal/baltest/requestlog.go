package baltest

import (
	"net/http"
	"time"
)

// Request is one entry of the request log.
type Request struct {
	// Time is the server clock's time when the request arrived.
	Time time.Time
	// Method and Path are the request's; Query is its raw query.
	Method, Path, Query string
	// Status is the status answered; 0 when the connection was reset or the
	// answer cut short by an injected fault.
	Status int
	// Client is the consumer key of the caller, once authenticated.
	Client string
	// RequestID is the caller's X-Request-ID.
	RequestID string
	// IdempotencyKey is the caller's Idempotency-Key.
	IdempotencyKey string
	// Injected names the injected fault that hit the request, if any.
	Injected string
	// Body is the request body (at most 64 KiB of it).
	Body []byte
}

// maxLoggedBody bounds the body kept per logged request.
const maxLoggedBody = 64 << 10

// Requests returns a copy of the request log, oldest first. The log keeps
// the most recent requests up to the limit set with WithRequestLogLimit.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := make([]Request, len(s.reqlog))
	copy(out, s.reqlog)
	return out
}

// ClearRequests empties the request log.
func (s *Server) ClearRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.reqlog = nil
}

func (s *Server) logRequest(e Request) {
	if s.opts.logLimit <= 0 {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if len(s.reqlog) >= s.opts.logLimit {
		// Drop the oldest half at once rather than shifting on every call.
		n := copy(s.reqlog, s.reqlog[len(s.reqlog)/2:])
		clear(s.reqlog[n:])
		s.reqlog = s.reqlog[:n]
	}
	s.reqlog = append(s.reqlog, e)
}

// statusRecorder remembers the status a handler wrote, and tells onHeader
// (if set) before the status is sent.
type statusRecorder struct {
	http.ResponseWriter
	status   int
	onHeader func(status int)
}

func (r *statusRecorder) WriteHeader(status int) {
	r.heard(status)
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.heard(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) heard(status int) {
	if r.status != 0 {
		return
	}
	r.status = status
	if r.onHeader != nil {
		r.onHeader(status)
	}
}

// Unwrap lets http.ResponseController reach the connection (to hijack it
// for an injected reset).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
