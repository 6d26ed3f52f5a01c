package extract1

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Header is what a part file's root element says about it.
type Header struct {
	// Uttagstyp is BAS or FORANDRING.
	Uttagstyp Uttagstyp
	// Mangd is the information set the part holds.
	Mangd Mangd
	// Delnummer is the part's number within its information set, from 1.
	Delnummer int
}

// EntryKind says whether an entry deletes or inserts an object.
type EntryKind uint8

// The kinds of entry. A base extract holds only inserts.
const (
	Insert EntryKind = iota + 1
	Delete
)

// Entry is one object of a part file, or one delete of a change extract.
type Entry struct {
	// Kind is Insert or Delete.
	Kind EntryKind
	// Type is the object type.
	Type update1.Objekttyp
	// ID is the objektidentitet.
	ID string
	// Object is the inserted object; nil for a delete.
	Object update1.Objekt
	// Line and Offset locate the entry's element in the part file.
	Line, Offset int64
}

// Borttag is a delete in a change extract: the object of that type and
// identity is to be removed before what follows is applied.
type Borttag struct {
	// Objekttyp is the removed object's type.
	Objekttyp update1.Objekttyp `xml:"objekttyp"`
	// Objektidentitet is the removed object's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
}

// PartReader reads part files, one after another, in constant memory: one
// object at a time, from a stream, with its buffers reused from file to
// file. It is not safe for concurrent use.
type PartReader struct {
	d   *decoder
	hdr Header
	// state: 0 before the root, 1 inside it, 2 after it
	state int
	count int64
	// MaxTokenBytes bounds one token; 0 means DefaultMaxTokenBytes.
	MaxTokenBytes int64
	// MaxObjectBytes bounds one object element; 0 means
	// DefaultMaxObjectBytes.
	MaxObjectBytes int64
}

// NewPartReader returns a reader; Reset starts a part file.
func NewPartReader() *PartReader { return &PartReader{d: newDecoder()} }

// Reset starts reading the part file r: it reads up to and including the
// root's start tag and returns what it says.
func (p *PartReader) Reset(r io.Reader) (Header, error) {
	p.d.s.reset(r, p.MaxTokenBytes)
	p.d.maxObject = p.MaxObjectBytes
	if p.d.maxObject <= 0 {
		p.d.maxObject = DefaultMaxObjectBytes
	}
	p.d.objStart = 0
	p.state, p.count, p.hdr = 0, 0, Header{}
	s := p.d.s
	for {
		if err := p.d.next(); err != nil {
			return Header{}, err
		}
		p.d.objStart = s.consumed()
		switch s.kind {
		case tokText:
			t := s.text
			if s.tokOff == 0 && len(t) >= 3 && string(t[:3]) == "\uFEFF" {
				t = t[3:]
			}
			if !isSpace(t) {
				return Header{}, p.notPart("text before the root element")
			}
		case tokEOF:
			return Header{}, p.notPart("no root element")
		case tokEnd:
			return Header{}, p.notPart("no root element")
		case tokStart:
			if s.space != nsExtract || string(s.local) != ElementPart {
				return Header{}, p.notPart(fmt.Sprintf("the root is <%s> in namespace %q, want <%s> in %q",
					trunc(string(s.local)), trunc(s.nsName(s.space)), ElementPart, Namespace))
			}
			return p.header()
		}
	}
}

func (p *PartReader) notPart(msg string) error {
	s := p.d.s
	return &Error{Kind: KindRoot, Line: s.tokLine, Offset: s.tokOff, Msg: "not a part file: " + msg}
}

func (p *PartReader) header() (Header, error) {
	s := p.d.s
	var h Header
	for _, a := range s.attrs {
		if a.space != nsEmpty {
			continue
		}
		switch string(a.local) {
		case "uttagstyp":
			h.Uttagstyp = Uttagstyp(a.value)
		case "mangd":
			h.Mangd = Mangd(a.value)
		case "delnummer":
			n, err := strconv.Atoi(string(a.value))
			if err != nil || n < 1 {
				return Header{}, p.notPart(fmt.Sprintf("delnummer %q", trunc(string(a.value))))
			}
			h.Delnummer = n
		}
	}
	switch {
	case !h.Uttagstyp.Valid():
		return Header{}, p.notPart(fmt.Sprintf("uttagstyp %q, want BAS or FORANDRING", trunc(string(h.Uttagstyp))))
	case !h.Mangd.Valid():
		return Header{}, p.notPart(fmt.Sprintf("mangd %q, want byggnad or belagenhetsadress", trunc(string(h.Mangd))))
	case h.Delnummer == 0:
		return Header{}, p.notPart("no delnummer")
	}
	p.hdr, p.state = h, 1
	return h, nil
}

// Count is the number of entries read so far, those skipped included.
func (p *PartReader) Count() int64 { return p.count }

// Offset is the number of bytes of the part file read so far.
func (p *PartReader) Offset() int64 { return p.d.s.consumed() }

