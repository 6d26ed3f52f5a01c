package objects

import (
	"fmt"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// ActionToWire maps a Verksamhetsåtgärd to the wire.
func ActionToWire(a bal.Action) update1.Verksamhetsatgard {
	return update1.Verksamhetsatgard{
		Atgardstyp:            string(a.Type),
		AnsvarigOrganisation:  a.Responsible,
		UtforandeOrganisation: a.Performer,
		Atgardstidpunkt:       update1.NewTidpunkt(a.Time),
	}
}

// ActionFromWire maps a recorded Verksamhetsåtgärd; parse spells the
// åtgärdstyp with the object type's list (lenient: unknown values are
// kept).
func ActionFromWire(w *update1.Verksamhetsatgard, parse func(string) bal.ActionType) (*bal.Action, error) {
	if w == nil {
		return nil, nil
	}
	t, err := w.Atgardstidpunkt.Time()
	if err != nil {
		return nil, fmt.Errorf("verksamhetsåtgärd: %w", err)
	}
	return &bal.Action{
		Type:        parse(w.Atgardstyp),
		Responsible: w.AnsvarigOrganisation,
		Performer:   w.UtforandeOrganisation,
		Time:        t,
	}, nil
}

// MetaToWire maps what a write sends of Meta: identity, version and status.
// versionGiltigFran/Till and the recorded action are the server's.
func MetaToWire(m *bal.Meta) update1.Utbytesobjekt {
	return update1.Utbytesobjekt{
		Objektidentitet: m.ID.String(),
		Objektversion:   int64(m.Version),
		Objektstatus:    string(m.Status),
	}
}

// StoredMetaToWire sets w's BAU_Utbytesobjekt fields and recorded action
// from m, all of them: the object as Lantmäteriet stores it, for the
// mappings the fake (bal/baltest) and the generator's extracts use
// (internal/wiremap). A write sends less (MetaToWire).
func StoredMetaToWire(w update1.Objekt, m *bal.Meta) {
	u := w.Meta()
	*u = MetaToWire(m)
	u.VersionGiltigFran, u.VersionGiltigTill = update1.NewTidpunkt(m.ValidFrom), update1.NewTidpunkt(m.ValidTo)
	if m.Action != nil {
		a := ActionToWire(*m.Action)
		w.SetAction(&a)
	}
}

// MetaFromWire maps an object's BAU_Utbytesobjekt fields and its recorded
// action.
func MetaFromWire(o update1.Objekt, parse func(string) bal.ActionType) (bal.Meta, error) {
	u := o.Meta()
	id, err := bal.ParseObjectID(u.Objektidentitet)
	if err != nil {
		return bal.Meta{}, err
	}
	from, err := u.VersionGiltigFran.Time()
	if err != nil {
		return bal.Meta{}, err
	}
	to, err := u.VersionGiltigTill.Time()
	if err != nil {
		return bal.Meta{}, err
	}
	act, err := ActionFromWire(o.Action(), parse)
	if err != nil {
		return bal.Meta{}, err
	}
	return bal.Meta{
		ID: id, Version: bal.Version(u.Objektversion), ValidFrom: from, ValidTo: to,
		Status: codelist.Parse[bal.Status](u.Objektstatus), Action: act,
	}, nil
}

// RefID parses a referenced objektidentitet; an empty one is the zero id.
// what names the reference in the error.
func RefID(what, s string) (bal.ObjectID, error) {
	if s == "" {
		return bal.ObjectID{}, nil
	}
	id, err := bal.ParseObjectID(s)
	if err != nil {
		return bal.ObjectID{}, fmt.Errorf("%s: %w", what, err)
	}
	return id, nil
}

// PropertyToWire maps a registerenhet reference for a write: only the
// identity is written; beteckning and typ are the server's to add.
func PropertyToWire(p bal.PropertyRef) update1.Registerenhetsreferens {
	return update1.Registerenhetsreferens{Objektidentitet: p.ID.String()}
}

// PropertyFromWire maps a registerenhet reference.
func PropertyFromWire(r update1.Registerenhetsreferens) (bal.PropertyRef, error) {
	id, err := RefID("registerenhet", r.Objektidentitet)
	if err != nil {
		return bal.PropertyRef{}, err
	}
	return bal.PropertyRef{ID: id, Designation: r.Beteckning, Type: codelist.Parse[bal.PropertyType](r.Typ)}, nil
}

// Ptr returns a pointer to a copy of v.
func Ptr[V any](v V) *V { return &v }

// Clone returns a pointer to a copy of *p, or nil for nil: the model's
// optional values must not share memory with the wire's.
func Clone[V any](p *V) *V {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Deref returns *p, or the zero value for nil.
func Deref[V any](p *V) V {
	if p == nil {
		var zero V
		return zero
	}
	return *p
}

// Pointers returns pointers to the elements of vs, for the lists of objects
// in a document (Entrelista, Lagenhetslista).
func Pointers[V any](vs []V) []*V {
	out := make([]*V, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}
