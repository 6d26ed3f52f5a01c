package extract1_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// The extract's reader must read what encoding/xml reads from the same
// bytes. These helpers run both and compare; the fuzz targets and the
// table tests below feed them.

// stdTokens is encoding/xml's Token stream of data, with adjacent character
// data merged and comments, processing instructions and directives left
// out.
func stdTokens(data []byte) ([]xml.Token, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []xml.Token
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return mergeText(out), nil
		}
		if err != nil {
			return mergeText(out), err
		}
		switch t := tok.(type) {
		case xml.StartElement, xml.EndElement:
			out = append(out, xml.CopyToken(t))
		case xml.CharData:
			out = append(out, xml.CopyToken(t))
		}
	}
}

func mergeText(toks []xml.Token) []xml.Token {
	var out []xml.Token
	for _, t := range toks {
		if c, ok := t.(xml.CharData); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(xml.CharData); ok {
				out[len(out)-1] = append(prev, c...)
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// stricter reports whether err is one of the deliberate departures from
// encoding/xml.
func stricter(err error) bool {
	var e *extract1.Error
	return errors.As(err, &e) && e.Stricter
}

// checkTokens compares the scanner's tokens of data with encoding/xml's.
func checkTokens(t *testing.T, data []byte) {
	t.Helper()
	want, werr := stdTokens(data)
	got, gerr := extract1.ScanTokens(data)
	got = mergeText(got)
	switch {
	case werr == nil && gerr != nil:
		if !stricter(gerr) {
			t.Fatalf("encoding/xml reads %q, the scanner fails: %v", trunc(data), gerr)
		}
	case werr != nil && gerr == nil:
		t.Fatalf("encoding/xml fails on %q (%v), the scanner reads it", trunc(data), werr)
	case werr == nil:
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("tokens of %q differ (-encoding/xml +scanner):\n%s", trunc(data), diff)
		}
	}
}

func trunc(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// stdPart reads a part file with encoding/xml into the same entries, with
// the same document rules as PartReader (root, header, what a part may
// hold), decoding each object with encoding/xml's DecodeElement into its
// update1 struct.
func stdPart(data []byte) (extract1.Header, []extract1.Entry, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var h extract1.Header
	var root xml.StartElement
	for first := true; ; first = false {
		tok, err := d.Token()
		if err != nil {
			return h, nil, err
		}
		if c, ok := tok.(xml.CharData); ok {
			if first {
				c = bytes.TrimPrefix(c, []byte("\uFEFF"))
			}
			if len(bytes.Trim(c, " \t\r\n")) > 0 {
				return h, nil, errors.New("text before the root")
			}
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
		if _, ok := tok.(xml.EndElement); ok {
			return h, nil, errors.New("no root")
		}
	}
	if root.Name.Space != extract1.Namespace || root.Name.Local != extract1.ElementPart {
		return h, nil, errors.New("wrong root")
	}
	for _, a := range root.Attr {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "uttagstyp":
			h.Uttagstyp = extract1.Uttagstyp(a.Value)
		case "mangd":
			h.Mangd = extract1.Mangd(a.Value)
		case "delnummer":
			n, err := strconv.Atoi(a.Value)
			if err != nil || n < 1 {
				return h, nil, errors.New("delnummer")
			}
			h.Delnummer = n
		}
	}
	if !h.Uttagstyp.Valid() || !h.Mangd.Valid() || h.Delnummer == 0 {
		return h, nil, errors.New("header")
	}
	var out []extract1.Entry
	object := func(se xml.StartElement) (update1.Objekt, error) {
		var typ update1.Objekttyp
		for _, t := range update1.Typer() {
			if se.Name.Local == string(t) && se.Name.Space == extract1.Namespace {
				typ = t
			}
		}
		if typ == "" || extract1.MangdOf(typ) != h.Mangd {
			return nil, fmt.Errorf("element %v", se.Name)
		}
		o := typ.New()
		return o, d.DecodeElement(o, &se)
	}
	for done := false; ; {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) && done {
			return h, out, nil
		}
		if err != nil {
			return h, nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.Trim(t, " \t\r\n")) > 0 {
				return h, nil, errors.New("text")
			}
		case xml.EndElement:
			done = true
		case xml.StartElement:
			switch {
			case done:
				return h, nil, errors.New("after the root")
			case h.Uttagstyp == extract1.Bas:
				o, err := object(t)
				if err != nil {
					return h, nil, err
				}
				out = append(out, extract1.Entry{Kind: extract1.Insert, Type: o.Type(), ID: o.Meta().Objektidentitet, Object: o})
			case t.Name.Space == extract1.Namespace && t.Name.Local == extract1.ElementDelete:
				var b extract1.Borttag
				if err := d.DecodeElement(&b, &t); err != nil {
					return h, nil, err
				}
				if extract1.MangdOf(b.Objekttyp) != h.Mangd || b.Objektidentitet == "" {
					return h, nil, errors.New("borttag")
				}
				out = append(out, extract1.Entry{Kind: extract1.Delete, Type: b.Objekttyp, ID: b.Objektidentitet})
			case t.Name.Space == extract1.Namespace && t.Name.Local == extract1.ElementInsert:
				var o update1.Objekt
				for closed := false; !closed; {
					tok, err := d.Token()
					if err != nil {
						return h, nil, err
					}
					switch c := tok.(type) {
					case xml.CharData:
						if len(bytes.Trim(c, " \t\r\n")) > 0 {
							return h, nil, errors.New("text")
						}
					case xml.StartElement:
						if o != nil {
							return h, nil, errors.New("two objects")
						}
						if o, err = object(c); err != nil {
							return h, nil, err
						}
					case xml.EndElement:
						closed = true
					}
				}
				if o == nil {
					return h, nil, errors.New("empty insert")
				}
				out = append(out, extract1.Entry{Kind: extract1.Insert, Type: o.Type(), ID: o.Meta().Objektidentitet, Object: o})
			default:
				return h, nil, fmt.Errorf("element %v", t.Name)
			}
		}
	}
}

// fastPart reads a part file with PartReader.
func fastPart(data []byte) (extract1.Header, []extract1.Entry, error) {
	pr := extract1.NewPartReader()
	h, err := pr.Reset(bytes.NewReader(data))
	if err != nil {
		return h, nil, err
	}
	var out []extract1.Entry
	for {
		e, err := pr.Next(nil)
		if errors.Is(err, io.EOF) {
			return h, out, nil
		}
		if err != nil {
			return h, out, err
		}
		e.Line, e.Offset = 0, 0
		out = append(out, e)
	}
}

// checkPart compares PartReader's reading of data with encoding/xml's and
// returns the entries when both read it.
func checkPart(t *testing.T, data []byte) []extract1.Entry {
	t.Helper()
	wh, want, werr := stdPart(data)
	gh, got, gerr := fastPart(data)
	switch {
	case werr == nil && gerr != nil:
		if !stricter(gerr) {
			t.Fatalf("encoding/xml reads %q, PartReader fails: %v", trunc(data), gerr)
		}
	case werr != nil && gerr == nil:
		t.Fatalf("encoding/xml fails on %q (%v), PartReader reads it", trunc(data), werr)
	case werr == nil:
		if diff := cmp.Diff(wh, gh); diff != "" {
			t.Fatalf("headers differ (-encoding/xml +PartReader):\n%s", diff)
		}
		if diff := cmp.Diff(want, got, geomEqual); diff != "" {
			t.Fatalf("entries of %q differ (-encoding/xml +PartReader):\n%s", trunc(data), diff)
		}
		return got
	}
	return nil
}
