// Package fault decodes and encodes the error bodies Lantmäteriet's APIs
// answer with: the services' lmfault Fault (XML, and its JSON spelling) and
// the API gateway's (WSO2 API Manager) fault in JSON and XML.
//
// Lantmäteriet documents that an error answer carries "en HTTP-felkod och ett
// Fault-meddelande" in the namespace below, but has published no Fault
// schema; the element names follow the SDK's update binding
// (shared/spec/update-binding.md), and decoding is lenient so that a body in
// a slightly different shape still yields its code and message.
package fault

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
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
	Source  Source
	Code    string
	Message string
	Details []string
}

// maxDetails bounds how many detail lines are kept from a hostile body.
const maxDetails = 32

// Decode reads a fault from body. The format is chosen by the body's first
// byte, not by its Content-Type, which gateways get wrong. ok is false when
// body is in no known fault format (an HTML page, plain text, empty).
func Decode(body []byte) (f Fault, ok bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return Fault{}, false
	}
	switch trimmed[0] {
	case '{':
		return decodeJSON(trimmed)
	case '<':
		return decodeXML(trimmed)
	}
	return Fault{}, false
}

type jsonFault struct {
	// Gateway: {"fault":{"code":900902,"message":"…","description":"…"}}
	Fault *struct {
		Code        json.RawMessage `json:"code"`
		Message     string          `json:"message"`
		Description string          `json:"description"`
	} `json:"fault"`
	// lmfault in JSON: {"kod":"BAL-3015","meddelande":"…","detalj":["…"]}
	Kod        json.RawMessage `json:"kod"`
	Meddelande string          `json:"meddelande"`
	Detalj     json.RawMessage `json:"detalj"`
	// OAuth2 (RFC 6749 §5.2), which the gateway also uses on its token URL.
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func decodeJSON(b []byte) (Fault, bool) {
	var j jsonFault
	if err := json.Unmarshal(b, &j); err != nil {
		return Fault{}, false
	}
	switch {
	case j.Fault != nil:
		f := Fault{Source: Gateway, Code: rawString(j.Fault.Code), Message: j.Fault.Message}
		if j.Fault.Description != "" && j.Fault.Description != j.Fault.Message {
			f.Details = []string{j.Fault.Description}
		}
		return f, true
	case len(j.Kod) > 0 || j.Meddelande != "":
		f := Fault{Source: Service, Code: rawString(j.Kod), Message: j.Meddelande}
		f.Details = rawStrings(j.Detalj)
		return f, true
	case j.Error != "":
		f := Fault{Source: Gateway, Code: j.Error, Message: j.ErrorDescription}
		return f, true
	}
	return Fault{}, false
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
		if s := rawString(x); s != "" && len(out) < maxDetails {
			out = append(out, s)
		}
	}
	return out
}

// decodeXML walks the tokens: the first element decides the format, and
// child elements are matched by local name within the fault's namespace (or
// none), so prefixes and extra wrapping (a SOAP Envelope, say) do not matter.
func decodeXML(b []byte) (Fault, bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var (
		f       Fault
		found   bool
		depth   int
		field   string
		text    strings.Builder
		tokens  int
		inFault int // depth at which the Fault element opened
	)
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return f, found && (f.Code != "" || f.Message != "")
		}
		if tokens++; tokens > 10000 {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			local := strings.ToLower(t.Name.Local)
			if !found {
				switch {
				case local == "fault" && (t.Name.Space == Namespace || t.Name.Space == "lmfault" || t.Name.Space == ""):
					f.Source, found, inFault = Service, true, depth
				case local == "fault" && (t.Name.Space == GatewayNamespace || t.Name.Space == "ams"):
					f.Source, found, inFault = Gateway, true, depth
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
			if field != "" && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			if found && depth == inFault+1 && field != "" {
				v := strings.TrimSpace(text.String())
				switch field {
				case "kod", "code":
					f.Code = v
				case "meddelande", "message":
					f.Message = v
				case "detalj", "description", "detail":
					if v != "" && v != f.Message && len(f.Details) < maxDetails {
						f.Details = append(f.Details, v)
					}
				}
				field = ""
			}
			if found && depth == inFault {
				return f, true
			}
			depth--
		}
	}
	return f, found && (f.Code != "" || f.Message != "")
}

// Encode writes f as an lmfault XML document (Service) or a gateway JSON
// fault (Gateway), the way the fake server answers.
func Encode(f Fault) (contentType string, body []byte) {
	if f.Source == Gateway {
		type gw struct {
			Code        json.Number `json:"code"`
			Message     string      `json:"message"`
			Description string      `json:"description,omitempty"`
		}
		code := f.Code
		if _, err := strconv.Atoi(code); err != nil {
			code = "0"
		}
		v := struct {
			Fault gw `json:"fault"`
		}{gw{Code: json.Number(code), Message: f.Message, Description: strings.Join(f.Details, "; ")}}
		b, _ := json.Marshal(v)
		return "application/json", b
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<lmfault:Fault xmlns:lmfault="` + Namespace + `">`)
	writeElem(&buf, "kod", f.Code)
	writeElem(&buf, "meddelande", f.Message)
	for _, d := range f.Details {
		writeElem(&buf, "detalj", d)
	}
	buf.WriteString(`</lmfault:Fault>`)
	return "application/xml", buf.Bytes()
}

// EncodeGatewayXML writes f as WSO2's XML security fault, which the gateway
// sends when the client asked for XML.
func EncodeGatewayXML(f Fault) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<ams:fault xmlns:ams="` + GatewayNamespace + `">`)
	writeElem2(&buf, "ams:code", f.Code)
	writeElem2(&buf, "ams:message", f.Message)
	if len(f.Details) > 0 {
		writeElem2(&buf, "ams:description", strings.Join(f.Details, "; "))
	}
	buf.WriteString(`</ams:fault>`)
	return buf.Bytes()
}

func writeElem(buf *bytes.Buffer, name, v string) { writeElem2(buf, "lmfault:"+name, v) }

func writeElem2(buf *bytes.Buffer, name, v string) {
	buf.WriteString("<" + name + ">")
	_ = xml.EscapeText(buf, []byte(v))
	buf.WriteString("</" + name + ">")
}
