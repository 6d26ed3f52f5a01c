package baltest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/contract"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// gtHarness is a server with an order and raw HTTP access to Geotorget.
type gtHarness struct {
	t     *testing.T
	s     *Server
	c     *bal.Client
	order string
}

func newGeotorget(t *testing.T, o GeotorgetOrder, opts ...Option) *gtHarness {
	t.Helper()
	s := NewServer(append([]Option{WithTime(fixedTime)}, opts...)...)
	t.Cleanup(s.Close)
	c := s.Client(func(c *bal.Config) { c.Retry.MaxAttempts = 1 })
	t.Cleanup(c.CloseIdleConnections)
	return &gtHarness{t: t, s: s, c: c, order: s.AddOrder(o)}
}

// get sends a GET to path under the order (path "" is the order itself),
// with a token and the headers given as name, value pairs.
func (h *gtHarness) get(path string, header ...string) (*http.Response, []byte) {
	h.t.Helper()
	return h.getWith(h.c, path, header...)
}

func (h *gtHarness) getWith(c *bal.Client, path string, header ...string) (*http.Response, []byte) {
	h.t.Helper()
	req, err := http.NewRequestWithContext(h.t.Context(), http.MethodGet, h.s.URL()+GeotorgetBase+"/"+h.order+path, nil)
	require.NoError(h.t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.HTTPClient().Do(req)
	require.NoError(h.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(h.t, err)
	return resp, b
}

// deliver builds a delivery and finishes it.
func (h *gtHarness) deliver(typ string) {
	h.t.Helper()
	_, err := h.s.StartDelivery(h.order, typ)
	require.NoError(h.t, err)
	require.NoError(h.t, h.s.EndDelivery(h.order, "LYCKAD"))
}

// listing reads a listing at path (relative to the order).
func (h *gtHarness) listing(path string) []map[string]any {
	h.t.Helper()
	resp, b := h.get(path)
	require.Equal(h.t, http.StatusOK, resp.StatusCode, "%s", b)
	var entries []map[string]any
	require.NoError(h.t, json.Unmarshal(b, &entries))
	return entries
}

// fileEntry finds the listing entry of a file by its title, descending
// into sub-listings.
func (h *gtHarness) fileEntry(title string) map[string]any {
	h.t.Helper()
	var walk func(path string) map[string]any
	walk = func(path string) map[string]any {
		for _, e := range h.listing(path) {
			switch {
			case e["title"] == title:
				return e
			case e["type"] == "application/json":
				if found := walk(e["path"].(string)); found != nil {
					return found
				}
			}
		}
		return nil
	}
	e := walk("/leverans/latest/files")
	require.NotNil(h.t, e, "no file %s", title)
	return e
}

// readContract decodes a hand-written document.
func readContract(t *testing.T, name string, out any) {
	t.Helper()
	b, err := contract.Read("geotorget/" + name)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, out))
}

var (
	localTime   = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)
	uuidText    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	signedPath  = regexp.MustCompile(`^/leverans/latest/files/[^?#]+\?sig=[A-Za-z0-9_-]+&exp=\d+$`)
	displaySize = regexp.MustCompile(`^\d+(\.\d)? (B|KB|MB|GB|TB)$`)
)

// sameShape checks that got has exactly the keys of want, each holding a
// JSON value of the same kind, and returns the keys whose value is a
// string for further format checks.
func sameShape(t *testing.T, what string, want, got map[string]any) {
	t.Helper()
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	assert.Equal(t, keys(want), keys(got), "%s: the fields of the contract", what)
	for k, v := range want {
		assert.IsType(t, v, got[k], "%s.%s: the kind of the contract's value", what, k)
		if wm, ok := v.(map[string]any); ok {
			if gm, ok := got[k].(map[string]any); ok {
				sameShape(t, what+"."+k, wm, gm)
			}
		}
	}
}

