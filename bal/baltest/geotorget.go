package baltest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// GeotorgetBase is Geotorget Nedladdning v1's base path on the server.
const GeotorgetBase = gt.Base

// geotorgetFileHost is the path under which WithGeotorgetRedirects's file
// host (a listener of its own, Server.FileHostURL) serves files: it takes
// the signed path as its only credential, as a download host behind a 303
// would, and refuses a request that carries a token.
const geotorgetFileHost = "/geotorget/filvard"

// Defaults of the Geotorget fake.
const (
	defaultSignedPathTTL = time.Hour
	defaultBuildTime     = 2 * time.Minute
	defaultPartObjects   = 10_000
	// deliveryLifetime is how long a delivery stays available.
	deliveryLifetime = 14 * 24 * time.Hour
)

// GeotorgetOrder describes an order on Geotorget, for AddOrder. The zero
// value is an active subscription of "Fastighetsinformation Nedladdning,
// Adress och byggnad" that supports change extracts, belonging to the
// server's first credentials.
type GeotorgetOrder struct {
	// Client is the consumer key of the application the order belongs to;
	// empty means Credentials().ID. Other applications get 403 "Scope
	// validation failed" for it.
	Client string
	// Marking is the ordermarkning; empty means "baltest".
	Marking string
	// OneOff makes the order a one-off extract (abonnemang false), on which
	// no delivery can be started.
	OneOff bool
	// NoChanges makes the product one without change extracts
	// (produktinformation.stodjerForandring false).
	NoChanges bool
	// PartObjects is how many objects each part file of a delivery holds;
	// 0 means 10 000.
	PartObjects int
	// Uncompressed writes the part files' zips without compressing them,
	// so that a delivery downloads at its XML's size (about 7 kB a
	// building): megabytes to download from a small municipality.
	Uncompressed bool
	// BuildTime is how long, on the server's Clock, a delivery stays
	// PÅGÅENDE before it turns LYCKAD; 0 means two minutes.
	BuildTime time.Duration
}

// GeotorgetFile is one file of a delivery as the server holds it.
type GeotorgetFile struct {
	// Name is the file's path in the delivery, e.g. "byggnad/byggnad_1.zip",
	// the same as delivery.File.Name.
	Name string
	// Size is its length in bytes.
	Size int64
	// SHA256 is its SHA-256 digest.
	SHA256 [32]byte
}

// geotorget is the server's Geotorget state, guarded by its own lock.
type geotorget struct {
	mu       sync.Mutex
	orders   map[string]*gtOrder
	byClient map[string]int
	key      []byte
	dir      string // where delivery files live; created on first use
	ownDir   bool   // dir was made by the server and goes with Close
}

type gtOrder struct {
	GeotorgetOrder
	id         string
	created    time.Time
	deliveries []*gtDelivery
	// building is set while a delivery's files are being written, so that
	// a second start meets 409 like one during PÅGÅENDE.
	building bool
}

type gtDelivery struct {
	id       string
	typ      string
	created  time.Time
	ready    time.Time // PÅGÅENDE until then, LYCKAD after
	ended    string    // a status set by EndDelivery
	endedAt  time.Time
	position int64 // the change feed's last sekvensnummer it covers
	dir      string
	files    []gtFile
}

type gtFile struct {
	GeotorgetFile
	updated time.Time
}

// status returns the delivery's status at now, and when it last changed.
func (d *gtDelivery) status(now time.Time) (string, time.Time) {
	switch {
	case d.ended != "":
		return d.ended, d.endedAt
	case !now.Before(d.ready):
		return gt.StatusSucceeded, d.ready
	}
	return gt.StatusInProgress, d.created
}

// geotorgetOptions are the Options of the Geotorget fake.
type geotorgetOptions struct {
	signTTL     time.Duration
	redirects   bool
	ignoreRange bool
	dir         string
}

// WithSignedPathTTL sets how long, on the server's Clock, the signed paths
// of a file listing stay valid (default one hour); after that they answer
// 403 and a client must list again.
func WithSignedPathTTL(d time.Duration) Option { return func(o *options) { o.geotorget.signTTL = d } }

// WithGeotorgetRedirects makes Geotorget answer a file's signed path with a
// 303 to a file host, as some deployments do: another listener of the
// server (another port, so another host to a client). The file host takes
// the signed path as its credential and answers 400 to a request that
// carries an Authorization, ApiKey or Cookie header.
func WithGeotorgetRedirects() Option { return func(o *options) { o.geotorget.redirects = true } }

