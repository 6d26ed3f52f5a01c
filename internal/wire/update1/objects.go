package update1

import (
	"encoding/xml"
	"reflect"
	"slices"
)

// The seven object structs implement Objekt and are document roots for the
// answers of GET /{typ}/{id}.

// Type returns the object type, Byggnad.
func (*Byggnad) Type() Objekttyp { return TypByggnad }

// Type returns the object type, Entre.
func (*Entre) Type() Objekttyp { return TypEntre }

// Type returns the object type, Lagenhet.
func (*Lagenhet) Type() Objekttyp { return TypLagenhet }

// Type returns the object type, Adressplats.
func (*Adressplats) Type() Objekttyp { return TypAdressplats }

// Type returns the object type, Adressomrade.
func (*Adressomrade) Type() Objekttyp { return TypAdressomrade }

// Type returns the object type, Gardsadressomrade.
func (*Gardsadressomrade) Type() Objekttyp { return TypGardsadressomrade }

// Type returns the object type, Kommundel.
func (*Kommundel) Type() Objekttyp { return TypKommundel }

// Meta returns the Byggnad's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Byggnad) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Entre's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Entre) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Lagenhet's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Lagenhet) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Adressplats's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Adressplats) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Adressomrade's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Adressomrade) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Gardsadressomrade's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Gardsadressomrade) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Meta returns the Kommundel's BAU_Utbytesobjekt fields, for reading and setting.
func (o *Kommundel) Meta() *Utbytesobjekt { return &o.Utbytesobjekt }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Byggnad) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Entre) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Lagenhet) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Adressplats) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Adressomrade) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Gardsadressomrade) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// Action returns the Verksamhetsåtgärd recorded with the version, nil when none.
func (o *Kommundel) Action() *Verksamhetsatgard { return o.Verksamhetsatgard }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Byggnad) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Entre) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Lagenhet) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Adressplats) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Adressomrade) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Gardsadressomrade) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

// SetAction sets the recorded Verksamhetsåtgärd.
func (o *Kommundel) SetAction(a *Verksamhetsatgard) { o.Verksamhetsatgard = a }

func (*Byggnad) rootName() string           { return string(TypByggnad) }
func (*Entre) rootName() string             { return string(TypEntre) }
func (*Lagenhet) rootName() string          { return string(TypLagenhet) }
func (*Adressplats) rootName() string       { return string(TypAdressplats) }
func (*Adressomrade) rootName() string      { return string(TypAdressomrade) }
func (*Gardsadressomrade) rootName() string { return string(TypGardsadressomrade) }
func (*Kommundel) rootName() string         { return string(TypKommundel) }

func (*Byggnad) rootAttrs() []xml.Attr           { return []xml.Attr{gmlDecl} }
func (*Entre) rootAttrs() []xml.Attr             { return []xml.Attr{gmlDecl} }
func (*Lagenhet) rootAttrs() []xml.Attr          { return []xml.Attr{gmlDecl} }
func (*Adressplats) rootAttrs() []xml.Attr       { return []xml.Attr{gmlDecl} }
func (*Adressomrade) rootAttrs() []xml.Attr      { return []xml.Attr{gmlDecl} }
func (*Gardsadressomrade) rootAttrs() []xml.Attr { return []xml.Attr{gmlDecl} }
func (*Kommundel) rootAttrs() []xml.Attr         { return []xml.Attr{gmlDecl} }

