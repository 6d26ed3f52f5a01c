// Package fault decodes and encodes the error bodies Lantmäteriet's APIs
// answer with:
//
//   - Lantmäteriet's fault v1 (…/produkter/fault/v1/fault-1.0.json), the
//     services' own faults: {"code": 400, "reason": "Bad Request",
//     "errors": ["…"]} with an integer code equal to the HTTP status, and
//     its XML form, an lmfault:Fault with code, reason and repeated errors
//     (shared/spec/lantmateriet-api.md, corrections §3; update-binding.md,
//     Faults);
//   - the API gateway's (WSO2 API Manager) faults: flat JSON with a string
//     code, {"code":"900902","message":"…","description":"…"}, the older
//     nested {"fault":{…}} and its XML ams:fault, and OAuth2 errors on the
//     token URL;
//   - the older lmfault shape kod/meddelande/detalj (XML or JSON), which
//     clients must still accept.
//
// Fault v1 has no rule-id field. The update binding puts a rule id first in
// the message it belongs to ("BAL-3015: text"); Decode takes the first such
// id as the fault's code and keeps every message. Decoding is lenient: a
// body in a slightly different shape still yields what it can, and hostile
// input is bounded and never panics.
package fault

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Namespace is the lmfault namespace Lantmäteriet declares on its responses.
const Namespace = "http://namespace.lantmateriet.se/distribution/produkter/fault/v1"

// GatewayNamespace is the WSO2 API Manager's security fault namespace.
const GatewayNamespace = "http://wso2.org/apimanager/security"

// Source says who wrote a fault.
type Source int

// Fault writers.
const (
	Unknown Source = iota
	Gateway
	Service
)

// Fault is a decoded error body.
type Fault struct {
	// Source says whether the gateway or a service wrote it.
	Source Source
	// Status is fault v1's integer code, the HTTP status; 0 in the other
	// shapes.
	Status int
	// Reason is fault v1's reason phrase ("Bad Request").
	Reason string
	// Code is the fault's code: the rule id leading one of fault v1's
	// messages, the gateway's code ("900902"), or the older shape's kod.
	Code string
	// Message is the main message: the one the rule id led (without the
	// id), else the first message, else the reason.
	Message string
	// Details are the other messages, in the order the server wrote them.
	Details []string
}

// Limits on what is kept from a hostile body.
const (
	maxDetails = 32
	maxText    = 4096
	maxTokens  = 10000
	// maxCollected bounds the text of one XML element before keep sees it.
	maxCollected = 64 << 10
)

// Decode reads a fault from body. The format is chosen by the body's first
// byte, not by its Content-Type, which gateways get wrong. ok is false when
// body is in no known fault format (an HTML page, plain text, empty).
func Decode(body []byte) (f Fault, ok bool) { return DecodeWith(body, clip) }

// DecodeWith is Decode with the texts the fault keeps (code, reason,
// messages) passed whole through text, which returns what is kept: the SDK
// passes a function that masks secrets and personal identity numbers and
// only then bounds the text, so that a cut never leaves part of one behind.
// text must bound what it returns; Decode's bounds the text to 4 KiB.
func DecodeWith(body []byte, text func(string) string) (f Fault, ok bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return Fault{}, false
	}
	switch trimmed[0] {
	case '{':
		return decodeJSON(trimmed, text)
	case '<':
		return decodeXML(trimmed, text)
	}
	return Fault{}, false
}

// fields are what any of the shapes may carry, by element or member name.
type fields struct {
	// text bounds (and masks) every text kept.
	text func(string) string

	code, reason                 string
	codeIsNumber                 bool
	errs                         []string
	kod, meddelande              string
	detalj                       []string
	message, description         string
	oauthError, oauthDescription string
}

