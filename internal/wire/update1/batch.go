package update1

import (
	"encoding/xml"
	"fmt"
)

// MaxBatchIDs is the most ids one batch read (GET /{typ}?id=…&id=…) takes.
const MaxBatchIDs = 250

// Objektlista answers the batch read GET /{typ}?id={id}&id={id}… (added
// 2026-11-30): the objects found, in the order the ids were asked for;
// unknown ids are left out. Its root is <{Typ}Lista> (<ByggnadLista>,
// <AdressplatsLista> …) and it holds elements of that one type; set Typ
// before decoding.
type Objektlista struct {
	// Typ is the type of the objects; it names the root.
	Typ Objekttyp
	// Objekt are the objects found.
	Objekt []Objekt
}

func (l *Objektlista) rootName() string    { return string(l.Typ) + "Lista" }
func (*Objektlista) rootAttrs() []xml.Attr { return []xml.Attr{gmlDecl} }

// MarshalXML writes each object as the element of its type.
func (l *Objektlista) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, o := range l.Objekt {
		if err := e.EncodeElement(o, xml.StartElement{Name: xml.Name{Local: string(o.Type())}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// UnmarshalXML checks the root and reads the objects of Typ; an element of
// another name is refused.
func (l *Objektlista) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if l.Typ.New() == nil {
		return fmt.Errorf("%w: list of unknown object type %q", ErrDocument, truncate(string(l.Typ), 40))
	}
	if start.Name.Local != l.rootName() || start.Name.Space != Namespace {
		return fmt.Errorf("%w: root is <%s>, want <%s>", ErrDocument, truncate(start.Name.Local, 40), l.rootName())
	}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != string(l.Typ) {
				return fmt.Errorf("%w: <%s> in <%s>", ErrDocument, truncate(t.Name.Local, 40), l.rootName())
			}
			o := l.Typ.New()
			if err := d.DecodeElement(o, &t); err != nil {
				return err
			}
			l.Objekt = append(l.Objekt, o)
		case xml.EndElement:
			return nil
		}
	}
}