// Next returns the next entry whose type want accepts (nil accepts all),
// skipping the others, or io.EOF after the root element has ended and the
// file with it.
func (p *PartReader) Next(want func(update1.Objekttyp) bool) (Entry, error) {
	s := p.d.s
	for {
		if p.state == 0 {
			return Entry{}, errors.New("extract1: Next before Reset")
		}
		if err := p.d.next(); err != nil {
			return Entry{}, err
		}
		p.d.objStart = s.tokOff
		switch s.kind {
		case tokEOF:
			return Entry{}, io.EOF
		case tokText:
			if !isSpace(s.text) {
				return Entry{}, p.d.structural("text %q between elements", trunc(string(s.text)))
			}
		case tokEnd:
			p.state = 2 // the root; the scanner has checked the name
		case tokStart:
			if p.state == 2 {
				return Entry{}, p.d.structural("an element after the root element")
			}
			e, ok, err := p.entry(want)
			if err != nil {
				return Entry{}, err
			}
			p.count++
			if ok {
				return e, nil
			}
		}
	}
}

// entry reads the entry whose start tag the scanner stands on; ok is false
// when want refused it (it was skipped).
func (p *PartReader) entry(want func(update1.Objekttyp) bool) (Entry, bool, error) {
	s := p.d.s
	e := Entry{Line: s.tokLine, Offset: s.tokOff}
	if s.space != nsExtract {
		return e, false, p.d.structural("unknown element <%s> in namespace %q", trunc(string(s.local)), trunc(s.nsName(s.space)))
	}
	name := string(s.local)
	switch {
	case p.hdr.Uttagstyp == Forandring && name == ElementDelete:
		var b Borttag
		if err := p.d.decodeStruct(codecFor(reflect.TypeFor[Borttag]()).plan, reflect.ValueOf(&b).Elem()); err != nil {
			return e, false, withElement(err, ElementDelete, b.Objektidentitet)
		}
		if err := p.checkType(b.Objekttyp, e); err != nil {
			return e, false, withElement(err, ElementDelete, b.Objektidentitet)
		}
		if b.Objektidentitet == "" {
			return e, false, &Error{Kind: KindValue, Line: e.Line, Offset: e.Offset, Element: ElementDelete, Msg: "no objektidentitet"}
		}
		e.Kind, e.Type, e.ID = Delete, b.Objekttyp, b.Objektidentitet
		return e, want == nil || want(e.Type), nil
	case p.hdr.Uttagstyp == Forandring && name == ElementInsert:
		return p.insert(want)
	case p.hdr.Uttagstyp == Bas:
		if t, ok := objectTypes[name]; ok {
			return p.object(t, want, e)
		}
	}
	return e, false, p.d.structural("unknown element <%s> in a %s part", trunc(name), p.hdr.Uttagstyp)
}

// insert reads <Tillagg>: exactly one object element.
func (p *PartReader) insert(want func(update1.Objekttyp) bool) (Entry, bool, error) {
	s := p.d.s
	var e Entry
	ok, found := false, false
	for {
		if err := p.d.next(); err != nil {
			return e, false, err
		}
		switch s.kind {
		case tokEnd:
			if !found {
				return e, false, p.d.structural("<%s> without an object", ElementInsert)
			}
			return e, ok, nil
		case tokText:
			if !isSpace(s.text) {
				return e, false, p.d.structural("text %q between elements", trunc(string(s.text)))
			}
		case tokStart:
			t, known := objectTypes[string(s.local)]
			if s.space != nsExtract || !known {
				return e, false, p.d.structural("unknown element <%s> in <%s>", trunc(string(s.local)), ElementInsert)
			}
			if found {
				return e, false, p.d.structural("<%s> with more than one object", ElementInsert)
			}
			found = true
			var err error
			if e, ok, err = p.object(t, want, Entry{Line: s.tokLine, Offset: s.tokOff}); err != nil {
				return e, false, err
			}
		}
	}
}

// object reads (or skips) the object element of type t the scanner stands
// on.
func (p *PartReader) object(t update1.Objekttyp, want func(update1.Objekttyp) bool, e Entry) (Entry, bool, error) {
	if err := p.checkType(t, e); err != nil {
		return e, false, err
	}
	e.Kind, e.Type = Insert, t
	if want != nil && !want(t) {
		return e, false, p.d.skip()
	}
	o, err := p.d.decodeObject(t)
	if err != nil {
		id := ""
		if o != nil {
			id = o.Meta().Objektidentitet
		}
		return e, false, withElement(err, string(t), id)
	}
	e.Object, e.ID = o, o.Meta().Objektidentitet
	return e, true, nil
}

func (p *PartReader) checkType(t update1.Objekttyp, e Entry) error {
	m := MangdOf(t)
	if m == "" {
		return &Error{Kind: KindValue, Line: e.Line, Offset: e.Offset, Msg: fmt.Sprintf("objekttyp %q", trunc(string(t)))}
	}
	if m != p.hdr.Mangd {
		return &Error{Kind: KindStructure, Line: e.Line, Offset: e.Offset,
			Msg: fmt.Sprintf("a %s object in a %s part", t, p.hdr.Mangd)}
	}
	return nil
}

// withElement names the object element an error happened in.
func withElement(err error, elem, id string) error {
	var e *Error
	if errors.As(err, &e) && e.Element == "" {
		e.Element, e.ID = elem, id
	}
	return err
}
