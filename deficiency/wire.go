package deficiency

import (
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

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
		Type:         types.Parse(b.Bristtyp),
		Status:       statuses.Parse(b.Status),
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
		d.Property = &bal.PropertyRef{ID: pid, Designation: r.Beteckning, Type: codelist.Parse[bal.PropertyType](r.Typ)}
	}
	if o := b.Objekt; o != nil {
		oid, err := bal.ParseObjectID(strings.TrimSpace(o.Objektidentitet))
		if err != nil {
			return nil, fmt.Errorf("brist %s: objekt: %w", id, err)
		}
		d.Object = &bal.ObjectRef{Type: codelist.Parse[bal.ObjectType](string(o.Objekttyp)), ID: oid}
	}
	return d, nil
}
