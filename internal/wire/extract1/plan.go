package extract1

import (
	"encoding"
	"encoding/xml"
	"reflect"
	"strings"
	"sync"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// The object elements of an extract have the children of the update
// binding's object structs (internal/wire/update1), so the extract reads
// and writes those structs, following their xml tags as encoding/xml does:
// a plan per struct type, built once by reflection, names each child
// element's field and how its value is read and written. Following the tags
// rather than restating them keeps the extract in step with the binding
// when its structs change.
//
// Two custom (un)marshalers of update1 are read and written here directly,
// because every building has them: Registerenheter (the references inside
// <LiggerPa>) and Byggnadsandamal (a purpose written as the element of its
// category). Every other type with its own (un)marshaler, Geometri's GML
// among them, goes through encoding/xml itself (see bridge.go), so its
// meaning cannot drift.

type codecKind uint8

const (
	kString codecKind = iota + 1
	kInt
	kUint
	kBool
	kFloat
	kStruct
	kPtr
	kSlice
	kRegisterenheter
	kAndamal
	kGeometri
	kXML
	// kObject is one of the seven object structs: read by its fields (it has
	// no UnmarshalXML), written by them too unless it is "bare" (see
	// encoder.value), when its own MarshalXML writes it.
	kObject
)

// codec is how one Go type is read from and written as an element.
type codec struct {
	typ  reflect.Type
	kind codecKind
	elem *codec // kPtr, kSlice
	plan *plan  // kStruct, kAndamal
}

// field is one child element of a struct.
type field struct {
	name      string
	index     []int
	omitEmpty bool
	embedded  bool // from an embedded struct (the objects' Utbytesobjekt)
	pos       int  // bit in a decoder's set of seen fields
	c         *codec
}

// plan is a struct's child elements.
type plan struct {
	fields []*field // in encoding/xml's order
	byName map[string]*field
	any    *field // the ",any" field, if there is one
}

var (
	typeRegisterenheter = reflect.TypeFor[update1.Registerenheter]()
	typeAndamal         = reflect.TypeFor[update1.Byggnadsandamal]()
	typeGeometri        = reflect.TypeFor[update1.Geometri]()
	typeXMLName         = reflect.TypeFor[xml.Name]()
	typeObjekt          = reflect.TypeFor[update1.Objekt]()
)

var codecs sync.Map // reflect.Type → *codec

// codecFor returns the codec of t, building and caching it on first use.
func codecFor(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	c := buildCodec(t, map[reflect.Type]*codec{})
	actual, _ := codecs.LoadOrStore(t, c)
	return actual.(*codec)
}

func buildCodec(t reflect.Type, building map[reflect.Type]*codec) *codec {
	if c, ok := building[t]; ok {
		return c
	}
	c := &codec{typ: t}
	building[t] = c
	switch {
	case t == typeRegisterenheter:
		c.kind = kRegisterenheter
		c.elem = buildCodec(t.Elem(), building)
		return c
	case t == typeAndamal:
		c.kind = kAndamal
		// Its own fields, without the (un)marshaler that names the element.
		c.plan = buildPlan(t, building)
		if c.plan == nil {
			c.kind = kXML
		}
		return c
	case t == typeGeometri:
		c.kind = kGeometri
		return c
	case t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(typeObjekt) && !unmarshals(t):
		c.kind = kObject
		if c.plan = buildPlan(t, building); c.plan == nil {
			c.kind = kXML
		}
		return c
	case customXML(t):
		c.kind = kXML
		return c
	}
	switch t.Kind() {
	case reflect.String:
		c.kind = kString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind = kInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c.kind = kUint
	case reflect.Bool:
		c.kind = kBool
	case reflect.Float32, reflect.Float64:
		c.kind = kFloat
	case reflect.Pointer:
		c.kind = kPtr
		c.elem = buildCodec(t.Elem(), building)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			c.kind = kXML
			break
		}
		c.kind = kSlice
		c.elem = buildCodec(t.Elem(), building)
	case reflect.Struct:
		c.kind = kStruct
		c.plan = buildPlan(t, building)
		if c.plan == nil {
			c.kind = kXML
		}
	default:
		c.kind = kXML
	}
	return c
}

// customXML reports whether t (or *t) has its own XML or text
// (un)marshaling, which only encoding/xml applies faithfully.
func customXML(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	for _, i := range []reflect.Type{
		reflect.TypeFor[xml.Marshaler](), reflect.TypeFor[xml.Unmarshaler](),
		reflect.TypeFor[encoding.TextMarshaler](), reflect.TypeFor[encoding.TextUnmarshaler](),
	} {
		if t.Implements(i) || p.Implements(i) {
			return true
		}
	}
	return false
}

// unmarshals reports whether t (or *t) has its own XML or text
// unmarshaling.
func unmarshals(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	for _, i := range []reflect.Type{reflect.TypeFor[xml.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()} {
		if t.Implements(i) || p.Implements(i) {
			return true
		}
	}
	return false
}

// buildPlan returns the plan of struct t, or nil when t uses something of
// encoding/xml's tags this package does not follow (attributes, character
// data, paths, namespaces, XMLName), in which case encoding/xml reads and
// writes it.
func buildPlan(t reflect.Type, building map[reflect.Type]*codec) *plan {
	p := &plan{byName: map[string]*field{}}
	if !addFields(p, t, nil, building) {
		return nil
	}
	if len(p.fields) > 64 {
		return nil
	}
	for i, f := range p.fields {
		f.pos = i
	}
	return p
}

func addFields(p *plan, t reflect.Type, index []int, building map[reflect.Type]*codec) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("xml")
		if (f.PkgPath != "" && !f.Anonymous) || tag == "-" {
			continue
		}
		idx := append(append([]int(nil), index...), i)
		if f.Anonymous && tag == "" {
			first := len(p.fields)
			if f.Type.Kind() != reflect.Struct || !addFields(p, f.Type, idx, building) {
				return false
			}
			for _, ef := range p.fields[first:] {
				ef.embedded = true
			}
			continue
		}
		if f.Type == typeXMLName || f.Name == "XMLName" {
			return false
		}
		name, opts, _ := strings.Cut(tag, ",")
		fi := &field{name: name, index: idx}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "":
			case "omitempty":
				fi.omitEmpty = true
			case "any":
				if p.any != nil || f.Type.Kind() != reflect.Slice {
					return false
				}
				p.any = fi
			default: // attr, chardata, innerxml, comment, cdata
				return false
			}
		}
		if strings.ContainsAny(name, " >") {
			return false
		}
		if fi.name == "" && p.any != fi {
			fi.name = f.Name
		}
		fi.c = buildCodec(f.Type, building)
		if p.any == fi {
			// Only the purposes of a building use ",any"; read them as the
			// elements of their categories.
			if fi.c.elem == nil || fi.c.elem.kind != kAndamal {
				return false
			}
		} else {
			if _, dup := p.byName[fi.name]; dup {
				return false
			}
			p.byName[fi.name] = fi
		}
		p.fields = append(p.fields, fi)
	}
	return true
}

// isEmpty is encoding/xml's isEmptyValue.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// andamalCategories are the elements a byggnadsändamål may be written as.
var andamalCategories = map[string]bool{
	update1.KategoriBostad: true, update1.KategoriVerksamhet: true, update1.KategoriIndustri: true,
	update1.KategoriSamhallsfunktion: true, update1.KategoriEkonomibyggnad: true,
	update1.KategoriKomplementbyggnad: true, update1.KategoriOvrigByggnad: true,
}