// WithGeotorgetIgnoringRange makes Geotorget's files ignore Range
// requests and always answer 200 with the whole file, as a file host
// without Range support would.
func WithGeotorgetIgnoringRange() Option { return func(o *options) { o.geotorget.ignoreRange = true } }

// WithGeotorgetDir keeps delivery files in dir instead of a temporary
// folder removed by Close.
func WithGeotorgetDir(dir string) Option { return func(o *options) { o.geotorget.dir = dir } }

// AddOrder registers an order on Geotorget and returns its OrderID. The
// order has no delivery yet: its latest delivery answers 404 until one is
// started (by a client's POST …/leverans or by StartDelivery).
func (s *Server) AddOrder(o GeotorgetOrder) string {
	if o.Client == "" {
		o.Client = s.Credentials().ID
	}
	if o.Marking == "" {
		o.Marking = "baltest"
	}
	if o.PartObjects <= 0 {
		o.PartObjects = defaultPartObjects
	}
	if o.BuildTime <= 0 {
		o.BuildTime = defaultBuildTime
	}
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.orders == nil {
		g.orders, g.byClient = map[string]*gtOrder{}, map[string]int{}
	}
	id := uuid.NewString()
	g.orders[id] = &gtOrder{GeotorgetOrder: o, id: id, created: s.clock.Now()}
	g.byClient[o.Client]++
	return id
}

// StartDelivery makes Lantmäteriet start a delivery of type typ ("BAS" or
// "FORANDRING") on a subscription, as a client's POST …/leverans does, and
// returns its id. The extract is built at once from the server's state; the
// delivery reads PÅGÅENDE until the order's BuildTime has passed on the
// server's Clock.
func (s *Server) StartDelivery(orderID, typ string) (string, error) {
	d, e := s.startDelivery(orderID, typ)
	if e != nil {
		return "", fmt.Errorf("baltest: start delivery: %w", e)
	}
	return d.id, nil
}

// EndDelivery ends the order's latest delivery, which must be in progress,
// with status: MISSLYCKAD or MAKULERAD, or LYCKAD to finish it now.
func (s *Server) EndDelivery(orderID, status string) error {
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.orders[orderID]
	if o == nil || len(o.deliveries) == 0 {
		return fmt.Errorf("baltest: end delivery: order %s has no delivery", orderID)
	}
	d := o.deliveries[len(o.deliveries)-1]
	now := s.clock.Now()
	if st, _ := d.status(now); st != gt.StatusInProgress {
		return fmt.Errorf("baltest: end delivery %s: it is %s, not in progress", d.id, st)
	}
	switch status {
	case gt.StatusSucceeded:
		d.ready = now
	case gt.StatusFailed, gt.StatusCancelled:
		d.ended, d.endedAt = status, now
	default:
		return fmt.Errorf("baltest: end delivery: %q is not LYCKAD, MISSLYCKAD or MAKULERAD", status)
	}
	return nil
}

// DeliveryFiles returns the files of the order's latest delivery, sorted
// by name, with their sizes and SHA-256 digests: what a download must end
// up with.
func (s *Server) DeliveryFiles(orderID string) ([]GeotorgetFile, error) {
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.orders[orderID]
	if o == nil || len(o.deliveries) == 0 {
		return nil, fmt.Errorf("baltest: order %s has no delivery", orderID)
	}
	d := o.deliveries[len(o.deliveries)-1]
	out := make([]GeotorgetFile, len(d.files))
	for i, f := range d.files {
		out[i] = f.GeotorgetFile
	}
	return out, nil
}

// ExpireSignedPaths makes every signed path handed out so far answer 403,
// as if it had expired; listings read afterwards hand out fresh ones.
func (s *Server) ExpireSignedPaths() {
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	g.key = nil
}

// closeGeotorget removes the delivery files the server made.
func (s *Server) closeGeotorget() {
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ownDir && g.dir != "" {
		_ = os.RemoveAll(g.dir)
		g.dir = ""
	}
}

// routeGeotorget adds Geotorget Nedladdning v1.
func (s *Server) routeGeotorget(mux *http.ServeMux) {
	b := GeotorgetBase + "/{order}"
	mux.HandleFunc("GET "+b, s.handleOrder)
	mux.HandleFunc("POST "+b+"/leverans", s.handleStartDelivery)
	mux.HandleFunc("GET "+b+"/leverans/latest", s.handleLatestDelivery)
	mux.HandleFunc("GET "+b+"/leverans/latest/files", s.handleFiles)
	mux.HandleFunc("GET "+b+"/leverans/latest/files/{rest...}", s.handleFiles)
	mux.HandleFunc("GET "+geotorgetFileHost+"/{order}/leverans/latest/files/{rest...}", s.handleFileHost)
}

