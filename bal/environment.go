package bal

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// DefaultUpdatePath is the base path of the update, change-feed, deficiency
// and case services under an environment's host. Lantmäteriet has not
// published these services' paths; this is the path of the SDK's modelled
// contract (see the README), so it is configurable with WithUpdatePath.
const DefaultUpdatePath = "/ajourhallning/bal/v1"

// Environment is one of Lantmäteriet's installations: the API host, the
// OAuth2 token endpoint, and the base path of the update services.
// Environments are values; build custom ones with NewEnvironment.
type Environment struct {
	name       string
	baseURL    string
	tokenURL   string
	updatePath string
	// hosts lists the hosts besides the API host that may receive a
	// service's credential, one "service host:port" per line, sorted (a
	// string keeps Environment comparable).
	hosts string
}

// geotorgetDownloadHost is Geotorget's older download host, which takes
// the bearer token of Geotorget's API (lantmateriet-api.md §6.2).
const geotorgetDownloadHost = "download-geotorget.lantmateriet.se:443"

// Lantmäteriet's two environments. An agreement for a service gives access
// to both; customer testing may only be done in Verification.
var (
	// Verification is Verifiering, the test environment. New functionality
	// lands here first and it may stop without notice.
	Verification = Environment{
		name:       "Verifiering",
		baseURL:    "https://api-ver.lantmateriet.se",
		tokenURL:   "https://apimanager-ver.lantmateriet.se/oauth2/token",
		updatePath: DefaultUpdatePath,
	}
	// Production is Produktion.
	// Its Geotorget credential also goes to Geotorget's older download
	// host, download-geotorget.lantmateriet.se, which wants the bearer
	// token (the older API is documented for Produktion only).
	Production = Environment{
		name:       "Produktion",
		baseURL:    "https://api.lantmateriet.se",
		tokenURL:   "https://apimanager.lantmateriet.se/oauth2/token",
		updatePath: DefaultUpdatePath,
		hosts:      string(ServiceGeotorget) + " " + geotorgetDownloadHost + "\n",
	}
)

// NewEnvironment describes another installation, such as a bal/baltest
// server or a proxy. baseURL may carry a path prefix ("https://proxy/lm");
// every service path is appended to it. Both URLs must use https, except on
// loopback hosts (localhost, 127.0.0.0/8, ::1), where http is allowed for
// tests.
func NewEnvironment(name, baseURL, tokenURL string) (Environment, error) {
	e := Environment{
		name:       name,
		baseURL:    strings.TrimRight(baseURL, "/"),
		tokenURL:   tokenURL,
		updatePath: DefaultUpdatePath,
	}
	if err := e.validate(); err != nil {
		return Environment{}, err
	}
	return e, nil
}

// WithUpdatePath returns a copy of e whose update services live under path
// (e.g. "/ajourhallning/bal/v2") instead of DefaultUpdatePath.
func (e Environment) WithUpdatePath(path string) Environment {
	e.updatePath = "/" + strings.Trim(path, "/")
	return e
}

// WithServiceHost returns a copy of e in which host, besides the API host,
// may receive service s's credential: a file host that, like Geotorget's
// older download host, wants the bearer token. host is a name or address
// with an optional port ("download.example.se", "127.0.0.1:8443"); without
// a port it means 443. A "host" is a name and port: 127.0.0.1:8080 and
// 127.0.0.1:8081 are two hosts, and so are localhost:8080 and
// 127.0.0.1:8080. Any other host a call or a redirect leads to gets no
// credential at all.
func (e Environment) WithServiceHost(s Service, host string) Environment {
	h := host
	if u, err := url.Parse("https://" + host); err == nil && u.Host == host {
		h = canonicalHost(u)
	}
	lines := strings.Split(strings.TrimSuffix(e.hosts, "\n"), "\n")
	lines = append(lines, string(s)+" "+h)
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
	slices.Sort(lines)
	e.hosts = strings.Join(slices.Compact(lines), "\n") + "\n"
	return e
}

// serviceHosts returns the hosts besides the API host that may receive a
// service's credential, by service.
func (e Environment) serviceHosts() map[Service][]string {
	m := map[Service][]string{}
	for _, l := range strings.Split(e.hosts, "\n") {
		if s, h, ok := strings.Cut(l, " "); ok {
			m[Service(s)] = append(m[Service(s)], h)
		}
	}
	return m
}

// canonicalHost names u's host as the credential policy compares hosts:
// the lower-case name or address and the port, the scheme's default port
// when u has none.
func canonicalHost(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// Name returns the environment's name, e.g. "Verifiering".
func (e Environment) Name() string { return e.name }

// BaseURL returns the API base URL without a trailing slash.
func (e Environment) BaseURL() string { return e.baseURL }

// TokenURL returns the OAuth2 token endpoint.
func (e Environment) TokenURL() string { return e.tokenURL }

// UpdatePath returns the base path of the update services.
func (e Environment) UpdatePath() string { return e.updatePath }

// IsZero reports whether e is the zero Environment (none chosen).
func (e Environment) IsZero() bool { return e == Environment{} }

// String returns the name and base URL.
func (e Environment) String() string { return e.name + " (" + e.baseURL + ")" }

func (e Environment) validate() error {
	if e.IsZero() {
		return fmt.Errorf("bal: no environment: use bal.Verification, bal.Production or bal.NewEnvironment")
	}
	if _, err := checkURL("base URL", e.baseURL, true); err != nil {
		return err
	}
	if _, err := checkURL("token URL", e.tokenURL, false); err != nil {
		return err
	}
	if !strings.HasPrefix(e.updatePath, "/") {
		return fmt.Errorf("bal: update path %q must start with /", e.updatePath)
	}
	for s, hosts := range e.serviceHosts() {
		if err := s.validate(); err != nil {
			return fmt.Errorf("bal: service host: %w", err)
		}
		for _, h := range hosts {
			if u, err := url.Parse("https://" + h); err != nil || u.Hostname() == "" || canonicalHost(u) != h {
				return fmt.Errorf("bal: service host %q for %s: want a host name or address with an optional port", truncate(h, 80), s)
			}
		}
	}
	return nil
}

// checkURL accepts absolute https URLs, and http ones on loopback hosts only,
// without credentials, query or fragment.
func checkURL(what, raw string, pathAllowed bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w", what, err)
	}
	switch {
	case u.Host == "":
		return nil, fmt.Errorf("bal: %s %q: want an absolute URL", what, raw)
	case u.User != nil:
		return nil, fmt.Errorf("bal: %s: credentials in the URL are not allowed", what)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("bal: %s %q: query and fragment are not allowed", what, raw)
	case !pathAllowed && u.Path == "":
		return nil, fmt.Errorf("bal: %s %q: want a path", what, raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("bal: %s %q: http is only allowed on loopback hosts; use https", what, raw)
		}
	default:
		return nil, fmt.Errorf("bal: %s %q: scheme must be https", what, raw)
	}
	return u, nil
}

// isLoopback reports whether host (a name or an IP, without port) is
// "localhost" or a loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
