package baltest

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// The fake stores the modelled binding's structs (internal/wire/update1)
// and shows them in the SDK's types. The mappings between the two are the
// model packages' own (building, address, deficiency and casefile register
// them with internal/wiremap), so the fake never maps an object
// differently from the clients; the conformance tests check the structs
// against the binding's hand-written documents.

// wireTypes names the object type of each model type.
var wireTypes = map[reflect.Type]update1.Objekttyp{
	reflect.TypeFor[building.Building]():     update1.TypByggnad,
	reflect.TypeFor[building.Entrance]():     update1.TypEntre,
	reflect.TypeFor[building.Apartment]():    update1.TypLagenhet,
	reflect.TypeFor[address.Point]():         update1.TypAdressplats,
	reflect.TypeFor[address.Area]():          update1.TypAdressomrade,
	reflect.TypeFor[address.CourtyardArea](): update1.TypGardsadressomrade,
	reflect.TypeFor[address.District]():      update1.TypKommundel,
}

func wireType[T Object]() update1.Objekttyp { return wireTypes[reflect.TypeFor[T]()] }

// toWire maps a model object (a *T of Object) as Lantmäteriet stores it.
func toWire(m any) update1.Objekt {
	o, err := wiremap.ToWire(m)
	if err != nil {
		// Object admits only the seven types, whose packages register
		// their mappings.
		panic(fmt.Sprintf("baltest: %v", err))
	}
	return o
}

// fromWire maps a stored object to the model. The fake stores only objects
// its rules accepted, which the model reads; failing that is the fake's
// bug, not the test's.
func fromWire[T Object](o update1.Objekt) *T {
	m, err := wiremap.FromWire(o)
	if err != nil {
		panic(fmt.Sprintf("baltest: stored %s %s does not map to the model: %v", o.Type(), o.Meta().Objektidentitet, err))
	}
	return m.(*T)
}

// metaOf returns a stored object's bal.Meta.
func metaOf(o update1.Objekt) bal.Meta {
	m, err := wiremap.FromWire(o)
	if err != nil {
		panic(fmt.Sprintf("baltest: stored %s %s does not map to the model: %v", o.Type(), o.Meta().Objektidentitet, err))
	}
	switch x := m.(type) {
	case *building.Building:
		return x.Meta
	case *building.Entrance:
		return x.Meta
	case *building.Apartment:
		return x.Meta
	case *address.Point:
		return x.Meta
	case *address.Area:
		return x.Meta
	case *address.CourtyardArea:
		return x.Meta
	case *address.District:
		return x.Meta
	}
	panic(fmt.Sprintf("baltest: %T is not a BAL object", m))
}

// changeOf maps a change of the feed as the client reads it: the
// checkpoint after a change is its sekvensnummer (the binding's fran).
func changeOf(f update1.Forandring) bal.Change {
	id, err := bal.ParseObjectID(f.Objektidentitet)
	if err != nil {
		panic(fmt.Sprintf("baltest: change %d: %v", f.Sekvensnummer, err))
	}
	at, err := f.Tidpunkt.Time()
	if err != nil {
		panic(fmt.Sprintf("baltest: change %d: %v", f.Sekvensnummer, err))
	}
	return bal.Change{
		Sequence:   f.Sekvensnummer,
		Object:     bal.ObjectRef{Type: bal.ObjectType(f.Objekttyp), ID: id},
		Version:    bal.Version(f.Objektversion),
		Kind:       bal.ChangeKind(f.Forandringstyp),
		Time:       at,
		Checkpoint: bal.Checkpoint(strconv.FormatInt(f.Sekvensnummer, 10)),
	}
}

// receiptOf maps a kvitto the fake issued.
func receiptOf(k *update1.Kvitto) *bal.Receipt {
	r, err := objects.Receipt(*k, nil)
	if err != nil {
		panic(fmt.Sprintf("baltest: %v", err))
	}
	return r
}

var (
	bristFromWire  = wiremap.Lookup[*update1.Brist, *deficiency.Deficiency]()
	bristToWire    = wiremap.LookupTo[deficiency.Deficiency, *update1.Brist]()
	arendeFromWire = wiremap.Lookup[*update1.Arende, *casefile.Case]()
	arendeToWire   = wiremap.LookupTo[casefile.Case, *update1.Arende]()
)

func deficiencyOf(b *update1.Brist) *deficiency.Deficiency {
	d, err := bristFromWire(b)
	if err != nil {
		panic(fmt.Sprintf("baltest: stored brist %s does not map to the model: %v", b.Objektidentitet, err))
	}
	return d
}

func caseOf(a *update1.Arende) *casefile.Case {
	c, err := arendeFromWire(a)
	if err != nil {
		panic(fmt.Sprintf("baltest: stored ärende %s does not map to the model: %v", a.Objektidentitet, err))
	}
	return c
}
