package fault

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	lm := `xmlns:lmfault="` + Namespace + `"`
	tests := []struct {
		name string
		body string
		want Fault
		ok   bool
	}{
		// Fault v1, JSON (lantmateriet-api.md corrections §3).
		{"v1 json rule", `{"code": 400, "reason": "Bad Request", "errors": ["BAL-3015: Ett avregistrerat utbytesobjekt får inte ändra objektstatus", "objektidentitet=x"]}`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Code: "BAL-3015", Message: "Ett avregistrerat utbytesobjekt får inte ändra objektstatus", Details: []string{"objektidentitet=x"}}, true},
		{"v1 json no rule id", `{"code": 415, "reason": "Unsupported Media Type", "errors": ["Mediatypen stöds inte"]}`,
			Fault{Source: Service, Status: 415, Reason: "Unsupported Media Type", Message: "Mediatypen stöds inte"}, true},
		{"v1 json rule id not first", `{"code":409,"reason":"Conflict","errors":["aktuellObjektversion=4","BAL-0409: Byggnad x har objektversion 4","medlem=2"]}`,
			Fault{Source: Service, Status: 409, Reason: "Conflict", Code: "BAL-0409", Message: "Byggnad x har objektversion 4", Details: []string{"aktuellObjektversion=4", "medlem=2"}}, true},
		{"v1 json first rule id wins", `{"code":400,"reason":"Bad Request","errors":["B-0035: a","BAL-2003: b"]}`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Code: "B-0035", Message: "a", Details: []string{"BAL-2003: b"}}, true},
		{"v1 json suffixed rule id", `{"code":409,"reason":"Conflict","errors":["BAL-0409-IDEM: nyckeln användes med en annan begäran"]}`,
			Fault{Source: Service, Status: 409, Reason: "Conflict", Code: "BAL-0409-IDEM", Message: "nyckeln användes med en annan begäran"}, true},
		{"v1 json generic rule", `{"code":400,"reason":"Bad Request","errors":["required: Verksamhetsatgard.atgardstyp: åtgärdstyp is required"]}`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Code: "required", Message: "Verksamhetsatgard.atgardstyp: åtgärdstyp is required"}, true},
		{"v1 json no errors", `{"code":503,"reason":"Service Unavailable","errors":[]}`,
			Fault{Source: Service, Status: 503, Reason: "Service Unavailable", Message: "Service Unavailable"}, true},
		{"v1 json string code", `{"code":"400","reason":"Bad Request","errors":["x"]}`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Message: "x"}, true},
		{"v1 json a colon is not a rule id", `{"code":400,"reason":"Bad Request","errors":["Fel: okänt fält"]}`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Message: "Fel: okänt fält"}, true},
		// Fault v1, XML with repeated errors.
		{"v1 xml", `<?xml version="1.0" encoding="UTF-8"?><lmfault:Fault ` + lm + `><lmfault:code>409</lmfault:code><lmfault:reason>Conflict</lmfault:reason><lmfault:errors>BAL-0409: Byggnad x har objektversion 4, uppdateringen gällde 3</lmfault:errors><lmfault:errors>aktuellObjektversion=4</lmfault:errors></lmfault:Fault>`,
			Fault{Source: Service, Status: 409, Reason: "Conflict", Code: "BAL-0409", Message: "Byggnad x har objektversion 4, uppdateringen gällde 3", Details: []string{"aktuellObjektversion=4"}}, true},
		{"v1 xml default namespace", `<Fault xmlns="` + Namespace + `"><code>400</code><reason>Bad Request</reason><errors>B-0035: a</errors><errors>b</errors></Fault>`,
			Fault{Source: Service, Status: 400, Reason: "Bad Request", Code: "B-0035", Message: "a", Details: []string{"b"}}, true},
		{"v1 xml in soap", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><lmfault:Fault ` + lm + `><lmfault:code>404</lmfault:code><lmfault:reason>Not Found</lmfault:reason><lmfault:errors>BAL-0404: saknas</lmfault:errors></lmfault:Fault></soap:Body></soap:Envelope>`,
			Fault{Source: Service, Status: 404, Reason: "Not Found", Code: "BAL-0404", Message: "saknas"}, true},
		// The gateway's flat JSON fault, string code.
		{"gateway flat", `{"code":"900902","message":"Missing Credentials","description":"Invalid Credentials. Make sure your API invocation call has a header"}`,
			Fault{Source: Gateway, Code: "900902", Message: "Missing Credentials", Details: []string{"Invalid Credentials. Make sure your API invocation call has a header"}}, true},
		{"gateway flat number code", `{"code":900910,"message":"The access token does not allow you to access the requested resource"}`,
			Fault{Source: Gateway, Code: "900910", Message: "The access token does not allow you to access the requested resource"}, true},
		// Older shapes, still accepted.
		{"older lmfault xml", `<lmfault:Fault ` + lm + `><lmfault:kod>BAL-3015</lmfault:kod><lmfault:meddelande>Ett avregistrerat utbytesobjekt får inte ändra objektstatus</lmfault:meddelande><lmfault:detalj>objektidentitet=x</lmfault:detalj></lmfault:Fault>`,
			Fault{Source: Service, Code: "BAL-3015", Message: "Ett avregistrerat utbytesobjekt får inte ändra objektstatus", Details: []string{"objektidentitet=x"}}, true},
		{"older lmfault undeclared prefix", `<lmfault:Fault><lmfault:kod>BAL-0404</lmfault:kod></lmfault:Fault>`, Fault{Source: Service, Code: "BAL-0404"}, true},
		{"older lmfault json", `{"kod":"BAL-0404","meddelande":"saknas","detalj":"en rad"}`, Fault{Source: Service, Code: "BAL-0404", Message: "saknas", Details: []string{"en rad"}}, true},
		{"older lmfault json rule in message", `{"meddelande":"BAL-3015: text"}`, Fault{Source: Service, Code: "BAL-3015", Message: "text"}, true},
		{"gateway xml", `<ams:fault xmlns:ams="` + GatewayNamespace + `"><ams:code>900901</ams:code><ams:message>Invalid Credentials</ams:message><ams:description>Make sure</ams:description></ams:fault>`,
			Fault{Source: Gateway, Code: "900901", Message: "Invalid Credentials", Details: []string{"Make sure"}}, true},
		{"gateway nested json", `{"fault":{"code":900902,"message":"Missing Credentials","description":"d"}}`,
			Fault{Source: Gateway, Code: "900902", Message: "Missing Credentials", Details: []string{"d"}}, true},
		{"oauth2 json", `{"error":"invalid_client","error_description":"A valid OAuth client could not be found"}`,
			Fault{Source: Gateway, Code: "invalid_client", Message: "A valid OAuth client could not be found"}, true},
		// Not faults.
		{"html", `<!DOCTYPE html><html><body>Fault</body></html>`, Fault{}, false},
		{"html fault word", `<html><body><fault>x</fault></body></html>`, Fault{}, false},
		{"empty", ``, Fault{}, false},
		{"bare text", `Geolocation Block!`, Fault{}, false},
		{"other json", `{"status":"down"}`, Fault{}, false},
		{"broken xml after code", `<lmfault:Fault ` + lm + `><lmfault:kod>BAL-1</lmfault:kod><lmfault:meddel`, Fault{Source: Service, Code: "BAL-1"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := Decode([]byte(tt.body))
			assert.Equal(t, tt.ok, ok)
			if tt.ok {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func TestRuleID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, id, rest string
		ok           bool
	}{
		{"BAL-3015: text", "BAL-3015", "text", true},
		{"B-0035:text", "B-0035", "text", true},
		{"BAL-0410-GAP: kontrollpunkten är för gammal", "BAL-0410-GAP", "kontrollpunkten är för gammal", true},
		{"  BAL-0409 : x", "BAL-0409", "x", true},
		{"relation: a: b", "relation", "a: b", true},
		{"Byggnad: text", "", "Byggnad: text", false},
		{"ABC-DEF: no digits", "", "ABC-DEF: no digits", false},
		{"bal-3015: lower case", "", "bal-3015: lower case", false},
		{"BAL-3015 without colon", "", "BAL-3015 without colon", false},
		{"aktuellObjektversion=4", "", "aktuellObjektversion=4", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			id, rest, ok := RuleID(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.id, id)
			assert.Equal(t, tt.rest, rest)
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		f      Fault
		encode func(Fault) (string, []byte)
		want   string // a fragment of the encoding
	}{
		{"v1 xml", Fault{Source: Service, Status: 409, Reason: "Conflict", Code: "BAL-0409", Message: "Versionskonflikt <&>", Details: []string{"aktuellObjektversion=4", "medlem=2"}},
			EncodeXML, `<lmfault:code>409</lmfault:code><lmfault:reason>Conflict</lmfault:reason><lmfault:errors>BAL-0409: Versionskonflikt &lt;&amp;&gt;</lmfault:errors><lmfault:errors>aktuellObjektversion=4</lmfault:errors>`},
		{"v1 json", Fault{Source: Service, Status: 400, Reason: "Bad Request", Code: "BAL-3015", Message: "m", Details: []string{"d"}},
			EncodeJSON, `{"code":400,"reason":"Bad Request","errors":["BAL-3015: m","d"]}`},
		{"v1 json without rule id", Fault{Source: Service, Status: 415, Reason: "Unsupported Media Type", Message: "Mediatypen stöds inte"},
			EncodeJSON, `{"code":415,"reason":"Unsupported Media Type","errors":["Mediatypen stöds inte"]}`},
		{"gateway json", Fault{Source: Gateway, Code: "900902", Message: "Missing Credentials", Details: []string{"d"}},
			EncodeJSON, `{"code":"900902","message":"Missing Credentials","description":"d"}`},
		{"gateway xml", Fault{Source: Gateway, Code: "900910", Message: "Forbidden", Details: []string{"scope"}},
			EncodeXML, `<ams:code>900910</ams:code>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, body := tt.encode(tt.f)
			assert.Contains(t, string(body), tt.want)
			got, ok := Decode(body)
			require.True(t, ok)
			assert.Equal(t, tt.f, got)
		})
	}
}

