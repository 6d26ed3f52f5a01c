package baltest

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind says what an injected fault does to a request.
type FaultKind int

// The kinds of injected faults.
const (
	// FaultStatus answers Status with a fault body (the gateway's for 401,
	// 403, 429, 502, 503 and 504, an lmfault otherwise) and, when set, a
	// Retry-After header. The service never sees the request.
	FaultStatus FaultKind = iota + 1
	// FaultReset resets the connection before the service sees the request.
	FaultReset
	// FaultResetAfterApply lets the service handle the request (a write is
	// applied) and then resets the connection instead of answering: the
	// client cannot know whether its write happened.
	FaultResetAfterApply
	// FaultTruncate lets the service handle the request and sends its
	// answer cut in half, with a Content-Length promising all of it.
	FaultTruncate
	// FaultHTML answers Status (502 when zero) with an HTML error page, as a
	// proxy in front of the service would.
	FaultHTML
	// FaultDelay waits Delay and then serves the request normally.
	FaultDelay
	// FaultCut lets the service answer and closes the connection after At
	// bytes of a 2xx answer's body (at a random offset within the body,
	// drawn from the rule's seeded generator, with RandomAt), as a
	// download broken off mid-file. An answer shorter than At is not cut.
	FaultCut
	// FaultGeoBlock answers 403 with the bare text "Geolocation Block!", as
	// Lantmäteriet's platform answers callers outside Sweden.
	FaultGeoBlock
)

// String returns the kind's name, e.g. "reset-after-apply".
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "status"
	case FaultReset:
		return "reset"
	case FaultResetAfterApply:
		return "reset-after-apply"
	case FaultTruncate:
		return "truncate"
	case FaultHTML:
		return "html"
	case FaultDelay:
		return "delay"
	case FaultCut:
		return "cut"
	case FaultGeoBlock:
		return "geo-block"
	}
	return "fault(" + strconv.Itoa(int(k)) + ")"
}

// FaultRule injects a fault into the requests it matches. A rule matches a
// request by Method and PathPrefix, and fires on every Every-th match, or
// with Probability drawn from a generator seeded with Seed (deterministic
// for a given order of requests), or on every match when both are zero; it
// stops after Times firings when Times is set. The first firing rule, in
// the order they were injected, decides.
type FaultRule struct {
	// Name appears in the request log; defaults to the kind.
	Name string
	// Method matches the request method; empty matches any.
	Method string
	// PathPrefix matches the start of the request path, e.g.
	// "/ajourhallning/bal/v1/byggnad"; empty matches every path, the token
	// endpoint's included.
	PathPrefix string
	// Kind is what the fault does.
	Kind FaultKind
	// Status is the status of FaultStatus and FaultHTML.
	Status int
	// Code is the fault code written with FaultStatus; empty picks the
	// gateway's or BAL-0500.
	Code string
	// RetryAfter is sent as Retry-After (whole seconds) with FaultStatus.
	RetryAfter time.Duration
	// Delay is waited before the fault acts (or, for FaultDelay, before the
	// request is served). The wait ends early when the client gives up.
	Delay time.Duration
	// Every fires the rule on every Every-th matching request (1 = each).
	Every int
	// Probability fires the rule on a matching request with this
	// probability, 0–1, drawn from a generator seeded with Seed.
	Probability float64
	// Seed seeds Probability's generator.
	Seed uint64
	// Times stops the rule after it has fired this many times; 0 means
	// never.
	Times int
	// At is the body offset at which FaultCut closes the connection.
	At int64
	// RandomAt makes FaultCut cut at a random offset within the body
	// instead of At.
	RandomAt bool
}

// injected is a FaultRule in force, with its counters.
type injected struct {
	FaultRule
	id      int
	mu      sync.Mutex
	matches int
	fired   int
	rng     *rand.Rand
}

// Inject adds a fault rule and returns a function that removes it.
func (s *Server) Inject(r FaultRule) (remove func()) {
	in := s.inject(r)
	return func() { s.removeRule(in.id) }
}