// CloneObject returns a deep copy.
func (o *Byggnad) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the building.
func (o *Byggnad) Clone() *Byggnad {
	if o == nil {
		return nil
	}
	c := *o
	a := &c.Byggnadsattribut
	a.UndantagenFranAdressattning = cloneBool(a.UndantagenFranAdressattning)
	a.Huvudbyggnad = cloneBool(a.Huvudbyggnad)
	a.OfriGrund = cloneBool(a.OfriGrund)
	a.Byggnadsservitut = cloneBool(a.Byggnadsservitut)
	c.Byggnadsanmarkning = slices.Clone(o.Byggnadsanmarkning)
	c.Byggnadsnamn = slices.Clone(o.Byggnadsnamn)
	c.Byggnadsandamal = slices.Clone(o.Byggnadsandamal)
	for i := range c.Byggnadsandamal {
		p := &c.Byggnadsandamal[i]
		p.Huvudandamal, p.OsakertAndamal = cloneBool(p.Huvudandamal), cloneBool(p.OsakertAndamal)
		p.TotalBoarea = cloneFloat(p.TotalBoarea)
	}
	c.Skyddsrum = slices.Clone(o.Skyddsrum)
	if o.Taxeringsenhet != nil {
		t := *o.Taxeringsenhet
		c.Taxeringsenhet = &t
	}
	if o.Varderingsenhet != nil {
		v := *o.Varderingsenhet
		c.Varderingsenhet = &v
	}
	c.Byggnadsdel = slices.Clone(o.Byggnadsdel)
	for i := range c.Byggnadsdel {
		d := &c.Byggnadsdel[i]
		d.Byggnadsyta = d.Byggnadsyta.clone()
		d.LagesnoggrannhetPlan = d.LagesnoggrannhetPlan.clone()
		d.LagesnoggrannhetHojd = d.LagesnoggrannhetHojd.clone()
	}
	c.LiggerPa = slices.Clone(o.LiggerPa)
	c.BerorsAv = slices.Clone(o.BerorsAv)
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

func (l *Lagesnoggrannhet) clone() *Lagesnoggrannhet {
	if l == nil {
		return nil
	}
	c := *l
	c.Varde = cloneFloat(l.Varde)
	return &c
}

// CloneObject returns a deep copy.
func (o *Entre) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the entrance.
func (o *Entre) Clone() *Entre {
	if o == nil {
		return nil
	}
	c := *o
	if o.Adressplats != nil {
		r := *o.Adressplats
		c.Adressplats = &r
	}
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

// CloneObject returns a deep copy.
func (o *Lagenhet) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the apartment.
func (o *Lagenhet) Clone() *Lagenhet {
	if o == nil {
		return nil
	}
	c := *o
	if o.AntalRum != nil {
		n := *o.AntalRum
		c.AntalRum = &n
	}
	c.Bostadsarea = cloneFloat(o.Bostadsarea)
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

// CloneObject returns a deep copy.
func (o *Adressplats) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the address point.
func (o *Adressplats) Clone() *Adressplats {
	if o == nil {
		return nil
	}
	c := *o
	c.Adressplatsattribut.Adressplatspunkt = o.Adressplatsattribut.Adressplatspunkt.clone()
	if o.Adressplatsnamn != nil {
		n := *o.Adressplatsnamn
		c.Adressplatsnamn = &n
	}
	c.Adressomrade = cloneRef(o.Adressomrade)
	c.Gardsadressomrade = cloneRef(o.Gardsadressomrade)
	c.Adressplatsanmarkning = slices.Clone(o.Adressplatsanmarkning)
	if o.AdressattAnlaggning != nil {
		a := *o.AdressattAnlaggning
		c.AdressattAnlaggning = &a
	}
	if o.Distriktstillhorighet != nil {
		d := *o.Distriktstillhorighet
		c.Distriktstillhorighet = &d
	}
	if o.Registerenhetsreferens != nil {
		r := *o.Registerenhetsreferens
		c.Registerenhetsreferens = &r
	}
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

// CloneObject returns a deep copy.
func (o *Adressomrade) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the address area.
func (o *Adressomrade) Clone() *Adressomrade {
	if o == nil {
		return nil
	}
	c := *o
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

// CloneObject returns a deep copy.
func (o *Gardsadressomrade) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the courtyard area.
func (o *Gardsadressomrade) Clone() *Gardsadressomrade {
	if o == nil {
		return nil
	}
	c := *o
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

// CloneObject returns a deep copy.
func (o *Kommundel) CloneObject() Objekt { return o.Clone() }

// Clone returns a deep copy of the district.
func (o *Kommundel) Clone() *Kommundel {
	if o == nil {
		return nil
	}
	c := *o
	c.Verksamhetsatgard = o.Verksamhetsatgard.clone()
	return &c
}

func cloneRef(r *Referens) *Referens {
	if r == nil {
		return nil
	}
	c := *r
	return &c
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

func cloneFloat(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v := *f
	return &v
}

// An object that carries nothing but its BAU_Utbytesobjekt fields (and its
// recorded action), as the body of a retirement does, is written as just
// those fields: <Byggnad><objektidentitet>…</objektidentitet>
// <objektversion>3</objektversion></Byggnad>, not with the empty blocks its
// struct would otherwise write (an empty Byggnadsattribut, an empty
// adressplatstyp), which a schema-validating service would refuse.

type (
	byggnadPlain           Byggnad
	entrePlain             Entre
	lagenhetPlain          Lagenhet
	adressplatsPlain       Adressplats
	adressomradePlain      Adressomrade
	gardsadressomradePlain Gardsadressomrade
	kommundelPlain         Kommundel
)

// MarshalXML writes the building, or only its identity and version when it
// carries nothing else.
func (o *Byggnad) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*byggnadPlain)(o))
}

// MarshalXML writes the entrance, or only its identity and version.
func (o *Entre) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*entrePlain)(o))
}

// MarshalXML writes the apartment, or only its identity and version.
func (o *Lagenhet) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*lagenhetPlain)(o))
}

// MarshalXML writes the address point, or only its identity and version.
func (o *Adressplats) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*adressplatsPlain)(o))
}

// MarshalXML writes the address area, or only its identity and version.
func (o *Adressomrade) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*adressomradePlain)(o))
}

// MarshalXML writes the courtyard area, or only its identity and version.
func (o *Gardsadressomrade) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*gardsadressomradePlain)(o))
}

// MarshalXML writes the district, or only its identity and version.
func (o *Kommundel) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalObject(e, start, o, (*kommundelPlain)(o))
}

// bareObject is an object written as its BAU_Utbytesobjekt fields and its
// recorded action only.
type bareObject struct {
	Utbytesobjekt
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard,omitempty"`
}

func marshalObject(e *xml.Encoder, start xml.StartElement, o Objekt, plain any) error {
	if isBare(o) {
		return e.EncodeElement(bareObject{Utbytesobjekt: *o.Meta(), Verksamhetsatgard: o.Action()}, start)
	}
	return e.EncodeElement(plain, start)
}

// isBare reports whether o holds nothing but its BAU_Utbytesobjekt fields
// and its recorded action.
func isBare(o Objekt) bool {
	z := o.Type().New()
	if z == nil {
		return false
	}
	*z.Meta() = *o.Meta()
	z.SetAction(o.Action())
	return reflect.DeepEqual(z, o)
}