type jsonFault struct {
	// fault v1: {"code":400,"reason":"…","errors":["…"]}; gateway (flat):
	// {"code":"900902","message":"…","description":"…"}.
	Code        json.RawMessage `json:"code"`
	Reason      string          `json:"reason"`
	Errors      json.RawMessage `json:"errors"`
	Message     string          `json:"message"`
	Description string          `json:"description"`
	// Gateway (nested, older): {"fault":{"code":900902,"message":"…","description":"…"}}
	Fault *struct {
		Code        json.RawMessage `json:"code"`
		Message     string          `json:"message"`
		Description string          `json:"description"`
	} `json:"fault"`
	// Older lmfault in JSON: {"kod":"BAL-3015","meddelande":"…","detalj":["…"]}
	Kod        json.RawMessage `json:"kod"`
	Meddelande string          `json:"meddelande"`
	Detalj     json.RawMessage `json:"detalj"`
	// OAuth2 (RFC 6749 §5.2), which the gateway uses on its token URL.
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func decodeJSON(b []byte, text func(string) string) (Fault, bool) {
	var j jsonFault
	if err := json.Unmarshal(b, &j); err != nil {
		return Fault{}, false
	}
	if j.Fault != nil {
		f := fields{text: text, code: rawString(j.Fault.Code), message: j.Fault.Message, description: j.Fault.Description}.gateway()
		return f, f.Code != "" || f.Message != ""
	}
	fs := fields{
		text: text,
		code: rawString(j.Code), codeIsNumber: isNumber(j.Code), reason: j.Reason, errs: rawStrings(j.Errors),
		message: j.Message, description: j.Description,
		kod: rawString(j.Kod), meddelande: j.Meddelande, detalj: rawStrings(j.Detalj),
		oauthError: j.Error, oauthDescription: j.ErrorDescription,
	}
	// A fault v1 has errors or a reason; a gateway fault a code or a
	// message.
	hasErrors := len(bytes.TrimSpace(j.Errors)) > 0 && string(bytes.TrimSpace(j.Errors)) != "null"
	switch {
	case hasErrors || j.Reason != "":
		f := fs.v1()
		return f, f.Status != 0 || f.Message != "" || f.Code != ""
	case fs.code != "" || fs.message != "":
		f := fs.gateway()
		return f, f.Code != "" || f.Message != ""
	case fs.kod != "" || fs.meddelande != "":
		return fs.older(), true
	case fs.oauthError != "":
		return Fault{Source: Gateway, Code: text(fs.oauthError), Message: text(fs.oauthDescription)}, true
	}
	return Fault{}, false
}

// v1 builds a fault v1: the first message led by a rule id gives the code
// and the main message; every other message is a detail.
func (fs fields) v1() Fault {
	f := Fault{Source: Service, Reason: fs.text(fs.reason)}
	if n, err := strconv.Atoi(strings.TrimSpace(fs.code)); err == nil && n >= 100 && n <= 599 {
		f.Status = n
	} else if fs.code != "" && !fs.codeIsNumber {
		// Not fault v1's integer: keep it as the code.
		f.Code = fs.text(fs.code)
	}
	main := -1
	for i, m := range fs.errs {
		if id, rest, ok := RuleID(m); ok && f.Code == "" {
			f.Code, f.Message, main = id, rest, i
			break
		}
	}
	if main < 0 && len(fs.errs) > 0 {
		f.Message, main = fs.errs[0], 0
	}
	if main < 0 {
		f.Message = fs.reason
	}
	for i, m := range fs.errs {
		if i != main {
			f.Details = fs.appendDetail(f.Details, m, "")
		}
	}
	f.Code, f.Message = fs.text(f.Code), fs.text(f.Message)
	return f
}

// gateway builds a gateway fault: its code, message and description.
func (fs fields) gateway() Fault {
	f := Fault{Source: Gateway, Code: fs.text(fs.code), Message: fs.text(fs.message)}
	f.Details = fs.appendDetail(nil, fs.description, fs.message)
	return f
}

// older builds a kod/meddelande/detalj fault; without a kod, a rule id
// leading the message is the code.
func (fs fields) older() Fault {
	f := Fault{Source: Service, Code: fs.kod, Message: fs.meddelande}
	if f.Code == "" {
		if id, rest, ok := RuleID(f.Message); ok {
			f.Code, f.Message = id, rest
		}
	}
	for _, d := range fs.detalj {
		f.Details = fs.appendDetail(f.Details, d, f.Message)
	}
	f.Code, f.Message = fs.text(f.Code), fs.text(f.Message)
	return f
}

// appendDetail adds d unless it is empty, repeats the message (as the
// server wrote both), or the list is full.
func (fs fields) appendDetail(list []string, d, message string) []string {
	d = strings.TrimSpace(d)
	if d == "" || d == strings.TrimSpace(message) || len(list) >= maxDetails {
		return list
	}
	return append(list, fs.text(d))
}

// clip bounds a text from a hostile body, on a rune boundary.
func clip(s string) string {
	if len(s) <= maxText {
		return s
	}
	cut := maxText
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// ruleIDRE matches a rule id of Lantmäteriet's form leading a message:
// upper-case letters, a hyphen and digits, optionally more hyphenated parts
// ("BAL-3015", "B-0035", "BAL-0409-IDEM", "BAL-0410-GAP").
var ruleIDRE = regexp.MustCompile(`^([A-Z][A-Z0-9]{0,15}-[0-9][A-Z0-9]{0,15}(?:-[A-Z0-9]{1,16}){0,3})\s*:\s*`)

// genericRules are the binding's names for rules that have no public id
// (internal/rules), which lead messages the same way ("required: …").
var genericRules = []string{rules.Required, rules.Range, rules.Format, rules.Length, rules.CodeList, rules.Geometry, rules.Relation}

// RuleID splits a message that starts with a rule id ("BAL-3015: Ett
// avregistrerat …") into the id and the rest. ok is false when the message
// does not start with one.
func RuleID(message string) (id, rest string, ok bool) {
	s := strings.TrimSpace(message)
	if m := ruleIDRE.FindStringSubmatchIndex(s); m != nil {
		return s[m[2]:m[3]], strings.TrimSpace(s[m[1]:]), true
	}
	if head, tail, found := strings.Cut(s, ":"); found && slices.Contains(genericRules, head) {
		return head, strings.TrimSpace(tail), true
	}
	return "", message, false
}

func isNumber(r json.RawMessage) bool {
	r = bytes.TrimSpace(r)
	return len(r) > 0 && (r[0] == '-' || (r[0] >= '0' && r[0] <= '9'))
}

// rawString reads a JSON string or number as text.
func rawString(r json.RawMessage) string {
	if len(r) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(r, &n) == nil {
		return n.String()
	}
	return ""
}

// rawStrings reads a JSON array of strings (or numbers), or one string.
func rawStrings(r json.RawMessage) []string {
	if len(r) == 0 {
		return nil
	}
	var list []json.RawMessage
	if json.Unmarshal(r, &list) != nil {
		if s := rawString(r); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	for _, x := range list {
		if len(out) > maxDetails {
			break
		}
		if s := rawString(x); strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// decodeXML walks the tokens: the first Fault element decides the format,
// and its child elements are matched by local name, so prefixes and extra
// wrapping (a SOAP Envelope, say) do not matter.
func decodeXML(b []byte, keep func(string) string) (Fault, bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var (
		fs      = fields{text: keep}
		src     Source
		found   bool
		depth   int
		field   string
		text    strings.Builder
		tokens  int
		inFault int // depth at which the Fault element opened
		done    bool
	)
	for !done {
		tok, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) && !found {
				return Fault{}, false
			}
			break
		}
		if tokens++; tokens > maxTokens {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			local := strings.ToLower(t.Name.Local)
			if !found {
				switch {
				case local == "fault" && (t.Name.Space == Namespace || t.Name.Space == "lmfault" || t.Name.Space == ""):
					src, found, inFault = Service, true, depth
				case local == "fault" && (t.Name.Space == GatewayNamespace || t.Name.Space == "ams"):
					src, found, inFault = Gateway, true, depth
				case (local == "html" || local == "body") && (t.Name.Space == "" || t.Name.Space == "http://www.w3.org/1999/xhtml"):
					// An HTML error page: nothing to decode.
					return Fault{}, false
				}
				continue
			}
			if depth == inFault+1 {
				field = local
				text.Reset()
			}
		case xml.CharData:
			// Collect well past what is kept: keep masks a secret
			// before it cuts, so it must see the secret whole.
			if field != "" && text.Len() < maxCollected {
				text.Write(t)
			}
		case xml.EndElement:
			if found && depth == inFault+1 && field != "" {
				fs.setXML(field, strings.TrimSpace(text.String()))
				field = ""
			}
			if found && depth == inFault {
				done = true
			}
			depth--
		}
	}
	if !found {
		return Fault{}, false
	}
	var f Fault
	switch {
	case src == Gateway:
		f = fs.gateway()
		return f, f.Code != "" || f.Message != ""
	case len(fs.errs) > 0 || fs.reason != "":
		f = fs.v1()
	case fs.kod != "" || fs.meddelande != "":
		f = fs.older()
	case fs.code != "" || fs.message != "":
		// An lmfault with code and message but no errors: read it as the
		// older shape spelled in English.
		fs.kod, fs.meddelande, fs.detalj = fs.code, fs.message, []string{fs.description}
		f = fs.older()
	default:
		return Fault{}, false
	}
	return f, f.Code != "" || f.Message != "" || f.Status != 0
}

// setXML records one child element of a Fault.
func (fs *fields) setXML(name, v string) {
	switch name {
	case "code":
		fs.code = v
	case "reason":
		fs.reason = v
	case "errors", "error":
		if v != "" && len(fs.errs) <= maxDetails {
			fs.errs = append(fs.errs, v)
		}
	case "kod":
		fs.kod = v
	case "meddelande":
		fs.meddelande = v
	case "message":
		fs.message = v
	case "detalj", "detail":
		if v != "" && len(fs.detalj) < maxDetails {
			fs.detalj = append(fs.detalj, v)
		}
	case "description":
		fs.description = v
	}
}

// Messages returns f's messages as fault v1 writes them: the main message
// led by the code when there is one ("BAL-3015: text"), then the details.
func (f Fault) Messages() []string {
	var out []string
	switch {
	case f.Code != "" && f.Message != "":
		out = append(out, f.Code+": "+f.Message)
	case f.Code != "":
		out = append(out, f.Code)
	case f.Message != "":
		out = append(out, f.Message)
	}
	return append(out, f.Details...)
}

func (f Fault) status() int {
	if f.Status != 0 {
		return f.Status
	}
	return http.StatusInternalServerError
}

func (f Fault) reason() string {
	if f.Reason != "" {
		return f.Reason
	}
	return http.StatusText(f.status())
}

// v1JSON is fault v1 in JSON.
type v1JSON struct {
	Code   int      `json:"code"`
	Reason string   `json:"reason"`
	Errors []string `json:"errors"`
}

// gatewayJSON is the gateway's flat fault.
type gatewayJSON struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	Description string `json:"description,omitempty"`
}

// EncodeJSON writes f as a fault v1 JSON document (Service) or the
// gateway's flat JSON fault with a string code (Gateway), the way the fake
// server answers when JSON was asked for.
func EncodeJSON(f Fault) (contentType string, body []byte) {
	if f.Source == Gateway {
		b, _ := json.Marshal(gatewayJSON{Code: f.Code, Message: f.Message, Description: strings.Join(f.Details, "; ")})
		return "application/json", b
	}
	msgs := f.Messages()
	if msgs == nil {
		msgs = []string{}
	}
	b, _ := json.Marshal(v1JSON{Code: f.status(), Reason: f.reason(), Errors: msgs})
	return "application/json", b
}

// EncodeXML writes f as fault v1's XML form, an lmfault:Fault with code,
// reason and one lmfault:errors per message (Service), or WSO2's XML
// security fault (Gateway).
func EncodeXML(f Fault) (contentType string, body []byte) {
	var buf bytes.Buffer
	if f.Source == Gateway {
		buf.WriteString(`<ams:fault xmlns:ams="` + GatewayNamespace + `">`)
		writeElem(&buf, "ams:code", f.Code)
		writeElem(&buf, "ams:message", f.Message)
		if len(f.Details) > 0 {
			writeElem(&buf, "ams:description", strings.Join(f.Details, "; "))
		}
		buf.WriteString(`</ams:fault>`)
		return "application/xml", buf.Bytes()
	}
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<lmfault:Fault xmlns:lmfault="` + Namespace + `">`)
	writeElem(&buf, "lmfault:code", strconv.Itoa(f.status()))
	writeElem(&buf, "lmfault:reason", f.reason())
	for _, m := range f.Messages() {
		writeElem(&buf, "lmfault:errors", m)
	}
	buf.WriteString(`</lmfault:Fault>`)
	return "application/xml", buf.Bytes()
}

// Encode writes f in XML (EncodeXML) for a service fault and in JSON
// (EncodeJSON) for a gateway fault, each's usual format.
func Encode(f Fault) (contentType string, body []byte) {
	if f.Source == Gateway {
		return EncodeJSON(f)
	}
	return EncodeXML(f)
}

func writeElem(buf *bytes.Buffer, name, v string) {
	buf.WriteString("<" + name + ">")
	_ = xml.EscapeText(buf, []byte(v))
	buf.WriteString("</" + name + ">")
}