// The fake answers every Geotorget operation in the shape of the
// hand-written contract documents: the same fields, the same JSON kinds,
// the same formats.
func TestGeotorgetAnswersInTheContractsShape(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{PartObjects: 200})
	h.deliver("BAS")

	var wantOrder, gotOrder map[string]any
	readContract(t, "order.200.json", &wantOrder)
	resp, b := h.get("")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", strings.Split(resp.Header.Get("Content-Type"), ";")[0])
	require.NoError(t, json.Unmarshal(b, &gotOrder))
	sameShape(t, "order", wantOrder, gotOrder)
	assert.Regexp(t, uuidText, gotOrder["objektidentitet"])
	assert.Regexp(t, localTime, gotOrder["skapad"])
	assert.Equal(t, wantOrder["produktTyp"], gotOrder["produktTyp"])
	assert.Contains(t, []any{"AKTIV", "AVSLUTAD"}, gotOrder["senasteHandelse"])

	var wantDelivery, gotDelivery map[string]any
	readContract(t, "leverans-latest.200.json", &wantDelivery)
	resp, b = h.get("/leverans/latest")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, json.Unmarshal(b, &gotDelivery))
	sameShape(t, "leverans", wantDelivery, gotDelivery)
	assert.Regexp(t, uuidText, gotDelivery["objektidentitet"])
	assert.Regexp(t, localTime, gotDelivery["skapad"])
	assert.Regexp(t, localTime, gotDelivery["uppdaterad"])
	assert.Equal(t, "LYCKAD", gotDelivery["status"])
	assert.Equal(t, "BAS", gotDelivery["typ"])

	var wantRoot, wantSub []map[string]any
	readContract(t, "files.200.json", &wantRoot)
	readContract(t, "files-byggnad.200.json", &wantSub)
	wantFolder, wantFile := wantRoot[0], wantSub[0]
	require.Equal(t, "application/json", wantFolder["type"])
	require.Equal(t, "application/octet-stream", wantFile["type"])

	root := h.listing("/leverans/latest/files")
	var folders, files int
	var check func(entries []map[string]any)
	check = func(entries []map[string]any) {
		for _, e := range entries {
			assert.Regexp(t, signedPath, e["path"])
			assert.Regexp(t, localTime, e["updated"])
			switch e["type"] {
			case "application/json":
				folders++
				sameShape(t, "folder entry", wantFolder, e)
				assert.Equal(t, wantFolder["length"], e["length"], "a folder has length 0, as in the contract")
				assert.Equal(t, wantFolder["displaySize"], e["displaySize"])
				check(h.listing(e["path"].(string)))
			case "application/octet-stream":
				files++
				sameShape(t, "file entry", wantFile, e)
				assert.Regexp(t, displaySize, e["displaySize"])
				assert.Positive(t, e["length"])
			default:
				t.Errorf("entry type %v is neither of the contract's", e["type"])
			}
		}
	}
	check(root)
	assert.Equal(t, 1, folders, "byggnad/ as in files.200.json")
	assert.Greater(t, files, 2)
}

// Before the first delivery, latest is a bare 404, as Lantmäteriet answers.
func TestGeotorgetLatestBeforeTheFirstDelivery(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{})
	for _, path := range []string{"/leverans/latest", "/leverans/latest/files"} {
		resp, b := h.get(path)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		if path == "/leverans/latest" {
			assert.Empty(t, b, "no document")
		}
	}
}

