package baltest

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // Europe/Stockholm, whatever the host has installed

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Server is an in-memory Lantmäteriet: a real HTTP server on loopback
// serving the token endpoint, the Direkt read services and the update,
// change-feed, deficiency and case services of the modelled update binding.
// It is safe for concurrent use. Close it when done.
type Server struct {
	opts options
	ts   *httptest.Server
	// fileHost is Geotorget's file host (WithGeotorgetRedirects): another
	// listener, so that a client's credential policy sees another host.
	fileHost *httptest.Server
	clock    *Clock
	loc      *time.Location

	// mu guards the store: readers share it, every write holds it alone, so
	// each write (a transaction included) is applied atomically.
	mu sync.RWMutex
	st *store

	authMu        sync.Mutex
	apps          map[string]*tokenState
	refusedTokens int

	logMu  sync.Mutex
	reqlog []Request

	injMu  sync.Mutex
	rules  []*injected
	injSeq int

	// base is the loaded data as the store holds it, which Reset loads
	// again: stored objects are never modified, so the store shares them.
	base *baseData
	// dataset is the dataset WithDataset gave, or the generated one once
	// Dataset has made it again (datasetOnce): a generated dataset is not
	// kept beside the store, which would hold the municipality twice.
	dataset     *gen.Dataset
	datasetOnce sync.Once

	// ngp is the national geodata platform (ngp*.go).
	ngp *ngpState
	// gt is Geotorget Nedladdning's state (geotorget.go).
	gt geotorget

	// controlOnce builds controlRoutes, the control API (control.go).
	controlOnce   sync.Once
	controlRoutes *http.ServeMux

	// reqHook, when set, is called as each request arrives; tests use it
	// to act at a known moment instead of sleeping.
	reqHook atomic.Pointer[func()]
}

// onRequest sets the hook called as each request arrives.
func (s *Server) onRequest(f func()) { s.reqHook.Store(&f) }

// options are what Option sets.
type options struct {
	tls         bool
	addr        string
	credentials []Credentials
	tokenTTL    time.Duration
	updatePath  string
	genConfig   *gen.Config
	dataset     *gen.Dataset
	retention   time.Duration
	idemTTL     time.Duration
	logLimit    int
	start       time.Time
	initialFeed bool
	defaultPage int
	kommunkod   string

	ngpTimings   NGPTimings
	ngpMaxObject int
	ngpProducers []string
	geotorget    geotorgetOptions

	controlToken string
}

// Option configures a Server.
type Option func(*options)

// WithTLS serves https with a self-signed certificate for 127.0.0.1 and
// localhost; Server.Client trusts it.
func WithTLS() Option { return func(o *options) { o.tls = true } }

// WithAddr listens on addr (e.g. "127.0.0.1:8080") instead of a free
// loopback port.
func WithAddr(addr string) Option { return func(o *options) { o.addr = addr } }

// WithCredentials replaces DefaultCredentials with the applications given.
func WithCredentials(c ...Credentials) Option {
	return func(o *options) { o.credentials = append([]Credentials(nil), c...) }
}

// WithTokenTTL sets the expires_in of issued tokens (default one hour).
// Expiry follows the server's Clock.
func WithTokenTTL(d time.Duration) Option { return func(o *options) { o.tokenTTL = d } }

// WithUpdatePath serves the update services under path instead of
// bal.DefaultUpdatePath; Server.Environment carries it.
func WithUpdatePath(path string) Option {
	return func(o *options) { o.updatePath = "/" + strings.Trim(path, "/") }
}

// WithData loads a municipality generated from cfg (see package gen). The
// default is gen.Config{} : 100 buildings in kommun 2199.
func WithData(cfg gen.Config) Option {
	return func(o *options) { c := cfg; o.genConfig, o.dataset = &c, nil }
}

// WithDataset loads an already generated dataset. The server takes it over:
// do not change it afterwards.
func WithDataset(d *gen.Dataset) Option { return func(o *options) { o.dataset, o.genConfig = d, nil } }

// WithoutData starts the server empty: no registerenheter, no objects.
// Municipality code 2199 is still the default of Kommunkod.
func WithoutData() Option { return func(o *options) { o.dataset, o.genConfig = nil, nil } }

// WithFeedRetention sets how long the change feed keeps changes (default 7
// days, by the server's Clock); a checkpoint older than that answers 410
// BAL-0410-GAP.
func WithFeedRetention(d time.Duration) Option { return func(o *options) { o.retention = d } }

// WithInitialFeed puts the loaded data into the change feed as "Ny"
// changes, so that a follower starting from the beginning sees everything.
// By default the feed starts empty: loaded data is the base extract.
func WithInitialFeed() Option { return func(o *options) { o.initialFeed = true } }

// WithIdempotencyTTL sets how long Idempotency-Keys are remembered (default
// 24 hours, by the server's Clock).
func WithIdempotencyTTL(d time.Duration) Option { return func(o *options) { o.idemTTL = d } }

