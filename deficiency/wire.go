package deficiency

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// answer is a <Brist> document. Checking the root keeps a 200 answer that is
// some other document from reading as an empty deficiency.
type answer struct{ update1.Brist }

// UnmarshalXML accepts only <Brist> in the binding's namespace.
func (a *answer) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if err := checkRoot(start, "Brist"); err != nil {
		return err
	}
	return d.DecodeElement(&a.Brist, &start)
}

// listAnswer is a <Bristlista> document, one page of List.
type listAnswer struct{ update1.Bristlista }

// UnmarshalXML accepts only <Bristlista> in the binding's namespace.
func (a *listAnswer) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if err := checkRoot(start, "Bristlista"); err != nil {
		return err
	}
	return d.DecodeElement(&a.Bristlista, &start)
}

func checkRoot(start xml.StartElement, want string) error {
	if start.Name.Local != want || start.Name.Space != update1.Namespace {
		return fmt.Errorf("root is <%s>, want <%s>", truncate(start.Name.Local, 40), want)
	}
	return nil
}

// fromWire maps a Brist. Identities and timestamps must parse; code-list
// values are kept as they came.
func fromWire(b *update1.Brist) (*Deficiency, error) {
	id, err := bal.ParseObjectID(strings.TrimSpace(b.Objektidentitet))
	if err != nil {
		return nil, fmt.Errorf("brist: %w", err)
	}
	d := &Deficiency{
		ID:           id,
		Version:      bal.Version(b.Objektversion),
		Type:         ParseType(b.Bristtyp),
		Status:       ParseStatus(b.Status),
		Description:  b.Beskrivning,
		Municipality: bal.MunicipalityCode(strings.TrimSpace(b.Kommunkod)),
		Comment:      b.Kommentar,
	}
	if d.Created, err = b.Skapad.Time(); err != nil {
		return nil, fmt.Errorf("brist %s: skapad: %w", id, err)
	}
	if d.Changed, err = b.Andrad.Time(); err != nil {
		return nil, fmt.Errorf("brist %s: andrad: %w", id, err)
	}
	if r := b.Registerenhet; r != nil {
		pid, err := bal.ParseObjectID(strings.TrimSpace(r.Objektidentitet))
		if err != nil {
			return nil, fmt.Errorf("brist %s: registerenhet: %w", id, err)
		}
		d.Property = &bal.PropertyRef{ID: pid, Designation: r.Beteckning, Type: bal.ParsePropertyType(r.Typ)}
	}
	if o := b.Objekt; o != nil {
		oid, err := bal.ParseObjectID(strings.TrimSpace(o.Objektidentitet))
		if err != nil {
			return nil, fmt.Errorf("brist %s: objekt: %w", id, err)
		}
		d.Object = &bal.ObjectRef{Type: bal.ParseObjectType(string(o.Objekttyp)), ID: oid}
	}
	return d, nil
}

// checked maps the answer about the deficiency id, which must be that one.
func checked(op string, res *bal.Response, id bal.ObjectID, b *update1.Brist) (*Deficiency, error) {
	d, err := fromWire(b)
	if err != nil {
		return nil, invalid(op, res, err)
	}
	if d.ID != id {
		return nil, invalid(op, res, fmt.Errorf("answer is about brist %s, want %s", d.ID, id))
	}
	return d, nil
}

// invalid reports an answer that arrived but cannot be used.
func invalid(op string, res *bal.Response, err error) error {
	e := &bal.Error{Operation: op, Message: err.Error(), Err: bal.ErrInvalidResponse}
	if res != nil {
		e.StatusCode, e.RequestID, e.Attempts = res.StatusCode, res.RequestID, res.Attempts
	}
	return e
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