// Files answer Range requests: 206 with Content-Range for a range, 416
// beyond the end, 200 without; every answer is the bytes DeliveryFiles
// describes.
func TestGeotorgetRange(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{PartObjects: 200})
	h.deliver("BAS")
	e := h.fileEntry("byggnad_1.zip")
	path := e["path"].(string)
	size := int64(e["length"].(float64))
	files, err := h.s.DeliveryFiles(h.order)
	require.NoError(t, err)
	var want GeotorgetFile
	for _, f := range files {
		if f.Name == "byggnad/byggnad_1.zip" {
			want = f
		}
	}
	require.Equal(t, size, want.Size)

	resp, whole := h.get(path)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, want.SHA256, sha256.Sum256(whole))
	tests := []struct {
		rng          string
		status       int
		contentRange string
		body         []byte
	}{
		{"bytes=1000-", http.StatusPartialContent, fmt.Sprintf("bytes 1000-%d/%d", size-1, size), whole[1000:]},
		{"bytes=0-99", http.StatusPartialContent, fmt.Sprintf("bytes 0-99/%d", size), whole[:100]},
		{fmt.Sprintf("bytes=%d-", size-1), http.StatusPartialContent, fmt.Sprintf("bytes %d-%d/%d", size-1, size-1, size), whole[size-1:]},
		{fmt.Sprintf("bytes=%d-", size), http.StatusRequestedRangeNotSatisfiable, fmt.Sprintf("bytes */%d", size), nil},
	}
	for _, tt := range tests {
		resp, b := h.get(path, "Range", tt.rng)
		assert.Equal(t, tt.status, resp.StatusCode, tt.rng)
		assert.Equal(t, tt.contentRange, resp.Header.Get("Content-Range"), tt.rng)
		if tt.body != nil {
			assert.True(t, bytes.Equal(tt.body, b), tt.rng)
		}
	}
}

// Signed paths stop working when they expire on the server's clock, when
// ExpireSignedPaths is called, or when tampered with; a fresh listing
// hands out working ones.
func TestGeotorgetSignedPaths(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{PartObjects: 500}, WithSignedPathTTL(10*time.Minute))
	h.deliver("BAS")
	fresh := func() string { return h.fileEntry("belagenhetsadress_1.zip")["path"].(string) }
	status := func(path string) int {
		resp, _ := h.get(path)
		return resp.StatusCode
	}
	p := fresh()
	require.Equal(t, http.StatusOK, status(p))
	unsigned, _, _ := strings.Cut(p, "?")
	assert.Equal(t, http.StatusForbidden, status(unsigned), "unsigned")
	assert.Equal(t, http.StatusForbidden, status(strings.Replace(p, "sig=", "sig=x", 1)), "tampered")
	exp := regexp.MustCompile(`exp=(\d+)`).FindStringSubmatch(p)[1]
	n, _ := strconv.ParseInt(exp, 10, 64)
	assert.Equal(t, http.StatusForbidden, status(strings.Replace(p, "exp="+exp, "exp="+strconv.FormatInt(n+3600, 10), 1)), "extended")

	h.s.Clock().Advance(11 * time.Minute)
	assert.Equal(t, http.StatusForbidden, status(p), "expired by the clock")
	p = fresh()
	assert.Equal(t, http.StatusOK, status(p))
	h.s.ExpireSignedPaths()
	assert.Equal(t, http.StatusForbidden, status(p), "expired by ExpireSignedPaths")
	assert.Equal(t, http.StatusOK, status(fresh()))
}

// An application without the order gets the gateway's 403 "Scope
// validation failed" for everything about it; one without any order (it has
// not ordered Geotorget Nedladdning itself) for every order.
func TestGeotorgetScope(t *testing.T) {
	t.Parallel()
	other := Credentials{ID: "annan", Secret: "annan-hemlighet"}
	third := Credentials{ID: "tredje", Secret: "tredje-hemlighet"}
	h := newGeotorget(t, GeotorgetOrder{}, WithCredentials(DefaultCredentials, other, third))
	h.s.AddOrder(GeotorgetOrder{Client: third.ID})
	h.deliver("BAS")
	clientOf := func(cr Credentials) *bal.Client {
		c := h.s.Client(func(c *bal.Config) { c.Credentials = bal.ClientCredentials{ID: cr.ID, Secret: cr.Secret} })
		t.Cleanup(c.CloseIdleConnections)
		return c
	}
	for _, cr := range []Credentials{other, third} {
		for _, path := range []string{"", "/leverans/latest", "/leverans/latest/files"} {
			resp, b := h.getWith(clientOf(cr), path)
			assert.Equal(t, http.StatusForbidden, resp.StatusCode, "%s %s", cr.ID, path)
			assert.Contains(t, string(b), "Scope validation failed")
		}
	}
	resp, _ := h.get("")
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the owner")
	req, err := http.NewRequest(http.MethodGet, h.s.URL()+GeotorgetBase+"/"+h.order, nil)
	require.NoError(t, err)
	raw, err := h.s.HTTPClient().Do(req)
	require.NoError(t, err)
	raw.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, raw.StatusCode, "no login")
}

