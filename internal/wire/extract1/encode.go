package extract1

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// encoder writes object elements exactly as encoding/xml marshals the
// update1 structs (same elements, order, number formats and escaping), but
// from cached plans into one reused buffer: encoding/xml's generality was
// most of the writer's cost once the compressors were shared.
type encoder struct {
	buf []byte
}

// object appends o as its object element, <Byggnad>…</Byggnad>.
func (e *encoder) object(o update1.Objekt) error {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("extract1: no object")
	}
	v = v.Elem()
	c := codecFor(v.Type())
	return e.value(string(o.Type()), c, v)
}

func (e *encoder) start(name string) {
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
}

func (e *encoder) end(name string) {
	e.buf = append(e.buf, '<', '/')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
}

func (e *encoder) fields(p *plan, v reflect.Value) error {
	for _, f := range p.fields {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if err := e.value(f.name, f.c, fv); err != nil {
			return err
		}
	}
	return nil
}

// value appends v as element name, as encoding/xml's marshalValue would.
func (e *encoder) value(name string, c *codec, v reflect.Value) error {
	switch c.kind {
	case kPtr:
		if v.IsNil() {
			return nil
		}
		return e.value(name, c.elem, v.Elem())
	case kSlice:
		for i := range v.Len() {
			if err := e.value(name, c.elem, v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case kStruct:
		e.start(name)
		if err := e.fields(c.plan, v); err != nil {
			return err
		}
		e.end(name)
		return nil
	case kObject:
		if bare(c.plan, v) {
			// Only its identity (and recorded action): the object's own
			// MarshalXML writes that shape.
			return e.viaXML(name, v)
		}
		e.start(name)
		if err := e.fields(c.plan, v); err != nil {
			return err
		}
		e.end(name)
		return nil
	case kAndamal:
		a := v.Addr().Interface().(*update1.Byggnadsandamal)
		if a.Kategori == "" {
			return fmt.Errorf("extract1: byggnadsändamål without a category")
		}
		e.start(a.Kategori)
		if err := e.fields(c.plan, v); err != nil {
			return err
		}
		e.end(a.Kategori)
		return nil
	case kRegisterenheter:
		if v.Len() == 0 {
			return nil
		}
		e.start(name)
		if err := e.value("Registerenhetsreferens", &codec{kind: kSlice, elem: c.elem}, v); err != nil {
			return err
		}
		e.end(name)
		return nil
	case kGeometri:
		g := v.Addr().Interface().(*update1.Geometri)
		if g.Geometry == nil {
			return nil
		}
		e.start(name)
		var ok bool
		if e.buf, ok = appendGML(e.buf, g.Geometry, g.ID); !ok {
			b, err := geometry.MarshalGML(g.Geometry, &geometry.GMLOptions{ID: g.ID, OmitNamespaceDecl: true})
			if err != nil {
				return fmt.Errorf("extract1: <%s>: %w", name, err)
			}
			e.buf = append(e.buf, b...)
		}
		e.end(name)
		return nil
	case kXML:
		return e.viaXML(name, v)
	case kString:
		e.start(name)
		e.escape(v.String())
	case kInt:
		e.start(name)
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case kUint:
		e.start(name)
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case kBool:
		e.start(name)
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case kFloat:
		e.start(name)
		e.buf = strconv.AppendFloat(e.buf, v.Float(), 'g', -1, c.typ.Bits())
	}
	e.end(name)
	return nil
}

// bare reports whether object v carries nothing but its BAU_Utbytesobjekt
// fields and its recorded action (update1 writes such an object, a
// retirement's body, as just those).
func bare(p *plan, v reflect.Value) bool {
	for _, f := range p.fields {
		if f.embedded || f.name == "Verksamhetsatgard" {
			continue
		}
		if !v.FieldByIndex(f.index).IsZero() {
			return false
		}
	}
	return true
}

// viaXML lets encoding/xml write a value with its own marshaling.
func (e *encoder) viaXML(name string, v reflect.Value) error {
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface()
	}
	if err := enc.EncodeElement(x, xml.StartElement{Name: xml.Name{Local: name}}); err != nil {
		return fmt.Errorf("extract1: <%s>: %w", name, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("extract1: <%s>: %w", name, err)
	}
	e.buf = append(e.buf, b.Bytes()...)
	return nil
}

// escape appends s escaped as encoding/xml's EscapeString does.
func (e *encoder) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !needsEscape[c] {
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inCharRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		e.buf = append(e.buf, s[last:i]...)
		e.buf = append(e.buf, esc...)
		i += width
		last = i
	}
	e.buf = append(e.buf, s[last:]...)
}

// needsEscape marks the ASCII bytes escape must look at.
var needsEscape [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		needsEscape[c] = c < 0x20
	}
	for _, c := range "\"'&<>" {
		needsEscape[c] = true
	}
}
