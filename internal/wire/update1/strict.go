package update1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// UnmarshalStrict is Unmarshal for a server: before decoding it checks the
// document against the binding's structure as a schema-validating service
// would, and refuses (wrapping ErrDocument) an element the binding does not
// define at that place (an atgardsordning, say), an element that may occur
// once occurring again (a second Verksamhetsatgard), elements out of the
// binding's order, text where only elements belong, and attributes the
// binding does not define. Clients decode answers with Unmarshal, which
// ignores what it does not know, so that a later version of the service
// does not break them.
func UnmarshalStrict(data []byte, v any) error {
	if err := checkStructure(data, v); err != nil {
		return err
	}
	return Unmarshal(data, v)
}

// schemaList is implemented by the list types that write their elements
// inside a wrapper element with their own MarshalXML (Registerenheter,
// Kvittenser): it names the repeated child element and its type.
type schemaList interface {
	listElement() (name string, elem reflect.Type)
}

func (Registerenheter) listElement() (string, reflect.Type) {
	return "Registerenhetsreferens", reflect.TypeFor[Registerenhetsreferens]()
}

func (Kvittenser) listElement() (string, reflect.Type) {
	return "Kvittens", reflect.TypeFor[Kvittensuppgift]()
}

// schemaElement is one child element a struct type allows.
type schemaElement struct {
	space, local string
	pos          int  // position in the binding's order
	repeated     bool // a list: may occur several times in a row
	any          bool // matches any element name (the Byggnadsändamål group)
	kind         nodeKind
	typ          reflect.Type // the child's struct type, for kind complex/list
	listName     string       // for kind list: the repeated child's name
	listType     reflect.Type
}

type nodeKind int

const (
	leafNode    nodeKind = iota // text only
	complexNode                 // a struct's children
	listNode                    // a wrapper of repeated elements
	opaqueNode                  // GML, checked by package geometry when decoded
)

// schemaType is what a struct type allows: its child elements in order and
// its attributes.
type schemaType struct {
	elems []schemaElement
	attrs map[string]bool
}

var schemaCache sync.Map // reflect.Type → *schemaType

var (
	unmarshalerType = reflect.TypeFor[xml.Unmarshaler]()
	geometriType    = reflect.TypeFor[Geometri]()
	omradeType      = reflect.TypeFor[Omrade]()
	andamalType     = reflect.TypeFor[Byggnadsandamal]()
	schemaListType  = reflect.TypeFor[schemaList]()
)

// schemaOf returns the allowed children of struct type t.
func schemaOf(t reflect.Type) *schemaType {
	if s, ok := schemaCache.Load(t); ok {
		return s.(*schemaType)
	}
	s := &schemaType{attrs: map[string]bool{}}
	pos := 0
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("xml")
			if tag == "-" || f.Name == "XMLName" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				walk(f.Type)
				continue
			}
			if !f.IsExported() || strings.Contains(","+opts+",", ",chardata,") || strings.Contains(","+opts+",", ",innerxml,") {
				continue
			}
			if strings.Contains(","+opts+",", ",attr,") {
				s.attrs[name] = true
				continue
			}
			space := ""
			if sp, local, ok := strings.Cut(name, " "); ok {
				space, name = sp, local
			}
			if name == "" && !strings.Contains(","+opts+",", ",any,") {
				name = f.Name
			}
			e := schemaElement{space: space, local: name, pos: pos, any: strings.Contains(","+opts+",", ",any,")}
			pos++
			ft := f.Type
			if ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 && !ft.Implements(schemaListType) {
				e.repeated, ft = true, ft.Elem()
			}
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			e.kind, e.typ = kindOf(ft)
			if e.kind == listNode {
				e.listName, e.listType = reflect.Zero(ft).Interface().(schemaList).listElement()
			}
			s.elems = append(s.elems, e)
		}
	}
	walk(t)
	actual, _ := schemaCache.LoadOrStore(t, s)
	return actual.(*schemaType)
}

// kindOf says how a field's type is checked.
func kindOf(t reflect.Type) (nodeKind, reflect.Type) {
	switch {
	case t == geometriType || t == omradeType:
		return opaqueNode, nil
	case t == andamalType:
		return complexNode, reflect.TypeFor[byggnadsandamalFields]()
	case t.Implements(schemaListType):
		return listNode, nil
	case t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(unmarshalerType):
		return complexNode, t
	}
	return leafNode, nil
}