// A delivery reads PÅGÅENDE for the order's build time, then LYCKAD; one
// can be ended MISSLYCKAD or MAKULERAD; one delivery at a time; files stay
// for 14 days.
func TestGeotorgetDeliveryStatuses(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{BuildTime: 10 * time.Minute})
	status := func() string {
		resp, b := h.get("/leverans/latest")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var d map[string]any
		require.NoError(t, json.Unmarshal(b, &d))
		return d["status"].(string)
	}
	_, err := h.s.StartDelivery(h.order, "FORANDRING")
	require.Error(t, err, "a change delivery needs a previous one")
	_, err = h.s.StartDelivery(h.order, "BAS")
	require.NoError(t, err)
	assert.Equal(t, "PÅGÅENDE", status())
	_, err = h.s.StartDelivery(h.order, "BAS")
	require.Error(t, err, "one at a time")
	resp, _ := h.get("/leverans/latest/files")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no files while in progress")
	h.s.Clock().Advance(10 * time.Minute)
	assert.Equal(t, "LYCKAD", status())
	require.Error(t, h.s.EndDelivery(h.order, "MISSLYCKAD"), "only a delivery in progress can be ended")

	_, err = h.s.StartDelivery(h.order, "FORANDRING")
	require.NoError(t, err)
	require.Error(t, h.s.EndDelivery(h.order, "KLAR"))
	require.NoError(t, h.s.EndDelivery(h.order, "MAKULERAD"))
	assert.Equal(t, "MAKULERAD", status())

	_, err = h.s.StartDelivery(h.order, "BAS")
	require.NoError(t, err)
	require.NoError(t, h.s.EndDelivery(h.order, "LYCKAD"))
	resp, _ = h.get("/leverans/latest/files")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	h.s.Clock().Advance(14*24*time.Hour + time.Second)
	assert.Equal(t, "LYCKAD", status())
	resp, _ = h.get("/leverans/latest/files")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "gone after 14 days")
}

// A BAS delivery holds every object of the server's state, once; a
// FORANDRING delivery the objects changed since the previous delivery, as
// delete + insert, or insert alone for an object created since.
func TestGeotorgetDeliveryContent(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{PartObjects: 250}, WithData(gen.Config{Seed: 3, Buildings: 100}))
	h.deliver("BAS")
	ids := h.extractIDs()
	total := 0
	for _, typ := range extractOrder {
		total += h.s.Count(bal.ObjectType(typ))
		for _, o := range h.s.objects(typ) {
			assert.True(t, ids[typ.Segment()+"/"+o.Meta().Objektidentitet], "%s %s in BAS", typ, o.Meta().Objektidentitet)
		}
	}
	assert.Len(t, ids, total, "every object once")
	m := h.manifest()
	assert.Equal(t, "BAS", m.Typ)
	assert.Equal(t, total, m.Objekt)

	b := h.s.Dataset().Buildings[0].ID
	_, err := h.s.EditBuilding(b, func(b *building.Building) { b.HouseNumber = 7 })
	require.NoError(t, err)
	_, err = h.s.EditBuilding(b, func(b *building.Building) { b.HouseNumber = 8 })
	require.NoError(t, err)
	k, err := Put(h.s, &address.District{Name: "Nyby", Municipality: address.Municipality{Code: gen.DefaultKommunkod, Name: gen.DefaultKommunnamn}},
		bal.Action{Type: address.ActionNew, Responsible: gen.DefaultKommunkod})
	require.NoError(t, err)
	h.deliver("FORANDRING")
	assert.Equal(t, map[string]bool{"byggnad/" + b.String(): true, "kommundel/" + k.ID.String(): true}, h.extractIDs(),
		"the changed building once, the new district")
	m = h.manifest()
	assert.Equal(t, "FORANDRING", m.Typ)
	assert.Equal(t, []update1.Objektreferens{{Objekttyp: update1.TypByggnad, Objektidentitet: b.String()}}, m.Borttag,
		"a delete for the building that existed, none for the new district")
	current, _ := Get[building.Building](h.s, b)
	assert.Equal(t, 8, current.HouseNumber)

	h.deliver("FORANDRING")
	assert.Empty(t, h.extractIDs(), "nothing changed since")
	assert.Empty(t, h.manifest().Borttag)
}

