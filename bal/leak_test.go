package bal

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// Secrets never leave, whatever the server sends (issue 10 item 1). A fake
// transport plays the token endpoint and the API and echoes one secret (the
// client secret, a token, a personnummer, a Basic password or its header,
// an API key, an escaped secret) in one place of its answer (fault fields,
// an HTML title, a plain body, a request-id header, the token endpoint's
// error, a network error, an XML element name, a feed's object id), inside
// text whose length puts the secret across every cap the SDK applies (40,
// 120, 128, 2 KiB, 4 KiB). Every output is then searched: Error(), %v and
// %+v of the error, every string field reachable from it, and the log
// lines (request logging with bodies on). No 8-character fragment of the
// secret may appear, nor the personnummer; the marker word that starts the
// text must survive (a mask that erases everything fails).

// leakPlace is where the server echoes the secret.
type leakPlace int

const (
	placeV1Message leakPlace = iota
	placeV1Reason
	placeV1Code
	placeGatewayMessage
	placeGatewayCode
	placeXMLFault
	placeOlderFault
	placeHTMLTitleError
	placeHTMLTitle200
	placePlainBody
	placeForbiddenBody
	placeRequestID
	placeTokenDescription
	placeTokenCode
	placeTokenHTML
	placeNetError
	placeXMLRoot
	placeFeedObjectID
	placeStreamBody
	numPlaces
)

var placeNames = [...]string{"v1 message", "v1 reason", "v1 code", "gateway message", "gateway code", "xml fault",
	"older fault", "html title (502)", "html title (200)", "plain body", "403 body", "request id", "token description",
	"token code", "token html", "network error", "xml root", "feed object id", "stream body"}

// leakKind is what is echoed.
type leakKind int

const (
	kindClientSecret leakKind = iota
	kindToken
	kindPersonnummer
	kindBasicPassword
	kindBasicHeader
	kindAPIKey
	kindEscapedSecret
	numKinds
)

var kindNames = [...]string{"client secret", "token", "personnummer", "basic password", "basic header", "api key", "escaped secret"}

const leakMarker = "KONTROLLORD"

// caps are the lengths at which the SDK cuts or stops keeping text.
var caps = []int{40, 120, 128, maxLoggedBody, maxErrorBody}

// leakCase is one scenario, all derived from its inputs.
type leakCase struct {
	place  leakPlace
	kind   leakKind
	seed   uint64
	cap    int
	offset int // where the secret starts, relative to the cap
	glue   bool
}

// leakWorld holds the secrets of one scenario.
type leakWorld struct {
	clientID, clientSecret, token, password, apiKey, pnr string
	rng                                                  *rand.Rand
}

const secretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func newLeakWorld(seed uint64) *leakWorld {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	word := func(min, max int) string {
		n := min + rng.IntN(max-min+1)
		b := make([]byte, n)
		b[0] = secretAlphabet[rng.IntN(52)] // a letter first: also a valid XML name
		for i := 1; i < n; i++ {
			b[i] = secretAlphabet[rng.IntN(len(secretAlphabet))]
		}
		return string(b)
	}
	// A personnummer (or samordningsnummer) with a plausible date.
	year := 1930 + rng.IntN(90)
	day := 1 + rng.IntN(28)
	if rng.IntN(4) == 0 {
		day += 60
	}
	pnr := fmt.Sprintf("%04d%02d%02d-%04d", year, 1+rng.IntN(12), day, rng.IntN(10000))
	if rng.IntN(2) == 0 {
		pnr = pnr[2:] // the ten-digit form
	}
	return &leakWorld{
		clientID: "klient-" + word(6, 10), clientSecret: word(16, 48), token: word(24, 100),
		password: word(12, 32), apiKey: word(20, 40), pnr: pnr, rng: rng,
	}
}

// secret returns the text echoed for kind, and the forms that must not
// leave (each checked for 8-character fragments).
func (w *leakWorld) secret(k leakKind) (echo string, forbidden []string) {
	switch k {
	case kindClientSecret:
		return w.clientSecret, []string{w.clientSecret}
	case kindToken:
		return w.token, []string{w.token}
	case kindPersonnummer:
		return w.pnr, []string{w.pnr, strings.ReplaceAll(w.pnr, "-", "")}
	case kindBasicPassword:
		return w.password, []string{w.password}
	case kindBasicHeader:
		h := base64.StdEncoding.EncodeToString([]byte(w.clientID + ":" + w.clientSecret))
		return h, []string{h, w.clientSecret}
	case kindAPIKey:
		return w.apiKey, []string{w.apiKey}
	case kindEscapedSecret:
		// A secret with characters a form or query escapes, echoed escaped.
		s := w.clientSecret[:8] + "/+=&" + w.clientSecret[8:]
		w.clientSecret = s
		return url.QueryEscape(s), []string{s, url.QueryEscape(s)}
	}
	panic("kind")
}

