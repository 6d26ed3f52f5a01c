package fault

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want Fault
		ok   bool
	}{
		{"lmfault", `<lmfault:Fault xmlns:lmfault="` + Namespace + `"><lmfault:kod>BAL-3015</lmfault:kod><lmfault:meddelande>Ett avregistrerat utbytesobjekt får inte ändra objektstatus</lmfault:meddelande><lmfault:detalj>objektidentitet=x</lmfault:detalj></lmfault:Fault>`,
			Fault{Service, "BAL-3015", "Ett avregistrerat utbytesobjekt får inte ändra objektstatus", []string{"objektidentitet=x"}}, true},
		{"lmfault default namespace", `<?xml version="1.0"?><Fault xmlns="` + Namespace + `"><kod>B-0035</kod><meddelande>m</meddelande><detalj>a</detalj><detalj>b</detalj></Fault>`,
			Fault{Service, "B-0035", "m", []string{"a", "b"}}, true},
		{"lmfault undeclared prefix", `<lmfault:Fault><lmfault:kod>BAL-0404</lmfault:kod></lmfault:Fault>`, Fault{Service, "BAL-0404", "", nil}, true},
		{"lmfault in soap", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><lmfault:Fault xmlns:lmfault="` + Namespace + `"><lmfault:kod>X</lmfault:kod><lmfault:meddelande>y</lmfault:meddelande></lmfault:Fault></soap:Body></soap:Envelope>`,
			Fault{Service, "X", "y", nil}, true},
		{"gateway xml", `<ams:fault xmlns:ams="` + GatewayNamespace + `"><ams:code>900901</ams:code><ams:message>Invalid Credentials</ams:message><ams:description>Make sure</ams:description></ams:fault>`,
			Fault{Gateway, "900901", "Invalid Credentials", []string{"Make sure"}}, true},
		{"gateway json", `{"fault":{"code":900902,"message":"Missing Credentials","description":"Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'"}}`,
			Fault{Gateway, "900902", "Missing Credentials", []string{"Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'"}}, true},
		{"gateway json string code", `{"fault":{"code":"900800","message":"Message throttled out"}}`, Fault{Gateway, "900800", "Message throttled out", nil}, true},
		{"lmfault json", `{"kod":"BAL-0404","meddelande":"saknas","detalj":"en rad"}`, Fault{Service, "BAL-0404", "saknas", []string{"en rad"}}, true},
		{"oauth2 json", `{"error":"invalid_client","error_description":"A valid OAuth client could not be found"}`, Fault{Gateway, "invalid_client", "A valid OAuth client could not be found", nil}, true},
		{"html", `<!DOCTYPE html><html><body>Fault</body></html>`, Fault{}, false},
		{"html fault word", `<html><body><fault>x</fault></body></html>`, Fault{}, false},
		{"empty", ``, Fault{}, false},
		{"text", `Service Unavailable`, Fault{}, false},
		{"other json", `{"status":"down"}`, Fault{}, false},
		{"broken xml after kod", `<lmfault:Fault xmlns:lmfault="` + Namespace + `"><lmfault:kod>BAL-1</lmfault:kod><lmfault:meddel`, Fault{Service, "BAL-1", "", nil}, true},
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

func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, f := range []Fault{
		{Service, "BAL-0409", "Versionskonflikt <&>", []string{"aktuellObjektversion=4", "objektidentitet=x"}},
		{Gateway, "900902", "Missing Credentials", []string{"d"}},
	} {
		_, body := Encode(f)
		got, ok := Decode(body)
		assert.True(t, ok)
		assert.Equal(t, f, got)
	}
	gw := Fault{Gateway, "900910", "Forbidden", []string{"scope"}}
	got, ok := Decode(EncodeGatewayXML(gw))
	assert.True(t, ok)
	assert.Equal(t, gw, got)
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`<lmfault:Fault xmlns:lmfault="` + Namespace + `"><lmfault:kod>BAL-3015</lmfault:kod></lmfault:Fault>`))
	f.Add([]byte(`{"fault":{"code":900902,"message":"m"}}`))
	f.Add([]byte(`{"kod":1,"detalj":[1,"a",null]}`))
	f.Add([]byte(`<ams:fault xmlns:ams="` + GatewayNamespace + `"><ams:code>1</ams:code></ams:fault>`))
	f.Add([]byte(`<a><b><c>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := Decode(b)
		if !ok {
			return
		}
		assert.LessOrEqual(t, len(got.Details), maxDetails)
	})
}
