package deficiency

import (
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
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

// toStored maps a Deficiency as Lantmäteriet stores it, for the fake
// (bal/baltest) and its generator; the client never writes a Brist.
func toStored(d *Deficiency) *update1.Brist {
	b := &update1.Brist{
		Objektidentitet: d.ID.String(),
		Objektversion:   int64(d.Version),
		Bristtyp:        string(d.Type),
		Status:          string(d.Status),
		Beskrivning:     d.Description,
		Kommunkod:       string(d.Municipality),
		Kommentar:       d.Comment,
		Skapad:          update1.NewTidpunkt(d.Created),
		Andrad:          update1.NewTidpunkt(d.Changed),
	}
	if p := d.Property; p != nil {
		b.Registerenhet = &update1.Registerenhetsreferens{Objektidentitet: p.ID.String(), Beteckning: p.Designation, Typ: string(p.Type)}
	}
	if o := d.Object; o != nil {
		b.Objekt = &update1.Objektreferens{Objekttyp: update1.Objekttyp(o.Type), Objektidentitet: o.ID.String()}
	}
	return b
}

// The fake (bal/baltest) and its generator map brister with these
// functions (see internal/wiremap).
func init() { wiremap.Register(toStored, fromWire) }
