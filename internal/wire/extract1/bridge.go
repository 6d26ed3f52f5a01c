package extract1

import (
	"encoding/xml"
	"errors"
	"io"
	"reflect"
)

// Values with their own XML (un)marshaling, the GML geometry of a
// Byggnadsyta or an Adressplatspunkt above all, are decoded by their own
// UnmarshalXML on an encoding/xml Decoder that reads this scanner's tokens
// (xml.NewTokenDecoder). The tokens are handed over raw, as RawToken would
// return them, and the first carries the namespace declarations in scope as
// attributes, so that encoding/xml resolves every name itself exactly as it
// would have in the whole document. The geometry is then decoded by the
// same code, with the same checks, as everywhere else in the SDK.

// tokenBridge is an xml.TokenReader over an element: first the tokens of
// it already read (at least its start tag), then the scanner's, through its
// end tag.
type tokenBridge struct {
	d      *decoder
	replay []xml.Token
	depth  int
	err    error
}

func (b *tokenBridge) Token() (xml.Token, error) {
	if len(b.replay) > 0 {
		t := b.replay[0]
		b.replay = b.replay[1:]
		switch t.(type) {
		case xml.StartElement:
			b.depth++
		case xml.EndElement:
			b.depth--
		}
		return t, nil
	}
	if b.depth == 0 {
		return nil, io.EOF
	}
	if err := b.d.next(); err != nil {
		b.err = err
		return nil, err
	}
	s := b.d.s
	switch s.kind {
	case tokStart:
		b.depth++
		return s.rawStart(0), nil
	case tokEnd:
		b.depth--
		return xml.EndElement{Name: s.rawName(s.prefix, s.local)}, nil
	case tokText:
		return xml.CharData(s.text), nil
	}
	return nil, io.EOF
}

// declarations returns the bindings as the attributes that declare them.
func declarations(s *scanner, bindings []binding) []xml.Attr {
	attrs := make([]xml.Attr, 0, len(bindings)+4)
	for _, bd := range bindings {
		n := xml.Name{Space: "xmlns", Local: bd.prefix}
		if bd.prefix == "" {
			n = xml.Name{Local: "xmlns"}
		}
		attrs = append(attrs, xml.Attr{Name: n, Value: s.nsName(bd.ns)})
	}
	return attrs
}

// rawStart returns the current start element as RawToken would, preceded
// by declarations for the first inherit bindings in scope.
func (s *scanner) rawStart(inherit int) xml.StartElement {
	attrs := declarations(s, s.bindings[:inherit])
	for _, a := range s.attrs {
		attrs = append(attrs, xml.Attr{Name: s.rawName(a.prefix, a.local), Value: string(a.value)})
	}
	return xml.StartElement{Name: s.rawName(s.prefix, s.local), Attr: attrs}
}

func (s *scanner) rawName(prefix, local []byte) xml.Name {
	return xml.Name{Space: s.name(prefix), Local: s.name(local)}
}

// name returns b as a string, shared for the few names a document repeats.
func (s *scanner) name(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if n, ok := s.internIdx[string(b)]; ok {
		return s.internStr[n]
	}
	return string(b)
}

// decodeXML decodes the element the scanner stands on into v with its own
// UnmarshalXML (or encoding/xml's DecodeElement when it has none).
func (d *decoder) decodeXML(v reflect.Value) error {
	s := d.s
	top := s.stack[len(s.stack)-1]
	return d.decodeXMLReplay(v, []xml.Token{s.rawStart(top.bindings)})
}

// decodeXMLReplay is decodeXML for an element of which replay has been
// read already (its start tag first, with the declarations it inherits).
func (d *decoder) decodeXMLReplay(v reflect.Value, replay []xml.Token) error {
	s := d.s
	elem := replay[0].(xml.StartElement).Name.Local
	b := &tokenBridge{d: d, replay: replay}
	dec := xml.NewTokenDecoder(b)
	tok, err := dec.Token()
	if err != nil {
		return d.value(err, "<%s>", elem)
	}
	start := tok.(xml.StartElement)
	line, off := s.tokLine, s.tokOff
	if u, ok := v.Addr().Interface().(xml.Unmarshaler); ok {
		err = u.UnmarshalXML(dec, start)
	} else {
		err = dec.DecodeElement(v.Addr().Interface(), &start)
	}
	if b.err != nil {
		return b.err
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return &Error{Kind: KindValue, Line: line, Offset: off, Msg: "<" + trunc(elem) + ">", Err: err}
	}
	if b.depth > 0 {
		// encoding/xml refuses this too.
		return &Error{Kind: KindValue, Line: line, Offset: off, Msg: "<" + trunc(elem) + "> was not read to its end"}
	}
	return nil
}