// maxStrictTokens bounds the tokens checkStructure reads.
const maxStrictTokens = 4 << 20

// checkStructure walks data's elements against v's struct type.
func checkStructure(data []byte, v any) error {
	if len(data) > MaxDocumentBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrDocument, len(data), MaxDocumentBytes)
	}
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return fmt.Errorf("%w: %T is not a document struct", ErrDocument, v)
	}
	c := &checker{d: xml.NewDecoder(bytes.NewReader(data))}
	for {
		tok, err := c.token()
		if err != nil {
			return fmt.Errorf("%w: no root element: %v", ErrDocument, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			// The root's name is Unmarshal's to check.
			return c.complex(se, se.Name.Local, t)
		}
	}
}

type checker struct {
	d      *xml.Decoder
	tokens int
}

func (c *checker) token() (xml.Token, error) {
	if c.tokens++; c.tokens > maxStrictTokens {
		return nil, errors.New("too many tokens")
	}
	return c.d.Token()
}

// complex checks the element start (already read), whose children t's
// fields define, through its end.
func (c *checker) complex(start xml.StartElement, path string, t reflect.Type) error {
	s := schemaOf(t)
	for _, a := range start.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if a.Name.Space != "" || !s.attrs[a.Name.Local] {
			return fmt.Errorf("%w: %s: attribute %s is not part of the binding", ErrDocument, path, attrName(a.Name))
		}
	}
	last, lastPos := "", -1
	for {
		tok, err := c.token()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrDocument, path, err)
		}
		switch tk := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.CharData:
			if len(bytes.TrimSpace(tk)) != 0 {
				return fmt.Errorf("%w: %s: text where only elements belong", ErrDocument, path)
			}
		case xml.StartElement:
			child := path + "/" + truncate(tk.Name.Local, 40)
			e := s.match(tk.Name)
			if e == nil {
				return fmt.Errorf("%w: %s is not an element of the binding here", ErrDocument, child)
			}
			switch {
			case e.pos < lastPos:
				return fmt.Errorf("%w: %s comes after %s, out of the binding's order", ErrDocument, child, last)
			case e.pos == lastPos && !e.repeated:
				return fmt.Errorf("%w: %s occurs more than once", ErrDocument, child)
			}
			last, lastPos = tk.Name.Local, e.pos
			if err := c.element(tk, child, e); err != nil {
				return err
			}
		}
	}
}

// element checks one child element by its kind.
func (c *checker) element(start xml.StartElement, path string, e *schemaElement) error {
	switch e.kind {
	case complexNode:
		return c.complex(start, path, e.typ)
	case listNode:
		list := reflect.StructOf([]reflect.StructField{{
			Name: "Items", Type: reflect.SliceOf(e.listType), Tag: reflect.StructTag(`xml:"` + e.listName + `"`),
		}})
		return c.complex(start, path, list)
	case opaqueNode:
		return c.d.Skip()
	}
	for _, a := range start.Attr {
		if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") {
			return fmt.Errorf("%w: %s: attribute %s is not part of the binding", ErrDocument, path, attrName(a.Name))
		}
	}
	for {
		tok, err := c.token()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrDocument, path, err)
		}
		switch tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			return fmt.Errorf("%w: %s holds an element where the binding has a value", ErrDocument, path)
		}
	}
}

// match finds the field an element belongs to: by name in the binding's
// namespace (or GML's, for the fields that say so), else the any field.
func (s *schemaType) match(n xml.Name) *schemaElement {
	var any *schemaElement
	for i := range s.elems {
		e := &s.elems[i]
		if e.any {
			any = e
			continue
		}
		space := e.space
		if space == "" {
			space = Namespace
		}
		if e.local == n.Local && (n.Space == space || (space == geometry.GMLNamespace && n.Space == "gml")) {
			return e
		}
	}
	if any != nil && n.Space == Namespace && slices.Contains(andamalKategorier, n.Local) {
		return any
	}
	return nil
}

// andamalKategorier are the members of the Byggnadsändamål substitution
// group, the only elements the any field stands for.
var andamalKategorier = []string{KategoriBostad, KategoriVerksamhet, KategoriIndustri, KategoriSamhallsfunktion,
	KategoriEkonomibyggnad, KategoriKomplementbyggnad, KategoriOvrigByggnad}

func attrName(n xml.Name) string {
	if n.Space == "" {
		return truncate(n.Local, 40)
	}
	return truncate(n.Space, 60) + ":" + truncate(n.Local, 40)
}