// WithRequestLogLimit sets how many requests the log keeps (default
// 10 000); 0 turns the log off.
func WithRequestLogLimit(n int) Option { return func(o *options) { o.logLimit = n } }

// WithTime starts the server's Clock stopped at t, for tests that need
// reproducible timestamps.
func WithTime(t time.Time) Option { return func(o *options) { o.start = t } }

// NewServer starts a server. With no options it listens on a free loopback
// port over http, accepts DefaultCredentials and holds a generated
// municipality of 100 buildings. It panics if the data cannot be generated
// or the address cannot be listened on, like httptest.NewServer.
func NewServer(opts ...Option) *Server {
	s, err := Start(opts...)
	if err != nil {
		panic(err)
	}
	return s
}

// Start is NewServer returning errors instead of panicking, for programs
// (cmd/balsim).
func Start(opts ...Option) (*Server, error) {
	s, err := build(opts...)
	if err != nil {
		return nil, err
	}
	ts := httptest.NewUnstartedServer(s.handler())
	if s.opts.addr != "" {
		ln, err := net.Listen("tcp", s.opts.addr)
		if err != nil {
			return nil, fmt.Errorf("baltest: %w", err)
		}
		ts.Listener.Close()
		ts.Listener = ln
	}
	// No HTTP/2: injected connection resets need a hijackable HTTP/1.1
	// connection, and Lantmäteriet's gateway speaks HTTP/1.1 too.
	ts.Config.TLSNextProto = map[string]func(*http.Server, *tls.Conn, http.Handler){}
	if s.opts.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	// Clients share the server's transport, so that Close also closes their
	// idle connections; let it keep enough of them for many goroutines.
	if tr, ok := ts.Client().Transport.(*http.Transport); ok {
		tr.MaxIdleConnsPerHost = 64
	}
	s.ts = ts
	if s.opts.geotorget.redirects {
		// Same certificate (httptest's), another port: a client trusting
		// the server trusts its file host, and sees another host.
		fh := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ts.Config.Handler.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), fileHostKey{}, true)))
		}))
		fh.Config.TLSNextProto = ts.Config.TLSNextProto
		if s.opts.tls {
			fh.StartTLS()
		} else {
			fh.Start()
		}
		s.fileHost = fh
	}
	return s, nil
}

// fileHostKey marks a request that arrived at the file host's listener.
type fileHostKey struct{}

// build makes a server with its data loaded, not yet listening.
func build(opts ...Option) (*Server, error) {
	o := options{
		credentials: []Credentials{DefaultCredentials},
		tokenTTL:    time.Hour,
		updatePath:  bal.DefaultUpdatePath,
		genConfig:   &gen.Config{},
		retention:   7 * 24 * time.Hour,
		idemTTL:     24 * time.Hour,
		logLimit:    10_000,
		defaultPage: 100,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.controlToken == "" {
		o.controlToken = newControlToken()
	}
	if len(o.credentials) == 0 {
		return nil, fmt.Errorf("baltest: WithCredentials needs at least one application")
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, fmt.Errorf("baltest: %w", err)
	}
	s := &Server{opts: o, clock: newClock(), loc: loc, st: newStore(), apps: map[string]*tokenState{}}
	if !o.start.IsZero() {
		s.clock.Set(o.start)
	}
	for _, c := range o.credentials {
		s.apps[c.ID] = &tokenState{secret: c.Secret, apiKey: c.APIKey, kommunkod: c.Kommunkod}
	}
	s.opts.kommunkod = gen.DefaultKommunkod
	d := o.dataset
	if d == nil && o.genConfig != nil {
		var err error
		if d, err = gen.Generate(*o.genConfig); err != nil {
			return nil, fmt.Errorf("baltest: %w", err)
		}
	}
	s.dataset = o.dataset
	s.ngp = newNGPState(s.opts)
	if d != nil {
		s.load(d)
	}
	return s, nil
}

// URL returns the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.ts.URL }

// Close shuts the server down and waits for the requests in flight.
func (s *Server) Close() {
	s.ts.Close()
	if s.fileHost != nil {
		s.fileHost.Close()
	}
	s.closeGeotorget()
}

// CloseClientConnections closes every client connection, e.g. to test how
// a client copes with a server going away.
func (s *Server) CloseClientConnections() {
	s.ts.CloseClientConnections()
	if s.fileHost != nil {
		s.fileHost.CloseClientConnections()
	}
}

// Clock returns the server's clock.
func (s *Server) Clock() *Clock { return s.clock }

// Credentials returns the first application's credentials, the ones Client
// uses.
func (s *Server) Credentials() Credentials { return s.opts.credentials[0] }

// UpdatePath returns the base path of the update services.
func (s *Server) UpdatePath() string { return s.opts.updatePath }

// TokenURL returns the token endpoint's URL.
func (s *Server) TokenURL() string { return s.ts.URL + TokenPath }

// Environment returns a bal.Environment pointing at the server: base URL,
// token URL and update path.
func (s *Server) Environment() bal.Environment {
	env, err := bal.NewEnvironment("baltest", s.ts.URL, s.TokenURL())
	if err != nil {
		// The server's URLs are loopback URLs, which NewEnvironment accepts.
		panic(fmt.Sprintf("baltest: %v", err))
	}
	return env.WithUpdatePath(s.opts.updatePath)
}

// HTTPClient returns an *http.Client that trusts the server's certificate
// (with WithTLS); pass it in bal.Config.HTTPClient.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// ClientOption adjusts the bal.Config that Client builds.
type ClientOption func(*bal.Config)

// Client returns a *bal.Client pointed at the server with working
// credentials and, with WithTLS, a transport that trusts its certificate.
// Retries wait at most a few milliseconds, so that tests of the retry
// policy run fast; options may change anything. It panics if the options
// make the configuration invalid.
func (s *Server) Client(opts ...ClientOption) *bal.Client {
	c, err := s.NewClient(opts...)
	if err != nil {
		panic(err)
	}
	return c
}

// NewClient is Client returning the error instead of panicking.
func (s *Server) NewClient(opts ...ClientOption) (*bal.Client, error) {
	cred := s.Credentials()
	cfg := bal.Config{
		Environment: s.Environment(),
		Credentials: bal.ClientCredentials{ID: cred.ID, Secret: cred.Secret},
		HTTPClient:  s.ts.Client(),
		AppID:       "baltest",
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 10 * time.Millisecond},
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := bal.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("baltest: client: %w", err)
	}
	return c, nil
}

