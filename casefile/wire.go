package casefile

import (
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// fromWire maps an Arende. Identities and timestamps must parse; code-list
// values are kept as they came.
func fromWire(a *update1.Arende) (*Case, error) {
	id, err := bal.ParseObjectID(strings.TrimSpace(a.Objektidentitet))
	if err != nil {
		return nil, fmt.Errorf("ärende: %w", err)
	}
	k := &Case{
		ID:           id,
		Version:      bal.Version(a.Objektversion),
		Number:       strings.TrimSpace(a.Arendenummer),
		Type:         types.Parse(a.Arendetyp),
		Status:       statuses.Parse(a.Status),
		Description:  a.Beskrivning,
		Municipality: bal.MunicipalityCode(strings.TrimSpace(a.Kommunkod)),
	}
	if k.Created, err = a.Skapad.Time(); err != nil {
		return nil, fmt.Errorf("ärende %s: skapad: %w", id, err)
	}
	if k.Changed, err = a.Andrad.Time(); err != nil {
		return nil, fmt.Errorf("ärende %s: andrad: %w", id, err)
	}
	for i, r := range a.Registerenhet {
		pid, err := bal.ParseObjectID(strings.TrimSpace(r.Objektidentitet))
		if err != nil {
			return nil, fmt.Errorf("ärende %s: registerenhet %d: %w", id, i+1, err)
		}
		k.Properties = append(k.Properties, bal.PropertyRef{ID: pid, Designation: r.Beteckning, Type: codelist.Parse[bal.PropertyType](r.Typ)})
	}
	if k.Objects, err = refsFromWire(a.Objekt); err != nil {
		return nil, fmt.Errorf("ärende %s: objekt %w", id, err)
	}
	for i, q := range a.Kvittenser {
		ack := Acknowledgement{Kind: ackKinds.Parse(q.Kvittenstyp), Comment: q.Kommentar}
		if ack.Updated, err = refsFromWire(q.Objekt); err != nil {
			return nil, fmt.Errorf("ärende %s: kvittens %d: objekt %w", id, i+1, err)
		}
		if ack.Time, err = q.Tidpunkt.Time(); err != nil {
			return nil, fmt.Errorf("ärende %s: kvittens %d: %w", id, i+1, err)
		}
		k.Acknowledgements = append(k.Acknowledgements, ack)
	}
	return k, nil
}

func refsFromWire(refs []update1.Objektreferens) ([]bal.ObjectRef, error) {
	var out []bal.ObjectRef
	for i, r := range refs {
		oid, err := bal.ParseObjectID(strings.TrimSpace(r.Objektidentitet))
		if err != nil {
			return nil, fmt.Errorf("%d: %w", i+1, err)
		}
		out = append(out, bal.ObjectRef{Type: codelist.Parse[bal.ObjectType](string(r.Objekttyp)), ID: oid})
	}
	return out, nil
}

// ackToWire builds the body of a kvittens; Time is the server's to set.
func ackToWire(a Acknowledgement) *update1.Kvittens {
	k := &update1.Kvittens{Kvittensuppgift: update1.Kvittensuppgift{
		Kvittenstyp: string(a.Kind),
		Kommentar:   strings.TrimSpace(a.Comment),
	}}
	k.Objekt = refsToWire(a.Updated)
	return k
}

// toStored maps a Case as Lantmäteriet stores it, kvittenser with their
// tidpunkt included, for the fake (bal/baltest) and its generator.
func toStored(c *Case) *update1.Arende {
	a := &update1.Arende{
		Objektidentitet: c.ID.String(),
		Objektversion:   int64(c.Version),
		Arendenummer:    c.Number,
		Arendetyp:       string(c.Type),
		Status:          string(c.Status),
		Beskrivning:     c.Description,
		Kommunkod:       string(c.Municipality),
		Skapad:          update1.NewTidpunkt(c.Created),
		Andrad:          update1.NewTidpunkt(c.Changed),
	}
	for _, p := range c.Properties {
		a.Registerenhet = append(a.Registerenhet, update1.Registerenhetsreferens{Objektidentitet: p.ID.String(), Beteckning: p.Designation, Typ: string(p.Type)})
	}
	a.Objekt = refsToWire(c.Objects)
	for _, ack := range c.Acknowledgements {
		k := ackToWire(ack).Kvittensuppgift
		k.Kommentar = ack.Comment
		k.Tidpunkt = update1.NewTidpunkt(ack.Time)
		a.Kvittenser = append(a.Kvittenser, k)
	}
	return a
}

func refsToWire(refs []bal.ObjectRef) []update1.Objektreferens {
	var out []update1.Objektreferens
	for _, r := range refs {
		out = append(out, update1.Objektreferens{Objekttyp: update1.Objekttyp(r.Type), Objektidentitet: r.ID.String()})
	}
	return out
}

// The fake (bal/baltest) and its generator map ärenden with these
// functions (see internal/wiremap).
func init() { wiremap.Register(toStored, fromWire) }