// extractIDs reads the part files in the zips of the order's latest
// delivery on the server's disk and returns the "type/id" of every object
// inserted.
func (h *gtHarness) extractIDs() map[string]bool {
	h.t.Helper()
	ids := map[string]bool{}
	for _, e := range h.extractEntries() {
		if e.Kind != extract1.Insert {
			continue
		}
		key := e.Type.Segment() + "/" + e.ID
		assert.False(h.t, ids[key], "%s twice", key)
		ids[key] = true
	}
	return ids
}

// extractEntries reads every entry of the latest delivery's part files, in
// the manifest's order.
func (h *gtHarness) extractEntries() []extract1.Entry {
	h.t.Helper()
	d := h.latestDelivery()
	m := h.extractManifest()
	parts := map[string]*zip.File{}
	for _, f := range d.files {
		if !strings.HasSuffix(f.Name, ".zip") {
			continue
		}
		zr, err := zip.OpenReader(filepath.Join(d.dir, filepath.FromSlash(f.Name)))
		require.NoError(h.t, err)
		h.t.Cleanup(func() { zr.Close() })
		for _, zf := range zr.File {
			parts[zf.Name] = zf
		}
	}
	var out []extract1.Entry
	pr := extract1.NewPartReader()
	for _, p := range m.Del {
		zf := parts[p.Fil]
		require.NotNil(h.t, zf, "part %s", p.Fil)
		r, err := zf.Open()
		require.NoError(h.t, err)
		_, err = pr.Reset(r)
		require.NoError(h.t, err)
		for {
			e, err := pr.Next(nil)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(h.t, err)
			out = append(out, e)
		}
		require.NoError(h.t, r.Close())
	}
	return out
}

func (h *gtHarness) extractManifest() *extract1.Manifest {
	h.t.Helper()
	f, err := os.Open(filepath.Join(h.latestDelivery().dir, extract1.ManifestName))
	require.NoError(h.t, err)
	defer f.Close()
	m, err := extract1.ParseManifest(f)
	require.NoError(h.t, err)
	return m
}

type manifestDoc struct {
	Typ           string
	Sekvensnummer int64
	Objekt        int
	Borttag       []update1.Objektreferens
}

// manifest sums up the latest delivery: its type and feed position from
// the manifest, its inserts and deletes from the parts.
func (h *gtHarness) manifest() manifestDoc {
	h.t.Helper()
	m := h.extractManifest()
	pos, err := strconv.ParseInt(m.Fortsattning, 10, 64)
	require.NoError(h.t, err)
	out := manifestDoc{Typ: string(m.Uttagstyp), Sekvensnummer: pos}
	for _, e := range h.extractEntries() {
		if e.Kind == extract1.Insert {
			out.Objekt++
		} else {
			out.Borttag = append(out.Borttag, update1.Objektreferens{Objekttyp: e.Type, Objektidentitet: e.ID})
		}
	}
	return out
}

func (h *gtHarness) latestDelivery() *gtDelivery {
	h.s.gt.mu.Lock()
	defer h.s.gt.mu.Unlock()
	o := h.s.gt.orders[h.order]
	return o.deliveries[len(o.deliveries)-1]
}