// filler returns n bytes of Swedish words.
func (w *leakWorld) filler(n int) string {
	words := []string{"byggnad", "adressplats", "uppdatering", "gällande", "åtgärd", "kommun", "fastighet", "entré", "lägenhet", "ärende"}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[w.rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// text returns marker, filler and the secret placed so that it starts at
// cap+offset (clamped into the text), total about length bytes.
func (w *leakWorld) text(secret string, at, length int, glue bool) string {
	at = max(at, len(leakMarker)+1)
	length = max(length, at+len(secret)+1)
	head := leakMarker + " " + w.filler(at-len(leakMarker)-1)
	if !glue {
		head = strings.TrimRight(head, " ") + " "
	}
	tail := w.filler(max(length-len(head)-len(secret), 1))
	if !glue {
		tail = " " + tail
	}
	// Keep the head's bytes on rune boundaries: filler is cut anywhere.
	return strings.ToValidUTF8(head, "") + secret + strings.ToValidUTF8(tail, "")
}

// leakTransport is the token endpoint and the API of one scenario.
type leakTransport struct {
	c     leakCase
	w     *leakWorld
	echo  string
	value string // the text holding the secret
}

func (lt *leakTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	answer := func(status int, ct string, body string, hdr ...string) (*http.Response, error) {
		h := http.Header{}
		if ct != "" {
			h.Set("Content-Type", ct)
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			h.Set(hdr[i], hdr[i+1])
		}
		return &http.Response{StatusCode: status, Status: fmt.Sprint(status), Header: h, Request: req,
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if req.URL.Host == "auth.fuzz.test" {
		switch lt.c.place {
		case placeTokenDescription:
			return answer(401, "application/json", js(map[string]string{"error": "invalid_client", "error_description": lt.value}))
		case placeTokenCode:
			return answer(400, "application/json", js(map[string]string{"error": lt.value, "error_description": "nej"}))
		case placeTokenHTML:
			return answer(503, "text/html", "<html><head><title>"+lt.value+"</title></head><body>"+lt.value+"</body></html>")
		}
		return answer(200, "application/json", js(map[string]any{"access_token": lt.w.token, "token_type": "Bearer", "expires_in": 3600}))
	}
	v := lt.value
	xmlEsc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	switch lt.c.place {
	case placeV1Message:
		return answer(400, "application/json", js(map[string]any{"code": 400, "reason": "Bad Request", "errors": []string{"BAL-3015: " + v, "andra " + v}}))
	case placeV1Reason:
		return answer(409, "application/json", js(map[string]any{"code": 409, "reason": v, "errors": []string{}}))
	case placeV1Code:
		return answer(400, "application/json", js(map[string]any{"code": v, "reason": "Bad Request", "errors": []string{"x"}}))
	case placeGatewayMessage:
		return answer(401, "application/json", js(map[string]string{"code": "900902", "message": v, "description": v}))
	case placeGatewayCode:
		return answer(403, "application/json", js(map[string]string{"code": v, "message": "Forbidden"}))
	case placeXMLFault:
		return answer(400, "application/xml", `<lmfault:Fault xmlns:lmfault="`+faultNS+`"><lmfault:code>400</lmfault:code><lmfault:reason>Bad</lmfault:reason><lmfault:errors>`+xmlEsc(v)+`</lmfault:errors><lmfault:errors>`+xmlEsc(v)+`</lmfault:errors></lmfault:Fault>`)
	case placeOlderFault:
		return answer(404, "application/json", js(map[string]any{"kod": "BAL-0404", "meddelande": v, "detalj": []string{v}}))
	case placeHTMLTitleError:
		return answer(502, "text/html", "<html><head><title>"+v+"</title></head><body>"+v+"</body></html>")
	case placeHTMLTitle200:
		return answer(200, "text/html", "<html><head><title>"+v+"</title></head></html>")
	case placePlainBody, placeStreamBody:
		return answer(500, "text/plain", v)
	case placeForbiddenBody:
		return answer(403, "", v)
	case placeRequestID:
		return answer(404, "application/json", `{"code":404,"reason":"Not Found","errors":["BAL-0404: saknas"]}`, "X-Request-ID", v)
	case placeNetError:
		return nil, errors.New("malformed HTTP response " + v)
	case placeXMLRoot:
		return answer(200, "application/xml", "<"+v+"/>")
	case placeFeedObjectID:
		return answer(200, "application/xml", `<Forandringar xmlns="http://namespace.lantmateriet.se/ajourhallning/bal/v1"><Forandring><sekvensnummer>1</sekvensnummer><objekttyp>Byggnad</objekttyp><objektidentitet>`+xmlEsc(v)+`</objektidentitet><objektversion>1</objektversion><forandringstyp>Ny</forandringstyp><tidpunkt>2026-11-22T10:15:00+01:00</tidpunkt></Forandring><fortsattning>1</fortsattning></Forandringar>`)
	}
	panic("place")
}

const faultNS = "http://namespace.lantmateriet.se/distribution/produkter/fault/v1"

// runLeakCase runs one scenario and returns every output, and the forms of
// the secret that must not appear in them.
func runLeakCase(t testing.TB, c leakCase) (outputs []string, forbidden []string, secret string) {
	w := newLeakWorld(c.seed)
	if c.kind == kindToken && c.place >= placeTokenDescription && c.place <= placeTokenHTML {
		// No token is issued when the token endpoint fails: echo the
		// secret it was sent instead.
		c.kind = kindClientSecret
	}
	echo, forbidden := w.secret(c.kind)
	// Some places take only some texts.
	switch {
	case c.kind == kindPersonnummer:
		// A personnummer is found by its shape, which needs it to stand
		// alone (so that ids and coordinates are left alone); the literal
		// secrets are found glued to anything.
		c.glue = false
	case c.place == placeXMLRoot:
		// An element name: glued to the marker.
		c.glue = true
	}
	length := c.cap + 64
	value := w.text(echo, c.cap+c.offset, length, c.glue)
	switch c.place {
	case placeRequestID:
		value = leakMarker + " " + echo // a header the SDK keeps up to 128 bytes, and every echo fits
	case placeHTMLTitleError, placeHTMLTitle200, placeTokenHTML:
		// The SDK shows a title of up to 120 characters: the secret whole
		// within it, near its end when the case says so.
		// (A secret too long for that makes a title the SDK does not show.)
		at := min(min(c.cap, 120)+c.offset, 120-len(echo)-2)
		value = w.text(echo, at, max(at+len(echo)+1, 120), c.glue)
	case placeXMLRoot:
		value = leakMarker + echo + strings.Repeat("x", max(c.cap+c.offset, 0)%64)
		if c.kind == kindPersonnummer || c.kind == kindEscapedSecret || c.kind == kindBasicHeader {
			value = leakMarker + w.token // not a valid XML name: echo a token instead
			echo, forbidden = w.token, []string{w.token}
		}
	case placeFeedObjectID:
		value = leakMarker + " " + echo
	}
	lt := &leakTransport{c: c, w: w, echo: echo, value: value}

	var logs bytes.Buffer
	env, err := NewEnvironment("fuzz", "https://api.fuzz.test/base", "https://auth.fuzz.test/oauth2/token")
	if err != nil {
		t.Fatal(err)
	}
	var cred Credential = ClientCredentials{ID: w.clientID, Secret: w.clientSecret}
	switch c.kind {
	case kindBasicPassword:
		cred = BasicAuth{Username: w.clientID, Password: w.password}
	case kindAPIKey:
		cred = APIKey{Key: w.apiKey}
	}
	if c.place >= placeTokenDescription && c.place <= placeTokenHTML {
		// The token endpoint is reached with OAuth2 credentials; the
		// password and the key are configured for other services, so
		// they are secrets of this client all the same.
		cred = ClientCredentials{ID: w.clientID, Secret: w.clientSecret}
	}
	services := map[Service]Credential{
		ServiceGeotorget: BasicAuth{Username: w.clientID, Password: w.password},
		ServiceDirekt:    APIKey{Key: w.apiKey},
	}
	cl, err := NewClient(Config{
		Environment: env, Credentials: cred, ServiceCredentials: services,
		HTTPClient:  &http.Client{Transport: lt},
		Logger:      slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		LogRequests: true, LogBodies: true,
		Retry: RetryPolicy{MaxAttempts: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The token must be known to the client before the server echoes it:
	// the fake issues it on the first call.
	ctx := context.Background()
	var callErr error
	switch c.place {
	case placeXMLRoot:
		for _, e := range cl.Changes(ctx, "", nil) {
			callErr = e
		}
	case placeFeedObjectID:
		for _, e := range cl.Changes(ctx, "", nil) {
			callErr = e
		}
	case placeStreamBody:
		req, _ := http.NewRequest(http.MethodGet, env.BaseURL()+"/fil", nil)
		resp, e := cl.Stream(req)
		if resp != nil {
			resp.Body.Close()
		}
		callErr = e
	default:
		accept := "application/xml"
		if c.place == placeV1Message || c.place == placeGatewayMessage {
			accept = "application/json"
		}
		req, _ := http.NewRequest(http.MethodGet, env.BaseURL()+"/objekt", nil)
		req.Header.Set("Accept", accept)
		var out struct{ XMLName struct{} }
		_, callErr = cl.Do(req, &out)
	}
	if callErr == nil {
		t.Fatalf("%s/%s: no error", placeNames[c.place], kindNames[c.kind])
	}
	outputs = append(outputs, callErr.Error(), fmt.Sprintf("%v", callErr), fmt.Sprintf("%+v", callErr), logs.String())
	outputs = append(outputs, reachableStrings(callErr)...)
	return outputs, forbidden, echo
}

// reachableStrings returns every string and byte slice reachable from v,
// exported or not, through pointers, interfaces, structs, slices and maps.
func reachableStrings(v any) []string {
	var out []string
	seen := map[uintptr]bool{}
	var walk func(reflect.Value, int)
	walk = func(x reflect.Value, depth int) {
		if depth > 32 || !x.IsValid() {
			return
		}
		switch x.Kind() {
		case reflect.String:
			out = append(out, x.String())
		case reflect.Pointer:
			if x.IsNil() || seen[x.Pointer()] {
				return
			}
			seen[x.Pointer()] = true
			walk(x.Elem(), depth+1)
		case reflect.Interface:
			if !x.IsNil() {
				walk(x.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := range x.NumField() {
				walk(x.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			if x.Kind() == reflect.Slice && x.Type().Elem().Kind() == reflect.Uint8 {
				out = append(out, string(x.Bytes()))
				return
			}
			for i := range x.Len() {
				walk(x.Index(i), depth+1)
			}
		case reflect.Map:
			for _, k := range x.MapKeys() {
				walk(k, depth+1)
				walk(x.MapIndex(k), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(v), 0)
	return out
}

// checkLeakCase fails t if a fragment of a forbidden form appears, or the
// marker is gone.
func checkLeakCase(t testing.TB, c leakCase) {
	outputs, forbidden, _ := runLeakCase(t, c)
	name := fmt.Sprintf("%s/%s/seed %d/cap %d%+d", placeNames[c.place], kindNames[c.kind], c.seed, c.cap, c.offset)
	for _, out := range outputs {
		for _, f := range forbidden {
			for i := 0; i+8 <= len(f); i++ {
				if frag := f[i : i+8]; strings.Contains(out, frag) {
					t.Fatalf("%s: fragment %q of %q left the SDK in:\n%s", name, frag, f, excerpt(out, frag))
				}
			}
		}
	}
	found := false
	for _, out := range outputs {
		found = found || strings.Contains(out, leakMarker)
	}
	if !found {
		t.Fatalf("%s: the text around the secret is gone too (outputs: %q)", name, outputs[0])
	}
}

func excerpt(s, frag string) string {
	i := strings.Index(s, frag)
	return s[max(i-60, 0):min(i+len(frag)+60, len(s))]
}

// TestNoSecretLeaves is the systematic grid: every place, every kind, the
// secret across every cap (starting before it, across it, right after it).
func TestNoSecretLeaves(t *testing.T) {
	t.Parallel()
	for p := range numPlaces {
		for k := range numKinds {
			// One set of secrets per place and kind, placed in turn
			// before, across and after every cap.
			seed := uint64(p)*uint64(numKinds) + uint64(k) + 1
			for _, cp := range caps {
				for i, off := range []int{-70, -9, -1, 0, 20} {
					checkLeakCase(t, leakCase{place: p, kind: k, seed: seed, cap: cp, offset: off, glue: i%3 == 1})
				}
			}
		}
	}
}

// FuzzNoSecretLeaves explores random seeds, places, kinds and offsets
// around the caps; its seeds (testdata/fuzz/FuzzNoSecretLeaves) run in
// every go test.
func FuzzNoSecretLeaves(f *testing.F) {
	f.Add(uint64(7), uint8(placeV1Message), uint8(kindToken), uint8(4), int16(-3), false)
	f.Fuzz(func(t *testing.T, seed uint64, place, kind, capIdx uint8, offset int16, glue bool) {
		c := leakCase{
			place: leakPlace(int(place) % int(numPlaces)), kind: leakKind(int(kind) % int(numKinds)),
			seed: seed, cap: caps[int(capIdx)%len(caps)], offset: int(offset) % 200, glue: glue,
		}
		checkLeakCase(t, c)
	})
}