// inject adds a fault rule and returns it in force.
func (s *Server) inject(r FaultRule) *injected {
	if r.Name == "" {
		r.Name = r.Kind.String()
	}
	in := &injected{FaultRule: r, rng: rand.New(rand.NewPCG(r.Seed, 0x9e3779b97f4a7c15))}
	s.injMu.Lock()
	defer s.injMu.Unlock()
	s.injSeq++
	in.id = s.injSeq
	s.rules = append(s.rules, in)
	return in
}

// removeRule removes the rule with the id given and reports whether it was
// in force.
func (s *Server) removeRule(id int) bool {
	s.injMu.Lock()
	defer s.injMu.Unlock()
	for i, x := range s.rules {
		if x.id == id {
			s.rules = append(s.rules[:i:i], s.rules[i+1:]...)
			return true
		}
	}
	return false
}

// InjectChaos makes a share p (0–1) of the requests under pathPrefix fail,
// evenly mixed between the faults a client must survive: 503, 429 with a
// Retry-After of one second, a connection reset after the write was
// applied, and an answer cut short. Draws are seeded, so a run repeats for
// the same order of requests. It returns a function that removes the
// rules; FaultsFired counts them under the names "chaos-503", "chaos-429",
// "chaos-reset-after-apply" and "chaos-truncate".
func (s *Server) InjectChaos(pathPrefix string, p float64, seed uint64) (remove func()) {
	// Rules are tried in turn and each fires on its own draw, so each gets
	// the probability q with 1-(1-q)^4 = p.
	q := 1 - math.Pow(1-p, 0.25)
	rules := []FaultRule{
		{Name: "chaos-503", Kind: FaultStatus, Status: http.StatusServiceUnavailable},
		{Name: "chaos-429", Kind: FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: time.Second},
		{Name: "chaos-reset-after-apply", Kind: FaultResetAfterApply},
		{Name: "chaos-truncate", Kind: FaultTruncate},
	}
	var removes []func()
	for i, r := range rules {
		r.PathPrefix, r.Probability, r.Seed = pathPrefix, q, seed+uint64(i)
		removes = append(removes, s.Inject(r))
	}
	return func() {
		for _, f := range removes {
			f()
		}
	}
}

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() {
	s.injMu.Lock()
	defer s.injMu.Unlock()
	s.rules = nil
}

// FaultsFired returns how many times the rule named name has fired.
func (s *Server) FaultsFired(name string) int {
	s.injMu.Lock()
	defer s.injMu.Unlock()
	n := 0
	for _, r := range s.rules {
		if r.Name == name {
			r.mu.Lock()
			n += r.fired
			r.mu.Unlock()
		}
	}
	return n
}

// pickFault returns the rule that fires for r, or nil. Rules are consulted
// in the order they were injected and the first that fires handles the
// request; the rules after it do not see it, so their Every counts, Times
// budgets and FaultsFired stay true to what they actually did.
func (s *Server) pickFault(r *http.Request) *injected {
	s.injMu.Lock()
	rules := append([]*injected(nil), s.rules...)
	s.injMu.Unlock()
	for _, in := range rules {
		if in.Method != "" && !strings.EqualFold(in.Method, r.Method) || !strings.HasPrefix(r.URL.Path, in.PathPrefix) {
			continue
		}
		if in.fires() {
			return in
		}
	}
	return nil
}

// fires counts a match and decides whether the rule fires on it.
func (in *injected) fires() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.Times > 0 && in.fired >= in.Times {
		return false
	}
	in.matches++
	var fire bool
	switch {
	case in.Every > 0:
		fire = in.matches%in.Every == 0
	case in.Probability > 0:
		fire = in.rng.Float64() < in.Probability
	default:
		fire = true
	}
	if fire {
		in.fired++
	}
	return fire
}