// Geotorget may answer a file with a 303 to a file host, which takes the
// signed path as its credential.
func TestGeotorgetRedirects(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{}, WithGeotorgetRedirects())
	h.deliver("BAS")
	p := h.fileEntry("uttag.xml")["path"].(string)
	noRedirect := &http.Client{Transport: h.s.HTTPClient().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c := h.s.Client(func(c *bal.Config) { c.HTTPClient = noRedirect })
	t.Cleanup(c.CloseIdleConnections)
	req, err := http.NewRequest(http.MethodGet, h.s.URL()+GeotorgetBase+"/"+h.order+p, nil)
	require.NoError(t, err)
	resp, err := noRedirect.Do(req) // no token: the gateway refuses
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	resp, _ = h.get(p)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "followed")
	var redirected *Request
	for _, r := range h.s.Requests() {
		if r.Status == http.StatusSeeOther {
			redirected = &r
		}
	}
	require.NotNil(t, redirected)
	// The file host is another listener; it needs no token and refuses
	// one, and the API host does not serve its paths.
	loc := strings.Replace(GeotorgetBase+"/"+h.order+p, GeotorgetBase, geotorgetFileHost, 1)
	fetch := func(base string, header ...string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, base+loc, nil)
		require.NoError(t, err)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := h.s.HTTPClient().Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(b)
	}
	require.NotEmpty(t, h.s.FileHostURL())
	assert.NotEqual(t, h.s.URL(), h.s.FileHostURL())
	status, b := fetch(h.s.FileHostURL())
	assert.Equal(t, http.StatusOK, status, "%s", b)
	for _, hdr := range [][]string{{"Authorization", "Bearer x"}, {"ApiKey", "k"}, {"Cookie", "a=b"}} {
		status, b = fetch(h.s.FileHostURL(), hdr...)
		assert.Equal(t, http.StatusBadRequest, status, hdr[0])
		assert.Contains(t, b, "Only one auth mechanism allowed", hdr[0])
	}
	status, _ = fetch(h.s.URL())
	assert.Equal(t, http.StatusNotFound, status, "not on the API host")
}

// FaultCut hands over exactly At bytes of the body, after the full
// headers, and closes the connection.
func TestFaultCut(t *testing.T) {
	t.Parallel()
	h := newGeotorget(t, GeotorgetOrder{PartObjects: 500})
	h.deliver("BAS")
	p := h.fileEntry("belagenhetsadress_1.zip")["path"].(string)
	size := int64(h.fileEntry("belagenhetsadress_1.zip")["length"].(float64))
	for _, at := range []int64{0, 1, 4096, size - 1} {
		remove := h.s.Inject(FaultRule{Kind: FaultCut, PathPrefix: GeotorgetBase + "/" + h.order + "/leverans/latest/files/belagenhetsadress_1.zip", At: at, Times: 1})
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, h.s.URL()+GeotorgetBase+"/"+h.order+p, nil)
		require.NoError(t, err)
		resp, err := h.c.Stream(req)
		require.NoError(t, err)
		assert.Equal(t, size, resp.ContentLength, "the headers promise the whole file")
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "at %d", at)
		assert.Len(t, b, int(at))
		remove()
	}
}

// A stopped clock's timers fire at once and move the clock; a running
// clock's wait for real.
func TestClockTimers(t *testing.T) {
	t.Parallel()
	c := newClock()
	c.Set(fixedTime)
	tick, stop := c.NewTimer(time.Hour)
	assert.Equal(t, fixedTime.Add(time.Hour), <-tick)
	assert.False(t, stop())
	assert.Equal(t, fixedTime.Add(time.Hour), c.Now())

	running := newClock()
	tick, _ = running.NewTimer(time.Millisecond)
	<-tick
	_, stop = running.NewTimer(time.Hour)
	assert.True(t, stop())
}