// FuzzDecode: no panic, bounded output, valid UTF-8 kept valid. The seeds
// (testdata/fuzz/FuzzDecode) run with go test.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"code":400,"reason":"Bad Request","errors":["BAL-3015: x","medlem=2"]}`))
	f.Add([]byte(`<lmfault:Fault xmlns:lmfault="` + Namespace + `"><lmfault:code>409</lmfault:code><lmfault:errors>BAL-0409: a</lmfault:errors></lmfault:Fault>`))
	f.Add([]byte(`{"code":"900902","message":"Missing Credentials"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := Decode(b)
		if !ok {
			return
		}
		assert.LessOrEqual(t, len(got.Details), maxDetails)
		for _, s := range append([]string{got.Code, got.Message, got.Reason}, got.Details...) {
			assert.LessOrEqual(t, len(s), maxText)
			if utf8.Valid(b) {
				assert.True(t, utf8.ValidString(s), "%q", s)
			}
		}
		// What decoded once encodes and decodes to the same messages.
		if len(got.Messages()) == 0 {
			return
		}
		_, again := EncodeJSON(got)
		back, ok := Decode(again)
		require.True(t, ok)
		assert.Equal(t, normalized(got.Messages()), normalized(back.Messages()))
	})
}

// normalized is a set of messages with their spaces folded, sorted: what a
// round trip through fault v1 must keep (the rule-led message moves first).
func normalized(msgs []string) []string {
	var out []string
	for _, m := range msgs {
		if id, rest, ok := RuleID(m); ok {
			m = id + ": " + rest
		}
		if m = strings.Join(strings.Fields(m), " "); m != "" && len(m) < 1000 {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}