// now returns the server clock's time in Swedish local time, in which
// Lantmäteriet writes its timestamps.
func (s *Server) now() time.Time { return s.clock.Now().In(s.loc) }

// handler builds the routes, wrapped in the request log, fault injection
// and authentication.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+TokenPath, s.handleToken)
	s.routeUpdate(mux)
	s.routeDirekt(mux)
	s.routeNGP(mux)
	s.routeGeotorget(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, ControlPath+"/") {
			s.serveControl(w, r) // not logged, never faulted
			return
		}
		if hook := s.reqHook.Load(); hook != nil {
			(*hook)()
		}
		entry := Request{
			Time: s.clock.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
			RequestID: r.Header.Get("X-Request-ID"), IdempotencyKey: r.Header.Get("Idempotency-Key"),
		}
		if r.Body != nil {
			body, _ := io.ReadAll(io.LimitReader(r.Body, update1.MaxDocumentBytes+1))
			r.Body = io.NopCloser(bytes.NewReader(body))
			entry.Body = body[:min(len(body), maxLoggedBody)]
		}
		if id := r.Header.Get("X-Request-ID"); id != "" {
			w.Header().Set("X-Request-ID", id)
		}
		// serve runs the request; onHeader, when set, hears the status
		// before any of the answer reaches the client.
		serve := func(w http.ResponseWriter, r *http.Request, onHeader func(int)) int {
			rec := &statusRecorder{ResponseWriter: w, onHeader: onHeader}
			// The token endpoint takes the application's credentials and
			// Geotorget's file host takes its signed path instead of a
			// token; it is the only thing on its own listener.
			fromFileHost, _ := r.Context().Value(fileHostKey{}).(bool)
			toFileHost := strings.HasPrefix(r.URL.Path, geotorgetFileHost+"/")
			switch {
			case fromFileHost != toFileHost:
				writeFault(rec, r, errf(http.StatusNotFound, CodeNotFound, "no such resource on this host"))
				return rec.status
			case toFileHost:
				if e := refuseCredentials(r); e != nil {
					writeFault(rec, r, e)
					return rec.status
				}
			case r.URL.Path != TokenPath:
				client, err := s.authenticate(r)
				if err != nil {
					writeFault(rec, r, err)
					return rec.status
				}
				entry.Client = client
				r = r.WithContext(context.WithValue(r.Context(), callerKey{}, client))
			}
			mux.ServeHTTP(rec, r)
			return rec.status
		}
		logged := false
		record := func(status int) {
			if !logged {
				logged = true
				entry.Status = status
				s.logRequest(entry)
			}
		}
		if in := s.pickFault(r); in != nil {
			entry.Injected = in.Name
			unheard := func(w http.ResponseWriter, r *http.Request) int { return serve(w, r, nil) }
			record(s.serveFault(in, w, r, unheard, record))
		} else {
			// Logged as the status goes out, not after the body: a client
			// that has read its answer finds the request in the log.
			record(serve(w, r, record))
		}
	})
}

// FileHostURL returns the base URL of Geotorget's file host
// (WithGeotorgetRedirects), "" without it.
func (s *Server) FileHostURL() string {
	if s.fileHost == nil {
		return ""
	}
	return s.fileHost.URL
}
