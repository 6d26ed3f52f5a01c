package extract1

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// decoder reads object elements into update1 structs with a scanner.
type decoder struct {
	s *scanner
	// objStart is the offset where the object being read starts;
	// maxObject bounds its size.
	objStart, maxObject int64
	valBuf              []byte
	strs                map[string]string
	rec                 recorder  // tokens the geometry fast path has read
	nums                []float64 // numbers of a pos or posList
}

func newDecoder() *decoder {
	return &decoder{s: newScanner(), strs: map[string]string{}}
}

// next advances the scanner and enforces the object's size bound.
func (d *decoder) next() error {
	if err := d.s.next(); err != nil {
		return err
	}
	if d.maxObject > 0 && d.s.consumed()-d.objStart > d.maxObject {
		return d.s.tooLarge(fmt.Sprintf("an object larger than %d bytes", d.maxObject))
	}
	return nil
}

// str returns b as a string, sharing the short ones that repeat (code-list
// values, timestamps) instead of allocating each again.
func (d *decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > 32 {
		return string(b)
	}
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.strs) < 8192 {
		d.strs[s] = s
	}
	return s
}

// decodeObject reads the object element the scanner stands on (its start
// tag) into a new struct of type t, through its end tag. On an error the
// object holds what was read before it.
func (d *decoder) decodeObject(t update1.Objekttyp) (update1.Objekt, error) {
	o := t.New()
	v := reflect.ValueOf(o).Elem()
	return o, d.decodeStruct(codecFor(v.Type()).plan, v)
}

// decodeStruct reads the children of the element the scanner stands on
// into v, through the element's end tag.
func (d *decoder) decodeStruct(p *plan, v reflect.Value) error {
	var seen uint64
	pred := 0 // children usually come in the plan's order: try the next field first
	for {
		if err := d.next(); err != nil {
			return err
		}
		switch d.s.kind {
		case tokEnd:
			return nil
		case tokText:
			if !isSpace(d.s.text) {
				return d.structural("text %q between elements", trunc(string(d.s.text)))
			}
		case tokStart:
			if d.s.space != nsExtract {
				return d.structural("unknown element <%s> in namespace %q", trunc(string(d.s.local)), trunc(d.s.nsName(d.s.space)))
			}
			var f *field
			if pred < len(p.fields) && p.fields[pred].name == string(d.s.local) {
				f = p.fields[pred]
			} else {
				f = p.byName[string(d.s.local)]
			}
			if f == nil {
				if p.any != nil && andamalCategories[string(d.s.local)] {
					if err := d.decodeValue(p.any.c, v.FieldByIndex(p.any.index)); err != nil {
						return err
					}
					continue
				}
				return d.structural("unknown element <%s>", trunc(string(d.s.local)))
			}
			if f.c.kind != kSlice {
				if seen&(1<<f.pos) != 0 {
					return d.structural("element <%s> repeated", f.name)
				}
				seen |= 1 << f.pos
			}
			pred = f.pos + 1
			if err := d.decodeValue(f.c, v.FieldByIndex(f.index)); err != nil {
				return err
			}
		}
	}
}

// decodeValue reads the element the scanner stands on into v.
func (d *decoder) decodeValue(c *codec, v reflect.Value) error {
	switch c.kind {
	case kPtr:
		if v.IsNil() {
			v.Set(reflect.New(c.elem.typ))
		}
		return d.decodeValue(c.elem, v.Elem())
	case kSlice:
		n := v.Len()
		v.Grow(1)
		v.SetLen(n + 1)
		if err := d.decodeValue(c.elem, v.Index(n)); err != nil {
			v.SetLen(n)
			return err
		}
		return nil
	case kStruct, kObject:
		return d.decodeStruct(c.plan, v)
	case kAndamal:
		kategori := d.str(d.s.local)
		if err := d.decodeStruct(c.plan, v); err != nil {
			return err
		}
		v.Addr().Interface().(*update1.Byggnadsandamal).Kategori = kategori
		return nil
	case kRegisterenheter:
		return d.decodeRegisterenheter(c, v)
	case kGeometri:
		return d.decodeGeometri(v)
	case kXML:
		return d.decodeXML(v)
	}
	name := string(d.s.local)
	text, err := d.simpleText()
	if err != nil {
		return err
	}
	switch c.kind {
	case kString:
		v.SetString(d.str(text))
	case kInt:
		if len(text) == 0 {
			v.SetInt(0)
			return nil
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(text)), 10, c.typ.Bits())
		if err != nil {
			return d.value(err, "<%s>", name)
		}
		v.SetInt(n)
	case kUint:
		if len(text) == 0 {
			v.SetUint(0)
			return nil
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(text)), 10, c.typ.Bits())
		if err != nil {
			return d.value(err, "<%s>", name)
		}
		v.SetUint(n)
	case kBool:
		if len(text) == 0 {
			v.SetBool(false)
			return nil
		}
		b, err := strconv.ParseBool(string(bytes.TrimSpace(text)))
		if err != nil {
			return d.value(err, "<%s>", name)
		}
		v.SetBool(b)
	case kFloat:
		if len(text) == 0 {
			v.SetFloat(0)
			return nil
		}
		f, err := strconv.ParseFloat(string(bytes.TrimSpace(text)), c.typ.Bits())
		if err != nil {
			return d.value(err, "<%s>", name)
		}
		v.SetFloat(f)
	}
	return nil
}

// simpleText reads the character data of the element the scanner stands on,
// through its end tag: all of it, across comments and CDATA sections, as
// encoding/xml gathers it. A child element is an error here. (The scanner
// keeps the previous text while it reads the next, so first is still
// intact when a second piece arrives.)
func (d *decoder) simpleText() ([]byte, error) {
	var first []byte
	n := 0
	for {
		if err := d.next(); err != nil {
			return nil, err
		}
		switch d.s.kind {
		case tokText:
			switch n {
			case 0:
				first = d.s.text
			case 1:
				d.valBuf = append(append(d.valBuf[:0], first...), d.s.text...)
			default:
				d.valBuf = append(d.valBuf, d.s.text...)
			}
			n++
		case tokEnd:
			if n > 1 {
				return d.valBuf, nil
			}
			return first, nil
		case tokStart:
			return nil, d.structural("element <%s> inside a value", trunc(string(d.s.local)))
		}
	}
}

// decodeRegisterenheter reads <LiggerPa> or <BerorsAv>: its references, as
// update1.Registerenheter's UnmarshalXML does.
func (d *decoder) decodeRegisterenheter(c *codec, v reflect.Value) error {
	var refs []update1.Registerenhetsreferens
	for {
		if err := d.next(); err != nil {
			return err
		}
		switch d.s.kind {
		case tokEnd:
			v.Set(reflect.ValueOf(update1.Registerenheter(refs)))
			return nil
		case tokText:
			if !isSpace(d.s.text) {
				return d.structural("text %q between elements", trunc(string(d.s.text)))
			}
		case tokStart:
			if d.s.space != nsExtract || string(d.s.local) != "Registerenhetsreferens" {
				return d.structural("unknown element <%s>", trunc(string(d.s.local)))
			}
			refs = append(refs, update1.Registerenhetsreferens{})
			if err := d.decodeStruct(c.elem.plan, reflect.ValueOf(&refs[len(refs)-1]).Elem()); err != nil {
				return err
			}
		}
	}
}

// skip reads through the end of the element the scanner stands on.
func (d *decoder) skip() error {
	depth := d.s.depth()
	for {
		if err := d.next(); err != nil {
			return err
		}
		if d.s.kind == tokEnd && d.s.depth() < depth {
			return nil
		}
	}
}