// order returns the order the request names, if its caller may see it: an
// application without any order has not ordered Geotorget Nedladdning
// itself, and one asking for another's order lacks its scope; both get the
// gateway's 403 "Scope validation failed".
func (s *Server) order(r *http.Request) (*gtOrder, *apiError) {
	client, e := s.authenticate(r)
	if e != nil {
		return nil, e
	}
	g := &s.gt
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.orders[r.PathValue("order")]
	switch {
	case o != nil && o.Client == client:
		return o, nil
	case o == nil && g.byClient[client] > 0:
		return nil, errf(http.StatusNotFound, "404", "ingen beställning med OrderID %s", r.PathValue("order"))
	}
	return nil, gatewayFault(http.StatusForbidden, gatewayForbidden,
		"The access token does not allow you to access the requested resource",
		"User is NOT authorized to access the Resource: /nedladdning/v1/{orderId}. Scope validation failed.")
}

func (s *Server) handleOrder(w http.ResponseWriter, r *http.Request) {
	o, e := s.order(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	writeGeotorgetJSON(w, http.StatusOK, gt.Order{
		Objektidentitet: o.id, Ordermarkning: o.Marking, Arendenummer: gt.Text("GT" + o.id[:8]),
		Kundnummer: "700000", Leveransepost: "gis@exempel.se", Skapad: gt.FormatTime(o.created),
		Abonnemang: !o.OneOff, Produktnamn: "Fastighetsinformation Nedladdning, Adress och byggnad",
		Produktnummer: "FINA-AB", ProduktTyp: "NEDLADDNING", Status: "AKTIV",
		Produktinformation: gt.Produktinformation{StodjerForandring: !o.NoChanges}, SenasteHandelse: "AKTIV",
	})
}

func (s *Server) handleStartDelivery(w http.ResponseWriter, r *http.Request) {
	o, e := s.order(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	d, e := s.startDelivery(o.id, r.URL.Query().Get("typ"))
	if e != nil {
		writeFault(w, r, e)
		return
	}
	writeGeotorgetJSON(w, http.StatusAccepted, s.deliveryDoc(d))
}

func (s *Server) handleLatestDelivery(w http.ResponseWriter, r *http.Request) {
	o, e := s.order(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	d := s.latest(o)
	if d == nil {
		// Lantmäteriet answers a bare 404 before the first delivery.
		w.WriteHeader(http.StatusNotFound)
		return
	}
	writeGeotorgetJSON(w, http.StatusOK, s.deliveryDoc(d))
}

func (s *Server) latest(o *gtOrder) *gtDelivery {
	s.gt.mu.Lock()
	defer s.gt.mu.Unlock()
	if len(o.deliveries) == 0 {
		return nil
	}
	return o.deliveries[len(o.deliveries)-1]
}

func (s *Server) deliveryDoc(d *gtDelivery) gt.Delivery {
	s.gt.mu.Lock()
	st, updated := d.status(s.clock.Now())
	s.gt.mu.Unlock()
	return gt.Delivery{Objektidentitet: d.id, Skapad: gt.FormatTime(d.created), Uppdaterad: gt.FormatTime(updated), Status: st, Typ: d.typ}
}

// handleFiles answers the root listing (unsigned), a sub-listing or a file
// (signed).
func (s *Server) handleFiles(w http.ResponseWriter, r *http.Request) {
	o, e := s.order(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	rest := r.PathValue("rest")
	if rest == "" {
		d := s.latest(o)
		if e := s.available(d); e != nil {
			writeFault(w, r, e)
			return
		}
		s.writeListing(w, o, d, "")
		return
	}
	d, e := s.verify(o, rest, r.URL.Query())
	if e != nil {
		writeFault(w, r, e)
		return
	}
	if s.isDir(d, rest) {
		s.writeListing(w, o, d, rest)
		return
	}
	if s.opts.geotorget.redirects {
		w.Header().Set("Location", s.fileHost.URL+geotorgetFileHost+"/"+o.id+"/leverans/latest/files/"+rest+"?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusSeeOther)
		return
	}
	s.serveFile(w, r, d, rest)
}

// handleFileHost serves a file after a redirect: the signed path is its
// credential, so it takes no token.
func (s *Server) handleFileHost(w http.ResponseWriter, r *http.Request) {
	s.gt.mu.Lock()
	o := s.gt.orders[r.PathValue("order")]
	s.gt.mu.Unlock()
	if o == nil {
		writeFault(w, r, errf(http.StatusNotFound, "404", "ingen sådan fil"))
		return
	}
	d, e := s.verify(o, r.PathValue("rest"), r.URL.Query())
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.serveFile(w, r, d, r.PathValue("rest"))
}

// available checks that d's files can be listed: it exists, succeeded and
// is younger than 14 days.
func (s *Server) available(d *gtDelivery) *apiError {
	if d == nil {
		return errf(http.StatusNotFound, "404", "ingen leverans ännu")
	}
	now := s.clock.Now()
	s.gt.mu.Lock()
	st, _ := d.status(now)
	s.gt.mu.Unlock()
	switch {
	case st != gt.StatusSucceeded:
		return errf(http.StatusNotFound, "404", "leveransen %s har status %s", d.id, st)
	case now.Sub(d.created) > deliveryLifetime:
		return errf(http.StatusNotFound, "404", "leveransen %s är äldre än 14 dagar och finns inte längre", d.id)
	}
	return nil
}

// signKey returns the current signing key, making one if ExpireSignedPaths
// dropped it. The caller holds g.mu.
func (g *geotorget) signKey() []byte {
	if g.key == nil {
		g.key = make([]byte, 32)
		_, _ = rand.Read(g.key)
	}
	return g.key
}

func sign(key []byte, orderID, deliveryID, rest string, exp int64) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s\n%s\n%s\n%d", orderID, deliveryID, rest, exp)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:12])
}

// signedPath is the listing's path of rest in d, valid for the signing TTL.
func (s *Server) signedPath(o *gtOrder, d *gtDelivery, rest string) string {
	ttl := s.opts.geotorget.signTTL
	if ttl <= 0 {
		ttl = defaultSignedPathTTL
	}
	exp := s.clock.Now().Add(ttl).Unix()
	s.gt.mu.Lock()
	sig := sign(s.gt.signKey(), o.id, d.id, rest, exp)
	s.gt.mu.Unlock()
	return "/leverans/latest/files/" + rest + "?sig=" + sig + "&exp=" + strconv.FormatInt(exp, 10)
}

// verify finds the delivery whose signature q carries for rest: a path
// stays bound to the delivery it was listed for, even after a newer one.
func (s *Server) verify(o *gtOrder, rest string, q map[string][]string) (*gtDelivery, *apiError) {
	sig, expText := first(q["sig"]), first(q["exp"])
	exp, err := strconv.ParseInt(expText, 10, 64)
	if sig == "" || err != nil {
		return nil, errf(http.StatusForbidden, "403", "sökvägen saknar giltig signatur")
	}
	if s.clock.Now().Unix() > exp {
		return nil, errf(http.StatusForbidden, "403", "sökvägens signatur har gått ut")
	}
	s.gt.mu.Lock()
	key := s.gt.signKey()
	var d *gtDelivery
	for _, c := range o.deliveries {
		if hmac.Equal([]byte(sign(key, o.id, c.id, rest, exp)), []byte(sig)) {
			d = c
		}
	}
	s.gt.mu.Unlock()
	if d == nil {
		return nil, errf(http.StatusForbidden, "403", "sökvägens signatur är ogiltig eller har gått ut")
	}
	if e := s.available(d); e != nil {
		return nil, e
	}
	return d, nil
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// isDir reports whether rest names a folder of d.
func (s *Server) isDir(d *gtDelivery, rest string) bool {
	for _, f := range d.files {
		if strings.HasPrefix(f.Name, rest+"/") {
			return true
		}
	}
	return false
}

// writeListing answers the listing of folder dir ("" for the root) of d:
// its files, then its sub-folders as sub-listings.
func (s *Server) writeListing(w http.ResponseWriter, o *gtOrder, d *gtDelivery, dir string) {
	entries := []gt.Entry{}
	seen := map[string]bool{}
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	var subdirs []string
	for _, f := range d.files {
		rel, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		if sub, _, nested := strings.Cut(rel, "/"); nested {
			if !seen[sub] {
				seen[sub] = true
				subdirs = append(subdirs, sub)
			}
			continue
		}
		entries = append(entries, gt.Entry{
			Title: rel, Type: gt.MediaFile, Path: s.signedPath(o, d, f.Name),
			Length: f.Size, DisplaySize: gt.DisplaySize(f.Size), Updated: gt.FormatTime(f.updated),
		})
	}
	s.gt.mu.Lock()
	_, updated := d.status(s.clock.Now())
	s.gt.mu.Unlock()
	for _, sub := range subdirs {
		entries = append(entries, gt.Entry{
			Title: sub, Type: gt.MediaListing, Path: s.signedPath(o, d, prefix+sub),
			Length: 0, DisplaySize: "", Updated: gt.FormatTime(updated),
		})
	}
	writeGeotorgetJSON(w, http.StatusOK, entries)
}

// serveFile answers a file with Range support (206 with Content-Range, 416
// for a range outside the file), through http.ServeContent.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, d *gtDelivery, rest string) {
	i := slices.IndexFunc(d.files, func(f gtFile) bool { return f.Name == rest })
	if i < 0 {
		writeFault(w, r, errf(http.StatusNotFound, "404", "ingen sådan fil"))
		return
	}
	f, err := os.Open(filepath.Join(d.dir, filepath.FromSlash(rest)))
	if err != nil {
		writeFault(w, r, errf(http.StatusInternalServerError, "500", "open %s: %v", rest, err))
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", gt.MediaFile)
	if s.opts.geotorget.ignoreRange {
		r.Header.Del("Range")
	}
	http.ServeContent(w, r, path.Base(rest), d.files[i].updated, f)
}

func writeGeotorgetJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// startDelivery builds a delivery of the order from the server's state.
func (s *Server) startDelivery(orderID, typ string) (*gtDelivery, *apiError) {
	g := &s.gt
	g.mu.Lock()
	o := g.orders[orderID]
	if o == nil {
		g.mu.Unlock()
		return nil, errf(http.StatusNotFound, "404", "ingen beställning med OrderID %s", orderID)
	}
	now := s.clock.Now()
	if o.building {
		g.mu.Unlock()
		return nil, errf(http.StatusConflict, "409", "en leverans byggs redan")
	}
	var prev *gtDelivery
	for _, d := range o.deliveries {
		switch st, _ := d.status(now); st {
		case gt.StatusInProgress:
			g.mu.Unlock()
			return nil, errf(http.StatusConflict, "409", "leveransen %s pågår redan", d.id)
		case gt.StatusSucceeded:
			prev = d
		}
	}
	var refuse *apiError
	switch {
	case o.OneOff:
		refuse = errf(http.StatusBadRequest, "400", "beställningen är inget abonnemang")
	case typ == gt.TypeChange && o.NoChanges:
		refuse = errf(http.StatusBadRequest, "400", "produkten stödjer inte förändringsleveranser")
	case typ == gt.TypeChange && prev == nil:
		refuse = errf(http.StatusBadRequest, "400", "en förändringsleverans kräver en tidigare leverans; beställ BAS först")
	case typ != gt.TypeBase && typ != gt.TypeChange:
		refuse = errf(http.StatusBadRequest, "400", "typ %q är inte BAS eller FORANDRING", typ)
	}
	if refuse != nil {
		g.mu.Unlock()
		return nil, refuse
	}
	o.building = true
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		o.building = false
		g.mu.Unlock()
	}()
	job, e := s.extractJob(typ, prev)
	if e != nil {
		return nil, e
	}
	job.at, job.partObjects, job.uncompressed = s.now(), o.PartObjects, o.Uncompressed
	d := &gtDelivery{id: uuid.NewString(), typ: typ, created: now, ready: now.Add(o.BuildTime), position: job.position}
	dir, err := s.deliveryDir(o.id, d.id)
	if err == nil {
		err = writeExtract(dir, job)
	}
	if err == nil {
		d.dir = dir
		d.files, err = describeFiles(dir, now)
	}
	if err != nil {
		return nil, errf(http.StatusInternalServerError, "500", "bygga leveransen: %v", err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	o.deliveries = append(o.deliveries, d)
	return d, nil
}

// deliveryDir makes the folder of one delivery's files.
func (s *Server) deliveryDir(orderID, deliveryID string) (string, error) {
	g := &s.gt
	g.mu.Lock()
	if g.dir == "" {
		if d := s.opts.geotorget.dir; d != "" {
			g.dir = d
		} else {
			d, err := os.MkdirTemp("", "baltest-geotorget-")
			if err != nil {
				g.mu.Unlock()
				return "", err
			}
			g.dir, g.ownDir = d, true
		}
	}
	dir := filepath.Join(g.dir, orderID, deliveryID)
	g.mu.Unlock()
	return dir, os.MkdirAll(dir, 0o755)
}

// describeFiles lists the files written under dir, sorted by name, with
// their sizes and digests.
func describeFiles(dir string, at time.Time) ([]gtFile, error) {
	var out []gtFile
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, f)
		if err != nil {
			return err
		}
		gf := gtFile{GeotorgetFile: GeotorgetFile{Name: filepath.ToSlash(rel), Size: n}, updated: at.Truncate(time.Second)}
		copy(gf.SHA256[:], h.Sum(nil))
		out = append(out, gf)
		return nil
	})
	return out, err
}