// serveFault acts out the fault; serve runs the service for the kinds that
// let it. It reports the status written (0 for none). The kinds that cut
// the connection call record first: the client learns of the cut at once
// and may retry and then read the request log before this handler would
// otherwise have logged the request it cut.
func (s *Server) serveFault(in *injected, w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter, *http.Request) int, record func(status int)) int {
	if in.Delay > 0 {
		t := time.NewTimer(in.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return 0
		}
	}
	switch in.Kind {
	case FaultDelay:
		return serve(w, r)
	case FaultCut:
		return in.cut(w, r, serve, record)
	case FaultReset:
		record(0)
		resetConn(w)
		return 0
	case FaultResetAfterApply:
		buf := newBufferWriter()
		serve(buf, r)
		record(0)
		resetConn(w)
		return 0
	case FaultTruncate:
		buf := newBufferWriter()
		status := serve(buf, r)
		record(0)
		writeTruncated(w, buf, status)
		return 0
	case FaultGeoBlock:
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, geoBlockBody)
		return http.StatusForbidden
	case FaultHTML:
		status := in.Status
		if status == 0 {
			status = http.StatusBadGateway
		}
		text := http.StatusText(status)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><title>%d %s</title></head><body><h1>%s</h1><p>The server is temporarily unable to service your request.</p></body></html>\n", status, text, text)
		return status
	default:
		status := in.Status
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		e := injectedFault(status, in.Code)
		if in.RetryAfter > 0 {
			e.retryAfter = strconv.Itoa(int((in.RetryAfter + time.Second - 1) / time.Second))
		}
		writeFault(w, r, e)
		return status
	}
}

// geoBlockBody is what the platform answers callers outside Sweden
// (lantmateriet-api.md, corrections §4).
const geoBlockBody = "Geolocation Block!"

// injectedFault is the fault body of an injected status: the gateway's for
// the statuses the gateway answers, a service fault otherwise.
func injectedFault(status int, code string) *apiError {
	switch status {
	case http.StatusUnauthorized:
		return gatewayFault(status, or(code, gatewayInvalidCredentials), "Invalid Credentials", "Access failure for API (injected)")
	case http.StatusForbidden:
		// The gateway's answer when the application is not subscribed to
		// the product (shared/contract/faults/gateway-scope.403.json).
		return gatewayFault(status, or(code, gatewayForbidden), "The access token does not allow you to access the requested resource",
			"User is NOT authorized to access the Resource. Scope validation failed. (injected)")
	case http.StatusTooManyRequests:
		return gatewayFault(status, or(code, gatewayThrottled), "Message throttled out", "You have exceeded your quota (injected)")
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return gatewayFault(status, or(code, gatewayUnavailable), "Runtime Error", http.StatusText(status)+" (injected)")
	}
	return errf(status, or(code, "BAL-0500"), "%s (injected)", http.StatusText(status))
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// resetConn closes the client's connection with a TCP reset, so that the
// client sees "connection reset by peer" rather than an answer.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2): abort the stream instead.
		panic(http.ErrAbortHandler)
	}
	raw := conn
	if tc, ok := conn.(*tls.Conn); ok {
		raw = tc.NetConn()
	}
	if tcp, ok := raw.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// writeTruncated sends the buffered answer's status line and headers with
// the full Content-Length, then half of the body, and closes the
// connection.
func writeTruncated(w http.ResponseWriter, buf *bufferWriter, status int) {
	conn, rw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	body := buf.body.Bytes()
	buf.header.Set("Content-Length", strconv.Itoa(len(body)))
	buf.header.Del("Transfer-Encoding")
	fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	_ = buf.header.Write(rw)
	_, _ = rw.WriteString("Connection: close\r\n\r\n")
	_, _ = rw.Write(body[:len(body)/2])
	_ = rw.Flush()
}

// bufferWriter is a ResponseWriter that keeps the answer in memory.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferWriter() *bufferWriter { return &bufferWriter{header: http.Header{}} }

func (b *bufferWriter) Header() http.Header { return b.header }

func (b *bufferWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
